// Work order use cases: permission, validation (contact, assets and technician must fit the
// company), one transaction per write with the gapless number taken inside it, and an audit row per
// change — the audit rows of action work_order.status are the status history shown on the page.
// Resolving adds a service record to each asset of the work order in the same transaction.
import type { Ctx } from '../../platform/context.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit, diff } from '../../platform/audit.ts';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { findCompany } from '../companies/queries.ts';
import { belongsTo } from '../assets/queries.ts';
import { addServiceRecord } from '../assets/service-records.ts';
import { businessToday } from '../assets/service.ts';
import { findUser } from '../users/queries.ts';
import { AssignInput, CreateWorkOrderInput, StatusInput, UpdateWorkOrderInput } from './schemas.ts';
import { defaultBilling, transitionError, type WoStatus } from './transitions.ts';
import {
  companyAssetIds,
  findWorkOrder,
  insertWorkOrder,
  loggedMinutes,
  setAssets,
  takeNumber,
  updateWorkOrderRow,
  workOrderAssets,
  type WorkOrder,
  type WorkOrderView,
} from './queries.ts';
import { notifyStatus, notifyTechnician } from './notify.ts';

const byText = (a: string, b: string) => a.localeCompare(b);

async function checkRefs(
  db: DbOrTrx,
  companyId: string,
  r: { contactId?: string | null; assetIds?: string[]; assignedToId?: string | null },
) {
  const errors: FieldError[] = [];
  if (r.contactId && !(await belongsTo(db, 'contacts', r.contactId, companyId)))
    errors.push({
      path: 'contactId',
      message: 'The requester must be one of this company’s contacts',
    });
  if (r.assetIds?.length) {
    const ok = await companyAssetIds(db, companyId, r.assetIds);
    if (r.assetIds.some((a) => !ok.has(a)))
      errors.push({
        path: 'assetIds',
        message: 'Every asset must be one of this company’s assets',
      });
  }
  if (r.assignedToId) {
    const u = await findUser(db, r.assignedToId);
    if (!u?.active || !(u.role === 'admin' || u.role === 'technician'))
      errors.push({ path: 'assignedToId', message: 'Assign an active technician or admin' });
  }
  if (errors.length) throw new ValidationError(errors);
}

async function insertNew(
  ctx: Ctx,
  wo: Omit<WorkOrder, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'resolvedAt' | 'closedAt'>,
  assetIds: string[],
): Promise<WorkOrderView> {
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const number = await takeNumber(trx);
    await insertWorkOrder(
      trx,
      { ...wo, id, number, createdAt: now, updatedAt: now, resolvedAt: null, closedAt: null },
      assetIds,
    );
    await audit(trx, ctx, {
      action: 'work_order.create',
      entityType: 'work_order',
      entityId: id,
      companyId: wo.companyId,
      summary: {
        number,
        title: wo.title,
        priority: wo.priority,
        billing: wo.billing,
        source: wo.source,
        assets: assetIds.length,
      },
    });
  });
  return (await findWorkOrder(ctx.db, id))!;
}

export async function createWorkOrder(ctx: Ctx, raw: unknown): Promise<WorkOrderView> {
  assertCan(ctx.actor, 'workorders.write');
  const input = parseInput(CreateWorkOrderInput, raw);
  const company = await findCompany(ctx.db, input.companyId);
  if (!company) throw new ValidationError([{ path: 'companyId', message: 'No such company' }]);
  await checkRefs(ctx.db, company.id, input);
  const { assetIds, ...rest } = input;
  const wo = await insertNew(
    ctx,
    {
      ...rest,
      companyId: company.id,
      status: 'new',
      billing: input.billing ?? defaultBilling(company),
      source: 'staff',
      createdByLabel: actorLabel(ctx.actor),
    },
    assetIds,
  );
  if (wo.assignedToId) await notifyTechnician(ctx, wo, 'new');
  return wo;
}

/** One work order; with companyId, only that company's (another's is "not found"). */
export async function getWorkOrder(
  ctx: Ctx,
  id: string,
  companyId?: string,
): Promise<WorkOrderView> {
  assertCan(ctx.actor, 'workorders.read');
  const wo = await findWorkOrder(ctx.db, id, companyId);
  if (!wo) throw new NotFoundError('No such work order.');
  return wo;
}

