// Reading many work orders: the HTML list (offset pages with a total), "my work", the board
// (capped columns with counts), the API's keyset pages, and saved list views per user.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { businessToday } from '../assets/service.ts';
import { ApiListQuery, ListWorkOrdersQuery } from './schemas.ts';
import {
  boardColumns,
  deleteSavedView,
  insertSavedView,
  listWorkOrders,
  listWorkOrdersAfter,
  savedViews,
} from './queries.ts';
import { WO_STATUSES } from './transitions.ts';

export async function browseWorkOrders(
  ctx: Ctx,
  raw: unknown,
  scope: { companyId?: string; assetId?: string } = {},
) {
  assertCan(ctx.actor, 'workorders.read');
  const query = parseInput(ListWorkOrdersQuery, raw);
  if (scope.companyId) query.companyId = scope.companyId;
  if (scope.assetId) query.assetId = scope.assetId;
  const mine = query.mine === '1' && ctx.actor.type === 'staff';
  if (mine && ctx.actor.type === 'staff') query.assignedTo = ctx.actor.userId;
  const today = await businessToday(ctx);
  const page = await listWorkOrders(
    ctx.db,
    { ...query, today },
    {
      sort: mine ? 'work' : query.sort,
      dir: query.dir,
      limit: query.size,
      offset: (query.page - 1) * query.size,
    },
  );
  return { query, today, mine, ...page };
}

export const BOARD_CAP = 25;
export async function boardWorkOrders(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'workorders.read');
  const query = parseInput(ListWorkOrdersQuery, raw);
  const today = await businessToday(ctx);
  const statuses = WO_STATUSES.filter((s) => s !== 'closed' && s !== 'cancelled');
  return {
    query,
    today,
    columns: await boardColumns(ctx.db, { ...query, today }, statuses, BOARD_CAP),
  };
}

export async function pageWorkOrders(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'workorders.read');
  const q = parseInput(ApiListQuery, raw);
  const { items, nextCursor } = await listWorkOrdersAfter(
    ctx.db,
    { ...q, company: '', today: '' },
    { limit: q.limit, cursor: q.cursor },
  );
  return { items: items.map(plain), nextCursor };
}

/** The API's shape: the work order itself plus the ids it points at (names are their own resources). */
export const plain = <
  T extends {
    companyName: string;
    contactName: string | null;
    contactEmail: string | null;
    contactOptOut: boolean;
    assignedToName: string | null;
    assignedToEmail: string | null;
  },
>(
  w: T,
) => {
  const {
    companyName: _a,
    contactName: _b,
    contactEmail: _c,
    contactOptOut: _d,
    assignedToName: _e,
    assignedToEmail: _f,
    ...rest
  } = w;
  return rest;
};

const SavedViewInput = z.object({
  name: z
    .string({ message: 'Name the view' })
    .trim()
    .min(1, 'Name the view')
    .max(100, 'A name must be at most 100 characters'),
  query: z
    .string()
    .trim()
    .max(1000, 'The filters are too long to save')
    .refine((s) => !s.startsWith('/') && !s.includes('://'), 'Not a list filter'),
});

export async function mySavedViews(ctx: Ctx) {
  if (ctx.actor.type !== 'staff') return [];
  return savedViews(ctx.db, ctx.actor.userId);
}
export async function saveView(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'workorders.read');
  if (ctx.actor.type !== 'staff')
    throw new ValidationError([{ path: 'name', message: 'Only staff save views' }]);
  const input = parseInput(SavedViewInput, raw);
  // Keep only list parameters, so a saved view is always a plain list URL.
  const params = new URLSearchParams(input.query.replace(/^\?/, ''));
  for (const k of [...params.keys()])
    if (
      ![
        'q',
        'company',
        'status',
        'priority',
        'assignedTo',
        'overdue',
        'mine',
        'sort',
        'dir',
        'size',
      ].includes(k)
    )
      params.delete(k);
  await insertSavedView(ctx.db, {
    userId: ctx.actor.userId,
    name: input.name,
    query: params.toString(),
  });
}
export async function removeView(ctx: Ctx, id: string) {
  if (ctx.actor.type === 'staff') await deleteSavedView(ctx.db, ctx.actor.userId, id);
}
