// Work order use cases of a signed-in portal contact (issue 12). The company is the contact's own,
// taken from the actor and never from input: every asset must be one of its assets and every work
// order one of its work orders (another company's is "not found", like a missing one). A contact's
// comments are public with author type 'contact'; internal notes are never read or written here.
// A request, its attachment and its audit row are one transaction (the bytes are stored first, by
// content hash, like every document). The customer may close a resolved work order (confirming it is
// fixed) or reopen a resolved or closed one within PORTAL_REOPEN_DAYS of its resolution. Staff hear
// of each by email after the commit (email_log), through notify.ts's sendLogged.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ContactActor } from '../../platform/actor.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.ts';
import { UploadTooLargeError, type UploadedFile } from '../../platform/uploads.ts';
import { parseInput } from '../../platform/validation.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findCompany } from '../companies/queries.ts';
import { contentStored, insertDocument } from '../documents/queries.ts';
import { normalizeContentType, safeFilename, storageKey } from '../documents/files.ts';
import {
  assignableUsers,
  companyAssetIds,
  findWorkOrder,
  insertComment,
  insertWorkOrder,
  takeNumber,
  updateWorkOrderRow,
  type Comment,
  type WorkOrderView,
} from './queries.ts';
import { sendLogged } from './notify.ts';
import { defaultBilling, WO_PRIORITIES, type WoStatus } from './transitions.ts';
import { STATUS_LABEL, woNumber } from './views/header.tsx';

/** How long after resolution a customer may still reopen (or close) their work order. */
export const PORTAL_REOPEN_DAYS = 14;

const ids = z
  .union([z.string(), z.array(z.string())], { message: 'Choose at least one device' })
  .nullish()
  .transform((v) => [
    ...new Set((Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean)),
  ])
  .refine((v) => v.length > 0, 'Choose at least one device')
  .refine((v) => v.length <= 20, 'Choose at most 20 devices');

