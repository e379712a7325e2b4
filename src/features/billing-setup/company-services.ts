// Use cases for a company's recurring service lines and its billing fields (tax rate, whether work
// goes on the monthly invoice, the first period to bill). Reading needs billing.read; changing
// needs services.write. A line's unit price is fixed when it is saved (derived from cost + markup
// when a markup is set); the billing run charges the stored figures. A line that has been billed is
// never deleted, only ended, so its history stays explainable. Every change is audited.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { businessToday } from '../assets/service.ts';
import { taxRateForCompany, type TaxRate } from '../invoices/queries.ts';
import { recurringTotal, unitPriceOf } from './pricing.ts';
import { CompanyBillingInput, CompanyServiceInput, type CompanyServiceValues } from './schemas.ts';
import {
  findCatalogItem,
  findCompanyBilling,
  findCompanyService,
  findTaxRate,
  insertCompanyService,
  listCompanyServices,
  setCompanyBilling,
  updateCompanyService,
  type CompanyBilling,
  type CompanyService,
} from './queries.ts';
import type { DbOrTrx } from '../../db/database.ts';

/** The given fields of a request body (undefined = not given). */
const obj = (raw: unknown): Record<string, unknown> =>
  raw && typeof raw === 'object'
    ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
    : {};

async function companyOrThrow(db: DbOrTrx, companyId: string): Promise<CompanyBilling> {
  const c = await findCompanyBilling(db, companyId);
  if (!c) throw new NotFoundError('No such company.');
  return c;
}

export async function companyServices(ctx: Ctx, companyId: string): Promise<CompanyService[]> {
  assertCan(ctx.actor, 'billing.read');
  await companyOrThrow(ctx.db, companyId);
  return listCompanyServices(ctx.db, companyId);
}

export async function getCompanyService(
  ctx: Ctx,
  companyId: string,
  id: string,
): Promise<CompanyService> {
  assertCan(ctx.actor, 'billing.read');
  const s = await findCompanyService(ctx.db, companyId, id);
  if (!s) throw new NotFoundError('No such service line.');
  return s;
}

/** A chosen catalogue item fills what was not given: description, pricing (all three or none) and taxable. */
async function withCatalogDefaults(db: DbOrTrx, raw: Record<string, unknown>) {
  if (typeof raw.catalogId !== 'string' || !raw.catalogId.trim()) return raw;
  const item = await findCatalogItem(db, raw.catalogId.trim());
  if (!item?.active)
    throw new ValidationError([
      { path: 'catalogId', message: 'Choose an active item of the service catalogue' },
    ]);
  const pricingGiven = ['unitPriceCents', 'unitCostCents', 'markupBp'].some(
    (k) => raw[k] !== undefined,
  );
  return {
    ...(pricingGiven
      ? {}
      : {
          unitPriceCents: item.unitPriceCents,
          unitCostCents: item.unitCostCents,
          markupBp: item.markupBp,
        }),
    description: item.name,
    taxable: item.taxable,
    ...raw,
  };
}

const serviceRow = (v: CompanyServiceValues) => ({
  catalog_id: v.catalogId,
  description: v.description,
  quantity_thousandths: v.quantityThousandths,
  unit_price_cents: unitPriceOf(v)!,
  unit_cost_cents: v.unitCostCents,
  markup_bp: v.markupBp,
  taxable: v.taxable ? 1 : 0,
  start_date: v.startDate,
  end_date: v.endDate,
});

export async function addCompanyService(
  ctx: Ctx,
  companyId: string,
  raw: unknown,
): Promise<CompanyService> {
  assertCan(ctx.actor, 'services.write');
  const today = await businessToday(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await companyOrThrow(trx, companyId);
    const input = parseInput(
      CompanyServiceInput,
      await withCatalogDefaults(trx, { startDate: today, ...obj(raw) }),
    );
    const id = newId();
    const now = nowIso();
    const row = serviceRow(input);
    await insertCompanyService(trx, {
      id,
      company_id: companyId,
      ...row,
      deleted_at: null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, {
      action: 'company_service.create',
      entityType: 'company_service',
      entityId: id,
      companyId,
      summary: {
        description: row.description,
        quantityThousandths: row.quantity_thousandths,
        unitPriceCents: row.unit_price_cents,
        startDate: row.start_date,
        endDate: row.end_date,
      },
    });
    return (await findCompanyService(trx, companyId, id))!;
  });
}

const valuesOf = (s: CompanyService) => ({
  catalogId: s.catalogId,
  description: s.description,
  quantityThousandths: s.quantityThousandths,
  unitPriceCents: s.unitPriceCents,
  unitCostCents: s.unitCostCents,
  markupBp: s.markupBp,
  taxable: s.taxable,
  startDate: s.startDate,
  endDate: s.endDate,
});

