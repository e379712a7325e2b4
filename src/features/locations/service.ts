// Location use cases: a location belongs to one company; a location id from another company is
// "not found" on that company's pages. Every change is audited field by field.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findCompany } from '../companies/queries.ts';
import { CreateLocationInput, UpdateLocationInput } from './schemas.ts';
import {
  assetCountsByLocation,
  findLocation,
  insertLocation,
  listLocations,
  updateLocationRow,
  type Location,
} from './queries.ts';

async function companyOrNotFound(ctx: Ctx, companyId: string) {
  const company = await findCompany(ctx.db, companyId);
  if (!company) throw new NotFoundError('No such company.');
  return company;
}

export async function createLocation(ctx: Ctx, companyId: string, raw: unknown): Promise<Location> {
  assertCan(ctx.actor, 'assets.write');
  const input = parseInput(CreateLocationInput, raw);
  await companyOrNotFound(ctx, companyId);
  const now = nowIso();
  const location: Location = { id: newId(), companyId, ...input, createdAt: now, updatedAt: now };
  await ctx.db.transaction().execute(async (trx) => {
    await insertLocation(trx, location);
    await audit(trx, ctx, {
      action: 'location.create',
      entityType: 'location',
      entityId: location.id,
      companyId,
      summary: { name: location.name },
    });
  });
  return location;
}

/** One location; with companyId, one of that company's locations only. */
export async function getLocation(ctx: Ctx, id: string, companyId?: string): Promise<Location> {
  assertCan(ctx.actor, 'assets.read');
  const l = await findLocation(ctx.db, id, companyId);
  if (!l) throw new NotFoundError('No such location.');
  return l;
}

export async function updateLocation(
  ctx: Ctx,
  id: string,
  raw: unknown,
  companyId?: string,
): Promise<Location> {
  assertCan(ctx.actor, 'assets.write');
  const input = parseInput(UpdateLocationInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findLocation(trx, id, companyId);
    if (!before) throw new NotFoundError('No such location.');
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return before;
    const after: Location = { ...before, ...input, updatedAt: nowIso() } as Location;
    await updateLocationRow(trx, after);
    await audit(trx, ctx, {
      action: 'location.update',
      entityType: 'location',
      entityId: id,
      companyId: before.companyId,
      summary: changes,
    });
    return after;
  });
}

export async function companyLocations(
  ctx: Ctx,
  companyId: string,
  opts: { limit: number; cursor?: string } = { limit: 500 },
) {
  assertCan(ctx.actor, 'assets.read');
  await companyOrNotFound(ctx, companyId);
  return listLocations(ctx.db, companyId, opts);
}

export async function locationsPage(ctx: Ctx, companyId: string) {
  assertCan(ctx.actor, 'assets.read');
  const company = await companyOrNotFound(ctx, companyId);
  const [list, counts] = await Promise.all([
    listLocations(ctx.db, companyId, { limit: 500 }),
    assetCountsByLocation(ctx.db, companyId),
  ]);
  return { company, locations: list.items, more: Boolean(list.nextCursor), counts };
}
