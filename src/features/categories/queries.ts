// Every SQL statement about asset categories. The field definitions are a JSON column.
import type { AssetCategoriesTable, DbOrTrx } from '../../db/database.ts';
import type { CategoryField } from './schemas.ts';

export type Category = {
  id: string;
  name: string;
  fields: CategoryField[];
  createdAt: string;
  updatedAt: string;
};

export const toCategory = (r: AssetCategoriesTable): Category => ({
  id: r.id,
  name: r.name,
  fields: JSON.parse(r.fields) as CategoryField[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toRow = (c: Category): AssetCategoriesTable => ({
  id: c.id,
  name: c.name,
  fields: JSON.stringify(c.fields),
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

export async function findCategory(db: DbOrTrx, id: string): Promise<Category | null> {
  const r = await db
    .selectFrom('asset_categories')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toCategory(r) : null;
}

export async function findCategoryByName(db: DbOrTrx, name: string): Promise<Category | null> {
  const rows = await db.selectFrom('asset_categories').selectAll().execute();
  const r = rows.find((x) => x.name.toLowerCase() === name.toLowerCase());
  return r ? toCategory(r) : null;
}

export async function listCategories(db: DbOrTrx): Promise<Category[]> {
  const rows = await db.selectFrom('asset_categories').selectAll().orderBy('name').execute();
  return rows.map(toCategory);
}

export const insertCategory = (db: DbOrTrx, c: Category) =>
  db.insertInto('asset_categories').values(toRow(c)).execute();

export async function updateCategoryRow(db: DbOrTrx, c: Category) {
  const { id, created_at: _c, ...rest } = toRow(c);
  await db.updateTable('asset_categories').set(rest).where('id', '=', id).execute();
}

export async function assetCountsByCategory(db: DbOrTrx): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('assets')
    .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('category_id')
    .execute();
  return new Map(rows.map((r) => [r.category_id, Number(r.n)]));
}