/** A partial change; a new price applies from the next period billed. Ending a line = setting its end date. */
export async function changeCompanyService(
  ctx: Ctx,
  companyId: string,
  id: string,
  raw: unknown,
): Promise<CompanyService> {
  assertCan(ctx.actor, 'services.write');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCompanyService(trx, companyId, id);
    if (!before) throw new NotFoundError('No such service line.');
    const current = valuesOf(before);
    const input = parseInput(CompanyServiceInput, { ...current, ...obj(raw) });
    if (
      input.catalogId &&
      input.catalogId !== before.catalogId &&
      !(await findCatalogItem(trx, input.catalogId))
    ) {
      throw new ValidationError([
        { path: 'catalogId', message: 'Choose an item of the service catalogue' },
      ]);
    }
    await updateCompanyService(trx, id, { ...serviceRow(input), updated_at: nowIso() });
    await audit(trx, ctx, {
      action: 'company_service.update',
      entityType: 'company_service',
      entityId: id,
      companyId,
      summary: diff(current, { ...input, unitPriceCents: unitPriceOf(input)! }),
    });
    return (await findCompanyService(trx, companyId, id))!;
  });
}

/** Deletes a line entered by mistake. A billed line is ended instead (409). */
export async function removeCompanyService(
  ctx: Ctx,
  companyId: string,
  id: string,
): Promise<CompanyService> {
  assertCan(ctx.actor, 'services.write');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCompanyService(trx, companyId, id);
    if (!before) throw new NotFoundError('No such service line.');
    if (before.billedThrough)
      throw new ConflictError(
        `“${before.description}” has been billed (through ${before.billedThrough}); set an end date instead of deleting it.`,
      );
    await updateCompanyService(trx, id, { deleted_at: nowIso() });
    await audit(trx, ctx, {
      action: 'company_service.delete',
      entityType: 'company_service',
      entityId: id,
      companyId,
      summary: { description: before.description, unitPriceCents: before.unitPriceCents },
    });
    return before;
  });
}

export type CompanyBillingView = CompanyBilling & { effectiveTax: TaxRate | null };

export async function companyBilling(ctx: Ctx, companyId: string): Promise<CompanyBillingView> {
  assertCan(ctx.actor, 'billing.read');
  return billingView(ctx.db, companyId);
}

async function billingView(db: DbOrTrx, companyId: string): Promise<CompanyBillingView> {
  const c = await companyOrThrow(db, companyId);
  return {
    ...c,
    effectiveTax: await taxRateForCompany(db, {
      tax_exempt: c.taxExempt ? 1 : 0,
      tax_rate_id: c.taxRateId,
    }),
  };
}

/** A partial change of the company's billing fields. */
export async function saveCompanyBilling(
  ctx: Ctx,
  companyId: string,
  raw: unknown,
): Promise<CompanyBillingView> {
  assertCan(ctx.actor, 'services.write');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await companyOrThrow(trx, companyId);
    const current = {
      taxRateId: before.taxRateId,
      billWorkMonthly: before.billWorkMonthly,
      billingAnchor: before.billingAnchor,
    };
    const input = parseInput(CompanyBillingInput, { ...current, ...obj(raw) });
    if (input.taxRateId && input.taxRateId !== before.taxRateId) {
      const rate = await findTaxRate(trx, input.taxRateId);
      if (!rate?.active)
        throw new ValidationError([
          { path: 'taxRateId', message: 'Choose an active tax rate, or the default' },
        ]);
    }
    await setCompanyBilling(trx, companyId, input, nowIso());
    await audit(trx, ctx, {
      action: 'company.billing',
      entityType: 'company',
      entityId: companyId,
      companyId,
      summary: diff(current, input),
    });
  });
  return companyBilling(ctx, companyId);
}

/**
 * Everything the Services tab shows: billing fields, lines, and the monthly total running today.
 * Any staff member may see which services a company has; the page shows money only to billing.read.
 */
export async function servicesOverview(ctx: Ctx, companyId: string) {
  assertCan(ctx.actor, 'companies.read');
  const today = await businessToday(ctx);
  const billing = await billingView(ctx.db, companyId);
  const services = await listCompanyServices(ctx.db, companyId);
  const contractCents =
    billing.monthlyRateCents > 0 && (!billing.contractStart || billing.contractStart <= today)
      ? billing.monthlyRateCents
      : 0;
  const servicesCents = recurringTotal(services, today);
  return {
    today,
    billing,
    services,
    totals: { servicesCents, contractCents, totalCents: servicesCents + contractCents },
  };
}
