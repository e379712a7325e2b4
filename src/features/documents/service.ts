// Document use cases: permission, scope, transaction, audit. Bytes go to storage by content hash
// before the row is written, so a row never points at a missing file (a failed insert leaves at
// most an unreferenced blob). Deletion is soft: the row is kept and audited, the bytes stay.
import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { UploadTooLargeError, type UploadedFile } from '../../platform/uploads.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findCompany } from '../companies/queries.ts';
import { DocumentPageQuery, ListDocumentsQuery, UploadDocumentInput } from './schemas.ts';
import { normalizeContentType, safeFilename, storageKey } from './files.ts';
import {
  contentStored,
  findAssetHeading,
  findDocument,
  insertDocument,
  listDocumentsAfter,
  listDocumentsPage,
  markDeleted,
  type DocumentMeta,
  type DocumentScope,
} from './queries.ts';

const actorName = (ctx: Ctx) =>
  (ctx.actor.type === 'system' ? ctx.actor.label : ctx.actor.name).slice(0, 200);

export async function uploadDocument(
  ctx: Ctx,
  raw: unknown,
  file: UploadedFile | null,
): Promise<DocumentMeta> {
  assertCan(ctx.actor, 'documents.write');
  const input = parseInput(UploadDocumentInput, raw);
  if (!file) throw new ValidationError([{ path: 'file', message: 'Choose a file to upload' }]);
  // The multipart limit already refuses these; the CLI or a future caller might not go through it.
  if (file.data.length > ctx.config.uploadMaxBytes)
    throw new UploadTooLargeError(file.field, file.filename, ctx.config.uploadMaxBytes);
  if (!(await findCompany(ctx.db, input.companyId)))
    throw new ValidationError([{ path: 'companyId', message: 'No such company' }]);
  const asset = input.assetId ? await findAssetHeading(ctx.db, input.assetId) : null;
  if (input.assetId && asset?.companyId !== input.companyId)
    throw new ValidationError([{ path: 'assetId', message: 'No such asset at this company' }]);

  const sha256 = createHash('sha256').update(file.data).digest('hex');
  if (!(await contentStored(ctx.db, sha256))) await ctx.storage.put(storageKey(sha256), file.data);
  const doc: DocumentMeta = {
    id: newId(),
    companyId: input.companyId,
    assetId: asset?.id ?? null,
    assetName: asset?.name ?? null,
    filename: safeFilename(file.filename),
    contentType: normalizeContentType(file.mimetype),
    sizeBytes: file.data.length,
    sha256,
    uploadedById: ctx.actor.type === 'staff' ? ctx.actor.userId : null,
    uploadedByName: actorName(ctx),
    createdAt: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertDocument(trx, {
      id: doc.id,
      company_id: doc.companyId,
      asset_id: doc.assetId,
      filename: doc.filename,
      content_type: doc.contentType,
      size_bytes: doc.sizeBytes,
      sha256,
      uploaded_by_id: doc.uploadedById,
      uploaded_by_name: doc.uploadedByName,
      created_at: doc.createdAt,
      deleted_at: null,
      deleted_by_name: null,
    });
    await audit(trx, ctx, {
      action: 'document.upload',
      entityType: 'document',
      entityId: doc.id,
      companyId: doc.companyId,
      summary: {
        filename: doc.filename,
        sizeBytes: doc.sizeBytes,
        sha256,
        ...(asset ? { asset: asset.name } : {}),
      },
    });
  });
  return doc;
}

export async function getDocument(
  ctx: Ctx,
  id: string,
  scope: DocumentScope = {},
): Promise<DocumentMeta> {
  assertCan(ctx.actor, 'documents.read');
  const doc = await findDocument(ctx.db, id, scope);
  if (!doc) throw new NotFoundError('No such document.');
  return doc;
}

/** The document and its bytes; a deleted document is not found. */
export async function readDocument(
  ctx: Ctx,
  id: string,
): Promise<{ doc: DocumentMeta; data: Buffer }> {
  const doc = await getDocument(ctx, id);
  const data = await ctx.storage.get(storageKey(doc.sha256));
  if (!data) {
    ctx.log.error({ documentId: id, sha256: doc.sha256 }, 'document file missing from storage');
    throw new NotFoundError(
      'The file of this document is missing from storage. Restore it from a backup.',
    );
  }
  return { doc, data };
}

export async function deleteDocument(
  ctx: Ctx,
  id: string,
  scope: DocumentScope = {},
): Promise<DocumentMeta> {
  assertCan(ctx.actor, 'documents.write');
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await findDocument(trx, id, scope);
    if (!doc) throw new NotFoundError('No such document.');
    await markDeleted(trx, id, nowIso(), actorName(ctx));
    await audit(trx, ctx, {
      action: 'document.delete',
      entityType: 'document',
      entityId: id,
      companyId: doc.companyId,
      summary: { filename: doc.filename, ...(doc.assetName ? { asset: doc.assetName } : {}) },
    });
    return doc;
  });
}

export async function pageDocuments(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'documents.read');
  const q = parseInput(ListDocumentsQuery, raw);
  return listDocumentsAfter(ctx.db, { companyId: q.companyId, assetId: q.assetId }, q);
}

export async function companyDocuments(ctx: Ctx, companyId: string, raw: unknown) {
  assertCan(ctx.actor, 'documents.read');
  const query = parseInput(DocumentPageQuery, raw);
  const company = await findCompany(ctx.db, companyId);
  if (!company) throw new NotFoundError('No such company.');
  return { company, query, ...(await listDocumentsPage(ctx.db, { companyId }, query)) };
}

export async function getAssetHeading(ctx: Ctx, assetId: string) {
  assertCan(ctx.actor, 'documents.read');
  const asset = await findAssetHeading(ctx.db, assetId);
  if (!asset) throw new NotFoundError('No such asset.');
  return asset;
}

export async function assetDocuments(ctx: Ctx, assetId: string, raw: unknown) {
  const query = parseInput(DocumentPageQuery, raw);
  const asset = await getAssetHeading(ctx, assetId);
  return {
    asset,
    query,
    ...(await listDocumentsPage(ctx.db, { companyId: asset.companyId, assetId }, query)),
  };
}
