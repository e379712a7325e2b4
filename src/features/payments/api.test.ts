import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { addDaysToDate, addMinutes, nowIso } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { company } from '../time/test-helpers.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';

describe.each(DIALECTS)('payments API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let companyId: string;
  let today: string;
  let a: string;
  let b: string;
  let auth: Record<string, string>;
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const post = (url: string, payload: object, headers: Record<string, string> = auth) =>
    suite.app.inject({ method: 'POST', url, payload, headers });
  const count = async () => (await suite.db.selectFrom('payments').select('id').execute()).length;

  beforeEach(async () => {
    auth = await bearer('billing');
    companyId = (await company(suite.deps, 'Riverside Dental')).id;
    today = await businessToday(suite.deps);
    a = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00001',
      status: 'issued',
      issue_date: addDaysToDate(today, -45),
      due_date: addDaysToDate(today, -15),
      total_cents: 30000,
      balance_cents: 30000,
    });
    b = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00002',
      status: 'issued',
      issue_date: addDaysToDate(today, -5),
      due_date: addDaysToDate(today, 25),
      total_cents: 20000,
      balance_cents: 20000,
    });
  });

  it('an invoice’s API status follows its payments: issued, partially_paid, paid (and filters by it)', async () => {
    const status = async (id: string) =>
      (await suite.app.inject({ url: `/api/v1/invoices/${id}`, headers: auth })).json().status;
    expect([await status(a), await status(b)]).toEqual(['issued', 'issued']);
    await post('/api/v1/payments', {
      companyId,
      amountCents: 35000,
      method: 'check',
      reference: '7001',
      receivedOn: today,
    });
    expect([await status(a), await status(b)]).toEqual(['paid', 'partially_paid']);
    const ids = async (s: string) =>
      (await suite.app.inject({ url: `/api/v1/invoices?status=${s}`, headers: auth }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids('paid')).toEqual([a]);
    expect(await ids('partially_paid')).toEqual([b]);
    expect(
      (await suite.app.inject({ url: `/api/v1/invoices/${a}`, headers: auth })).json()
        .documentStatus,
    ).toBe('issued');
  });

  it('records (201 with allocations and unappliedCents), lists with a cursor, shows one with reversed allocations flagged after a void', async () => {
    const res = await post('/api/v1/payments', {
      companyId,
      amountCents: 60000,
      method: 'check',
      reference: '5521',
      receivedOn: today,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      allocations: [
        { invoiceId: a, amountCents: 30000 },
        { invoiceId: b, amountCents: 20000 },
      ],
      unappliedCents: 10000,
      status: 'recorded',
    });
    expect(typeof body.id).toBe('string');
    await post('/api/v1/payments', {
      companyId,
      amountCents: 500,
      method: 'cash',
      reference: null,
      receivedOn: today,
    });
    const page1 = (
      await suite.app.inject({
        url: `/api/v1/payments?companyId=${companyId}&limit=1`,
        headers: auth,
      })
    ).json();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (
      await suite.app.inject({
        url: `/api/v1/payments?companyId=${companyId}&limit=1&cursor=${page1.nextCursor}`,
        headers: auth,
      })
    ).json();
    expect(page2.items[0].id).toBe(body.id);
    expect(page2.nextCursor).toBeNull();

    const v = await post(`/api/v1/payments/${body.id}/void`, { reason: 'Bounced' });
    expect(v.statusCode).toBe(200);
    const one = (
      await suite.app.inject({ url: `/api/v1/payments/${body.id}`, headers: auth })
    ).json();
    expect(one.status).toBe('void');
    expect(
      one.allocations.map((x: { reversed: boolean; reversedReason: string }) => [
        x.reversed,
        x.reversedReason,
      ]),
    ).toEqual([
      [true, 'Payment voided: Bounced'],
      [true, 'Payment voided: Bounced'],
    ]);
    expect((await post(`/api/v1/payments/${body.id}/void`, { reason: 'again' })).statusCode).toBe(
      409,
    );
  });

  it('answers problem+json naming the fields; readonly and technician keys cannot record (403)', async () => {
    const res = await post('/api/v1/payments', {
      companyId,
      amountCents: 1.5,
      method: 'barter',
      receivedOn: 'soon',
      allocations: [{ invoiceId: a, amountCents: 0 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['amountCents', 'method', 'receivedOn', 'allocations.0.amountCents']),
    );
    const split = await post('/api/v1/payments', {
      companyId,
      amountCents: 1000,
      method: 'bank',
      reference: 'x',
      receivedOn: today,
      allocations: [{ invoiceId: b, amountCents: 30000 }],
    });
    expect(split.json().errors).toEqual([
      {
        path: 'allocations.0.amountCents',
        message: expect.stringContaining('more than the invoice'),
      },
    ]);
    for (const role of ['readonly', 'technician'] as const) {
      expect(
        (
          await post(
            '/api/v1/payments',
            { companyId, amountCents: 100, method: 'cash', receivedOn: today },
            await bearer(role),
          )
        ).statusCode,
      ).toBe(403);
    }
    expect(
      (await suite.app.inject({ url: '/api/v1/payments', headers: await bearer('technician') }))
        .statusCode,
    ).toBe(403);
    expect(await count()).toBe(0);
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/payments',
        '/payments/{id}',
        '/payments/{id}/void',
        '/payments/export',
      ]),
    );
  });

  it('Idempotency-Key: a retry returns the same answer and records nothing; another body is 422; keys are per caller', async () => {
    const payload = {
      companyId,
      amountCents: 25000,
      method: 'check',
      reference: '777',
      receivedOn: today,
    };
    const h = { ...auth, 'idempotency-key': 'pay-777' };
    const first = await post('/api/v1/payments', payload, h);
    const again = await post('/api/v1/payments', payload, h);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(1);
    const other = await post('/api/v1/payments', { ...payload, amountCents: 1 }, h);
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    // Another API key with the same key string is another caller.
    expect(
      (
        await post('/api/v1/payments', payload, {
          ...(await bearer('billing')),
          'idempotency-key': 'pay-777',
        })
      ).statusCode,
    ).toBe(201);
    expect(await count()).toBe(2);
    expect(
      (await post('/api/v1/payments', payload, { ...auth, 'idempotency-key': 'x'.repeat(256) }))
        .statusCode,
    ).toBe(400);
    // A failed first attempt lets go of the key: the corrected retry records.
    const bad = await post(
      '/api/v1/payments',
      { ...payload, reference: '' },
      { ...auth, 'idempotency-key': 'k2' },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await post(
          '/api/v1/payments',
          { ...payload, reference: '' },
          { ...auth, 'idempotency-key': 'k2' },
        )
      ).statusCode,
    ).toBe(400);
    expect(await count()).toBe(2);
  });

  it('Idempotency-Key sent twice at the same moment records one payment and both get the same body', async () => {
    for (let round = 0; round < 3; round++) {
      const payload = { companyId, amountCents: 100 + round, method: 'cash', receivedOn: today };
      const h = { ...auth, 'idempotency-key': `same-${round}` };
      const [r1, r2] = await Promise.all([
        post('/api/v1/payments', payload, h),
        post('/api/v1/payments', payload, h),
      ]);
      expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
      expect(r2.json()).toEqual(r1.json());
    }
    expect(await count()).toBe(3);
  });

  it('a key still in progress answers 409; an abandoned one is taken over; keys older than a day are purged', async () => {
    const payload = { companyId, amountCents: 100, method: 'cash', receivedOn: today };
    const scope = (await suite.db.selectFrom('api_keys').select('id').executeTakeFirstOrThrow()).id;
    const { requestHash } = await import('../../platform/idempotency.ts');
    await suite.db
      .insertInto('idempotency_keys')
      .values({
        scope: `key:${scope}`,
        idem_key: 'busy',
        request_hash: requestHash('POST', '/api/v1/payments', payload),
        status_code: null,
        response: null,
        created_at: nowIso(),
      })
      .execute();
    const busy = await post('/api/v1/payments', payload, { ...auth, 'idempotency-key': 'busy' });
    expect(busy.statusCode).toBe(409);
    await suite.db
      .updateTable('idempotency_keys')
      .set({ created_at: addMinutes(nowIso(), -10) })
      .where('idem_key', '=', 'busy')
      .execute();
    expect(
      (await post('/api/v1/payments', payload, { ...auth, 'idempotency-key': 'busy' })).statusCode,
    ).toBe(201);
    await suite.db
      .insertInto('idempotency_keys')
      .values({
        scope: 'user:old',
        idem_key: 'old',
        request_hash: 'x',
        status_code: 201,
        response: '{}',
        created_at: addMinutes(nowIso(), -25 * 60),
      })
      .execute();
    await post('/api/v1/payments', payload, { ...auth, 'idempotency-key': 'fresh' });
    expect(
      await suite.db
        .selectFrom('idempotency_keys')
        .select('idem_key')
        .where('idem_key', '=', 'old')
        .execute(),
    ).toEqual([]);
    expect(await count()).toBe(2);
  });
});
