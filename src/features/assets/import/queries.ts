// SQL for the asset import: the company's locations and contacts by name (for matching cells), and
// assets written in batches. Rows stay here; the service sees plain objects.
import type { DbOrTrx } from '../../../db/database.ts';
import { toAssetRow, type Asset } from '../queries.ts';

/** Every location of the company (not a page): a name in any row may match any of them. */
export const companyLocationNames = (db: DbOrTrx, companyId: string) =>
  db
    .selectFrom('locations')
    .select(['id', 'name'])
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .execute();

/** Every contact of the company, active or not, with the email a row may name instead. */
export const companyContactNames = (db: DbOrTrx, companyId: string) =>
  db
    .selectFrom('contacts')
    .select(['id', 'name', 'email'])
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .execute();

/** 100 rows per statement keeps every dialect well under its bound-parameter limit. */
export async function insertAssets(db: DbOrTrx, assets: Asset[]) {
  for (let i = 0; i < assets.length; i += 100)
    await db
      .insertInto('assets')
      .values(assets.slice(i, i + 100).map(toAssetRow))
      .execute();
}
