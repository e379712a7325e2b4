// What the Time and Parts tabs show: the work order's entries and parts, its totals and margin,
// and the signed-in technician's running timer (wherever it runs).
import type { Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/permissions.ts';
import { findRunning, listEntries, listParts } from './queries.ts';
import { loadWorkOrder } from './service.ts';
import { workOrderTotals } from './totals.ts';

export async function workOrderTime(ctx: Ctx, workOrderId: string) {
  assertCan(ctx.actor, 'time.read');
  const wo = await loadWorkOrder(ctx.db, workOrderId);
  const [entries, parts] = await Promise.all([listEntries(ctx.db, { workOrderId: wo.id }), listParts(ctx.db, wo.id)]);
  const running = ctx.actor.type === 'staff' ? await runningTimer(ctx) : null;
  return { wo, entries, parts, running, totals: workOrderTotals(entries.filter((e) => !e.running), parts) };
}

/** The actor's running timer, for the Time tab and the "timer running" indicator. */
export async function runningTimer(ctx: Ctx) {
  if (ctx.actor.type !== 'staff') return null;
  const r = await findRunning(ctx.db, ctx.actor.userId);
  return r ? { entry: r.entry, workOrderNumber: r.workOrderNumber, workOrderTitle: r.workOrderTitle } : null;
}
