// Receivables use cases: a company's balance, the aging report (as of today from the running
// balances, as of a past date from the history), its CSV, and a company's balance as of a date.
import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { centsToInput } from '../../lib/money.ts';
import { businessToday } from '../assets/service.ts';
import { findCompany } from '../companies/queries.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { emptyAging, type AgingTotals, daysLate } from '../payments/aging.ts';
import {
  agingFromBalances,
  agingFromHistory,
  companyBalance,
  openInvoicesOf,
  unappliedCreditAsOf,
  type AgingRow,
  type OpenInvoice,
} from './queries.ts';
import { AgingQuery } from './schemas.ts';

export async function getCompanyBalance(ctx: Ctx, companyId: string) {
  assertCan(ctx.actor, 'billing.read');
  if (!(await findCompany(ctx.db, companyId))) throw new NotFoundError('No such company.');
  return companyBalance(ctx.db, companyId);
}

/** True for a past date (rebuilt from the history); today or later, the running balances are exact. */
async function fromHistory(ctx: Pick<Ctx, 'db'>, asOf: string): Promise<boolean> {
  return asOf < (await businessToday(ctx));
}

/** Aging rows per company on `asOf` (no permission check: callers check). */
export async function agingRows(
  ctx: Pick<Ctx, 'db'>,
  asOf: string,
  companyId?: string,
): Promise<AgingRow[]> {
  return (await fromHistory(ctx, asOf))
    ? agingFromHistory(ctx.db, asOf, companyId)
    : agingFromBalances(ctx.db, asOf, companyId);
}

export function sumAging(rows: readonly AgingTotals[]): AgingTotals {
  const t = emptyAging();
  for (const r of rows) for (const k of Object.keys(t) as (keyof AgingTotals)[]) t[k] += r[k];
  return t;
}

export type AgingReport = { asOf: string; totals: AgingTotals; companies: AgingRow[] };

/** The whole report, companies sorted by total (largest first); reports.read. */
export async function agingReport(
  ctx: Ctx,
  raw: unknown,
): Promise<AgingReport & { sort: 'total' | 'over90' | 'name'; page: number; size: number }> {
  assertCan(ctx.actor, 'reports.read');
  const q = parseInput(AgingQuery, raw);
  const asOf = q.asOf ?? (await businessToday(ctx));
  const companies = await agingRows(ctx, asOf);
  const by = q.sort;
  companies.sort(
    (a, b) =>
      (by === 'name'
        ? a.companyName.localeCompare(b.companyName)
        : by === 'over90'
          ? b.over90Cents - a.over90Cents || b.totalCents - a.totalCents
          : b.totalCents - a.totalCents) || a.companyName.localeCompare(b.companyName),
  );
  return { asOf, totals: sumAging(companies), companies, sort: by, page: q.page, size: q.size };
}

export type CompanyAging = {
  asOf: string;
  aging: AgingTotals;
  invoices: (OpenInvoice & { daysLate: number })[];
  unappliedCreditCents: number;
};

/** One company's open invoices on `asOf` with days late, and its aging row; reports.read or billing.read. */
export async function companyAging(
  ctx: Ctx,
  companyId: string,
  asOfRaw?: unknown,
): Promise<CompanyAging> {
  if (!(await findCompany(ctx.db, companyId))) throw new NotFoundError('No such company.');
  const q = parseInput(AgingQuery, { asOf: asOfRaw });
  const asOf = q.asOf ?? (await businessToday(ctx));
  const history = await fromHistory(ctx, asOf);
  const [rows, invoices, credit] = await Promise.all([
    agingRows(ctx, asOf, companyId),
    openInvoicesOf(ctx.db, companyId, asOf, history),
    history
      ? unappliedCreditAsOf(ctx.db, companyId, asOf)
      : companyBalance(ctx.db, companyId).then((b) => b.unappliedCreditCents),
  ]);
  return {
    asOf,
    aging: rows[0] ?? emptyAging(),
    invoices: invoices.map((i) => ({
      ...i,
      daysLate: Math.max(0, daysLate(i.dueDate ?? asOf, asOf)),
    })),
    unappliedCreditCents: credit,
  };
}

/** What the company owes on `asOf`, computed the aging way: open invoice amounts less unapplied credit. */
export async function balanceAsOf(
  ctx: Pick<Ctx, 'db'>,
  companyId: string,
  asOf: string,
): Promise<{
  openInvoiceCents: number;
  unappliedCreditCents: number;
  balanceCents: number;
  aging: AgingTotals;
}> {
  const history = await fromHistory(ctx, asOf);
  const [rows, credit] = await Promise.all([
    agingRows(ctx, asOf, companyId),
    history
      ? unappliedCreditAsOf(ctx.db, companyId, asOf)
      : companyBalance(ctx.db, companyId).then((b) => b.unappliedCreditCents),
  ]);
  const aging = rows[0] ?? emptyAging();
  return {
    openInvoiceCents: aging.totalCents,
    unappliedCreditCents: credit,
    balanceCents: aging.totalCents - credit,
    aging,
  };
}

// A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet; a leading apostrophe keeps it text.
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const money = (c: number) => centsToInput(c);

export async function agingCsv(ctx: Ctx, raw: unknown): Promise<{ filename: string; csv: string }> {
  const r = await agingReport(ctx, raw);
  const head = [
    'Company',
    'Current',
    '1-30 days',
    '31-60 days',
    '61-90 days',
    'Over 90 days',
    'Total',
    'Company ID',
  ];
  const row = (name: string, t: AgingTotals, id: string) => [
    safe(name),
    money(t.currentCents),
    money(t.days1To30Cents),
    money(t.days31To60Cents),
    money(t.days61To90Cents),
    money(t.over90Cents),
    money(t.totalCents),
    id,
  ];
  const csv = stringify([
    head,
    ...r.companies.map((c) => row(c.companyName, c, c.companyId)),
    row('Total', r.totals, ''),
  ]);
  return { filename: `aging-${r.asOf}.csv`, csv };
}

/** What the CompanyReceivables card shows (billing.read). */
export async function companyReceivables(ctx: Ctx, companyId: string) {
  const [b, today, profile] = await Promise.all([
    getCompanyBalance(ctx, companyId),
    businessToday(ctx),
    getProfileCached(ctx.db),
  ]);
  const rows = await agingFromBalances(ctx.db, today, companyId);
  return { companyId, ...b, aging: rows[0] ?? emptyAging(), currency: profile?.currency ?? 'USD' };
}
