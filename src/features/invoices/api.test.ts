import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, type Agent } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { createSession } from '../../platform/sessions.ts';
import { businessToday } from '../assets/service.ts';
import { createContact } from '../contacts/service.ts';
import { company, systemCtx, workOrder } from '../time/test-helpers.ts';
import { openApiDocument } from '../api/openapi.ts';

describe.each(DIALECTS)('invoices JSON API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let h: Record<string, string>;
  let tech: Agent;
  let companyId: string;
  let year: string;
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = h) =>
    suite.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  const line = (
    description: string,
    unitPriceCents: number,
    quantityThousandths = 1000,
    taxable = true,
  ) => ({ description, quantityThousandths, unitPriceCents, taxable });

  beforeEach(async () => {
    h = await bearer('billing');
    tech = await signInAs(suite.app, suite.deps, 'technician');
    companyId = (await company(suite.deps, 'Riverside Dental')).id;
    year = (await businessToday(suite.deps)).slice(0, 4);
  });

  it('creates a draft from lines (taxed at the default rate), edits its lines, issues it, and reads it back in exactly the documented shape', async () => {
    await suite.db
      .insertInto('tax_rates')
      .values({
        id: 'tax-1',
        name: 'Sales tax',
        rate_ppm: 82_500,
        is_default: 1,
        active: 1,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    const created = await call('POST', '/invoices', {
      companyId,
      lines: [line('Consulting', 15000, 1500), line('Cable', 1999, 2000, false)],
      notes: 'Thanks',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/invoices/${created.json().id}`);
    const draft = created.json();
    expect(draft).toMatchObject({
      companyId,
      status: 'draft',
      number: null,
      kind: 'invoice',
      issueDate: null,
      dueDate: null,
      currency: 'USD',
      billToName: 'Riverside Dental',
      notes: 'Thanks',
      subtotalCents: 22500 + 3998,
      taxCents: 1856,
      totalCents: 22500 + 3998 + 1856,
      paidCents: 0,
      creditedCents: 0,
      balanceCents: 28354,
      periodStart: null,
      periodEnd: null,
    });
    expect(draft.lines).toHaveLength(2);
    expect(draft.lines[0]).toMatchObject({
      description: 'Consulting',
      quantityThousandths: 1500,
      unitPriceCents: 15000,
      amountCents: 22500,
      taxRatePpm: 82_500,
      taxCents: 1856,
      taxName: 'Sales tax',
    });
    expect(draft.lines[1]).toMatchObject({ amountCents: 3998, taxRatePpm: 0, taxCents: 0 });
    expect(draft).not.toHaveProperty('runKey');
    const added = await call(
      'POST',
      `/invoices/${draft.id}/lines`,
      line('Travel', 4000, 1000, false),
    );
    expect(added.statusCode).toBe(201);
    expect(added.json().totalCents).toBe(32354);
    const removed = await call('DELETE', `/invoices/${draft.id}/lines/${draft.lines[1].id}`);
    expect(removed.json().lines.map((l: { description: string }) => l.description)).toEqual([
      'Consulting',
      'Travel',
    ]);
    expect((await call('DELETE', `/invoices/${draft.id}/lines/nope`)).statusCode).toBe(404);
    const issued = await call('POST', `/invoices/${draft.id}/issue`);
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toMatchObject({
      status: 'issued',
      number: `INV-${year}-00001`,
      totalCents: 28356,
      balanceCents: 28356,
    });
    const one = (await call('GET', `/invoices/${draft.id}`)).json();
    expect(one).toEqual(issued.json());
    for (const k of [
      'id',
      'number',
      'companyId',
      'status',
      'issueDate',
      'dueDate',
      'totalCents',
      'paidCents',
      'balanceCents',
      'lines',
      'kind',
      'subtotalCents',
      'taxCents',
      'creditedCents',
      'currency',
      'periodStart',
      'periodEnd',
      'billToName',
    ]) {
      expect(one, k).toHaveProperty(k);
    }
    // An issued invoice refuses draft edits and a second issue with 409; deleting it too.
    for (const [method, url] of [
      ['POST', `/invoices/${draft.id}/issue`],
      ['DELETE', `/invoices/${draft.id}`],
      ['DELETE', `/invoices/${draft.id}/lines/${one.lines[0].id}`],
    ] as const) {
      const res = await call(method, url);
      expect(res.statusCode, url).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await call('POST', `/invoices/${draft.id}/lines`, line('Late', 100))).statusCode).toBe(
      409,
    );
  });

  it('answers 400 problem+json naming the fields, and 404 for unknown invoices', async () => {
    const bad = await call('POST', '/invoices', {
      companyId,
      lines: [{ description: '', quantityThousandths: 1.5, unitPriceCents: 'ten' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['lines.0.description', 'lines.0.quantityThousandths', 'lines.0.unitPriceCents']);
    expect((await call('POST', '/invoices', { companyId })).json().errors).toEqual([
      { path: 'lines', message: 'Add at least one line or ready-to-bill item' },
    ]);
    expect(
      (await call('POST', '/invoices', { companyId: 'nope', lines: [line('x', 1)] })).json()
        .errors[0].path,
    ).toBe('companyId');
    expect(
      (await call('POST', '/invoices', { companyId, items: [{ kind: 'time', id: 'nope' }] })).json()
        .errors[0].path,
    ).toBe('items.0');
    expect((await call('GET', '/invoices?status=lost')).statusCode).toBe(400);
    expect((await call('GET', '/invoices?limit=0')).statusCode).toBe(400);
    for (const [method, url] of [
      ['GET', '/invoices/nope'],
      ['GET', '/invoices/nope/pdf'],
      ['POST', '/invoices/nope/issue'],
      ['POST', '/invoices/nope/send'],
      ['DELETE', '/invoices/nope'],
    ] as const) {
      expect((await call(method, url)).statusCode, url).toBe(404);
    }
    const inv = (
      await call('POST', '/invoices', { companyId, lines: [line('x', 1000)], issue: true })
    ).json();
    const noReason = await call('POST', `/invoices/${inv.id}/void`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toEqual({
      path: 'reason',
      message: 'Say why the invoice is voided',
    });
    const noAmount = await call('POST', `/invoices/${inv.id}/credit-notes`, { description: 'x' });
    expect(noAmount.json().errors).toEqual([
      { path: 'amountCents', message: 'Amount is required' },
    ]);
  });

  it('invoices ready-to-bill items (claimed once), issues at once on request, credits, voids and sends', async () => {
    const wo = await workOrder(suite.db, companyId, 'billable');
    expect(
      (
        await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
          workDate: '2026-03-02',
          duration: '90',
          description: 'Firewall',
        })
      ).statusCode,
    ).toBe(302);
    const entry = await suite.db.selectFrom('time_entries').select('id').executeTakeFirstOrThrow();
    const res = await call('POST', '/invoices', {
      companyId,
      items: [{ kind: 'time', id: entry.id }],
      issue: true,
    });
    expect(res.statusCode).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({ status: 'issued', totalCents: 18750, source: 'work_order' });
    expect(inv.lines[0]).toMatchObject({
      kind: 'time',
      sourceType: 'time_entry',
      sourceId: entry.id,
      workOrderId: wo,
    });
    expect(
      (await call('POST', '/invoices', { companyId, items: [{ kind: 'time', id: entry.id }] }))
        .statusCode,
    ).toBe(400);
    // A credit note of $50 (no tax), then a full credit is refused (something is already credited).
    const credit = await call('POST', `/invoices/${inv.id}/credit-notes`, {
      amountCents: 5000,
      description: 'Goodwill',
      reason: 'Slow response',
    });
    expect(credit.statusCode).toBe(201);
    expect(credit.json()).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      number: `CN-${year}-00001`,
      creditForInvoiceId: inv.id,
      totalCents: 5000,
    });
    expect((await call('GET', `/invoices/${inv.id}`)).json()).toMatchObject({
      creditedCents: 5000,
      balanceCents: 13750,
    });
    expect(
      (await call('POST', `/invoices/${inv.id}/credit-notes`, { full: true })).statusCode,
    ).toBe(409);
    expect((await call('POST', `/invoices/${inv.id}/void`, { reason: 'x' })).statusCode).toBe(409);
    // Sending without SMTP is logged, and the log is kept.
    const contact = await createContact(systemCtx(suite.deps), companyId, {
      name: 'Beth',
      email: 'beth@riverside.test',
    });
    await suite.db
      .updateTable('companies')
      .set({ billing_contact_id: contact.id })
      .where('id', '=', companyId)
      .execute();
    const sent = await call('POST', `/invoices/${inv.id}/send`, { to: 'ap@riverside.test' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ to: 'ap@riverside.test', status: 'logged' });
    expect((await call('POST', `/invoices/${inv.id}/send`, { to: 'nope' })).statusCode).toBe(400);
    expect(
      (
        await suite.db
          .selectFrom('email_log')
          .select(['to_address', 'status'])
          .where('entity_id', '=', inv.id)
          .execute()
      ).map((r) => [r.to_address, r.status]),
    ).toEqual([['ap@riverside.test', 'logged']]);
    // Void the credit note, then the invoice (rebill), which returns its time to ready to bill.
    expect(
      (await call('POST', `/invoices/${credit.json().id}/void`, { reason: 'Mistake' })).json()
        .status,
    ).toBe('void');
    const voided = await call('POST', `/invoices/${inv.id}/void`, {
      reason: 'Wrong rate',
      rebill: true,
    });
    expect(voided.json()).toMatchObject({
      status: 'void',
      voidReason: 'Wrong rate',
      balanceCents: 0,
    });
    expect(
      (await suite.db.selectFrom('time_entries').select('invoice_id').executeTakeFirstOrThrow())
        .invoice_id,
    ).toBeNull();
    expect((await call('POST', `/invoices/${inv.id}/void`, { reason: 'again' })).statusCode).toBe(
      409,
    );
    expect((await call('POST', `/invoices/${inv.id}/send`, {})).statusCode).toBe(409);
    // The PDF of the voided invoice is still there.
    const pdf = await call('GET', `/invoices/${inv.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('lists with filters and cursor pages, each invoice with its lines; deletes drafts', async () => {
    const other = (await company(suite.deps, 'Oakwood Law')).id;
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1)
      made.push(
        (
          await call('POST', '/invoices', {
            companyId: i < 3 ? companyId : other,
            lines: [line(`Item ${i}`, 1000 * (i + 1))],
            issue: i % 2 === 0,
          })
        ).json().id,
      );
    const seen: { id: string; lines: unknown[]; companyId: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/invoices?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json() as { items: typeof seen; nextCursor: string | null };
      expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.id)).toEqual(made);
    expect(seen.every((i) => i.lines.length === 1)).toBe(true);
    const mine = (await call('GET', `/invoices?companyId=${companyId}&status=draft`)).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([made[1]]);
    expect(mine.nextCursor).toBeNull();
    expect((await call('GET', '/invoices?status=open')).json().items).toHaveLength(3);
    expect((await call('DELETE', `/invoices/${made[1]}`)).statusCode).toBe(204);
    expect((await call('GET', `/invoices/${made[1]}`)).statusCode).toBe(404);
  });

  it('lets readonly read but not write, technicians nothing, and no key or a portal session gets 401', async () => {
    const inv = (await call('POST', '/invoices', { companyId, lines: [line('x', 1000)] })).json();
    const ro = await bearer('readonly');
    expect((await call('GET', '/invoices', undefined, ro)).statusCode).toBe(200);
    expect((await call('GET', `/invoices/${inv.id}`, undefined, ro)).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', '/invoices', { companyId, lines: [line('x', 1)] }],
      ['POST', `/invoices/${inv.id}/issue`, {}],
      ['DELETE', `/invoices/${inv.id}`, undefined],
      ['POST', `/invoices/${inv.id}/lines`, line('y', 1)],
      ['POST', `/invoices/${inv.id}/send`, {}],
    ] as const) {
      expect((await call(method, url, body, ro)).statusCode, `${method} ${url}`).toBe(403);
    }
    const techKey = await bearer('technician');
    expect((await call('GET', '/invoices', undefined, techKey)).statusCode).toBe(403);
    expect((await call('GET', `/invoices/${inv.id}`, undefined, techKey)).statusCode).toBe(403);
    expect((await call('GET', '/invoices', undefined, {})).statusCode).toBe(401);
    const contact = await createContact(systemCtx(suite.deps), companyId, {
      name: 'Portal',
      email: 'p@riverside.test',
    });
    const token = await createSession(suite.db, {
      principalType: 'contact',
      principalId: contact.id,
      ttlHours: 1,
    });
    const portal = await call('GET', `/invoices/${inv.id}`, undefined, {
      cookie: `st_portal=${token}`,
    });
    expect(portal.statusCode).toBe(401);
    expect(portal.body).not.toContain('Riverside');
  });

  it('documents every endpoint in the OpenAPI document', () => {
    const doc = openApiDocument();
    for (const p of [
      '/invoices',
      '/invoices/{id}',
      '/invoices/{id}/pdf',
      '/invoices/{id}/issue',
      '/invoices/{id}/void',
      '/invoices/{id}/send',
      '/invoices/{id}/credit-notes',
      '/invoices/{id}/lines',
      '/invoices/{id}/lines/{lineId}',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    expect(doc.components.schemas).toHaveProperty('InvoiceCreate.properties.items');
  });
});
