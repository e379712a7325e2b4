// Global search over HTTP: every kind the role may read, grouped, with its facts; exact numbers open
// their record; the empty state leads somewhere; the type-ahead fragment is the same search, capped.
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs, type Agent } from '../../../test/support/app.ts';
import { addAsset, companyWithSite } from '../assets/test-helpers.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';
import { recordPayment } from '../payments/service.ts';
import { staffCtx, workOrder } from '../time/test-helpers.ts';
import { createWorkOrder } from '../work-orders/service.ts';
import { woNumber } from '../work-orders/views/header.tsx';

const optionCount = (html: string) => (html.match(/role="option"/g) ?? []).length;
/** A result row's link: the record's number or name, in bold. */
const hit = (href: string, code: string) =>
  `href="${href}"><strong class="text-nowrap">${code}</strong>`;

describe.each(DIALECTS)('global search on %s', (dialect) => {
  const suite = useAppSuite(dialect, { reset: 'once' });
  let admin: Agent;
  let tech: Agent;
  let readonly: Agent;
  const ids = { printers: [] as { id: string; number: number }[] } as {
    printers: { id: string; number: number }[];
    company: string;
    overdue: string;
    draftInvoice: string;
    payment: string;
    checkWo: string;
  };

  const get = (agent: Agent, url: string) =>
    suite.app.inject({ url, headers: { cookie: agent.cookie } });

  beforeAll(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    tech = await signInAs(suite.app, suite.deps, 'technician');
    readonly = await signInAs(suite.app, suite.deps, 'readonly');
    const { companyId } = await companyWithSite(suite.app, admin, suite.db, 'Quartz Dental');
    ids.company = companyId;
    await addAsset(suite.app, admin, companyId, {
      name: 'QUARTZ-PC01',
      serial: 'SN-778899',
      ipAddresses: '10.9.8.7',
    });
    const adminCtx = await staffCtx(suite.deps, 'admin');
    for (let i = 0; i < 9; i++) {
      const wo = await createWorkOrder(adminCtx, {
        companyId,
        title: 'Printer offline at front desk',
        ...(i === 0 ? { dueOn: '2020-01-06', priority: 'urgent' } : {}),
      });
      ids.printers.push({ id: wo.id, number: wo.number });
    }
    await createWorkOrder(adminCtx, { companyId, title: 'Replace the UPS battery' });
    // A work order whose number is also a check number: a bare "10234" names both.
    ids.checkWo = await workOrder(suite.db, companyId, 'billable', 10234);
    ids.overdue = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00042',
      status: 'issued',
      issue_date: '2026-01-05',
      due_date: '2026-02-04',
      total_cents: 48000,
    });
    await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00043',
      status: 'issued',
      issue_date: '2026-01-06',
      due_date: '2999-01-01',
    });
    ids.draftInvoice = await invoiceRow(suite.t, companyId, { number: null });
    const billing = await staffCtx(suite.deps, 'billing');
    ids.payment = (
      await recordPayment(billing, {
        companyId,
        amountCents: 12500,
        method: 'check',
        reference: '10234',
        receivedOn: '2026-03-02',
      })
    ).id;
    await recordPayment(billing, {
      companyId,
      amountCents: 2000,
      method: 'bank',
      reference: 'ACH-Quartz-0302',
      receivedOn: '2026-03-02',
    });
  });

  it('finds work orders by title, grouped with their company, status and overdue days', async () => {
    const res = await get(admin, '/search?q=printer');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('id="results-workOrders"');
    for (const w of ids.printers)
      expect(body).toContain(hit(`/work-orders/${w.id}`, woNumber(w.number)));
    expect(body).toContain('Printer offline at front desk');
    expect(body).toContain('Quartz Dental');
    expect(body).toContain('New');
    expect(body).toMatch(/text-danger fw-semibold">\d+ days overdue/);
    expect(body).toContain('Urgent');
    // The other kinds are not listed when nothing of theirs matched.
    expect(body).not.toContain('id="results-invoices"');
  });

  it('still finds companies, contacts and assets (by name, serial or IP), each linked', async () => {
    const byName = await get(readonly, '/search?q=quartz');
    expect(byName.body).toContain('id="results-companies"');
    expect(byName.body).toContain('Quartz Dental Person');
    expect(byName.body).toContain('QUARTZ-PC01');
    expect((await get(readonly, '/search?q=sn-7788')).body).toMatch(
      /href="\/assets\/[^"]+"><strong class="text-nowrap">QUARTZ-PC01/,
    );
    expect((await get(readonly, '/search?q=10.9.8')).body).toContain('QUARTZ-PC01');
  });

  it('finds invoices by number from its start, any case, with status, amount and days late', async () => {
    const body = (await get(admin, '/search?q=inv-2026-0004')).body;
    expect(body).toContain(hit(`/invoices/${ids.overdue}`, 'INV-2026-00042'));
    expect(body).toContain('INV-2026-00043');
    expect(body).toContain('$480.00');
    expect(body).toMatch(/text-danger fw-semibold">\d+ days late/);
    expect(body).toContain('Issued');
    expect(body).toContain('Due 2999-01-01');
    expect(body).not.toContain(ids.draftInvoice);
    // Not a contains-search: the middle of a number is no match.
    expect((await get(admin, '/search?q=2026-00042')).body).not.toContain('INV-2026-00042');
  });

  it('finds payments by reference or check number, with amount and date', async () => {
    for (const q of ['1023', 'check 10234', 'chk #1023']) {
      const body = (await get(admin, `/search?q=${encodeURIComponent(q)}`)).body;
      expect(body, q).toContain(hit(`/payments/${ids.payment}`, 'Check 10234'));
      expect(body, q).toContain('$125.00');
      expect(body, q).toContain('Received 2026-03-02');
    }
    const ach = (await get(admin, '/search?q=ach-quartz')).body;
    expect(ach).toContain('Bank transfer ACH-Quartz-0302');
    expect((await get(admin, '/search?q=check%20ach')).body).not.toContain('ACH-Quartz');
  });

  it('opens an exact work order or invoice number directly', async () => {
    const [first] = ids.printers;
    for (const q of [woNumber(first.number), `wo-${first.number}`, `#${first.number}`]) {
      const res = await get(tech, `/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(303);
      expect(res.headers.location, q).toBe(`/work-orders/${first.id}`);
    }
    const bare = await get(admin, `/search?q=${first.number}`);
    expect(bare.headers.location).toBe(`/work-orders/${first.id}`);
    const inv = await get(admin, '/search?q=inv-2026-00042');
    expect(inv.statusCode).toBe(303);
    expect(inv.headers.location).toBe(`/invoices/${ids.overdue}`);
    // all=1 (the type-ahead's "All results") lists instead, the exact one marked.
    const listed = await get(admin, '/search?q=INV-2026-00042&all=1');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain('exact match');
  });

  it('lists a bare number that is a work order and a check number both, rather than guess', async () => {
    const res = await get(admin, '/search?q=10234');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/work-orders/${ids.checkWo}"`);
    expect(res.body).toContain(`href="/payments/${ids.payment}"`);
    expect((await get(admin, '/search?q=%2310234')).headers.location).toBe(
      `/work-orders/${ids.checkWo}`,
    );
  });

  it('shows a technician only what the role may read: no invoices or payments', async () => {
    const body = (await get(tech, '/search?q=inv-2026-00042')).body;
    expect(body).not.toContain('INV-2026-00042</strong>');
    expect(body).toContain('No matches for “inv-2026-00042”');
    const check = await get(tech, '/search?q=1023');
    expect(check.body).not.toContain('Check 10234');
    expect(check.body).toContain('Searched work orders, companies, contacts and assets');
    // The same number is only a work order to them, so it opens.
    expect((await get(tech, '/search?q=10234')).headers.location).toBe(
      `/work-orders/${ids.checkWo}`,
    );
    const suggest = (await get(tech, '/search/suggest?q=1023')).body;
    expect(suggest).not.toContain('Check 10234');
    expect((await get(tech, '/search?q=printer')).body).toContain('id="results-workOrders"');
  });

  it('leads somewhere when nothing matches, with the links the role may use', async () => {
    const none = (await get(admin, '/search?q=zzzz-nothing')).body;
    expect(none).toContain('No matches for “zzzz-nothing”');
    expect(none).toContain('href="/work-orders?status=all"');
    expect(none).toContain('href="/companies/new">Create a company');
    expect(none).toContain('href="/work-orders/new"');
    const ro = (await get(readonly, '/search?q=zzzz-nothing')).body;
    expect(ro).toContain('href="/companies?status=all"');
    expect(ro).not.toContain('Create a company');
    expect(ro).not.toContain('href="/work-orders/new"');
  });

  it('answers the type-ahead with a capped listbox fragment', async () => {
    const res = await get(admin, '/search/suggest?q=printer&list=global-search-list');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).not.toContain('<html');
    expect(res.body).toContain('role="group"');
    expect(res.body).toContain('Work orders');
    // Five work orders (of nine), then "All results".
    expect(optionCount(res.body)).toBe(6);
    expect(res.body).toContain('id="global-search-list-o0"');
    expect(res.body).toContain('href="/search?q=printer&amp;all=1"');
    const mixed = (await get(admin, '/search/suggest?q=inv-2026')).body;
    expect(mixed).toContain('INV-2026-00042');
    expect((await get(admin, '/search/suggest?q=p')).body).toBe('');
    const none = (await get(admin, '/search/suggest?q=zzzz')).body;
    expect(none).toContain('aria-disabled="true"');
    expect(none).toContain('No matches for “zzzz”');
    // An id prefix that is not a plain name is not echoed.
    expect((await get(admin, '/search/suggest?q=printer&list="><x')).body).not.toContain('"><x');
  });

  it('puts the combobox in the top bar of every staff page', async () => {
    const body = (await get(tech, '/work-orders')).body;
    expect(body).toContain('role="combobox"');
    expect(body).toContain('aria-controls="global-search-list"');
    expect(body).toContain('<script src="/public/search.js" defer></script>');
  });

  it('asks a signed-out visitor to sign in', async () => {
    const res = await suite.app.inject({ url: '/search/suggest?q=printer' });
    expect(res.statusCode).toBe(302);
  });
});
