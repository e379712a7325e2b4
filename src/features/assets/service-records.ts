// Service records: dated entries of work done on an asset (what, by whom, how long). Staff add them
// on the asset's Service tab; work orders (a later feature) call addServiceRecord inside their own
// transaction. Each one added from here is audited on the asset, so it shows in its history too.
import { z } from 'zod';
import type { DbOrTrx, ServiceRecordsTable } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { isCalendarDate, nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findUser } from '../users/queries.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { findAsset } from './queries.ts';
import { businessToday } from './service.ts';

export type ServiceRecord = {
  id: string;
  assetId: string;
  companyId: string;
  performedOn: string;
  description: string;
  performedById: string | null;
  performedByName: string;
  minutes: number;
  workOrderId: string | null;
  createdAt: string;
};

const toRecord = (r: ServiceRecordsTable): ServiceRecord => ({
  id: r.id,
  assetId: r.asset_id,
  companyId: r.company_id,
  performedOn: r.performed_on,
  description: r.description,
  performedById: r.performed_by_id,
  performedByName: r.performed_by_name,
  minutes: Number(r.minutes),
  workOrderId: r.work_order_id,
  createdAt: r.created_at,
});

export type NewServiceRecord = Omit<ServiceRecord, 'id' | 'createdAt' | 'workOrderId'> & {
  workOrderId?: string | null;
};

/** Inserts one record as given (the caller has checked the asset and owns the transaction). */
export async function addServiceRecord(db: DbOrTrx, r: NewServiceRecord): Promise<ServiceRecord> {
  const record: ServiceRecord = {
    ...r,
    workOrderId: r.workOrderId ?? null,
    id: newId(),
    createdAt: nowIso(),
  };
  await db
    .insertInto('service_records')
    .values({
      id: record.id,
      asset_id: record.assetId,
      company_id: record.companyId,
      performed_on: record.performedOn,
      description: record.description,
      performed_by_id: record.performedById,
      performed_by_name: record.performedByName,
      minutes: record.minutes,
      work_order_id: record.workOrderId,
      created_at: record.createdAt,
    })
    .execute();
  return record;
}

export const ServiceRecordInput = z.object({
  performedOn: z
    .string({ message: 'Date is required' })
    .trim()
    .refine(isCalendarDate, 'Date must be a date (YYYY-MM-DD)'),
  description: z
    .string({ message: 'Describe what was done' })
    .trim()
    .min(1, 'Describe what was done')
    .max(5000, 'Description must be at most 5,000 characters'),
  minutes: z
    .number({ message: 'Time spent must be a number of minutes' })
    .int('Time spent must be whole minutes')
    .min(0, 'Time spent cannot be negative')
    .max(10_000, 'Time spent must be at most 10,000 minutes')
    .default(0),
  performedById: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
});

export function formToServiceInput(f: Record<string, string | undefined>) {
  const m = f.minutes?.trim();
  return {
    performedOn: f.performedOn,
    description: f.description,
    minutes: m ? (/^\d+$/.test(m) ? Number(m) : m) : 0,
    performedById: f.performedById,
  };
}

/** Adds a record by hand; performed by the acting user unless another staff member is named. */
export async function createServiceRecord(
  ctx: Ctx,
  assetId: string,
  raw: unknown,
): Promise<ServiceRecord> {
  assertCan(ctx.actor, 'assets.write');
  const input = parseInput(ServiceRecordInput, raw);
  const by = input.performedById
    ? await findUser(ctx.db, input.performedById)
    : ctx.actor.type === 'staff'
      ? await findUser(ctx.db, ctx.actor.userId)
      : null;
  if (input.performedById && !by)
    throw new ValidationError([{ path: 'performedById', message: 'Choose one of the staff' }]);
  if (input.performedOn > (await businessToday(ctx)))
    throw new ValidationError([{ path: 'performedOn', message: 'Date cannot be in the future' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const asset = await findAsset(trx, assetId);
    if (!asset) throw new NotFoundError('No such asset.');
    const record = await addServiceRecord(trx, {
      assetId,
      companyId: asset.companyId,
      performedOn: input.performedOn,
      description: input.description,
      minutes: input.minutes,
      performedById: by?.id ?? null,
      performedByName: by?.name ?? (ctx.actor.type === 'system' ? ctx.actor.label : ctx.actor.name),
    });
    await audit(trx, ctx, {
      action: 'asset.service_record',
      entityType: 'asset',
      entityId: assetId,
      companyId: asset.companyId,
      summary: {
        performedOn: record.performedOn,
        performedBy: record.performedByName,
        minutes: record.minutes,
        description: record.description,
      },
    });
    return record;
  });
}

/** An asset's records, newest first, keyset-paginated. */
export async function listServiceRecords(
  ctx: Ctx,
  assetId: string,
  opts: { limit: number; cursor?: string },
) {
  assertCan(ctx.actor, 'assets.read');
  if (!(await findAsset(ctx.db, assetId))) throw new NotFoundError('No such asset.');
  let q = ctx.db
    .selectFrom('service_records')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('performed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1);
  if (opts.cursor) {
    const [on, id] = decodeCursor(opts.cursor, 2);
    q = q.where((eb) =>
      eb.or([
        eb('performed_on', '<', on),
        eb.and([eb('performed_on', '=', on), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await q.execute();
  const last = rows.length > opts.limit ? rows[opts.limit - 1] : null;
  return {
    items: rows.slice(0, opts.limit).map(toRecord),
    nextCursor: last ? encodeCursor([last.performed_on, last.id]) : null,
  };
}
