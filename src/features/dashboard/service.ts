// What the two home pages show, and which of them "/" is for the signed-in user.
import type { Ctx } from '../../platform/context.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { assertCan, can } from '../../platform/permissions.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import type { StaffActor } from '../../platform/actor.ts';
import { businessToday } from '../assets/service.ts';
import { WARRANTY_AHEAD_DAYS } from '../assets/browse.ts';
import { runningTimer } from '../time/work-order-time.ts';
import { resolveHome, type Home } from '../users/home.ts';
import { chosenHome } from '../users/service.ts';
import { groupMyWork } from './my-work.ts';
import {
  MY_WORK_LIMIT,
  countMyOpenWork,
  estateFigures,
  moneyFigures,
  myOpenWork,
  workFigures,
} from './queries.ts';

const staff = (ctx: Ctx): StaffActor => {
  if (ctx.actor.type !== 'staff') throw new ForbiddenError('Home pages are for staff.');
  return ctx.actor;
};

/** The user's home page: their own choice, else their role's default. */
export async function homeOf(ctx: Ctx): Promise<Home> {
  const actor = staff(ctx);
  return resolveHome(await chosenHome(ctx.db, actor.userId), actor.role);
}

/**
 * The user's open work by urgency: one statement for the work orders and what grouping needs, the
 * running timer (one lookup by the unique running_user_id), and only when nothing is assigned the
 * unassigned count the empty state offers.
 */
export async function myWork(ctx: Ctx) {
  assertCan(ctx.actor, 'workorders.read');
  const actor = staff(ctx);
  const today = await businessToday(ctx);
  const [items, running] = await Promise.all([
    myOpenWork(ctx.db, actor.userId),
    can(actor, 'time.own') ? runningTimer(ctx) : null,
  ]);
  const unassigned = items.length ? 0 : (await workFigures(ctx.db, today)).unassigned;
  return {
    today,
    groups: groupMyWork(items, today),
    truncated: items.length >= MY_WORK_LIMIT,
    timer: can(actor, 'time.own')
      ? {
          running: running
            ? {
                workOrderId: running.entry.workOrderId,
                workOrderNumber: running.workOrderNumber,
                workOrderTitle: running.workOrderTitle,
                startedAt: running.entry.startedAt ?? running.entry.createdAt,
              }
            : null,
        }
      : null,
    unassigned,
  };
}

/** The office dashboard's figures, each for the roles that may see it, and the user's open work. */
export async function officeFigures(ctx: Ctx) {
  const actor = staff(ctx);
  const today = await businessToday(ctx);
  const [work, money, estate, mine] = await Promise.all([
    can(actor, 'workorders.read') ? workFigures(ctx.db, today) : null,
    can(actor, 'billing.read') ? moneyFigures(ctx.db, today) : null,
    estateFigures(ctx.db, today, addDaysToDate(today, WARRANTY_AHEAD_DAYS)),
    can(actor, 'workorders.read') ? countMyOpenWork(ctx.db, actor.userId) : 0,
  ]);
  return { work, money, estate: { ...estate, warrantyDays: WARRANTY_AHEAD_DAYS }, mine };
}
