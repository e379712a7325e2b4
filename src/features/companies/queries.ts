// Every SQL statement about companies. Rows stay here; callers get Company objects.
import type { CompaniesTable, DbOrTrx } from '../../db/database.ts';
import type { ListCompaniesQuery } from './schemas.ts';
import { sql } from 'kysely';
import { orderColumn, textSearch, type TextSearch } from '../search/contains.ts';
import { creditByCompany, openByCompany } from '../receivables/company-summary.ts';

export type Company = {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  phone: string | null;
  email: string | null;
  website: string | null;
  billingAddress: string | null;
  billingContactId: string | null;
  monthlyRateCents: number;
  contractStart: string | null;
  billingDay: number;
  paymentTermsDays: number;
  taxExempt: boolean;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};

export const toCompany = (r: CompaniesTable): Company => ({
  id: r.id,
  name: r.name,
  status: r.status as Company['status'],
  phone: r.phone,
  email: r.email,
  website: r.website,
  billingAddress: r.billing_address,
  billingContactId: r.billing_contact_id,
  monthlyRateCents: Number(r.monthly_rate_cents),
  contractStart: r.contract_start,
  billingDay: r.billing_day,
  paymentTermsDays: r.payment_terms_days,
  taxExempt: r.tax_exempt === 1,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Lower-cased text that search matches against, kept in step with the row on every write. */
export const companySearchText = (c: Pick<Company, 'name' | 'email' | 'phone' | 'website'>) =>
  [c.name, c.email, c.phone, c.website].filter(Boolean).join(' ').toLowerCase().slice(0, 1000);

export function toCompanyRow(c: Company): CompaniesTable {
  return {
    id: c.id,
    name: c.name,
    name_sort: c.name.toLowerCase(),
    search_text: companySearchText(c),
    status: c.status,
    phone: c.phone,
    email: c.email,
    website: c.website,
    billing_address: c.billingAddress,
    billing_contact_id: c.billingContactId,
    monthly_rate_cents: c.monthlyRateCents,
    contract_start: c.contractStart,
    billing_day: c.billingDay,
    payment_terms_days: c.paymentTermsDays,
    tax_exempt: c.taxExempt ? 1 : 0,
    notes: c.notes,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export async function findCompany(db: DbOrTrx, id: string): Promise<Company | null> {
  const r = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toCompany(r) : null;
}

export const insertCompany = (db: DbOrTrx, c: Company) =>
  db.insertInto('companies').values(toCompanyRow(c)).execute();

export async function updateCompanyRow(db: DbOrTrx, c: Company): Promise<void> {
  const { id, created_at: _created, ...rest } = toCompanyRow(c);
  await db.updateTable('companies').set(rest).where('id', '=', id).execute();
}

function filtered(
  db: DbOrTrx,
  q: Pick<ListCompaniesQuery, 'status'>,
  search: TextSearch | undefined,
) {
  let query = db.selectFrom('companies');
  if (q.status !== 'all') query = query.where('companies.status', '=', q.status);
  if (search) query = query.where(search.where);
  return query;
}

const SORT_COLUMN = {
  name: 'name_sort',
  created: 'created_at',
  rate: 'monthly_rate_cents',
} as const;

/**
 * One page of the company list and the total matching, for page numbers. Sorted by balance or past
 * due, the companies are joined to the per-company sums over the open invoices and the payments with
 * unapplied credit (receivables/company-summary.ts) as of `asOf`; ties in name order.
 */
export async function listCompanies(
  db: DbOrTrx,
  q: ListCompaniesQuery,
  opts: { asOf?: string } = {},
): Promise<{ items: Company[]; total: number }> {
  const search = await textSearch(db, 'companies', q.q);
  const count = filtered(db, q, search)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (q.sort === 'balance' || q.sort === 'pastDue') {
    const asOf = opts.asOf;
    if (!asOf) throw new Error(`sorting companies by ${q.sort} needs asOf`);
    const figure =
      q.sort === 'balance'
        ? sql`coalesce(o.open_cents, 0) - coalesce(p.credit_cents, 0)`
        : sql`coalesce(o.past_due_cents, 0)`;
    // The page's ids in order first (the sort carries ids, not whole rows), then those rows.
    const [ids, n] = await Promise.all([
      filtered(db, q, search)
        .leftJoin(openByCompany(db, asOf).as('o'), 'o.company_id', 'companies.id')
        .leftJoin(creditByCompany(db).as('p'), 'p.company_id', 'companies.id')
        .select('companies.id')
        .orderBy(figure, q.dir)
        .orderBy('companies.name_sort', 'asc')
        .orderBy('companies.id', 'asc')
        .limit(q.size)
        .offset((q.page - 1) * q.size)
        .execute(),
      count,
    ]);
    const rows = ids.length
      ? await db
          .selectFrom('companies')
          .selectAll()
          .where(
            'id',
            'in',
            ids.map((r) => r.id),
          )
          .execute()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: ids.map((r) => toCompany(byId.get(r.id)!)), total: Number(n.n) };
  }
  const [rows, n] = await Promise.all([
    filtered(db, q, search)
      .selectAll()
      .orderBy(orderColumn(search, SORT_COLUMN[q.sort]), q.dir)
      .orderBy('id', q.dir)
      .limit(q.size)
      .offset((q.page - 1) * q.size)
      .execute(),
    count,
  ]);
  return { items: rows.map(toCompany), total: Number(n.n) };
}

/** Keyset page for the API: ordered by id (time-ordered), after the cursor. */
export async function listCompaniesAfter(
  db: DbOrTrx,
  q: { q: string; status: 'active' | 'inactive' | 'all'; limit: number; cursor?: string },
) {
  const search = await textSearch(db, 'companies', q.q);
  let query = filtered(db, q, search)
    .selectAll()
    .orderBy(orderColumn(search, 'id'), 'asc')
    .limit(q.limit + 1);
  if (q.cursor) query = query.where('id', '>', q.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, q.limit).map(toCompany);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}

export async function companyNames(db: DbOrTrx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
