// Time entry use cases. A technician logs their own time (time.own), an admin anyone's (time.any).
// Rates and amounts are snapshotted when an entry is stopped or saved; an invoiced entry is
// immutable. One running timer per technician is guaranteed by the unique running_user_id column:
// the pre-check only gives the clear message, the database refuses the race.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { woNumber } from '../work-orders/views/header.tsx';
import { minutesBetween, roundMinutes } from './rounding.ts';
import { resolveCostRate, resolveRate, timeAmounts } from './rates.ts';
import { readBillingSettings, roundingRule } from './settings.ts';
import { TimeEntryInput, UpdateTimeEntryInput, type TimeEntryValues } from './schemas.ts';
import {
  deleteEntryRow,
  findEntry,
  finishRunningEntry,
  findRunning,
  findUserRates,
  findWorkOrderForTime,
  insertEntry,
  updateEntry,
  type TimeEntry,
  type WorkOrderForTime,
} from './queries.ts';

export const businessTimeZone = async (db: DbOrTrx) =>
  (await getProfileCached(db as Ctx['db']))?.timeZone ?? 'UTC';

export function staffId(ctx: Ctx): string {
  if (ctx.actor.type !== 'staff') throw new ForbiddenError('Only staff log time.');
  return ctx.actor.userId;
}

export async function loadWorkOrder(db: DbOrTrx, id: string): Promise<WorkOrderForTime> {
  const wo = await findWorkOrderForTime(db, id);
  if (!wo) throw new NotFoundError('No such work order.');
  return wo;
}

/** Billable by default only when the work order is designated billable. */
export const defaultBillable = (wo: Pick<WorkOrderForTime, 'billing'>) => wo.billing === 'billable';

/** Rounds, resolves the rates (company over technician over default) and computes the amounts. */
async function price(
  db: DbOrTrx,
  wo: WorkOrderForTime,
  userId: string,
  minutesRaw: number,
  billable: boolean,
) {
  const settings = await readBillingSettings(db);
  const user = await findUserRates(db, userId);
  const minutes = roundMinutes(minutesRaw, roundingRule(settings));
  const rate = resolveRate({
    companyRateCents: wo.companyRateCents,
    technicianRateCents: user?.hourlyRateCents ?? null,
    defaultRateCents: settings.defaultHourlyRateCents,
  });
  return {
    minutesRaw,
    minutes,
    ...timeAmounts(minutes, billable, rate, resolveCostRate(user?.costRateCents ?? null)),
  };
}

const runningMessage = (n: number) =>
  `You already have a timer running on ${woNumber(n)}. Stop it first.`;

export async function startTimer(
  ctx: Ctx,
  workOrderId: string,
  opts: { description?: string | null } = {},
): Promise<TimeEntry> {
  assertCan(ctx.actor, 'time.own');
  const userId = staffId(ctx);
  const wo = await loadWorkOrder(ctx.db, workOrderId);
  const user = await findUserRates(ctx.db, userId);
  if (!user)
    throw new ValidationError([
      {
        path: 'userId',
        message: 'Timers run for a technician; this API key was not created by one',
      },
    ]);
  const already = await findRunning(ctx.db, userId);
  if (already) throw new ConflictError(runningMessage(already.workOrderNumber));
  const now = nowIso();
  const entry: TimeEntry = {
    id: newId(),
    workOrderId: wo.id,
    companyId: wo.companyId,
    userId,
    userName: user.name,
    running: true,
    startedAt: now,
    endedAt: null,
    workDate: todayIn(await businessTimeZone(ctx.db)),
    minutesRaw: 0,
    minutes: 0,
    description: opts.description ?? null,
    billable: defaultBillable(wo),
    rateCents: 0,
    costRateCents: 0,
    billableCents: 0,
    costCents: 0,
    invoiceId: null,
    invoicedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertEntry(trx, entry);
      await audit(trx, ctx, {
        action: 'time.start',
        entityType: 'time_entry',
        entityId: entry.id,
        companyId: wo.companyId,
        summary: { workOrder: woNumber(wo.number) },
      });
    });
  } catch (err) {
    const running = await findRunning(ctx.db, userId);
    if (running) throw new ConflictError(runningMessage(running.workOrderNumber));
    throw err;
  }
  return entry;
}

/** Stops the actor's running timer (on this work order when one is named). */
export async function stopTimer(ctx: Ctx, workOrderId?: string): Promise<TimeEntry> {
  assertCan(ctx.actor, 'time.own');
  const userId = staffId(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const running = await findRunning(trx, userId);
    if (!running || (workOrderId && running.entry.workOrderId !== workOrderId))
      throw new NotFoundError('You have no timer running on this work order.');
    const wo = await loadWorkOrder(trx, running.entry.workOrderId);
    const endedAt = nowIso();
    const priced = await price(
      trx,
      wo,
      userId,
      minutesBetween(running.entry.startedAt!, endedAt),
      running.entry.billable,
    );
    const after: TimeEntry = {
      ...running.entry,
      ...priced,
      running: false,
      endedAt,
      updatedAt: endedAt,
    };
    if ((await finishRunningEntry(trx, after)) !== 1)
      throw new NotFoundError('You have no timer running on this work order.');
    await audit(trx, ctx, {
      action: 'time.stop',
      entityType: 'time_entry',
      entityId: after.id,
      companyId: wo.companyId,
      summary: {
        workOrder: woNumber(wo.number),
        minutes: after.minutes,
        billableCents: after.billableCents,
      },
    });
    return after;
  });
}

