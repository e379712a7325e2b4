// Comments on a work order: internal notes stay with staff; public replies are emailed to the
// requester (unless opted out) and will show in the portal.
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { CommentInput } from './schemas.ts';
import { insertComment, listComments, type Comment } from './queries.ts';
import { getWorkOrder } from './service.ts';
import { notifyReply } from './notify.ts';

export async function addComment(ctx: Ctx, workOrderId: string, raw: unknown): Promise<Comment> {
  assertCan(ctx.actor, 'workorders.write');
  const input = parseInput(CommentInput, raw);
  const wo = await getWorkOrder(ctx, workOrderId);
  const staff = ctx.actor.type === 'staff' ? ctx.actor : null;
  const comment: Comment = {
    id: newId(), workOrderId, authorType: 'staff', authorId: staff?.userId ?? null, authorName: staff?.name ?? 'System', visibility: input.visibility, body: input.body, createdAt: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertComment(trx, comment);
    await trx.updateTable('work_orders').set({ updated_at: comment.createdAt }).where('id', '=', workOrderId).execute();
    await audit(trx, ctx, { action: comment.visibility === 'public' ? 'work_order.reply' : 'work_order.note', entityType: 'work_order', entityId: workOrderId, companyId: wo.companyId, summary: { visibility: comment.visibility, length: comment.body.length } });
  });
  if (comment.visibility === 'public') await notifyReply(ctx, wo, comment);
  return comment;
}

export async function workOrderComments(ctx: Ctx, workOrderId: string): Promise<Comment[]> {
  await getWorkOrder(ctx, workOrderId);
  return listComments(ctx.db, workOrderId);
}
