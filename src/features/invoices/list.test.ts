import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { InvoicesTable } from '../../db/database.ts';
import { invoiceRow } from './invoice-rows.test-support.ts';
import type { Ctx } from '../../platform/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { browseInvoices, pageInvoices } from './list.ts';
import { daysLate, displayStatus } from './views/status.tsx';

describe('display status', () => {
  const base = {
    status: 'issued' as const,
    kind: 'invoice' as const,
    totalCents: 100,
    balanceCents: 100,
    paidCents: 0,
    creditedCents: 0,
    dueDate: '2026-03-10',
  };
  it('derives paid, partially paid, overdue and days late', () => {
    expect(displayStatus({ ...base, status: 'draft' }, '2026-03-01')).toBe('draft');
    expect(displayStatus({ ...base, status: 'void', balanceCents: 0 }, '2026-03-01')).toBe('void');
    expect(displayStatus(base, '2026-03-10')).toBe('issued');
    expect(displayStatus({ ...base, balanceCents: 0, paidCents: 100 }, '2026-04-01')).toBe('paid');
    expect(displayStatus({ ...base, paidCents: 50 }, '2026-03-01')).toBe('partially_paid');
    expect(displayStatus({ ...base, creditedCents: 50 }, '2026-03-01')).toBe('partially_paid');
    expect(displayStatus(base, '2026-03-11')).toBe('overdue');
    expect(daysLate(base, '2026-03-11')).toBe(1);
    expect(daysLate(base, '2026-04-09')).toBe(30);
    expect(daysLate({ ...base, balanceCents: 0 }, '2026-04-09')).toBe(0);
  });
});

