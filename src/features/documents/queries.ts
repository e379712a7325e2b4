// Every SQL statement about documents. Deleted documents are invisible to every reader here; the
// row stays for the audit trail. Rows stay here; callers get DocumentMeta objects.
import type { DbOrTrx, DocumentsTable } from '../../db/database.ts';

export type DocumentMeta = {
  id: string;
  companyId: string;
  assetId: string | null;
  assetName: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: string | null;
  uploadedByName: string;
  createdAt: string;
};

/** Which documents a lookup may see: a company's (all of them, its assets' too) or one asset's. */
export type DocumentScope = { companyId?: string | null; assetId?: string | null };

type Row = DocumentsTable & { asset_name: string | null };

const toDocument = (r: Row): DocumentMeta => ({
  id: r.id,
  companyId: r.company_id,
  assetId: r.asset_id,
  assetName: r.asset_name,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedById: r.uploaded_by_id,
  uploadedByName: r.uploaded_by_name,
  createdAt: r.created_at,
});

function visible(db: DbOrTrx, scope: DocumentScope) {
  let q = db
    .selectFrom('documents as d')
    .leftJoin('assets as a', 'a.id', 'd.asset_id')
    .where('d.deleted_at', 'is', null);
  if (scope.companyId) q = q.where('d.company_id', '=', scope.companyId);
  if (scope.assetId) q = q.where('d.asset_id', '=', scope.assetId);
  return q;
}

const columns = (q: ReturnType<typeof visible>) => q.selectAll('d').select('a.name as asset_name');

export async function findDocument(
  db: DbOrTrx,
  id: string,
  scope: DocumentScope = {},
): Promise<DocumentMeta | null> {
  const r = await columns(visible(db, scope)).where('d.id', '=', id).executeTakeFirst();
  return r ? toDocument(r) : null;
}

/** Keyset page for the API, newest first (ids are time-ordered). */
export async function listDocumentsAfter(
  db: DbOrTrx,
  scope: DocumentScope,
  p: { limit: number; cursor?: string },
) {
  let q = columns(visible(db, scope))
    .orderBy('d.id', 'desc')
    .limit(p.limit + 1);
  if (p.cursor) q = q.where('d.id', '<', p.cursor);
  const rows = await q.execute();
  const items = rows.slice(0, p.limit).map(toDocument);
  return { items, nextCursor: rows.length > p.limit ? items[items.length - 1].id : null };
}

/** One numbered page, newest first, and the total, for the HTML list. */
export async function listDocumentsPage(
  db: DbOrTrx,
  scope: DocumentScope,
  p: { page: number; size: number },
) {
  const [rows, count] = await Promise.all([
    columns(visible(db, scope))
      .orderBy('d.id', 'desc')
      .limit(p.size)
      .offset((p.page - 1) * p.size)
      .execute(),
    visible(db, scope)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDocument), total: Number(count.n) };
}

export const insertDocument = (db: DbOrTrx, row: DocumentsTable) =>
  db.insertInto('documents').values(row).execute();

export async function markDeleted(
  db: DbOrTrx,
  id: string,
  at: string,
  byName: string,
): Promise<void> {
  await db
    .updateTable('documents')
    .set({ deleted_at: at, deleted_by_name: byName })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

/** True when some document (deleted ones too: their bytes are kept) already holds this content. */
export async function contentStored(db: DbOrTrx, sha256: string): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('documents')
      .select('id')
      .where('sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst(),
  );
}

export type AssetHeading = {
  id: string;
  name: string;
  status: string;
  companyId: string;
  companyName: string;
  categoryName: string;
};

/** What the asset header shows, read here so documents do not depend on the assets feature's files. */
export async function findAssetHeading(db: DbOrTrx, assetId: string): Promise<AssetHeading | null> {
  const r = await db
    .selectFrom('assets as a')
    .innerJoin('companies as c', 'c.id', 'a.company_id')
    .innerJoin('asset_categories as k', 'k.id', 'a.category_id')
    .select([
      'a.id',
      'a.name',
      'a.status',
      'a.company_id',
      'c.name as company_name',
      'k.name as category_name',
    ])
    .where('a.id', '=', assetId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        name: r.name,
        status: r.status,
        companyId: r.company_id,
        companyName: r.company_name,
        categoryName: r.category_name,
      }
    : null;
}
