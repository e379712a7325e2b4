// Billing rate settings (settings.manage): the default hourly rate and rounding rule, each
// technician's hourly and cost rate, and a company's hourly rate override. Audited with old/new.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { findCompany } from '../companies/queries.ts';
import {
  BillingSettingsInput,
  CompanyRateInput,
  UserRatesInput,
  type BillingSettings,
} from './schemas.ts';
import { readBillingSettings, writeBillingSettings } from './settings.ts';
import {
  findUserRates,
  findCompanyRate,
  listStaffRates,
  setCompanyRate,
  setUserRates,
} from './queries.ts';

export async function billingRates(ctx: Ctx) {
  assertCan(ctx.actor, 'settings.manage');
  return { settings: await readBillingSettings(ctx.db), staff: await listStaffRates(ctx.db) };
}

export async function saveBillingSettings(ctx: Ctx, raw: unknown): Promise<BillingSettings> {
  assertCan(ctx.actor, 'settings.manage');
  const input = parseInput(BillingSettingsInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readBillingSettings(trx);
    await writeBillingSettings(trx, input, nowIso());
    await audit(trx, ctx, {
      action: 'settings.billing_rates',
      entityType: 'settings',
      summary: diff(before, input),
    });
    return input;
  });
}

export async function setTechnicianRates(ctx: Ctx, userId: string, raw: unknown) {
  assertCan(ctx.actor, 'settings.manage');
  const input = parseInput(UserRatesInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findUserRates(trx, userId);
    if (!before) throw new NotFoundError('No such user.');
    await setUserRates(trx, userId, input.hourlyRateCents, input.costRateCents);
    await audit(trx, ctx, {
      action: 'user.rates',
      entityType: 'user',
      entityId: userId,
      summary: diff(
        { hourlyRateCents: before.hourlyRateCents, costRateCents: before.costRateCents },
        input,
      ),
    });
    return { ...before, ...input };
  });
}

export async function setCompanyHourlyRate(ctx: Ctx, companyId: string, raw: unknown) {
  assertCan(ctx.actor, 'settings.manage');
  const input = parseInput(CompanyRateInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findCompany(trx, companyId))) throw new NotFoundError('No such company.');
    await setCompanyRate(trx, companyId, input.hourlyRateCents);
    await audit(trx, ctx, {
      action: 'company.hourly_rate',
      entityType: 'company',
      entityId: companyId,
      companyId,
      summary: { hourlyRateCents: input.hourlyRateCents },
    });
    return input;
  });
}

/** The company's override as the settings page shows it (null = uses technician or default rate). */
export async function companyHourlyRate(ctx: Ctx, companyId: string): Promise<number | null> {
  assertCan(ctx.actor, 'companies.read');
  return findCompanyRate(ctx.db, companyId);
}
