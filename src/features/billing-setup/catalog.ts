// Use cases for the service catalogue and tax rates. Reading needs billing.read; changing needs
// billing.catalog (admins). A catalogue price change can re-price the companies' running lines that
// still charge the old price, in the same transaction; every change is audited with old/new figures.
// Invoices never read these tables after the fact: lines and issued invoices keep their own figures.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { lockBusinessSettings } from '../../db/locking.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { businessToday } from '../assets/service.ts';
import { unitPriceOf } from './pricing.ts';
import { CatalogItemInput, TaxRateInput } from './schemas.ts';
import {
  clearOtherDefaults,
  findCatalogItem,
  findTaxRate,
  insertCatalogItem,
  insertTaxRate,
  listCatalog,
  listTaxRates,
  repriceCompanyLines,
  updateCatalogItem,
  updateTaxRate,
  type CatalogItem,
  type TaxRateItem,
} from './queries.ts';

const obj = (raw: unknown) =>
  raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};

// ---- tax rates

export async function taxRates(ctx: Ctx): Promise<TaxRateItem[]> {
  assertCan(ctx.actor, 'billing.read');
  return listTaxRates(ctx.db);
}

export async function getTaxRate(ctx: Ctx, id: string): Promise<TaxRateItem> {
  assertCan(ctx.actor, 'billing.read');
  const r = await findTaxRate(ctx.db, id);
  if (!r) throw new NotFoundError('No such tax rate.');
  return r;
}

export async function createTaxRate(ctx: Ctx, raw: unknown): Promise<TaxRateItem> {
  assertCan(ctx.actor, 'billing.catalog');
  const input = parseInput(TaxRateInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    // Making a rate the default clears the flag on the others: concurrent changes take turns, or two
    // could each clear the rates they saw and both stay default.
    if (input.isDefault) await lockBusinessSettings(trx);
    const id = newId();
    const now = nowIso();
    await insertTaxRate(trx, {
      id,
      name: input.name,
      rate_ppm: input.ratePpm,
      is_default: input.isDefault ? 1 : 0,
      active: input.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    if (input.isDefault) await clearOtherDefaults(trx, id, now);
    await audit(trx, ctx, {
      action: 'tax_rate.create',
      entityType: 'tax_rate',
      entityId: id,
      summary: { ...input },
    });
    return (await findTaxRate(trx, id))!;
  });
}

/** A partial change: fields not sent keep their value. Issued invoices keep the rate they were taxed at. */
export async function changeTaxRate(ctx: Ctx, id: string, raw: unknown): Promise<TaxRateItem> {
  assertCan(ctx.actor, 'billing.catalog');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findTaxRate(trx, id);
    if (!before) throw new NotFoundError('No such tax rate.');
    const input = parseInput(TaxRateInput, {
      name: before.name,
      ratePpm: before.ratePpm,
      isDefault: before.isDefault,
      active: before.active,
      ...obj(raw),
    });
    const now = nowIso();
    if (input.isDefault) await lockBusinessSettings(trx);
    await updateTaxRate(trx, id, {
      name: input.name,
      rate_ppm: input.ratePpm,
      is_default: input.isDefault ? 1 : 0,
      active: input.active ? 1 : 0,
      updated_at: now,
    });
    if (input.isDefault) await clearOtherDefaults(trx, id, now);
    const changes = diff(
      {
        name: before.name,
        ratePpm: before.ratePpm,
        isDefault: before.isDefault,
        active: before.active,
      },
      input,
    );
    await audit(trx, ctx, {
      action: 'tax_rate.update',
      entityType: 'tax_rate',
      entityId: id,
      summary: changes,
    });
    return (await findTaxRate(trx, id))!;
  });
}

// ---- service catalogue

export async function catalogItems(
  ctx: Ctx,
  opts: { activeOnly?: boolean } = {},
): Promise<CatalogItem[]> {
  assertCan(ctx.actor, 'billing.read');
  return listCatalog(ctx.db, await businessToday(ctx), opts);
}

export async function getCatalogItem(ctx: Ctx, id: string): Promise<CatalogItem> {
  assertCan(ctx.actor, 'billing.read');
  const item = await findCatalogItem(ctx.db, id, await businessToday(ctx));
  if (!item) throw new NotFoundError('No such catalogue item.');
  return item;
}

const pricedRow = (input: {
  unitPriceCents: number | null;
  unitCostCents: number | null;
  markupBp: number | null;
}) => ({
  unit_price_cents: unitPriceOf(input)!,
  unit_cost_cents: input.unitCostCents,
  markup_bp: input.markupBp,
});

export async function createCatalogItem(ctx: Ctx, raw: unknown): Promise<CatalogItem> {
  assertCan(ctx.actor, 'billing.catalog');
  const input = parseInput(CatalogItemInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    const priced = pricedRow(input);
    await insertCatalogItem(trx, {
      id,
      name: input.name,
      description: input.description,
      kind: input.kind,
      ...priced,
      taxable: input.taxable ? 1 : 0,
      active: input.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, {
      action: 'catalog.create',
      entityType: 'service_catalog',
      entityId: id,
      summary: {
        name: input.name,
        kind: input.kind,
        unitPriceCents: priced.unit_price_cents,
        unitCostCents: input.unitCostCents,
        markupBp: input.markupBp,
      },
    });
    return (await findCatalogItem(trx, id))!;
  });
}

export type CatalogChange = { item: CatalogItem; repriced: number };

/** A partial change. With applyToCompanies, running company lines at the old price follow the new one. */
export async function changeCatalogItem(
  ctx: Ctx,
  id: string,
  raw: unknown,
): Promise<CatalogChange> {
  assertCan(ctx.actor, 'billing.catalog');
  const today = await businessToday(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCatalogItem(trx, id);
    if (!before) throw new NotFoundError('No such catalogue item.');
    const current = {
      name: before.name,
      description: before.description,
      kind: before.kind,
      unitPriceCents: before.unitPriceCents,
      unitCostCents: before.unitCostCents,
      markupBp: before.markupBp,
      taxable: before.taxable,
      active: before.active,
    };
    const input = parseInput(CatalogItemInput, { ...current, ...obj(raw) });
    const now = nowIso();
    const priced = pricedRow(input);
    await updateCatalogItem(trx, id, {
      name: input.name,
      description: input.description,
      kind: input.kind,
      ...priced,
      taxable: input.taxable ? 1 : 0,
      active: input.active ? 1 : 0,
      updated_at: now,
    });
    const { applyToCompanies, ...values } = input;
    const changes = diff(current, { ...values, unitPriceCents: priced.unit_price_cents });
    let repriced: { id: string; companyId: string }[] = [];
    if (applyToCompanies && priced.unit_price_cents !== before.unitPriceCents) {
      repriced = await repriceCompanyLines(trx, id, before.unitPriceCents, priced, today, now);
      for (const line of repriced) {
        await audit(trx, ctx, {
          action: 'company_service.reprice',
          entityType: 'company_service',
          entityId: line.id,
          companyId: line.companyId,
          summary: {
            unitPriceCents: [before.unitPriceCents, priced.unit_price_cents],
            catalogId: id,
          },
        });
      }
    }
    await audit(trx, ctx, {
      action: 'catalog.update',
      entityType: 'service_catalog',
      entityId: id,
      summary: {
        ...changes,
        ...(repriced.length ? { repricedCompanyLines: repriced.length } : {}),
      },
    });
    return { item: (await findCatalogItem(trx, id, today))!, repriced: repriced.length };
  });
}