export const PortalWorkOrderInput = z.object({
  assetIds: ids,
  title: z
    .string({ message: 'Describe the problem in a few words' })
    .trim()
    .min(1, 'Describe the problem in a few words')
    .max(200, 'The title must be at most 200 characters'),
  description: z
    .string({ message: 'The description must be text' })
    .trim()
    .max(20_000, 'The description must be at most 20,000 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
  priority: z
    .enum(WO_PRIORITIES, { message: 'Urgency must be low, normal, high or urgent' })
    .default('normal'),
});

export const PortalCommentInput = z.object({
  body: z
    .string({ message: 'Write your message' })
    .trim()
    .min(1, 'Write your message')
    .max(20_000, 'A message must be at most 20,000 characters'),
});

function contactOf(ctx: Ctx): ContactActor {
  if (ctx.actor.type !== 'contact')
    throw new ForbiddenError('Only a signed-in customer contact can do this here.');
  return ctx.actor;
}

type Stored = { file: UploadedFile; sha256: string } | null;

/** Stores the bytes (once per content) before the transaction that links them. */
async function storeFile(ctx: Ctx, file: UploadedFile | null): Promise<Stored> {
  if (!file) return null;
  if (file.data.length > ctx.config.uploadMaxBytes)
    throw new UploadTooLargeError(file.field, file.filename, ctx.config.uploadMaxBytes);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  if (!(await contentStored(ctx.db, sha256))) await ctx.storage.put(storageKey(sha256), file.data);
  return { file, sha256 };
}

async function linkFile(
  trx: DbOrTrx,
  c: ContactActor,
  s: Stored,
  workOrderId: string,
  commentId: string | null,
  at: string,
) {
  if (!s) return;
  await insertDocument(trx, {
    id: newId(),
    company_id: c.companyId,
    asset_id: null,
    filename: safeFilename(s.file.filename),
    content_type: normalizeContentType(s.file.mimetype),
    size_bytes: s.file.data.length,
    sha256: s.sha256,
    // No staff user: the portal shows a work order's files with no comment and no staff uploader
    // as the request's own attachments (see portalAttachments in the portal's queries).
    uploaded_by_id: null,
    uploaded_by_name: c.name,
    created_at: at,
    deleted_at: null,
    deleted_by_name: null,
    work_order_id: workOrderId,
    comment_id: commentId,
  });
}

/** A new request from the portal: one or more of the company's assets, with an optional file. */
export async function submitPortalWorkOrder(
  ctx: Ctx,
  raw: unknown,
  file: UploadedFile | null = null,
): Promise<WorkOrderView> {
  const c = contactOf(ctx);
  const input = parseInput(PortalWorkOrderInput, raw);
  const mine = await companyAssetIds(ctx.db, c.companyId, input.assetIds);
  if (input.assetIds.some((a) => !mine.has(a)))
    throw new ValidationError([{ path: 'assetIds', message: 'Choose only your own devices' }]);
  const company = await findCompany(ctx.db, c.companyId);
  if (!company) throw new NotFoundError('There is nothing at this address.');
  const stored = await storeFile(ctx, file);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const number = await takeNumber(trx);
    const wo = {
      id,
      number,
      companyId: c.companyId,
      contactId: c.contactId,
      title: input.title,
      description: input.description,
      priority: input.priority,
      status: 'new' as const,
      assignedToId: null,
      scheduledFor: null,
      dueOn: null,
      source: 'portal' as const,
      billing: defaultBilling(company),
      createdByLabel: actorLabel(c),
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
      closedAt: null,
    };
    await insertWorkOrder(trx, wo, input.assetIds);
    await linkFile(trx, c, stored, id, null, now);
    await audit(trx, ctx, {
      action: 'work_order.create',
      entityType: 'work_order',
      entityId: id,
      companyId: c.companyId,
      summary: {
        number,
        title: wo.title,
        priority: wo.priority,
        billing: wo.billing,
        source: 'portal',
        assets: input.assetIds.length,
        ...(stored ? { attachment: safeFilename(stored.file.filename) } : {}),
      },
    });
  });
  const wo = (await findWorkOrder(ctx.db, id))!;
  await tellStaff(ctx, wo, 'New request from the portal', [
    `${c.name} (${wo.companyName}) opened a request in the customer portal.`,
    '',
    `${woNumber(wo.number)}: ${wo.title}`,
    `Urgency: ${wo.priority}`,
    ...(wo.description ? ['', wo.description] : []),
  ]);
  return wo;
}

async function ownWorkOrder(ctx: Ctx, c: ContactActor, id: string) {
  const wo = await findWorkOrder(ctx.db, id, c.companyId);
  if (!wo) throw new NotFoundError('There is nothing at this address.');
  return wo;
}

/** The customer's reply: public, author type 'contact', with an optional file. */
export async function addPortalComment(
  ctx: Ctx,
  workOrderId: string,
  raw: unknown,
  file: UploadedFile | null = null,
): Promise<Comment> {
  const c = contactOf(ctx);
  const input = parseInput(PortalCommentInput, raw);
  const wo = await ownWorkOrder(ctx, c, workOrderId);
  const stored = await storeFile(ctx, file);
  const comment: Comment = {
    id: newId(),
    workOrderId,
    authorType: 'contact',
    authorId: c.contactId,
    authorName: c.name,
    visibility: 'public',
    body: input.body,
    createdAt: nowIso(),
  };
  // The customer answering a question puts the work back with us.
  const answered = wo.status === 'waiting_customer';
  await ctx.db.transaction().execute(async (trx) => {
    await insertComment(trx, comment);
    await linkFile(trx, c, stored, workOrderId, comment.id, comment.createdAt);
    await updateWorkOrderRow(trx, {
      ...wo,
      status: answered ? 'in_progress' : wo.status,
      updatedAt: comment.createdAt,
    });
    await audit(trx, ctx, {
      action: 'work_order.reply',
      entityType: 'work_order',
      entityId: workOrderId,
      companyId: c.companyId,
      summary: {
        visibility: 'public',
        length: comment.body.length,
        by: 'customer',
        ...(stored ? { attachment: safeFilename(stored.file.filename) } : {}),
      },
    });
    if (answered)
      await audit(trx, ctx, {
        action: 'work_order.status',
        entityType: 'work_order',
        entityId: workOrderId,
        companyId: c.companyId,
        summary: { from: wo.status, to: 'in_progress', note: 'The customer replied.' },
      });
  });
  await tellStaff(ctx, wo, 'Customer replied', [
    `${c.name} replied to ${woNumber(wo.number)} (${wo.title}):`,
    '',
    comment.body,
  ]);
  return comment;
}