describe.each(DIALECTS)('invoice list queries on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let billing: Ctx;
  let today: string;
  let a: string;
  let b: string;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    billing = await staffCtx(suite.deps, 'billing');
    today = await businessToday(billing);
    a = (await company(suite.deps, 'Alder Dental')).id;
    b = (await company(suite.deps, 'Birch Logistics')).id;
    const issued = (n: string, issue: string, due: string, over: Partial<InvoicesTable> = {}) => ({
      number: n,
      status: 'issued',
      issue_date: issue,
      due_date: due,
      ...over,
    });
    ids.draft = await invoiceRow(suite.t, a, { total_cents: 5000, balance_cents: 5000 });
    ids.open = await invoiceRow(
      suite.t,
      a,
      issued('INV-2026-00001', addDaysToDate(today, -10), addDaysToDate(today, 20), {
        total_cents: 20000,
        balance_cents: 20000,
      }),
    );
    ids.overdue = await invoiceRow(
      suite.t,
      a,
      issued('INV-2026-00002', addDaysToDate(today, -40), addDaysToDate(today, -10), {
        total_cents: 30000,
        balance_cents: 30000,
      }),
    );
    ids.paid = await invoiceRow(
      suite.t,
      b,
      issued('INV-2026-00003', addDaysToDate(today, -60), addDaysToDate(today, -30), {
        total_cents: 40000,
        paid_cents: 40000,
        balance_cents: 0,
      }),
    );
    ids.partial = await invoiceRow(
      suite.t,
      b,
      issued('INV-2026-00004', addDaysToDate(today, -5), addDaysToDate(today, 25), {
        total_cents: 50000,
        credited_cents: 10000,
        balance_cents: 40000,
      }),
    );
    ids.void = await invoiceRow(
      suite.t,
      b,
      issued('INV-2026-00005', addDaysToDate(today, -3), addDaysToDate(today, 27), {
        status: 'void',
        total_cents: 7000,
        balance_cents: 0,
        void_reason: 'Wrong company',
      }),
    );
    ids.credit = await invoiceRow(
      suite.t,
      b,
      issued('CN-2026-00001', addDaysToDate(today, -4), addDaysToDate(today, -4), {
        kind: 'credit_note',
        total_cents: 10000,
        balance_cents: 0,
        credit_for_invoice_id: ids.partial,
      }),
    );
    // Due exactly today: open, not overdue.
    ids.dueToday = await invoiceRow(
      suite.t,
      a,
      issued('INV-2026-00006', addDaysToDate(today, -30), today, {
        total_cents: 1000,
        balance_cents: 1000,
      }),
    );
  });

  const browse = (q: Record<string, string> = {}, scope: { companyId?: string } = {}) =>
    browseInvoices(billing, q, scope);
  const idsOf = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();
  const set = (...names: string[]) => names.map((n) => ids[n]).sort();

  it('filters by each status, open and overdue included', async () => {
    expect(idsOf(await browse({ status: 'draft' }))).toEqual(set('draft'));
    expect(idsOf(await browse({ status: 'issued' }))).toEqual(
      set('open', 'overdue', 'paid', 'partial', 'credit', 'dueToday'),
    );
    expect(idsOf(await browse({ status: 'void' }))).toEqual(set('void'));
    expect(idsOf(await browse({ status: 'open' }))).toEqual(
      set('open', 'overdue', 'partial', 'dueToday'),
    );
    expect(idsOf(await browse({ status: 'overdue' }))).toEqual(set('overdue'));
    expect(idsOf(await browse({ status: 'all' }))).toHaveLength(8);
    // The list opens on what is owed; a company's tab on its whole history.
    const first = await browse();
    expect(idsOf(first)).toEqual(set('open', 'overdue', 'partial', 'dueToday'));
    expect(first.query.status).toBe('open');
    const tab = await browse({}, { companyId: b });
    expect(idsOf(tab)).toEqual(set('paid', 'partial', 'void', 'credit'));
    expect(tab.query.status).toBe('all');
    await expect(browse({ status: 'lost' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('filters by kind, issue date range, number text and company (id or a name that resolves)', async () => {
    const any = (q: Record<string, string>) => browse({ status: 'all', ...q });
    expect(idsOf(await any({ kind: 'credit_note' }))).toEqual(set('credit'));
    expect(
      idsOf(await any({ from: addDaysToDate(today, -10), to: addDaysToDate(today, -4) })),
    ).toEqual(set('open', 'partial', 'credit'));
    expect(idsOf(await any({ from: addDaysToDate(today, -5) }))).toEqual(
      set('partial', 'void', 'credit'),
    );
    expect(idsOf(await any({ q: '00004' }))).toEqual(set('partial'));
    expect(idsOf(await any({ q: 'cn-2026' }))).toEqual(set('credit'));
    expect(idsOf(await any({ companyId: b }))).toEqual(set('paid', 'partial', 'void', 'credit'));
    const byName = await any({ company: 'alder' });
    expect(byName.company?.id).toBe(a);
    expect(idsOf(byName)).toEqual(set('draft', 'open', 'overdue', 'dueToday'));
    // Two companies match: both are listed and the page offers them to pick.
    const both = await browse({ company: 'r', status: 'overdue' });
    expect(both.company).toBeNull();
    expect(both.matches.map((m) => m.id).sort()).toEqual([a, b].sort());
    expect(idsOf(both)).toEqual(set('overdue'));
    expect(idsOf(await any({ company: 'nobody' }))).toEqual([]);
    await expect(browse({ companyId: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(browse({ from: '2026-02-30' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('sums the whole filtered set, the default view too: credit notes subtract, void counts nothing', async () => {
    // The default (open) view: 20000 + 30000 + 50000 + 1000 invoiced, 20000 + 30000 + 40000 + 1000 owed.
    expect((await browse({ size: '25' })).summary).toEqual({
      count: 4,
      totalCents: 101000,
      balanceCents: 91000,
    });
    // Every status: the draft's 5000 too.
    expect((await browse({ status: 'all' })).summary).toEqual({
      count: 8,
      totalCents: 136000,
      balanceCents: 96000,
    });
    const all = await browse({ size: '25', status: 'all', from: '2000-01-01' });
    // Issued from 2000 on: every invoice but the draft (no issue date yet, 5000).
    // 20000 + 30000 + 40000 + 50000 + 0 (void) − 10000 (credit) + 1000
    expect(all.summary).toEqual({
      count: 7,
      totalCents: 131000,
      balanceCents: 20000 + 30000 + 0 + 40000 + 0 + 0 + 1000,
    });
    expect((await browse({ status: 'open' })).summary).toEqual({
      count: 4,
      totalCents: 101000,
      balanceCents: 91000,
    });
    expect((await browse({ status: 'overdue' }, { companyId: a })).summary).toEqual({
      count: 1,
      totalCents: 30000,
      balanceCents: 30000,
    });
    // The totals cover every page, not just the one shown.
    const paged = await browse({ size: '25', page: '2', kind: 'invoice', status: 'all' });
    expect(paged.items).toHaveLength(0);
    expect(paged.summary).toMatchObject({ count: 7, totalCents: 146000 }); // invoices only: no credit note
  });

  it('sorts by number, issue date, due date, total and balance, and newest first by default', async () => {
    const order = async (q: Record<string, string>) =>
      (await browse({ status: 'issued', ...q })).items.map((i) => i.number);
    expect(await order({ sort: 'number', dir: 'asc' })).toEqual([
      'CN-2026-00001',
      'INV-2026-00001',
      'INV-2026-00002',
      'INV-2026-00003',
      'INV-2026-00004',
      'INV-2026-00006',
    ]);
    expect(await order({ sort: 'issueDate', dir: 'desc' })).toEqual([
      'CN-2026-00001',
      'INV-2026-00004',
      'INV-2026-00001',
      'INV-2026-00006',
      'INV-2026-00002',
      'INV-2026-00003',
    ]);
    expect(await order({ sort: 'dueDate', dir: 'asc' })).toEqual([
      'INV-2026-00003',
      'INV-2026-00002',
      'CN-2026-00001',
      'INV-2026-00006',
      'INV-2026-00001',
      'INV-2026-00004',
    ]);
    expect(await order({ sort: 'total', dir: 'desc' })).toEqual([
      'INV-2026-00004',
      'INV-2026-00003',
      'INV-2026-00002',
      'INV-2026-00001',
      'CN-2026-00001',
      'INV-2026-00006',
    ]);
    expect((await order({ sort: 'balance', dir: 'asc' })).slice(-2)).toEqual([
      'INV-2026-00002',
      'INV-2026-00004',
    ]);
    expect((await browse()).items[0].id).toBe(ids.dueToday); // created last
    await expect(browse({ sort: 'colour' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('pages with offsets (25 a page) and keeps the company name on each row', async () => {
    for (let i = 0; i < 30; i += 1)
      await invoiceRow(suite.t, a, { total_cents: 100 + i, balance_cents: 100 + i });
    const first = await browse({ size: '25', status: 'draft', sort: 'total', dir: 'asc' });
    const second = await browse({
      size: '25',
      status: 'draft',
      sort: 'total',
      dir: 'asc',
      page: '2',
    });
    expect(first.items).toHaveLength(25);
    expect(second.items).toHaveLength(6);
    expect(first.summary.count).toBe(31);
    expect(new Set([...idsOf(first), ...idsOf(second)]).size).toBe(31);
    expect(first.items.map((i) => i.totalCents)).toEqual(
      Array.from({ length: 25 }, (_, i) => 100 + i),
    );
    expect(first.items[0].companyName).toBe('Alder Dental');
  });

  it('scopes to a company for its Invoices tab', async () => {
    const r = await browse({ status: 'open' }, { companyId: b });
    expect(idsOf(r)).toEqual(set('partial'));
    expect(r.company?.name).toBe('Birch Logistics');
  });

  it('gives the API keyset pages by id with every invoice’s lines', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await pageInvoices(billing, { limit: '3', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      expect(page.items.every((i) => Array.isArray(i.lines))).toBe(true);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...Object.values(ids)].sort());
    expect(
      (await pageInvoices(billing, { companyId: a, status: 'overdue' })).items.map((i) => i.id),
    ).toEqual([ids.overdue]);
    await expect(pageInvoices(billing, { limit: '500' })).rejects.toBeInstanceOf(ValidationError);
    await expect(pageInvoices(await staffCtx(suite.deps, 'technician'), {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
