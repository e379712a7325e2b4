// Work order emails: templated plain text to the technician (new or reassigned work) and to the
// requesting contact (public replies, status changes). Sent after the writing transaction commits,
// so a slow or failing mail server never rolls back the change; every attempt is logged in
// email_log (sent, logged when SMTP is not configured, or failed with the error).
import type { Ctx } from '../../platform/context.ts';
import { logEmail, type WorkOrderView } from './queries.ts';
import { STATUS_LABEL, woNumber } from './views/header.tsx';

type Kind = 'work_order.assigned' | 'work_order.reply' | 'work_order.status' | 'work_order.portal';

export async function sendLogged(
  ctx: Pick<Ctx, 'db' | 'mailer' | 'log'>,
  kind: Kind,
  wo: { id: string },
  mail: { to: string; subject: string; text: string },
) {
  let status: 'sent' | 'logged' | 'failed' = 'failed';
  let error: string | null = null;
  try {
    status = (await ctx.mailer.send(mail)).delivered ? 'sent' : 'logged';
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    ctx.log.error({ err: error, to: mail.to, kind }, 'work order email failed');
  }
  await logEmail(ctx.db, {
    to: mail.to,
    subject: mail.subject,
    kind,
    entityType: 'work_order',
    entityId: wo.id,
    status,
    error,
  });
  return status;
}

/** The requester, unless there is none, it has no address or it opted out. */
const requester = (wo: WorkOrderView) =>
  wo.contactEmail && !wo.contactOptOut ? wo.contactEmail : null;

export async function notifyTechnician(ctx: Ctx, wo: WorkOrderView, why: 'new' | 'reassigned') {
  if (!wo.assignedToEmail || (ctx.actor.type === 'staff' && ctx.actor.userId === wo.assignedToId))
    return;
  const text = [
    `Hello ${wo.assignedToName},`,
    '',
    why === 'new' ? `A new work order was assigned to you.` : `A work order was reassigned to you.`,
    '',
    `${woNumber(wo.number)}: ${wo.title}`,
    `Company: ${wo.companyName}`,
    `Priority: ${wo.priority}`,
    ...(wo.dueOn ? [`Due: ${wo.dueOn}`] : []),
    '',
    ...(wo.description ? [wo.description, ''] : []),
    `${ctx.config.publicUrl ?? ''}/work-orders/${wo.id}`,
  ].join('\n');
  await sendLogged(ctx, 'work_order.assigned', wo, {
    to: wo.assignedToEmail,
    subject: `[${woNumber(wo.number)}] ${why === 'new' ? 'Assigned to you' : 'Reassigned to you'}: ${wo.title}`,
    text,
  });
}

export async function notifyReply(
  ctx: Ctx,
  wo: WorkOrderView,
  reply: { authorName: string; body: string },
) {
  const to = requester(wo);
  if (!to) return;
  const text = [
    `Hello ${wo.contactName},`,
    '',
    `${reply.authorName} replied to your request ${woNumber(wo.number)} (${wo.title}):`,
    '',
    reply.body,
    '',
    'Reply to this email or contact us quoting the number above.',
  ].join('\n');
  await sendLogged(ctx, 'work_order.reply', wo, {
    to,
    subject: `[${woNumber(wo.number)}] ${wo.title}`,
    text,
  });
}

export async function notifyStatus(ctx: Ctx, wo: WorkOrderView, from: string, note: string | null) {
  const to = requester(wo);
  if (!to) return;
  const text = [
    `Hello ${wo.contactName},`,
    '',
    `Your request ${woNumber(wo.number)} (${wo.title}) is now: ${STATUS_LABEL[wo.status]} (was ${STATUS_LABEL[from] ?? from}).`,
    ...(note ? ['', note] : []),
    '',
    'Contact us quoting the number above with any questions.',
  ].join('\n');
  await sendLogged(ctx, 'work_order.status', wo, {
    to,
    subject: `[${woNumber(wo.number)}] ${STATUS_LABEL[wo.status]}: ${wo.title}`,
    text,
  });
}