const DAY_MS = 86_400_000;

/** What the customer may do with the work order now: close it, reopen it, or neither. */
export function portalActions(
  wo: { status: WoStatus; resolvedAt: string | null; closedAt: string | null },
  now = Date.now(),
): { close: boolean; reopen: boolean; until: string | null } {
  const since = wo.resolvedAt ?? wo.closedAt;
  const done = wo.status === 'resolved' || wo.status === 'closed';
  const until = since ? new Date(Date.parse(since) + PORTAL_REOPEN_DAYS * DAY_MS) : null;
  const inWindow = done && until !== null && now <= until.getTime();
  return {
    close: wo.status === 'resolved',
    reopen: inWindow,
    until: inWindow && until ? until.toISOString() : null,
  };
}

/** The customer confirms it is fixed (resolved → closed) or reopens it (→ in progress). */
export async function portalStatus(
  ctx: Ctx,
  workOrderId: string,
  action: 'close' | 'reopen',
  rawNote?: unknown,
): Promise<WorkOrderView> {
  const c = contactOf(ctx);
  const note = typeof rawNote === 'string' && rawNote.trim() ? rawNote.trim().slice(0, 5000) : null;
  const from = await ctx.db.transaction().execute(async (trx) => {
    const wo = await findWorkOrder(trx, workOrderId, c.companyId);
    if (!wo) throw new NotFoundError('There is nothing at this address.');
    const can = portalActions(wo);
    if (action === 'close' && !can.close)
      throw new ConflictError(
        `Only a resolved work order can be closed; this one is ${STATUS_LABEL[wo.status]}.`,
      );
    if (action === 'reopen' && !can.reopen)
      throw new ConflictError(
        `A work order can be reopened here within ${PORTAL_REOPEN_DAYS} days of being resolved. Please open a new request.`,
      );
    const to: WoStatus = action === 'close' ? 'closed' : 'in_progress';
    const now = nowIso();
    await updateWorkOrderRow(trx, {
      ...wo,
      status: to,
      updatedAt: now,
      resolvedAt: to === 'closed' ? wo.resolvedAt : null,
      closedAt: to === 'closed' ? now : null,
    });
    await audit(trx, ctx, {
      action: 'work_order.status',
      entityType: 'work_order',
      entityId: workOrderId,
      companyId: c.companyId,
      summary: { from: wo.status, to, by: 'customer', ...(note ? { note } : {}) },
    });
    return wo.status;
  });
  const after = (await findWorkOrder(ctx.db, workOrderId))!;
  await tellStaff(
    ctx,
    after,
    action === 'close' ? 'Closed by the customer' : 'Reopened by the customer',
    [
      `${c.name} ${action === 'close' ? 'confirmed as resolved and closed' : 'reopened'} ${woNumber(after.number)} (${after.title}); it was ${STATUS_LABEL[from]}.`,
      ...(note ? ['', note] : []),
    ],
  );
  return after;
}

/** The assigned technician, or with no one assigned every active admin and technician. */
async function tellStaff(ctx: Ctx, wo: WorkOrderView, what: string, lines: string[]) {
  const to = wo.assignedToEmail
    ? [wo.assignedToEmail]
    : (await assignableUsers(ctx.db)).map((u) => u.email).filter(Boolean);
  const text = [...lines, '', `${ctx.config.publicUrl ?? ''}/work-orders/${wo.id}`].join('\n');
  for (const address of to)
    await sendLogged(ctx, 'work_order.portal', wo, {
      to: address,
      subject: `[${woNumber(wo.number)}] ${what}: ${wo.title}`,
      text,
    });
}
