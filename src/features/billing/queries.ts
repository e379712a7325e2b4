// Every SQL statement of the billing run. The reads are batched (a handful of queries for the whole
// run, whatever the number of companies); per company there are only the writes of its transaction.
import type { BillingRunsTable, CompaniesTable, DbOrTrx } from '../../db/database.ts';
import { newId } from '../../lib/ids.ts';
import type { TaxRate } from '../invoices/queries.ts';
import { columnContains } from '../search/contains.ts';

const CHUNK = 500;
const n = (v: unknown) => Number(v);

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/** Active companies, all or the given ones, ordered by name. */
export async function activeCompanies(
  db: DbOrTrx,
  ids?: readonly string[],
): Promise<CompaniesTable[]> {
  const base = db.selectFrom('companies').selectAll().where('status', '=', 'active');
  if (!ids) return base.orderBy('name_sort').orderBy('id').execute();
  const rows: CompaniesTable[] = [];
  for (const c of chunks(ids)) rows.push(...(await base.where('id', 'in', c).execute()));
  return rows.sort((a, b) => a.name_sort.localeCompare(b.name_sort) || a.id.localeCompare(b.id));
}

export type BillableService = {
  id: string;
  companyId: string;
  description: string;
  quantityThousandths: number;
  unitPriceCents: number;
  taxable: boolean;
  startDate: string;
  endDate: string | null;
};

/** Non-deleted service lines of these companies active at some time in [from, to], in one query per 500 companies. */
export async function servicesOf(
  db: DbOrTrx,
  companyIds: readonly string[],
  from: string,
  to: string,
): Promise<BillableService[]> {
  const out: BillableService[] = [];
  for (const c of chunks(companyIds)) {
    const rows = await db
      .selectFrom('company_services')
      .select([
        'id',
        'company_id',
        'description',
        'quantity_thousandths',
        'unit_price_cents',
        'taxable',
        'start_date',
        'end_date',
      ])
      .where('company_id', 'in', c)
      .where('deleted_at', 'is', null)
      .where('start_date', '<=', to)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    out.push(
      ...rows.map((r) => ({
        id: r.id,
        companyId: r.company_id,
        description: r.description,
        quantityThousandths: n(r.quantity_thousandths),
        unitPriceCents: n(r.unit_price_cents),
        taxable: n(r.taxable) === 1,
        startDate: r.start_date,
        endDate: r.end_date,
      })),
    );
  }
  return out;
}

/** `${source_key}|${period_start}` of every charge of these companies for periods starting on or after `from`. */
export async function chargedKeys(
  db: DbOrTrx,
  companyIds: readonly string[],
  from: string,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const c of chunks(companyIds)) {
    const rows = await db
      .selectFrom('recurring_charges')
      .select(['source_key', 'period_start'])
      .where('company_id', 'in', c)
      .where('period_start', '>=', from)
      .execute();
    for (const r of rows) out.add(`${r.source_key}|${r.period_start}`);
  }
  return out;
}

/** The run keys (company:period start) that already have an invoice. */
export async function existingRunKeys(db: DbOrTrx, keys: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const c of chunks(keys)) {
    const rows = await db
      .selectFrom('invoices')
      .select('run_key')
      .where('run_key', 'in', c)
      .execute();
    for (const r of rows) if (r.run_key) out.add(r.run_key);
  }
  return out;
}

export type TaxRates = { byId: Map<string, TaxRate>; defaultRate: TaxRate | null };

/** Active tax rates, once per run. */
export async function activeTaxRates(db: DbOrTrx): Promise<TaxRates> {
  const rows = await db
    .selectFrom('tax_rates')
    .select(['id', 'name', 'rate_ppm', 'is_default'])
    .where('active', '=', 1)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, ratePpm: n(r.rate_ppm) }]));
  const d = rows.find((r) => n(r.is_default) === 1);
  return { byId, defaultRate: d ? byId.get(d.id)! : null };
}

/** Same rule as taxRateForCompany (invoices/queries.ts), from rates loaded once: exempt → none; own rate if active; else the default. */
export function taxRateFrom(
  rates: TaxRates,
  c: Pick<CompaniesTable, 'tax_exempt' | 'tax_rate_id'>,
): TaxRate | null {
  if (n(c.tax_exempt) === 1) return null;
  return (c.tax_rate_id ? rates.byId.get(c.tax_rate_id) : undefined) ?? rates.defaultRate;
}

export type ChargeRow = {
  companyId: string;
  sourceKey: string;
  serviceId: string | null;
  periodStart: string;
  periodEnd: string;
  amountCents: number;
  linePosition: number;
};

/** Writes the charges of a new invoice; the unique (source_key, period_start) refuses a second charge. */
export async function insertCharges(
  trx: DbOrTrx,
  invoiceId: string,
  charges: readonly ChargeRow[],
  now: string,
) {
  if (charges.length === 0) return;
  const lines = await trx
    .selectFrom('invoice_lines')
    .select(['id', 'position'])
    .where('invoice_id', '=', invoiceId)
    .execute();
  const byPosition = new Map(lines.map((l) => [n(l.position), l.id]));
  const rows = charges.map((c) => ({
    id: newId(),
    company_id: c.companyId,
    source_key: c.sourceKey,
    service_id: c.serviceId,
    period_start: c.periodStart,
    period_end: c.periodEnd,
    amount_cents: c.amountCents,
    invoice_id: invoiceId,
    invoice_line_id: byPosition.get(c.linePosition)!,
    created_at: now,
  }));
  for (const c of chunks(rows)) await trx.insertInto('recurring_charges').values(c).execute();
}

