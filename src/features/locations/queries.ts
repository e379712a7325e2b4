// Every SQL statement about locations. Lookups that name a company are scoped by it.
import type { DbOrTrx, LocationsTable } from '../../db/database.ts';
import { decodeCursor, encodeCursor } from '../assets/cursor.ts';

export type Location = {
  id: string;
  companyId: string;
  name: string;
  address: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};

export const toLocation = (r: LocationsTable): Location => ({
  id: r.id,
  companyId: r.company_id,
  name: r.name,
  address: r.address,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (l: Location): LocationsTable => ({
  id: l.id,
  company_id: l.companyId,
  name: l.name,
  name_sort: l.name.toLowerCase(),
  address: l.address,
  notes: l.notes,
  created_at: l.createdAt,
  updated_at: l.updatedAt,
});

export async function findLocation(
  db: DbOrTrx,
  id: string,
  companyId?: string,
): Promise<Location | null> {
  let q = db.selectFrom('locations').selectAll().where('id', '=', id);
  if (companyId) q = q.where('company_id', '=', companyId);
  const r = await q.executeTakeFirst();
  return r ? toLocation(r) : null;
}

export const insertLocation = (db: DbOrTrx, l: Location) =>
  db.insertInto('locations').values(toRow(l)).execute();

export async function updateLocationRow(db: DbOrTrx, l: Location) {
  const { id, created_at: _c, ...rest } = toRow(l);
  await db.updateTable('locations').set(rest).where('id', '=', id).execute();
}

/** A company's locations by name, keyset-paginated. */
export async function listLocations(
  db: DbOrTrx,
  companyId: string,
  opts: { limit: number; cursor?: string },
) {
  let q = db
    .selectFrom('locations')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .orderBy('id')
    .limit(opts.limit + 1);
  if (opts.cursor) {
    const [name, id] = decodeCursor(opts.cursor, 2);
    q = q.where((eb) =>
      eb.or([eb('name_sort', '>', name), eb.and([eb('name_sort', '=', name), eb('id', '>', id)])]),
    );
  }
  const rows = await q.execute();
  const last = rows.length > opts.limit ? rows[opts.limit - 1] : null;
  return {
    items: rows.slice(0, opts.limit).map(toLocation),
    nextCursor: last ? encodeCursor([last.name_sort, last.id]) : null,
  };
}

/** How many assets each of a company's locations holds, for the locations list. */
export async function assetCountsByLocation(
  db: DbOrTrx,
  companyId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('assets')
    .select(['location_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('company_id', '=', companyId)
    .where('location_id', 'is not', null)
    .groupBy('location_id')
    .execute();
  return new Map(rows.map((r) => [r.location_id as string, Number(r.n)]));
}
