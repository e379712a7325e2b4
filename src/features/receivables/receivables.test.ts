// Balances, the aging report (boundaries, a past date against a hand-computed history, the CSV) and
// the statement (closing balance = balance as of `to`, the PDF's text), through the API, the pages and
// the services, on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { memoryMailer, signInAs, postForm } from '../../../test/support/app.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { agingFromBalances, agingFromHistory } from './queries.ts';
import { balanceAsOf, companyReceivables } from './service.ts';
import { buildStatement, statementPdf } from './statement.ts';
import { history, invoice, payment } from './test-fixtures.ts';

const zero = {
  currentCents: 0,
  days1To30Cents: 0,
  days31To60Cents: 0,
  days61To90Cents: 0,
  over90Cents: 0,
  totalCents: 0,
};

describe.each(DIALECTS)('receivables on %s', (dialect) => {
  const mailer = memoryMailer();
  const suite = useAppSuite(dialect, { deps: { mailer } });
  let admin: Ctx;
  let a: string;
  let b: string;
  let today: string;
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const get = async (url: string, role: Role = 'billing') =>
    suite.app.inject({ method: 'GET', url, headers: await bearer(role) });

  beforeEach(async () => {
    mailer.sent.length = 0;
    admin = await staffCtx(suite.deps, 'admin');
    a = (await company(suite.deps, 'Alpha Dental')).id;
    b = (await company(suite.deps, 'Beta Law')).id;
    today = await businessToday(suite.deps);
  });

  it('balance: open invoice amounts less unapplied credit, exactly the three fields; 404 and 403', async () => {
    await invoice(suite.db, a, { issueDate: '2026-01-01', dueDate: '2026-01-31', total: 10000 });
    await invoice(suite.db, a, {
      issueDate: '2026-02-01',
      dueDate: '2026-03-03',
      total: 5000,
      paid: 2000,
    });
    await invoice(suite.db, a, {
      issueDate: '2026-02-01',
      dueDate: '2026-03-03',
      total: 7777,
      status: 'void',
      voidedAt: '2026-02-02T12:00:00.000Z',
    });
    await invoice(suite.db, a, {
      issueDate: '2026-02-01',
      dueDate: '2026-03-03',
      total: 3333,
      status: 'draft',
    });
    await invoice(suite.db, b, { issueDate: '2026-02-01', dueDate: '2026-03-03', total: 99999 });
    await payment(suite.db, a, { receivedOn: '2026-02-10', amount: 3500, unapplied: 1500 });
    await payment(suite.db, a, {
      receivedOn: '2026-02-11',
      amount: 999,
      unapplied: 999,
      voidedAt: '2026-02-12T12:00:00.000Z',
    });
    const res = await get(`/api/v1/companies/${a}/balance`, 'readonly');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toStrictEqual({
      balanceCents: 11500,
      openInvoiceCents: 13000,
      unappliedCreditCents: 1500,
    });
    expect((await get(`/api/v1/companies/${b}/balance`)).json()).toStrictEqual({
      balanceCents: 99999,
      openInvoiceCents: 99999,
      unappliedCreditCents: 0,
    });
    expect((await get('/api/v1/companies/nope/balance')).statusCode).toBe(404);
    expect((await get(`/api/v1/companies/${a}/balance`, 'technician')).statusCode).toBe(403);
    const card = await companyReceivables(admin, a);
    expect(card).toMatchObject({ balanceCents: 11500, unappliedCreditCents: 1500 });
    expect(card.aging.totalCents).toBe(13000);
  });

  it('aging buckets at the boundaries through the API (due today is current; 1, 30 | 31, 60 | 61, 90 | 91)', async () => {
    const late = {
      0: 1,
      1: 10,
      30: 100,
      31: 1000,
      60: 10000,
      61: 100000,
      90: 1000000,
      91: 10000000,
      [-5]: 3,
    } as Record<number, number>;
    for (const [days, cents] of Object.entries(late))
      await invoice(suite.db, Number(days) % 2 ? a : b, {
        issueDate: addDaysToDate(today, -120),
        dueDate: addDaysToDate(today, -Number(days)),
        total: cents,
      });
    const res = await get('/api/v1/reports/aging', 'readonly');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(today);
    expect(body.totals).toStrictEqual({
      currentCents: 4,
      days1To30Cents: 110,
      days31To60Cents: 11000,
      days61To90Cents: 1100000,
      over90Cents: 10000000,
      totalCents: 11111114,
    });
    const byId = Object.fromEntries(
      body.companies.map((c: { companyId: string }) => [c.companyId, c]),
    );
    // Odd day counts went to Alpha (1, 31, 61, 91 and −5), even ones to Beta (0, 30, 60, 90).
    expect(byId[a]).toMatchObject({
      companyName: 'Alpha Dental',
      currentCents: 3,
      days1To30Cents: 10,
      days31To60Cents: 1000,
      days61To90Cents: 100000,
      over90Cents: 10000000,
      totalCents: 10101013,
    });
    expect(byId[b]).toMatchObject({
      currentCents: 1,
      days1To30Cents: 100,
      days31To60Cents: 10000,
      days61To90Cents: 1000000,
      over90Cents: 0,
      totalCents: 1010101,
    });
    expect(Object.keys(body).sort()).toEqual(['asOf', 'companies', 'totals']);
    // One day later every invoice moves on by a day: 0 → 1–30, 30 → 31–60, 60 → 61–90, 90 → over 90.
    const tomorrow = (await get(`/api/v1/reports/aging?asOf=${addDaysToDate(today, 1)}`)).json();
    expect(tomorrow.totals).toStrictEqual({
      currentCents: 3,
      days1To30Cents: 11,
      days31To60Cents: 1100,
      days61To90Cents: 110000,
      over90Cents: 11000000,
      totalCents: 11111114,
    });
    expect((await get('/api/v1/reports/aging', 'technician')).statusCode).toBe(403);
    const bad = await get('/api/v1/reports/aging?asOf=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('asOf');
  });

  it('aging as of a past date matches the hand-computed history (allocations, reversals, credit notes, voids, time zone)', async () => {
    await history(suite.db, a);
    await invoice(suite.db, b, { issueDate: '2026-01-01', dueDate: '2026-01-31', total: 5000 });
    const res = (await get('/api/v1/reports/aging?asOf=2026-04-15')).json();
    expect(res.asOf).toBe('2026-04-15');
    const byId = Object.fromEntries(
      res.companies.map((c: { companyId: string }) => [c.companyId, c]),
    );
    expect(byId[a]).toMatchObject({
      currentCents: 25000,
      days1To30Cents: 40000,
      days31To60Cents: 70000,
      days61To90Cents: 0,
      over90Cents: 12000,
      totalCents: 147000,
    });
    expect(byId[b]).toMatchObject({ ...zero, days61To90Cents: 5000, totalCents: 5000 });
    expect(res.totals).toStrictEqual({
      currentCents: 25000,
      days1To30Cents: 40000,
      days31To60Cents: 70000,
      days61To90Cents: 5000,
      over90Cents: 12000,
      totalCents: 152000,
    });
    // On 03-15 I5 (due 01-05, voided only on 04-01) is 69 days late and I6 (due 01-10) 64; I1 has 30,000 allocated.
    const march = (await get('/api/v1/reports/aging?asOf=2026-03-15')).json();
    const ma = march.companies.find((c: { companyId: string }) => c.companyId === a);
    expect(ma).toMatchObject({
      currentCents: 50000 + 8000,
      days1To30Cents: 70000,
      days31To60Cents: 0,
      days61To90Cents: 9000 + 12000,
      over90Cents: 0,
    });
    // Before anything was issued: nothing.
    expect((await get('/api/v1/reports/aging?asOf=2025-12-31')).json()).toStrictEqual({
      asOf: '2025-12-31',
      totals: zero,
      companies: [],
    });
    expect((await balanceAsOf(suite.deps, a, '2026-04-15')).balanceCents).toBe(147000);
    // The history path and the running balances agree on today.
    const sortRows = (r: { companyId: string }[]) =>
      [...r].sort((x, y) => x.companyId.localeCompare(y.companyId));
    expect(sortRows(await agingFromHistory(suite.db, today))).toEqual(
      sortRows(await agingFromBalances(suite.db, today)),
    );
    expect((await balanceAsOf(suite.deps, a, today)).balanceCents).toBe(52000);
    expect((await get(`/api/v1/companies/${a}/balance`)).json()).toStrictEqual({
      balanceCents: 52000,
      openInvoiceCents: 57000,
      unappliedCreditCents: 5000,
    });
  });

  it('the aging page, the drill-down with days late, and the CSV (formula cells neutralised); technicians get 403', async () => {
    await history(suite.db, a);
    const evil = (await company(suite.deps, '=HYPERLINK("http://x")')).id;
    await invoice(suite.db, evil, { issueDate: '2026-01-01', dueDate: '2026-01-31', total: 5000 });
    const staff = await signInAs(suite.app, suite.deps, 'billing');
    const page = await suite.app.inject({
      method: 'GET',
      url: '/reports/aging?asOf=2026-04-15',
      headers: { cookie: staff.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Alpha Dental');
    expect(page.body).toContain('$1,470.00');
    expect(page.body).toContain('$1,520.00');
    const drill = await suite.app.inject({
      method: 'GET',
      url: `/reports/aging/${a}?asOf=2026-04-15`,
      headers: { cookie: staff.cookie },
    });
    expect(drill.statusCode).toBe(200);
    expect(drill.body).toMatch(
      /INV-T-\d+<\/a>(?:<div[^>]*>due 2026-03-03<\/div>)?<\/td><td[^>]*>2026-02-01<\/td><td[^>]*>2026-03-03<\/td><td class="text-end text-danger">43<\/td>/,
    );
    const csv = await suite.app.inject({
      method: 'GET',
      url: '/reports/aging.csv?asOf=2026-04-15',
      headers: { cookie: staff.cookie },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body) as string[][];
    expect(rows[0]).toEqual([
      'Company',
      'Current',
      '1-30 days',
      '31-60 days',
      '61-90 days',
      'Over 90 days',
      'Total',
      'Company ID',
    ]);
    expect(rows[1]).toEqual([
      'Alpha Dental',
      '250.00',
      '400.00',
      '700.00',
      '0.00',
      '120.00',
      '1470.00',
      a,
    ]);
    expect(rows[2]).toEqual([
      '\'=HYPERLINK("http://x")',
      '0.00',
      '0.00',
      '0.00',
      '50.00',
      '0.00',
      '50.00',
      evil,
    ]);
    expect(rows[3]).toEqual([
      'Total',
      '250.00',
      '400.00',
      '700.00',
      '50.00',
      '120.00',
      '1520.00',
      '',
    ]);
    const index = await suite.app.inject({
      method: 'GET',
      url: '/reports',
      headers: { cookie: staff.cookie },
    });
    expect(index.body).toContain('href="/reports/aging"');
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    for (const url of [
      '/reports',
      '/reports/aging',
      '/reports/aging.csv',
      `/reports/aging/${a}`,
      `/companies/${a}/statement`,
    ]) {
      expect(
        (await suite.app.inject({ method: 'GET', url, headers: { cookie: tech.cookie } }))
          .statusCode,
      ).toBe(403);
    }
  });

  it('statement: running balance from the opening to a closing balance equal to the balance as of `to`; the PDF shows both', async () => {
    await history(suite.db, a);
    const s = await buildStatement(suite.deps, a, { from: '2026-03-01', to: '2026-04-15' });
    expect(s.openingCents).toBe(121000);
    expect(s.entries.map((e) => [e.date, e.amountCents])).toEqual([
      ['2026-03-01', 50000],
      ['2026-03-01', 8000],
      ['2026-03-10', -30000],
      ['2026-03-20', -40000],
      ['2026-04-01', -10000],
      ['2026-04-01', -9000],
      ['2026-04-10', 25000],
      ['2026-04-10', 40000],
      ['2026-04-15', -8000],
    ]);
    expect(s.closingCents).toBe(147000);
    expect(s.closingCents).toBe((await balanceAsOf(suite.deps, a, '2026-04-15')).balanceCents);
    expect(s.entries.find((e) => e.date === '2026-03-10')!.detail[0]).toMatch(
      /^applied to INV-T-\d+: \$300\.00$/,
    );
    // Every range closes on the balance as of its last day, the past ones and up to today.
    for (const [from, to] of [
      ['2026-01-01', '2026-02-28'],
      ['2026-04-16', '2026-05-01'],
      ['2026-01-01', today],
      ['2026-04-01', '2026-04-10'],
    ]) {
      const x = await buildStatement(suite.deps, a, { from, to });
      expect(x.closingCents).toBe((await balanceAsOf(suite.deps, a, to)).balanceCents);
      expect(x.openingCents).toBe(
        (await balanceAsOf(suite.deps, a, addDaysToDate(from, -1))).balanceCents,
      );
    }
    expect(
      (await buildStatement(suite.deps, a, { from: '2026-01-01', to: today })).closingCents,
    ).toBe(52000);
    const pdf = await statementPdf(admin, a, { from: '2026-03-01', to: '2026-04-15' });
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('STATEMENT');
    expect(text).toContain('Acme IT Services');
    expect(text).toContain('Alpha Dental');
    expect(text).toMatch(/Opening balance[\s\S]*\$1,210\.00/);
    expect(text).toMatch(/Closing balance[\s\S]*\$1,470\.00/);
    expect(text).toContain('Over 90 days');
  });

  it('statement pages: preview, PDF download, bad range re-rendered, emailed with the PDF (logged and audited)', async () => {
    await history(suite.db, a);
    await suite.db
      .updateTable('companies')
      .set({ email: 'ap@alpha.test' })
      .where('id', '=', a)
      .execute();
    const staff = await signInAs(suite.app, suite.deps, 'billing');
    const form = await suite.app.inject({
      method: 'GET',
      url: `/companies/${a}/statement?from=2026-03-01&to=2026-04-15`,
      headers: { cookie: staff.cookie },
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('$1,470.00');
    const dl = await suite.app.inject({
      method: 'GET',
      url: `/companies/${a}/statement?from=2026-03-01&to=2026-04-15&download=1`,
      headers: { cookie: staff.cookie },
    });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(dl.rawPayload)).toContain('$1,470.00');
    const bad = await suite.app.inject({
      method: 'GET',
      url: `/companies/${a}/statement?from=2026-05-01&to=2026-04-15`,
      headers: { cookie: staff.cookie },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('From must be on or before To');
    const sent = await postForm(suite.app, staff, `/companies/${a}/statement/email`, {
      from: '2026-03-01',
      to: '2026-04-15',
      email: '',
    });
    expect(sent.statusCode).toBe(302);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0].to).toBe('ap@alpha.test');
    expect(mailer.sent[0].attachments?.[0].contentType).toBe('application/pdf');
    expect(await pdfText(mailer.sent[0].attachments![0].content)).toContain('$1,470.00');
    const log = await suite.db
      .selectFrom('email_log')
      .selectAll()
      .where('entity_id', '=', a)
      .execute();
    expect(log.map((l) => [l.kind, l.status, l.to_address])).toEqual([
      ['statement', 'sent', 'ap@alpha.test'],
    ]);
    expect(
      await suite.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'statement.send')
        .execute(),
    ).toHaveLength(1);
    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    expect(
      (
        await postForm(suite.app, ro, `/companies/${a}/statement/email`, {
          from: '2026-03-01',
          to: '2026-04-15',
        })
      ).statusCode,
    ).toBe(403);
  });
});