/** Only time.any may touch another technician's entry. */
function assertMayLog(ctx: Ctx, userId: string) {
  if (ctx.actor.type === 'staff' && ctx.actor.userId === userId) assertCan(ctx.actor, 'time.own');
  else assertCan(ctx.actor, 'time.any');
}

/** A manual entry, parsed and allowed, ready to be written (see writeEntry). */
export type PreparedEntry = { input: TimeEntryValues; userId: string; minutesRaw: number };

/** Parses a manual entry and checks who may log it; before any transaction. */
export function prepareEntry(ctx: Ctx, raw: unknown): PreparedEntry {
  assertCan(ctx.actor, 'time.own');
  const input = parseInput(TimeEntryInput, raw);
  const userId = input.userId ?? staffId(ctx);
  assertMayLog(ctx, userId);
  const minutesRaw =
    input.minutes ??
    minutesBetween(
      `${input.workDate}T${input.startTime}:00Z`,
      `${input.workDate}T${input.endTime}:00Z`,
    );
  return { input, userId, minutesRaw };
}

/**
 * Writes a prepared manual entry (priced, audited) in the caller's transaction, so another write
 * (the work order's update box posts a comment with it) commits or rolls back with it.
 * Billable defaults to the work order's designation.
 */
export async function writeEntry(
  ctx: Ctx,
  trx: DbOrTrx,
  workOrderId: string,
  { input, userId, minutesRaw }: PreparedEntry,
): Promise<TimeEntry> {
  const wo = await loadWorkOrder(trx, workOrderId);
  const user = await findUserRates(trx, userId);
  if (!user) throw new ValidationError([{ path: 'userId', message: 'Choose a technician' }]);
  const billable = input.billable ?? defaultBillable(wo);
  const now = nowIso();
  const entry: TimeEntry = {
    id: newId(),
    workOrderId: wo.id,
    companyId: wo.companyId,
    userId,
    userName: user.name,
    running: false,
    startedAt: null,
    endedAt: null,
    workDate: input.workDate,
    description: input.description,
    billable,
    ...(await price(trx, wo, userId, minutesRaw, billable)),
    invoiceId: null,
    invoicedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertEntry(trx, entry);
  await audit(trx, ctx, {
    action: 'time.create',
    entityType: 'time_entry',
    entityId: entry.id,
    companyId: wo.companyId,
    summary: {
      workOrder: woNumber(wo.number),
      technician: user.name,
      workDate: entry.workDate,
      minutes: entry.minutes,
      billable,
    },
  });
  return entry;
}

export async function createEntry(ctx: Ctx, workOrderId: string, raw: unknown): Promise<TimeEntry> {
  const prepared = prepareEntry(ctx, raw);
  return ctx.db.transaction().execute((trx) => writeEntry(ctx, trx, workOrderId, prepared));
}

async function editable(ctx: Ctx, db: DbOrTrx, id: string): Promise<TimeEntry> {
  const e = await findEntry(db, id);
  if (!e) throw new NotFoundError('No such time entry.');
  assertMayLog(ctx, e.userId);
  if (e.invoiceId)
    throw new ConflictError('This entry is on an invoice and can no longer be changed.');
  if (e.running) throw new ConflictError('Stop the timer before changing this entry.');
  return e;
}

export async function updateTimeEntry(ctx: Ctx, id: string, raw: unknown): Promise<TimeEntry> {
  assertCan(ctx.actor, 'time.own');
  const input = parseInput(UpdateTimeEntryInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await editable(ctx, trx, id);
    const billable = input.billable ?? before.billable;
    const minutesRaw = input.minutes ?? before.minutesRaw;
    // The rate snapshot stays; only the rounding and the amounts follow the new duration and flag.
    const minutes = roundMinutes(minutesRaw, roundingRule(await readBillingSettings(trx)));
    const after: TimeEntry = {
      ...before,
      workDate: input.workDate ?? before.workDate,
      description: input.description === undefined ? before.description : input.description,
      billable,
      minutesRaw,
      minutes,
      ...timeAmounts(minutes, billable, before.rateCents, before.costRateCents),
      updatedAt: nowIso(),
    };
    const changes = diff(before as unknown as Record<string, unknown>, {
      workDate: after.workDate,
      description: after.description,
      billable,
      minutes: after.minutes,
      billableCents: after.billableCents,
    });
    if (Object.keys(changes).length === 0) return before;
    await updateEntry(trx, after);
    await audit(trx, ctx, {
      action: 'time.update',
      entityType: 'time_entry',
      entityId: id,
      companyId: before.companyId,
      summary: changes,
    });
    return after;
  });
}

export async function deleteTimeEntry(ctx: Ctx, id: string): Promise<TimeEntry> {
  assertCan(ctx.actor, 'time.own');
  return ctx.db.transaction().execute(async (trx) => {
    const e = await editable(ctx, trx, id);
    await deleteEntryRow(trx, id);
    await audit(trx, ctx, {
      action: 'time.delete',
      entityType: 'time_entry',
      entityId: id,
      companyId: e.companyId,
      summary: { technician: e.userName, workDate: e.workDate, minutes: e.minutes },
    });
    return e;
  });
}
