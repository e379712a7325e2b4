import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, flashOf, type Agent } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { billedCompany, counts, serviceLine, taxRate } from './test-helpers.ts';

describe.each(DIALECTS)('billing page and API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let billing: Agent;
  const get = (url: string, agent: Agent = billing) => getPage(suite.app, agent, url);
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  let alpha: string;
  let beta: string;

  beforeEach(async () => {
    await taxRate(suite.db, 'Sales tax', 82_500);
    billing = await signInAs(suite.app, suite.deps, 'billing');
    alpha = await billedCompany(suite.deps, 'Alpha Dental');
    await serviceLine(suite.db, alpha, {
      description: 'Phone lines',
      startDate: '2026-12-15',
      quantityThousandths: 4000,
      unitPriceCents: 230,
    });
    beta = await billedCompany(suite.deps, 'Beta Law', { monthly_rate_cents: 20000 });
  });

  it('previews without writing, then creates the invoices from a fresh plan (never the preview’s figures)', async () => {
    const before = await counts(suite.db);
    const preview = await get('/billing?preview=1&asOf=2026-12-01');
    expect(preview.statusCode).toBe(200);
    expect(await counts(suite.db)).toEqual(before);
    expect(preview.body).toContain('Preview as of 2026-12-01: 2 invoices, $384.35');
    expect(preview.body).toContain('Alpha Dental');
    expect(preview.body).toContain(
      'Phone lines — Dec 1, 2026 – Dec 31, 2026 (prorated: 17 of 31 days of $9.20)',
    );
    expect(preview.body).toContain('Create 2 invoices');
    expect(preview.body).toContain('issued and emailed');
    // The contract changes between preview and confirmation: the run bills what is true now.
    await suite.db
      .updateTable('companies')
      .set({ monthly_rate_cents: 30000 })
      .where('id', '=', beta)
      .execute();
    const res = await postForm(suite.app, billing, '/billing/run', {
      asOf: '2026-12-01',
      totalCents: '1',
    });
    expect(res.statusCode).toBe(302);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/billing\?run=/);
    expect(flashOf(res)).toMatchObject({
      kind: expect.stringMatching(/success|warning/),
      message: expect.stringContaining('Created 2 invoices ($'),
    });
    const betaInv = await suite.db
      .selectFrom('invoices')
      .selectAll()
      .where('company_id', '=', beta)
      .executeTakeFirstOrThrow();
    expect(Number(betaInv.subtotal_cents)).toBe(30000);
    const shown = await get(location);
    expect(shown.body).toContain(`href="/invoices/${betaInv.id}"`);
    expect(shown.body).toContain(betaInv.number!);
    expect(shown.body).toMatch(/This page/);
    // A second preview shows both as already billed.
    const again = await get('/billing?preview=1&asOf=2026-12-01');
    expect(again.body).toContain('Nothing to bill as of 2026-12-01');
    expect(again.body).toContain('2 companies were already billed');
    // The recent runs: the as-of date (the period people look for) is the first column and the link.
    const runs = /<table class="table table-sm billing-runs">(.*?)<\/table>/s.exec(
      (await get('/billing')).body,
    )![1];
    expect(/<th[^>]*>([^<]*)<\/th>/.exec(runs)![1]).toBe('As of');
    expect(/<a href="([^"]+)">([^<]*)<\/a>/.exec(runs)!.slice(1)).toEqual([location, '2026-12-01']);
  });

  it('filters by company name and posts only those companies', async () => {
    const preview = await get('/billing?preview=1&asOf=2026-12-01&companyQ=alpha');
    expect(preview.body).toContain('Create 1 invoice<');
    expect(preview.body).not.toContain('Beta Law');
    expect(preview.body).toContain(`name="companyIds" value="${alpha}"`);
    const res = await postForm(suite.app, billing, '/billing/run', {
      asOf: '2026-12-01',
      companyIds: alpha,
    });
    expect(res.statusCode).toBe(302);
    expect(
      (await suite.db.selectFrom('invoices').select('company_id').execute()).map(
        (r) => r.company_id,
      ),
    ).toEqual([alpha]);
    const none = await get('/billing?preview=1&asOf=2026-12-01&companyQ=zzz');
    expect(none.body).toContain('No active company’s name contains “zzz”');
  });

  it('enforces roles and CSRF, and rejects a bad date', async () => {
    const readonly = await signInAs(suite.app, suite.deps, 'readonly');
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const ro = await get('/billing', readonly);
    expect(ro.statusCode).toBe(200);
    expect(ro.body).not.toContain('Run billing');
    expect((await get('/billing', tech)).statusCode).toBe(403);
    expect(
      (await postForm(suite.app, readonly, '/billing/run', { asOf: '2026-12-01' })).statusCode,
    ).toBe(403);
    const noCsrf = await suite.app.inject({
      method: 'POST',
      url: '/billing/run',
      headers: { cookie: billing.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'asOf=2026-12-01',
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await counts(suite.db)).invoices).toBe(0);
    const bad = await get('/billing?preview=1&asOf=2026-02-30');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the as-of date as a date like 2026-12-01.');
    const badPost = await postForm(suite.app, billing, '/billing/run', { asOf: 'soon' });
    expect(flashOf(badPost)).toMatchObject({
      kind: 'danger',
      message: 'As-of date must be a date like 2026-12-01',
    });
  });

  it('API: a dry run returns what it would create and writes nothing; a real run creates it; errors are problem+json', async () => {
    const headers = await bearer('billing');
    const before = await counts(suite.db);
    const dry = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/billing/run',
      headers,
      payload: { asOf: '2026-12-01', dryRun: true },
    });
    expect(dry.statusCode).toBe(200);
    const d = dry.json();
    expect(d).toMatchObject({
      dryRun: true,
      runId: null,
      invoicesCreated: 2,
      invoiceIds: [],
      totalCents: 38435,
    });
    expect(d.plans.map((p: { companyName: string }) => p.companyName)).toEqual([
      'Alpha Dental',
      'Beta Law',
    ]);
    expect(d.plans[0].lines[1]).toMatchObject({
      kind: 'service',
      amountCents: 505,
      taxCents: 42,
      quantityThousandths: 1000,
      unitPriceCents: 505,
    });
    expect(await counts(suite.db)).toEqual(before);
    const real = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/billing/run',
      headers,
      payload: { asOf: '2026-12-01' },
    });
    const r = real.json();
    expect(r).toMatchObject({ dryRun: false, invoicesCreated: 2, totalCents: 38435 });
    expect(r.invoiceIds).toHaveLength(2);
    expect(r.plans).toBeUndefined();
    const ids = (await suite.db.selectFrom('invoices').select('id').execute())
      .map((x) => x.id)
      .sort();
    expect([...r.invoiceIds].sort()).toEqual(ids);
    const again = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/billing/run',
      headers,
      payload: { asOf: '2026-12-01', dryRun: false },
    });
    expect(again.json()).toMatchObject({ invoicesCreated: 0, invoiceIds: [], skipped: 2 });
    const bad = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/billing/run',
      headers,
      payload: { asOf: '12/01/2026' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      { path: 'asOf', message: 'As-of date must be a date like 2026-12-01' },
    ]);
    for (const role of ['technician', 'readonly'] as const) {
      const denied = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/billing/run',
        headers: await bearer(role),
        payload: { asOf: '2026-12-01', dryRun: true },
      });
      expect(denied.statusCode).toBe(403);
    }
    expect(
      (
        await suite.app.inject({
          method: 'POST',
          url: '/api/v1/billing/run',
          payload: { asOf: '2026-12-01' },
        })
      ).statusCode,
    ).toBe(401);
    const runs = await suite.app.inject({
      url: '/api/v1/billing/runs',
      headers: await bearer('readonly'),
    });
    expect(
      runs
        .json()
        .items.map((x: { triggeredBy: string; invoicesCreated: number }) => [
          x.triggeredBy,
          x.invoicesCreated,
        ]),
    ).toEqual([
      ['api', 0],
      ['api', 2],
    ]);
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/billing/run'].post.requestBody).toBeTruthy();
    expect(doc.components.schemas.BillingRunResult.properties.invoiceIds).toBeTruthy();
  });
});