export async function setAnchorIfUnset(trx: DbOrTrx, companyId: string, anchor: string) {
  await trx
    .updateTable('companies')
    .set({ billing_anchor: anchor })
    .where('id', '=', companyId)
    .where('billing_anchor', 'is', null)
    .execute();
}

export async function insertRun(db: DbOrTrx, row: Omit<BillingRunsTable, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('billing_runs')
    .values({ id, ...row })
    .execute();
  return id;
}

/** Runs still "running" long after they started were interrupted (the process stopped): say so. */
export async function markInterruptedRuns(db: DbOrTrx, startedBefore: string, now: string) {
  await db
    .updateTable('billing_runs')
    .set({
      status: 'failed',
      error:
        'Interrupted: the process stopped before the run finished; a later run billed what it had not reached',
      finished_at: now,
    })
    .where('status', '=', 'running')
    .where('started_at', '<', startedBefore)
    .execute();
}

export async function finishRun(
  db: DbOrTrx,
  id: string,
  set: Pick<
    BillingRunsTable,
    'status' | 'invoices_created' | 'total_cents' | 'error' | 'finished_at'
  >,
) {
  await db.updateTable('billing_runs').set(set).where('id', '=', id).execute();
}

export type BillingRun = {
  id: string;
  asOf: string;
  triggeredBy: string;
  status: string;
  invoicesCreated: number;
  totalCents: number;
  error: string | null;
  actorLabel: string;
  startedAt: string;
  finishedAt: string | null;
};
const toRun = (r: BillingRunsTable): BillingRun => ({
  id: r.id,
  asOf: r.as_of,
  triggeredBy: r.triggered_by,
  status: r.status,
  invoicesCreated: n(r.invoices_created),
  totalCents: n(r.total_cents),
  error: r.error,
  actorLabel: r.actor_label,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Recent runs, newest first, by page. */
export async function recentRuns(
  db: DbOrTrx,
  page: number,
  perPage: number,
): Promise<{ runs: BillingRun[]; total: number }> {
  const rows = await db
    .selectFrom('billing_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const total = await db
    .selectFrom('billing_runs')
    .select((eb) => eb.fn.countAll().as('c'))
    .executeTakeFirst();
  return { runs: rows.map(toRun), total: n(total?.c ?? 0) };
}

/** Issued billing-run invoices that were never emailed (a previous run stopped before sending). */
export async function unsentRunInvoices(db: DbOrTrx): Promise<string[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('id')
    .where('source', '=', 'billing_run')
    .where('status', '=', 'issued')
    .where('auto_sent_at', 'is', null)
    .where('sent_at', 'is', null)
    .orderBy('created_at')
    .limit(1000)
    .execute();
  return rows.map((r) => r.id);
}

/** Company names matching a search, for the page's company picker. */
export async function searchActiveCompanies(
  db: DbOrTrx,
  q: string,
  limit = 20,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('status', '=', 'active')
    .where(columnContains(db, 'search_text', q.trim()))
    .orderBy('name_sort')
    .limit(limit)
    .execute();
}

export async function companyNames(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Numbers of the given invoices (null while a draft), by id. */
export async function invoiceNumbers(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const c of chunks(ids))
    for (const r of await db
      .selectFrom('invoices')
      .select(['id', 'number'])
      .where('id', 'in', c)
      .execute())
      out.set(r.id, r.number);
  return out;
}

export async function findRun(db: DbOrTrx, id: string): Promise<BillingRun | null> {
  const r = await db.selectFrom('billing_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r) : null;
}

export type RunInvoice = {
  id: string;
  number: string | null;
  status: string;
  companyId: string;
  companyName: string;
  periodStart: string | null;
  totalCents: number;
};

/** The invoices one run created (at most 500, by company name). */
export async function runInvoices(db: DbOrTrx, runId: string): Promise<RunInvoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('companies', 'companies.id', 'invoices.company_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.status',
      'invoices.company_id',
      'companies.name',
      'invoices.period_start',
      'invoices.total_cents',
    ])
    .where('invoices.billing_run_id', '=', runId)
    .orderBy('companies.name_sort')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    companyId: r.company_id,
    companyName: r.name,
    periodStart: r.period_start,
    totalCents: n(r.total_cents),
  }));
}

/**
 * The companies (of these) with any billable, uninvoiced, stopped time or part: a superset of those
 * for which readUnbilled finds items, so the run reads the items only where there are some.
 */
export async function companiesWithUnbilledWork(
  db: DbOrTrx,
  companyIds: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const c of chunks(companyIds)) {
    const time = await db
      .selectFrom('time_entries')
      .select('company_id')
      .distinct()
      .where('company_id', 'in', c)
      .where('billable', '=', 1)
      .where('invoice_id', 'is', null)
      .where('running_user_id', 'is', null)
      .execute();
    const parts = await db
      .selectFrom('work_order_parts')
      .select('company_id')
      .distinct()
      .where('company_id', 'in', c)
      .where('billable', '=', 1)
      .where('invoice_id', 'is', null)
      .execute();
    for (const r of [...time, ...parts]) out.add(r.company_id);
  }
  return out;
}
