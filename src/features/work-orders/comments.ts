// Comments on a work order: internal notes stay with staff; public replies are emailed to the
// requester (unless opted out) and will show in the portal. A comment may carry one attachment,
// stored as a document of the company linked to the work order and the comment (bytes first,
// by content hash, like every document; the row and the comment in one transaction).
import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { assertCan } from '../../platform/permissions.ts';
import { UploadTooLargeError, type UploadedFile } from '../../platform/uploads.ts';
import { contentStored, insertDocument } from '../documents/queries.ts';
import { normalizeContentType, safeFilename, storageKey } from '../documents/files.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { CommentInput } from './schemas.ts';
import { insertComment, listComments, type Comment } from './queries.ts';
import { getWorkOrder } from './service.ts';
import { notifyReply } from './notify.ts';

export async function addComment(
  ctx: Ctx,
  workOrderId: string,
  raw: unknown,
  file: UploadedFile | null = null,
): Promise<Comment> {
  assertCan(ctx.actor, 'workorders.write');
  const input = parseInput(CommentInput, raw);
  const wo = await getWorkOrder(ctx, workOrderId);
  const staff = ctx.actor.type === 'staff' ? ctx.actor : null;
  const comment: Comment = {
    id: newId(),
    workOrderId,
    authorType: 'staff',
    authorId: staff?.userId ?? null,
    authorName: staff?.name ?? 'System',
    visibility: input.visibility,
    body: input.body,
    createdAt: nowIso(),
  };
  let sha256: string | null = null;
  if (file) {
    assertCan(ctx.actor, 'documents.write');
    if (file.data.length > ctx.config.uploadMaxBytes)
      throw new UploadTooLargeError(file.field, file.filename, ctx.config.uploadMaxBytes);
    sha256 = createHash('sha256').update(file.data).digest('hex');
    if (!(await contentStored(ctx.db, sha256)))
      await ctx.storage.put(storageKey(sha256), file.data);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertComment(trx, comment);
    if (file && sha256) {
      await insertDocument(trx, {
        id: newId(),
        company_id: wo.companyId,
        asset_id: null,
        filename: safeFilename(file.filename),
        content_type: normalizeContentType(file.mimetype),
        size_bytes: file.data.length,
        sha256,
        uploaded_by_id: staff?.userId ?? null,
        uploaded_by_name: comment.authorName,
        created_at: comment.createdAt,
        deleted_at: null,
        deleted_by_name: null,
        work_order_id: workOrderId,
        comment_id: comment.id,
      });
    }
    await trx
      .updateTable('work_orders')
      .set({ updated_at: comment.createdAt })
      .where('id', '=', workOrderId)
      .execute();
    await audit(trx, ctx, {
      action: comment.visibility === 'public' ? 'work_order.reply' : 'work_order.note',
      entityType: 'work_order',
      entityId: workOrderId,
      companyId: wo.companyId,
      summary: {
        visibility: comment.visibility,
        length: comment.body.length,
        ...(file ? { attachment: safeFilename(file.filename) } : {}),
      },
    });
  });
  if (comment.visibility === 'public') await notifyReply(ctx, wo, comment);
  return comment;
}

export async function workOrderComments(ctx: Ctx, workOrderId: string): Promise<Comment[]> {
  await getWorkOrder(ctx, workOrderId);
  return listComments(ctx.db, workOrderId);
}
