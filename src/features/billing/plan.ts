// What a billing run would put on each company's invoice. For an as-of date, each active company's
// current period is the one containing that date (in advance). Every recurring line (the contract and
// the company's service lines) is charged for each period from the anchor up to the current one that
// overlaps its active dates and was never charged — prorated by days when active for part of it —
// and, when the company bills work monthly, its ready-to-bill items dated on or before the as-of date
// join the same invoice (in arrears). The reads are batched; nothing is written here.
import type { Ctx } from '../../platform/context.ts';
import type { CompaniesTable } from '../../db/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import { formatMoney, lineTotal } from '../../lib/money.ts';
import type { NewLine, TaxRate } from '../invoices/queries.ts';
import { invoiceTotals, priceLine, type InvoiceTotals } from '../invoices/totals.ts';
import { lineFromWork } from '../invoices/work-lines.ts';
import { readInvoiceSettings } from '../invoices/settings.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { readUnbilled, type UnbilledItem } from '../time/billing.ts';
import {
  activeDays,
  formatPeriod,
  periodContaining,
  periodsBackTo,
  shiftMonths,
  type Period,
} from './periods.ts';
import { prorate } from './proration.ts';
import {
  activeCompanies,
  activeTaxRates,
  chargedKeys,
  companiesWithUnbilledWork,
  existingRunKeys,
  servicesOf,
  taxRateFrom,
  type BillableService,
  type ChargeRow,
} from './queries.ts';

/** A line added late with a past start date is caught up for at most this many periods. */
export const CATCH_UP_PERIODS = 12;

export type PlanCharge = Omit<ChargeRow, 'linePosition'> & { linePosition: number };
export type CompanyPlan = {
  companyId: string;
  companyName: string;
  runKey: string;
  periodStart: string;
  periodEnd: string;
  /** The period start to record as the company's billing anchor when it has none yet. */
  anchor: string;
  lines: NewLine[];
  charges: PlanCharge[];
  workItems: UnbilledItem[];
  tax: TaxRate | null;
  totals: InvoiceTotals;
  company: CompaniesTable;
};
export type Plan = {
  asOf: string;
  currency: string;
  plans: CompanyPlan[];
  alreadyBilled: string[];
};

type Recurring = {
  sourceKey: string;
  serviceId: string | null;
  kind: 'contract' | 'service';
  description: string;
  quantityThousandths: number;
  unitPriceCents: number;
  taxable: boolean;
  from: string;
  to: string | null;
};

export function parseAsOf(raw: unknown): string {
  if (typeof raw !== 'string' || !isCalendarDate(raw))
    throw new ValidationError([
      { path: 'asOf', message: 'As-of date must be a date like 2026-12-01' },
    ]);
  return raw;
}

/** The invoice line for one recurring line in one period (null when it is not active in it). */
export function chargeLine(r: Recurring, p: Period, currency: string): NewLine | null {
  const days = activeDays(p, r.from, r.to);
  if (!days) return null;
  const base = {
    kind: r.kind,
    taxable: r.taxable,
    periodStart: p.start,
    periodEnd: p.end,
    serviceId: r.serviceId,
  } as const;
  const label = `${r.description} — ${formatPeriod(p.start, p.end)}`;
  const full = lineTotal(r.unitPriceCents, r.quantityThousandths);
  const count = days.last - days.first + 1;
  if (count === p.days)
    return {
      ...base,
      description: label,
      quantityThousandths: r.quantityThousandths,
      unitPriceCents: r.unitPriceCents,
    };
  const amount = prorate(full, days.first, days.last, p.days);
  return {
    ...base,
    description: `${label} (prorated: ${count} of ${p.days} days of ${formatMoney(full, currency)})`,
    quantityThousandths: 1000,
    unitPriceCents: amount,
  };
}

function recurringOf(
  c: CompaniesTable,
  anchor: string,
  services: readonly BillableService[] | undefined,
  taxContract: boolean,
): Recurring[] {
  const out: Recurring[] = [];
  if (Number(c.monthly_rate_cents) > 0) {
    out.push({
      sourceKey: `contract:${c.id}`,
      serviceId: null,
      kind: 'contract',
      description: 'Monthly support contract',
      quantityThousandths: 1000,
      unitPriceCents: Number(c.monthly_rate_cents),
      taxable: taxContract,
      from: c.contract_start ?? anchor,
      to: null,
    });
  }
  for (const s of services ?? []) {
    out.push({
      sourceKey: `service:${s.id}`,
      serviceId: s.id,
      kind: 'service',
      description: s.description,
      quantityThousandths: s.quantityThousandths,
      unitPriceCents: s.unitPriceCents,
      taxable: s.taxable,
      from: s.startDate,
      to: s.endDate,
    });
  }
  return out;
}

