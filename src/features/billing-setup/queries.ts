// Every SQL statement of the billing set-up: tax rates, the service catalogue, each company's
// recurring service lines and the company's billing fields. Rows stay here; callers get objects.
import type {
  CompanyServicesTable,
  DbOrTrx,
  ServiceCatalogTable,
  TaxRatesTable,
} from '../../db/database.ts';

const n = (v: unknown) => Number(v);
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export type TaxRateItem = {
  id: string;
  name: string;
  ratePpm: number;
  isDefault: boolean;
  active: boolean;
  companies: number;
  createdAt: string;
  updatedAt: string;
};
export type CatalogItem = {
  id: string;
  name: string;
  description: string | null;
  kind: string;
  unitPriceCents: number;
  unitCostCents: number | null;
  markupBp: number | null;
  taxable: boolean;
  active: boolean;
  companies: number;
  createdAt: string;
  updatedAt: string;
};
export type CompanyService = {
  id: string;
  companyId: string;
  catalogId: string | null;
  catalogName: string | null;
  description: string;
  quantityThousandths: number;
  unitPriceCents: number;
  unitCostCents: number | null;
  markupBp: number | null;
  taxable: boolean;
  startDate: string;
  endDate: string | null;
  /** The end of the last period billed for this line, or null when never billed. */
  billedThrough: string | null;
  createdAt: string;
  updatedAt: string;
};
export type CompanyBilling = {
  companyId: string;
  name: string;
  status: string;
  taxExempt: boolean;
  taxRateId: string | null;
  billWorkMonthly: boolean;
  billingAnchor: string | null;
  monthlyRateCents: number;
  contractStart: string | null;
  billingDay: number;
  paymentTermsDays: number;
};

// ---- tax rates

