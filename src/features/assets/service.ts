// Asset use cases: permission, validation (incl. the category's typed fields and that location and
// contact belong to the asset's company), one transaction per write, and an audit row per asset
// with every field that changed — the audit log is the asset's history.
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { findCompany } from '../companies/queries.ts';
import { findCategory } from '../categories/queries.ts';
import { validateCustomFields } from '../categories/custom-fields.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { assetChanges } from './changes.ts';
import {
  BulkAssetInput,
  CreateAssetApiInput,
  CreateAssetInput,
  UpdateAssetInput,
} from './schemas.ts';
import {
  belongsTo,
  findAsset,
  findAssets,
  findAssetView,
  insertAsset,
  namesOf,
  updateAssetRow,
  type Asset,
  type AssetView,
} from './queries.ts';

export const businessToday = async (ctx: Pick<Ctx, 'db'>) =>
  todayIn((await getProfileCached(ctx.db))?.timeZone ?? 'UTC');

/** Checks what depends on other rows; returns the category-validated custom fields. */
async function checkRefs(
  db: DbOrTrx,
  a: Pick<Asset, 'companyId' | 'categoryId' | 'locationId' | 'contactId'>,
  customFields: unknown,
  opts: { dropUnknown?: boolean } = {},
) {
  const errors: FieldError[] = [];
  const category = await findCategory(db, a.categoryId);
  if (!category) errors.push({ path: 'categoryId', message: 'Choose one of the asset categories' });
  if (a.locationId && !(await belongsTo(db, 'locations', a.locationId, a.companyId)))
    errors.push({
      path: 'locationId',
      message: 'The location must be one of this company’s locations',
    });
  if (a.contactId && !(await belongsTo(db, 'contacts', a.contactId, a.companyId)))
    errors.push({
      path: 'contactId',
      message: 'The assigned contact must be one of this company’s contacts',
    });
  const custom = category
    ? validateCustomFields(category.fields, customFields, opts)
    : { values: {}, errors: [] };
  errors.push(...custom.errors);
  if (errors.length) throw new ValidationError(errors);
  return custom.values;
}

/** Schema errors and category-field errors together, so a bad form names every bad field at once. */
async function parseWithFields<S extends z.ZodType>(
  db: DbOrTrx,
  schema: S,
  raw: unknown,
  fallbackCategoryId?: string,
): Promise<z.infer<S>> {
  try {
    return parseInput(schema, raw);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const r = (raw ?? {}) as { categoryId?: unknown; customFields?: unknown };
    const categoryId =
      typeof r.categoryId === 'string' && r.categoryId ? r.categoryId : fallbackCategoryId;
    const category = categoryId ? await findCategory(db, categoryId) : null;
    const extra = category
      ? validateCustomFields(category.fields, r.customFields, { dropUnknown: true }).errors
      : [];
    throw new ValidationError([...err.errors, ...extra]);
  }
}

export async function createAsset(
  ctx: Ctx,
  companyId: string | null,
  raw: unknown,
): Promise<Asset> {
  assertCan(ctx.actor, 'assets.write');
  const input = companyId
    ? { ...(await parseWithFields(ctx.db, CreateAssetInput, raw)), companyId }
    : await parseWithFields(ctx.db, CreateAssetApiInput, raw);
  const company = await findCompany(ctx.db, input.companyId);
  if (!company) {
    if (companyId) throw new NotFoundError('No such company.');
    throw new ValidationError([{ path: 'companyId', message: 'No such company' }]);
  }
  const now = nowIso();
  const { customFields: rawCustom, ...rest } = input;
  const asset: Asset = { id: newId(), ...rest, customFields: {}, createdAt: now, updatedAt: now };
  return ctx.db.transaction().execute(async (trx) => {
    asset.customFields = await checkRefs(trx, asset, rawCustom);
    await insertAsset(trx, asset);
    const cat = await namesOf(trx, 'asset_categories', [asset.categoryId]);
    await audit(trx, ctx, {
      action: 'asset.create',
      entityType: 'asset',
      entityId: asset.id,
      companyId: asset.companyId,
      summary: { name: asset.name, category: cat.get(asset.categoryId), status: asset.status },
    });
    return asset;
  });
}