export async function updateWorkOrder(ctx: Ctx, id: string, raw: unknown): Promise<WorkOrderView> {
  assertCan(ctx.actor, 'workorders.write');
  const input = parseInput(UpdateWorkOrderInput, raw);
  const reassigned = await ctx.db.transaction().execute(async (trx) => {
    const before = await findWorkOrder(trx, id);
    if (!before) throw new NotFoundError('No such work order.');
    await checkRefs(trx, before.companyId, input);
    const { assetIds, ...fields } = input;
    const changes: Record<string, unknown> = diff(
      before as unknown as Record<string, unknown>,
      fields,
    );
    if (assetIds) {
      const old = (await workOrderAssets(trx, id)).map((a) => a.id).sort(byText);
      if (old.join() !== [...assetIds].sort(byText).join()) {
        await setAssets(trx, id, assetIds);
        changes.assets = [old.length, assetIds.length];
      }
    }
    if (Object.keys(changes).length === 0) return false;
    await updateWorkOrderRow(trx, {
      ...before,
      ...(Object.fromEntries(
        Object.entries(fields).filter(([, v]) => v !== undefined),
      ) as Partial<WorkOrder>),
      updatedAt: nowIso(),
    });
    await audit(trx, ctx, {
      action: 'work_order.update',
      entityType: 'work_order',
      entityId: id,
      companyId: before.companyId,
      summary: changes,
    });
    return 'assignedToId' in changes && Boolean(fields.assignedToId);
  });
  const after = (await findWorkOrder(ctx.db, id))!;
  if (reassigned) await notifyTechnician(ctx, after, 'reassigned');
  return after;
}

export async function assignWorkOrder(ctx: Ctx, id: string, raw: unknown): Promise<WorkOrderView> {
  return updateWorkOrder(ctx, id, parseInput(AssignInput, raw));
}

/**
 * Moves the work order along the life cycle (ConflictError naming both statuses when refused).
 * Resolving records the work on each asset; the requester is told of every change.
 */
export async function changeStatus(
  ctx: Ctx,
  id: string,
  raw: unknown,
  companyId?: string,
): Promise<WorkOrderView> {
  assertCan(ctx.actor, 'workorders.write');
  const input = parseInput(StatusInput, raw);
  const role = ctx.actor.type === 'staff' ? ctx.actor.role : 'system';
  // Read before the transaction: SQLite has one connection, which the transaction holds.
  const today = await businessToday(ctx);
  const from = await ctx.db.transaction().execute(async (trx) => {
    const wo = await findWorkOrder(trx, id, companyId);
    if (!wo) throw new NotFoundError('No such work order.');
    const refused = transitionError(wo.status, input.status, role);
    if (refused) throw new ConflictError(refused);
    const now = nowIso();
    const to: WoStatus = input.status;
    await updateWorkOrderRow(trx, {
      ...wo,
      status: to,
      updatedAt: now,
      resolvedAt: to === 'resolved' ? now : to === 'closed' ? wo.resolvedAt : null,
      closedAt: to === 'closed' ? now : null,
    });
    if (to === 'resolved') await recordServiceOnAssets(ctx, trx, wo, input.note, today);
    await audit(trx, ctx, {
      action: 'work_order.status',
      entityType: 'work_order',
      entityId: id,
      companyId: wo.companyId,
      summary: { from: wo.status, to, ...(input.note ? { note: input.note } : {}) },
    });
    return wo.status;
  });
  const after = (await findWorkOrder(ctx.db, id))!;
  await notifyStatus(ctx, after, from, input.note);
  return after;
}

async function recordServiceOnAssets(
  ctx: Ctx,
  trx: DbOrTrx,
  wo: WorkOrderView,
  note: string | null,
  today: string,
) {
  const assets = await workOrderAssets(trx, wo.id);
  if (!assets.length) return;
  const minutes = await loggedMinutes(trx, wo.id);
  const byId = wo.assignedToId ?? (ctx.actor.type === 'staff' ? ctx.actor.userId : null);
  const by = byId ? await findUser(trx, byId) : null;
  const description =
    `WO-${String(wo.number).padStart(5, '0')} ${wo.title}${note ? ` — ${note}` : ''}`.slice(
      0,
      5000,
    );
  for (const a of assets) {
    await addServiceRecord(trx, {
      assetId: a.id,
      companyId: wo.companyId,
      performedOn: today,
      description,
      performedById: by?.id ?? null,
      performedByName: by?.name ?? actorLabel(ctx.actor),
      minutes,
      workOrderId: wo.id,
    });
    await audit(trx, ctx, {
      action: 'asset.service_record',
      entityType: 'asset',
      entityId: a.id,
      companyId: wo.companyId,
      summary: {
        performedOn: today,
        performedBy: by?.name ?? actorLabel(ctx.actor),
        minutes,
        description,
        workOrder: wo.number,
      },
    });
  }
}