/** What a run as of `asOf` would bill, without checking permission (runBilling checks). */
export async function buildPlan(
  ctx: Pick<Ctx, 'db'>,
  input: { asOf: string; companyIds?: readonly string[] },
): Promise<Plan> {
  const asOf = input.asOf;
  const currency = (await getProfileCached(ctx.db))?.currency ?? 'USD';
  const settings = await readInvoiceSettings(ctx.db);
  const companies = await activeCompanies(ctx.db, input.companyIds);
  const current = new Map(
    companies.map((c) => [c.id, periodContaining(asOf, Number(c.billing_day))]),
  );
  const runKeyOf = (c: CompaniesTable) => `${c.id}:${current.get(c.id)!.start}`;
  const billed = await existingRunKeys(ctx.db, companies.map(runKeyOf));
  const todo = companies.filter((c) => !billed.has(runKeyOf(c)));
  const ids = todo.map((c) => c.id);
  // Every period considered starts within CATCH_UP_PERIODS months before the as-of date.
  const earliest = shiftMonths(`${asOf.slice(0, 8)}01`, -CATCH_UP_PERIODS);
  const latestEnd = shiftMonths(`${asOf.slice(0, 8)}01`, 2);
  const services = await servicesOf(ctx.db, ids, earliest, latestEnd);
  const byCompany = new Map<string, BillableService[]>();
  for (const s of services) {
    const list = byCompany.get(s.companyId);
    if (list) list.push(s);
    else byCompany.set(s.companyId, [s]);
  }
  const charged = await chargedKeys(ctx.db, ids, earliest);
  const rates = await activeTaxRates(ctx.db);
  const withWork = await companiesWithUnbilledWork(
    ctx.db,
    todo.filter((c) => Number(c.bill_work_monthly ?? 1) === 1).map((c) => c.id),
  );

  const plans: CompanyPlan[] = [];
  for (const c of todo) {
    const period = current.get(c.id)!;
    const anchor = c.billing_anchor ?? period.start;
    const lines: NewLine[] = [];
    const charges: PlanCharge[] = [];
    for (const r of recurringOf(c, anchor, byCompany.get(c.id), settings.taxContract)) {
      for (const p of periodsBackTo(period, anchor, CATCH_UP_PERIODS)) {
        if (charged.has(`${r.sourceKey}|${p.start}`)) continue;
        const line = chargeLine(r, p, currency);
        if (!line) continue;
        lines.push(line);
        charges.push({
          companyId: c.id,
          sourceKey: r.sourceKey,
          serviceId: r.serviceId,
          periodStart: p.start,
          periodEnd: p.end,
          amountCents: lineTotal(line.unitPriceCents, line.quantityThousandths),
          linePosition: lines.length,
        });
      }
    }
    let workItems: UnbilledItem[] = [];
    if (withWork.has(c.id)) {
      workItems = (await readUnbilled(ctx.db, c.id)).items.filter((i) => i.date <= asOf);
      lines.push(...workItems.map((i) => lineFromWork(i, currency, settings.taxLabor)));
    }
    if (lines.length === 0) continue;
    const tax = taxRateFrom(rates, c);
    const totals = invoiceTotals(
      lines.map((l) =>
        priceLine({
          quantityThousandths: l.quantityThousandths,
          unitPriceCents: l.unitPriceCents,
          taxRatePpm: l.taxable && tax ? tax.ratePpm : 0,
        }),
      ),
    );
    plans.push({
      companyId: c.id,
      companyName: c.name,
      runKey: runKeyOf(c),
      periodStart: period.start,
      periodEnd: period.end,
      anchor,
      lines,
      charges,
      workItems,
      tax,
      totals,
      company: c,
    });
  }
  return {
    asOf,
    currency,
    plans,
    alreadyBilled: companies.filter((c) => billed.has(runKeyOf(c))).map((c) => c.id),
  };
}

/** Public: what a billing run as of a date would create (permission billing.run). */
export async function planBilling(
  ctx: Ctx,
  raw: { asOf: unknown; companyIds?: readonly string[] },
): Promise<Plan> {
  assertCan(ctx.actor, 'billing.run');
  return buildPlan(ctx, { asOf: parseAsOf(raw.asOf), companyIds: raw.companyIds });
}
