// Every SQL statement about assets. Rows stay here; callers get Asset objects. Lookups that name a
// company are scoped by it, so another company's asset is "not found".
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { AssetsTable, Database, DbOrTrx } from '../../db/database.ts';
import { columnContains, orderColumn, textSearch, type TextSearch } from '../search/contains.ts';
import type { CustomValues } from '../categories/custom-fields.ts';
import type { AssetStatus, ListAssetsQuery } from './schemas.ts';

export type Asset = {
  id: string;
  companyId: string;
  categoryId: string;
  name: string;
  make: string | null;
  model: string | null;
  serial: string | null;
  assetTag: string | null;
  status: AssetStatus;
  locationId: string | null;
  contactId: string | null;
  ipAddresses: string[];
  mac: string | null;
  os: string | null;
  purchaseDate: string | null;
  purchasePriceCents: number | null;
  vendor: string | null;
  warrantyExpires: string | null;
  notes: string | null;
  customFields: CustomValues;
  createdAt: string;
  updatedAt: string;
};
/** An asset with the names of what it points at, for lists and pages. */
export type AssetView = Asset & {
  companyName: string;
  categoryName: string;
  locationName: string | null;
  contactName: string | null;
};

export const toAsset = (r: AssetsTable): Asset => ({
  id: r.id,
  companyId: r.company_id,
  categoryId: r.category_id,
  name: r.name,
  make: r.make,
  model: r.model,
  serial: r.serial,
  assetTag: r.asset_tag,
  status: r.status as AssetStatus,
  locationId: r.location_id,
  contactId: r.contact_id,
  ipAddresses: r.ip_addresses ? r.ip_addresses.split(', ') : [],
  mac: r.mac,
  os: r.os,
  purchaseDate: r.purchase_date,
  purchasePriceCents: r.purchase_price_cents === null ? null : Number(r.purchase_price_cents),
  vendor: r.vendor,
  warrantyExpires: r.warranty_expires,
  notes: r.notes,
  customFields: r.custom_fields ? (JSON.parse(r.custom_fields) as CustomValues) : {},
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Lower-cased text that search matches: name, serial, tag, IPs, MAC (with and without colons), make, model. */
export const assetSearchText = (
  a: Pick<Asset, 'name' | 'serial' | 'assetTag' | 'ipAddresses' | 'mac' | 'make' | 'model'>,
) =>
  [a.name, a.serial, a.assetTag, ...a.ipAddresses, a.mac, a.mac?.replace(/:/g, ''), a.make, a.model]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
    .slice(0, 1000);

export const toAssetRow = (a: Asset): AssetsTable => ({
  id: a.id,
  company_id: a.companyId,
  category_id: a.categoryId,
  name: a.name,
  name_sort: a.name.toLowerCase(),
  make: a.make,
  model: a.model,
  serial: a.serial,
  asset_tag: a.assetTag,
  status: a.status,
  location_id: a.locationId,
  contact_id: a.contactId,
  ip_addresses: a.ipAddresses.length ? a.ipAddresses.join(', ') : null,
  mac: a.mac,
  os: a.os,
  purchase_date: a.purchaseDate,
  purchase_price_cents: a.purchasePriceCents,
  vendor: a.vendor,
  warranty_expires: a.warrantyExpires,
  notes: a.notes,
  custom_fields: Object.keys(a.customFields).length ? JSON.stringify(a.customFields) : null,
  search_text: assetSearchText(a),
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

export async function findAsset(
  db: DbOrTrx,
  id: string,
  companyId?: string,
): Promise<Asset | null> {
  let q = db.selectFrom('assets').selectAll().where('id', '=', id);
  if (companyId) q = q.where('company_id', '=', companyId);
  const r = await q.executeTakeFirst();
  return r ? toAsset(r) : null;
}

export async function findAssets(db: DbOrTrx, ids: string[]): Promise<Asset[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('assets').selectAll().where('id', 'in', ids).execute()).map(toAsset);
}

export const insertAsset = (db: DbOrTrx, a: Asset) =>
  db.insertInto('assets').values(toAssetRow(a)).execute();

export async function updateAssetRow(db: DbOrTrx, a: Asset) {
  const { id, created_at: _c, company_id: _co, ...rest } = toAssetRow(a);
  await db.updateTable('assets').set(rest).where('id', '=', id).execute();
}

/** assets joined with the names of company, category, location and contact. */
function joined(db: DbOrTrx) {
  return withNames(db.selectFrom('assets'));
}

function withNames(q: SelectQueryBuilder<Database, 'assets', object>) {
  return q
    .innerJoin('companies', 'companies.id', 'assets.company_id')
    .innerJoin('asset_categories', 'asset_categories.id', 'assets.category_id')
    .leftJoin('locations', 'locations.id', 'assets.location_id')
    .leftJoin('contacts', 'contacts.id', 'assets.contact_id');
}
const viewColumns = [
  'companies.name as company_name',
  'asset_categories.name as category_name',
  'locations.name as location_name',
  'contacts.name as contact_name',
] as const;
type Names = {
  company_name: string;
  category_name: string;
  location_name: string | null;
  contact_name: string | null;
};
const toView = (r: AssetsTable & Names): AssetView => ({
  ...toAsset(r),
  companyName: r.company_name,
  categoryName: r.category_name,
  locationName: r.location_name,
  contactName: r.contact_name,
});

export async function findAssetView(db: DbOrTrx, id: string): Promise<AssetView | null> {
  const r = await joined(db)
    .selectAll('assets')
    .select(viewColumns)
    .where('assets.id', '=', id)
    .executeTakeFirst();
  return r ? toView(r) : null;
}

export type AssetFilter = Omit<ListAssetsQuery, 'sort' | 'dir' | 'page' | 'size'> & {
  today: string;
  warrantyFrom?: string;
  warrantyTo?: string;
};

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The filter on assets alone (the company-name filter as a subquery), so that the total count
 * reads no joined table: joining companies made SQLite count by walking every company's assets.
 */
function filtered(db: DbOrTrx, f: AssetFilter, search: TextSearch | undefined) {
  let q = db.selectFrom('assets');
  if (f.companyId) q = q.where('assets.company_id', '=', f.companyId);
  if (f.company)
    q = q.where(
      'assets.company_id',
      'in',
      db
        .selectFrom('companies')
        .select('companies.id')
        .where(columnContains(db, 'companies.name_sort', f.company)),
    );
  if (f.categoryId) q = q.where('assets.category_id', '=', f.categoryId);
  if (f.locationId) q = q.where('assets.location_id', '=', f.locationId);
  if (f.status) q = q.where('assets.status', '=', f.status);
  if (search) q = q.where(search.where);
  // "Expiring within N days" means from today up to today + N; already-expired warranties are not "expiring".
  if (f.warranty !== undefined)
    q = q
      .where('assets.warranty_expires', '>=', f.today)
      .where('assets.warranty_expires', '<=', addDays(f.today, f.warranty));
  if (f.warrantyFrom) q = q.where('assets.warranty_expires', '>=', f.warrantyFrom);
  if (f.warrantyTo) q = q.where('assets.warranty_expires', '<=', f.warrantyTo);
  return q;
}

export { addDays };

/** Filtered, sorted rows: one page with the total (HTML), or up to `limit` from the start (CSV). */
export async function listAssets(
  db: DbOrTrx,
  f: AssetFilter,
  o: {
    sort: ListAssetsQuery['sort'];
    dir: 'asc' | 'desc';
    limit: number;
    offset: number;
    count?: boolean;
  },
) {
  const search = await textSearch(db, 'assets', f.q);
  const order: [RawBuilder<unknown>, 'asc' | 'desc'][] =
    o.sort === 'warranty'
      ? [
          [sql`case when assets.warranty_expires is null then 1 else 0 end`, 'asc'],
          [sql.ref('assets.warranty_expires'), o.dir],
        ]
      : o.sort === 'created'
        ? [[sql.ref('assets.created_at'), o.dir]]
        : [[orderColumn(search, 'assets.name_sort'), o.dir]];
  order.push([sql.ref('assets.id'), o.dir]);
  const count =
    o.count === false
      ? Promise.resolve({ n: -1 })
      : filtered(db, f, search)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
  if (o.limit > PAGE_MAX) {
    // The CSV: one statement for up to CSV_MAX_ROWS rows.
    let q = withNames(filtered(db, f, search))
      .selectAll('assets')
      .select(viewColumns);
    for (const [e, d] of order) q = q.orderBy(e, d);
    const [items, total] = await Promise.all([q.limit(o.limit).offset(o.offset).execute(), count]);
    return { items: items.map(toView), total: Number(total.n) };
  }
  // A page: its ids in order from assets alone, then those rows with their names. Joining first
  // made MariaDB read every asset, join it and sort them all to keep 50 (178 ms at 50,000).
  let ids = filtered(db, f, search).select('assets.id');
  for (const [e, d] of order) ids = ids.orderBy(e, d);
  const [page, total] = await Promise.all([ids.limit(o.limit).offset(o.offset).execute(), count]);
  const rows = page.length
    ? await joined(db)
        .selectAll('assets')
        .select(viewColumns)
        .where(
          'assets.id',
          'in',
          page.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: page.map((r) => toView(byId.get(r.id)!)), total: Number(total.n) };
}

/** Above this many rows a listing is an export, read in one statement. */
const PAGE_MAX = 200;

/** Keyset page for the API: ordered by id (time-ordered), after the cursor. */
export async function listAssetsAfter(
  db: DbOrTrx,
  f: AssetFilter,
  o: { limit: number; cursor?: string },
) {
  const search = await textSearch(db, 'assets', f.q);
  let q = withNames(filtered(db, f, search))
    .selectAll('assets')
    .select(viewColumns)
    .orderBy(orderColumn(search, 'assets.id'), 'asc')
    .limit(o.limit + 1);
  if (o.cursor) q = q.where('assets.id', '>', o.cursor);
  const rows = await q.execute();
  const items = rows.slice(0, o.limit).map(toView);
  return { items, nextCursor: rows.length > o.limit ? items[items.length - 1].id : null };
}

export async function namesOf(
  db: DbOrTrx,
  table: 'locations' | 'contacts' | 'asset_categories',
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = ids.filter((x): x is string => Boolean(x));
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function belongsTo(
  db: DbOrTrx,
  table: 'locations' | 'contacts',
  id: string,
  companyId: string,
): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom(table)
      .select('id')
      .where('id', '=', id)
      .where('company_id', '=', companyId)
      .executeTakeFirst(),
  );
}