const toTaxRate = (r: TaxRatesTable, companies = 0): TaxRateItem => ({
  id: r.id,
  name: r.name,
  ratePpm: n(r.rate_ppm),
  isDefault: n(r.is_default) === 1,
  active: n(r.active) === 1,
  companies,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listTaxRates(db: DbOrTrx): Promise<TaxRateItem[]> {
  const rows = await db
    .selectFrom('tax_rates')
    .selectAll()
    .orderBy('active', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const used = await db
    .selectFrom('companies')
    .select(['tax_rate_id', db.fn.countAll<number>().as('n')])
    .where('tax_rate_id', 'is not', null)
    .groupBy('tax_rate_id')
    .execute();
  const counts = new Map(used.map((u) => [u.tax_rate_id, n(u.n)]));
  return rows.map((r) => toTaxRate(r, counts.get(r.id) ?? 0));
}

export async function findTaxRate(db: DbOrTrx, id: string): Promise<TaxRateItem | null> {
  const r = await db.selectFrom('tax_rates').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTaxRate(r) : null;
}

export const insertTaxRate = (db: DbOrTrx, row: TaxRatesTable) =>
  db.insertInto('tax_rates').values(row).execute();

export const updateTaxRate = (db: DbOrTrx, id: string, set: Partial<TaxRatesTable>) =>
  db.updateTable('tax_rates').set(set).where('id', '=', id).execute();

/** Clears the default flag from every rate but `keepId`. */
export const clearOtherDefaults = (db: DbOrTrx, keepId: string, now: string) =>
  db
    .updateTable('tax_rates')
    .set({ is_default: 0, updated_at: now })
    .where('is_default', '=', 1)
    .where('id', '!=', keepId)
    .execute();

// ---- service catalogue

const toCatalogItem = (r: ServiceCatalogTable, companies = 0): CatalogItem => ({
  id: r.id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  unitPriceCents: n(r.unit_price_cents),
  unitCostCents: nn(r.unit_cost_cents),
  markupBp: nn(r.markup_bp),
  taxable: n(r.taxable) === 1,
  active: n(r.active) === 1,
  companies,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The catalogue with, per item, how many companies have a running line of it on `today`. */
export async function listCatalog(
  db: DbOrTrx,
  today: string,
  opts: { activeOnly?: boolean } = {},
): Promise<CatalogItem[]> {
  let q = db.selectFrom('service_catalog').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q
    .orderBy('active', 'desc')
    .orderBy('kind')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const used = await runningLines(db, today)
    .select(['catalog_id', db.fn.count<number>('company_id').distinct().as('n')])
    .where('catalog_id', 'is not', null)
    .groupBy('catalog_id')
    .execute();
  const counts = new Map(used.map((u) => [u.catalog_id, n(u.n)]));
  return rows.map((r) => toCatalogItem(r, counts.get(r.id) ?? 0));
}

/** One item; with `today`, also how many companies run it that day. */
export async function findCatalogItem(
  db: DbOrTrx,
  id: string,
  today?: string,
): Promise<CatalogItem | null> {
  const r = await db
    .selectFrom('service_catalog')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  if (!today) return toCatalogItem(r);
  const used = await runningLines(db, today)
    .select(db.fn.count<number>('company_id').distinct().as('n'))
    .where('catalog_id', '=', id)
    .executeTakeFirst();
  return toCatalogItem(r, n(used?.n ?? 0));
}

const runningLines = (db: DbOrTrx, today: string) =>
  db
    .selectFrom('company_services')
    .where('deleted_at', 'is', null)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]));

export const insertCatalogItem = (db: DbOrTrx, row: ServiceCatalogTable) =>
  db.insertInto('service_catalog').values(row).execute();

export const updateCatalogItem = (db: DbOrTrx, id: string, set: Partial<ServiceCatalogTable>) =>
  db.updateTable('service_catalog').set(set).where('id', '=', id).execute();

/**
 * Re-prices the company lines of a catalogue item that still charge its old price and have not ended
 * before `today`; lines someone priced differently for one customer are left alone. Returns their ids.
 */
export async function repriceCompanyLines(
  db: DbOrTrx,
  catalogId: string,
  oldPriceCents: number,
  set: { unit_price_cents: number; unit_cost_cents: number | null; markup_bp: number | null },
  today: string,
  now: string,
): Promise<{ id: string; companyId: string }[]> {
  const rows = await db
    .selectFrom('company_services')
    .select(['id', 'company_id'])
    .where('catalog_id', '=', catalogId)
    .where('deleted_at', 'is', null)
    .where('unit_price_cents', '=', oldPriceCents)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .execute();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('company_services')
      .set({ ...set, updated_at: now })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  return rows.map((r) => ({ id: r.id, companyId: r.company_id }));
}

// ---- company service lines

type ServiceRow = CompanyServicesTable & {
  catalog_name: string | null;
  billed_through: string | null;
};

const toCompanyService = (r: ServiceRow): CompanyService => ({
  id: r.id,
  companyId: r.company_id,
  catalogId: r.catalog_id,
  catalogName: r.catalog_name,
  description: r.description,
  quantityThousandths: n(r.quantity_thousandths),
  unitPriceCents: n(r.unit_price_cents),
  unitCostCents: nn(r.unit_cost_cents),
  markupBp: nn(r.markup_bp),
  taxable: n(r.taxable) === 1,
  startDate: r.start_date,
  endDate: r.end_date,
  billedThrough: r.billed_through,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const servicesQuery = (db: DbOrTrx) =>
  db
    .selectFrom('company_services as s')
    .leftJoin('service_catalog as c', 'c.id', 's.catalog_id')
    .selectAll('s')
    .select('c.name as catalog_name')
    .select((eb) =>
      eb
        .selectFrom('recurring_charges as r')
        .select((e) => e.fn.max('r.period_end').as('m'))
        .whereRef('r.service_id', '=', 's.id')
        .as('billed_through'),
    )
    .where('s.deleted_at', 'is', null);

/** A company's lines (not deleted), oldest start first. */
export async function listCompanyServices(
  db: DbOrTrx,
  companyId: string,
): Promise<CompanyService[]> {
  const rows = await servicesQuery(db)
    .where('s.company_id', '=', companyId)
    .orderBy('s.start_date')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => toCompanyService(r as ServiceRow));
}

export async function findCompanyService(
  db: DbOrTrx,
  companyId: string,
  id: string,
): Promise<CompanyService | null> {
  const r = await servicesQuery(db)
    .where('s.company_id', '=', companyId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  return r ? toCompanyService(r as ServiceRow) : null;
}

export const insertCompanyService = (db: DbOrTrx, row: CompanyServicesTable) =>
  db.insertInto('company_services').values(row).execute();

export const updateCompanyService = (db: DbOrTrx, id: string, set: Partial<CompanyServicesTable>) =>
  db
    .updateTable('company_services')
    .set(set)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();

// ---- company billing fields

export async function findCompanyBilling(
  db: DbOrTrx,
  companyId: string,
): Promise<CompanyBilling | null> {
  const r = await db
    .selectFrom('companies')
    .select([
      'id',
      'name',
      'status',
      'tax_exempt',
      'tax_rate_id',
      'bill_work_monthly',
      'billing_anchor',
      'monthly_rate_cents',
      'contract_start',
      'billing_day',
      'payment_terms_days',
    ])
    .where('id', '=', companyId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    companyId: r.id,
    name: r.name,
    status: r.status,
    taxExempt: n(r.tax_exempt) === 1,
    taxRateId: r.tax_rate_id ?? null,
    billWorkMonthly: n(r.bill_work_monthly ?? 1) === 1,
    billingAnchor: r.billing_anchor ?? null,
    monthlyRateCents: n(r.monthly_rate_cents),
    contractStart: r.contract_start,
    billingDay: n(r.billing_day),
    paymentTermsDays: n(r.payment_terms_days),
  };
}

export const setCompanyBilling = (
  db: DbOrTrx,
  companyId: string,
  v: { taxRateId: string | null; billWorkMonthly: boolean; billingAnchor: string | null },
  now: string,
) =>
  db
    .updateTable('companies')
    .set({
      tax_rate_id: v.taxRateId,
      bill_work_monthly: v.billWorkMonthly ? 1 : 0,
      billing_anchor: v.billingAnchor,
      updated_at: now,
    })
    .where('id', '=', companyId)
    .execute();
