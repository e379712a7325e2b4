// What the Time and Parts tabs show: the work order's entries and parts, its totals and margin,
// and the signed-in technician's running timer (wherever it runs).
import type { Ctx } from '../../platform/context.ts';
import { assertCan, can } from '../../platform/permissions.ts';
import { nowIso } from '../../lib/dates.ts';
import type { HeaderTimer } from '../work-orders/views/header.tsx';
import { NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { EntryListQuery } from './schemas.ts';
import { findEntry, findRunning, listEntries, listParts } from './queries.ts';
import { loadWorkOrder } from './service.ts';
import { workOrderTotals } from './totals.ts';

export async function workOrderTime(ctx: Ctx, workOrderId: string) {
  assertCan(ctx.actor, 'time.read');
  const wo = await loadWorkOrder(ctx.db, workOrderId);
  const [entries, parts] = await Promise.all([
    listEntries(ctx.db, { workOrderId: wo.id }),
    listParts(ctx.db, wo.id),
  ]);
  const running = ctx.actor.type === 'staff' ? await runningTimer(ctx) : null;
  return {
    wo,
    entries,
    parts,
    running,
    totals: workOrderTotals(
      entries.filter((e) => !e.running),
      parts,
    ),
  };
}

/** The actor's running timer, for the Time tab and the "timer running" indicator. */
export async function runningTimer(ctx: Ctx) {
  if (ctx.actor.type !== 'staff') return null;
  const r = await findRunning(ctx.db, ctx.actor.userId);
  return r
    ? { entry: r.entry, workOrderNumber: r.workOrderNumber, workOrderTitle: r.workOrderTitle }
    : null;
}

/** The work order header's timer for those who log time (time.own); undefined for the others. */
export async function headerTimer(
  ctx: Ctx,
  csrf: string,
  back: string,
): Promise<HeaderTimer | undefined> {
  if (!can(ctx.actor, 'time.own')) return undefined;
  const r = await runningTimer(ctx);
  return {
    running: r && {
      workOrderId: r.entry.workOrderId,
      workOrderNumber: r.workOrderNumber,
      startedAt: r.entry.startedAt,
    },
    csrf,
    back,
    now: nowIso(),
  };
}

/** API list: entries filtered by work order, technician and dates, in id order with a cursor. */
export async function pageEntries(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'time.read');
  const q = parseInput(EntryListQuery, raw);
  const rows = await listEntries(ctx.db, {
    workOrderId: q.workOrderId,
    userId: q.userId,
    from: q.from,
    to: q.to,
    after: q.cursor,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}

export async function getEntry(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'time.read');
  const e = await findEntry(ctx.db, id);
  if (!e) throw new NotFoundError('No such time entry.');
  return e;
}
