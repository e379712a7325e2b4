// Comments on a work order: internal notes stay with staff; public replies are emailed to the
// requester (unless opted out) and will show in the portal. A comment may carry one attachment,
// stored as a document of the company linked to the work order and the comment (bytes first,
// by content hash, like every document; the row and the comment in one transaction). The update box
// may log time with it ("time spent" and billable): the comment and the time entry are one
// transaction, and a bad duration refuses both before anything is written.
import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { assertCan } from '../../platform/permissions.ts';
import { UploadTooLargeError, type UploadedFile } from '../../platform/uploads.ts';
import { contentStored, insertDocument } from '../documents/queries.ts';
import { normalizeContentType, safeFilename, storageKey } from '../documents/files.ts';
import { parseInput } from '../../platform/validation.ts';
import { type FieldError, ValidationError } from '../../platform/errors.ts';
import { nowIso, todayIn } from '../../lib/dates.ts';
import { parseDuration } from '../../lib/duration.ts';
import { businessTimeZone, prepareEntry, writeEntry, type PreparedEntry } from '../time/service.ts';
import type { TimeEntry } from '../time/queries.ts';
import { newId } from '../../lib/ids.ts';
import { CommentInput } from './schemas.ts';
import { insertComment, listComments, type Comment } from './queries.ts';
import { getWorkOrder } from './service.ts';
import { notifyReply } from './notify.ts';

/** Time logged with a comment: what was typed in "time spent", and billable (null: as the work order). */
export type CommentTime = { duration?: string; billable?: boolean | null };

/** A time entry's description from the comment: a public reply's first line; none for a note. */
const entryDescription = (visibility: string, body: string) =>
  visibility === 'public' ? (body.split(/\r?\n/)[0] ?? '').trim().slice(0, 200) || null : null;

export async function addComment(
  ctx: Ctx,
  workOrderId: string,
  raw: unknown,
  file: UploadedFile | null = null,
): Promise<Comment> {
  return (await addUpdate(ctx, workOrderId, raw, file)).comment;
}

/**
 * A comment, and with `time.duration` a time entry for today by the signed-in technician
 * (time.own), in one transaction. Errors of both (fields body and timeSpent) come together.
 */
export async function addUpdate(
  ctx: Ctx,
  workOrderId: string,
  raw: unknown,
  file: UploadedFile | null = null,
  time: CommentTime = {},
): Promise<{ comment: Comment; entry: TimeEntry | null }> {
  assertCan(ctx.actor, 'workorders.write');
  const errors: FieldError[] = [];
  let input: ReturnType<typeof CommentInput.parse> | null = null;
  try {
    input = parseInput(CommentInput, raw);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(...err.errors);
  }
  const spent = parseDuration(time.duration, 'Time spent');
  if (!spent.ok) errors.push({ path: 'timeSpent', message: spent.error });
  if (errors.length || !input) throw new ValidationError(errors);
  const wo = await getWorkOrder(ctx, workOrderId);
  let prepared: PreparedEntry | null = null;
  if (spent.ok && spent.minutes !== null) {
    assertCan(ctx.actor, 'time.own');
    // Read before the transaction: SQLite has one connection, which the transaction holds.
    prepared = prepareEntry(ctx, {
      workDate: todayIn(await businessTimeZone(ctx.db)),
      minutes: spent.minutes,
      description: entryDescription(input.visibility, input.body),
      billable: time.billable ?? null,
    });
  }
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
  const entry = await ctx.db.transaction().execute(async (trx) => {
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
    return prepared ? writeEntry(ctx, trx, workOrderId, prepared) : null;
  });
  if (comment.visibility === 'public') await notifyReply(ctx, wo, comment);
  return { comment, entry };
}

export async function workOrderComments(ctx: Ctx, workOrderId: string): Promise<Comment[]> {
  await getWorkOrder(ctx, workOrderId);
  return listComments(ctx.db, workOrderId);
}