/** One asset with names; with companyId, only that company's asset (another's is "not found"). */
export async function getAsset(ctx: Ctx, id: string, companyId?: string): Promise<AssetView> {
  assertCan(ctx.actor, 'assets.read');
  const a = await findAssetView(ctx.db, id);
  if (!a || (companyId && a.companyId !== companyId)) throw new NotFoundError('No such asset.');
  return a;
}

/**
 * Changes the fields sent. When the category changes, values of fields the new category does not
 * have are dropped (the form still shows the old category's fields) and the rest re-validated.
 */
export async function updateAsset(
  ctx: Ctx,
  id: string,
  raw: unknown,
  companyId?: string,
): Promise<Asset> {
  assertCan(ctx.actor, 'assets.write');
  const input = await parseWithFields(ctx.db, UpdateAssetInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findAsset(trx, id, companyId);
    if (!before) throw new NotFoundError('No such asset.');
    const { customFields: rawCustom, ...rest } = input;
    const merged: Asset = {
      ...before,
      ...(Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined),
      ) as Partial<Asset>),
    };
    const categoryChanged = merged.categoryId !== before.categoryId;
    const custom = rawCustom === undefined || rawCustom === null ? before.customFields : rawCustom;
    merged.customFields = await checkRefs(trx, merged, custom, { dropUnknown: categoryChanged });
    const names = {
      location: await namesOf(trx, 'locations', [before.locationId, merged.locationId]),
      contact: await namesOf(trx, 'contacts', [before.contactId, merged.contactId]),
      category: await namesOf(trx, 'asset_categories', [before.categoryId, merged.categoryId]),
    };
    const changes = assetChanges(before, merged, names);
    if (Object.keys(changes).length === 0) return before;
    const after = { ...merged, updatedAt: nowIso() };
    await updateAssetRow(trx, after);
    await audit(trx, ctx, {
      action:
        'status' in changes && Object.keys(changes).length === 1 ? 'asset.status' : 'asset.update',
      entityType: 'asset',
      entityId: id,
      companyId: before.companyId,
      summary: changes,
    });
    return after;
  });
}

/** Status or location of many assets at once: one transaction, one audit row per asset that changed. */
export async function bulkUpdateAssets(
  ctx: Ctx,
  raw: unknown,
  companyId?: string,
): Promise<{ changed: number }> {
  assertCan(ctx.actor, 'assets.write');
  const input = parseInput(BulkAssetInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const assets = await findAssets(trx, input.ids);
    if (
      assets.length !== input.ids.length ||
      (companyId && assets.some((a) => a.companyId !== companyId))
    )
      throw new NotFoundError('Some of the selected assets no longer exist.');
    if (input.locationId) {
      const companies = new Set(assets.map((a) => a.companyId));
      for (const c of companies) {
        if (!(await belongsTo(trx, 'locations', input.locationId, c)))
          throw new ValidationError([
            {
              path: 'locationId',
              message: 'The location must belong to the company of every selected asset',
            },
          ]);
      }
    }
    const names = {
      location: await namesOf(trx, 'locations', [
        input.locationId ?? null,
        ...assets.map((a) => a.locationId),
      ]),
      contact: new Map<string, string>(),
      category: new Map<string, string>(),
    };
    let changed = 0;
    const now = nowIso();
    for (const before of assets) {
      const after: Asset = {
        ...before,
        ...(input.status ? { status: input.status } : {}),
        ...(input.locationId !== undefined ? { locationId: input.locationId } : {}),
        updatedAt: now,
      };
      const changes = assetChanges(before, after, names);
      if (Object.keys(changes).length === 0) continue;
      await updateAssetRow(trx, after);
      await audit(trx, ctx, {
        action: 'asset.bulk_update',
        entityType: 'asset',
        entityId: before.id,
        companyId: before.companyId,
        summary: changes,
      });
      changed++;
    }
    return { changed };
  });
}
