// Set-up shared by the billing tests: companies with a contract, service lines and tax rates,
// inserted directly (the companies and services features own their forms).
import type { CompaniesTable, Db } from '../../db/database.ts';
import type { Deps } from '../../platform/context.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { company } from '../time/test-helpers.ts';

export async function billedCompany(
  deps: Deps,
  name: string,
  set: Partial<CompaniesTable> = {},
): Promise<string> {
  const c = await company(deps, name);
  await deps.db
    .updateTable('companies')
    .set({ monthly_rate_cents: 15000, billing_day: 1, bill_work_monthly: 1, ...set })
    .where('id', '=', c.id)
    .execute();
  return c.id;
}

export async function serviceLine(
  db: Db,
  companyId: string,
  over: {
    description?: string;
    quantityThousandths?: number;
    unitPriceCents?: number;
    taxable?: boolean;
    startDate: string;
    endDate?: string | null;
    deleted?: boolean;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('company_services')
    .values({
      id,
      company_id: companyId,
      catalog_id: null,
      description: over.description ?? 'Azure backup — per protected server',
      quantity_thousandths: over.quantityThousandths ?? 1000,
      unit_price_cents: over.unitPriceCents ?? 4200,
      unit_cost_cents: null,
      markup_bp: null,
      taxable: over.taxable === false ? 0 : 1,
      start_date: over.startDate,
      end_date: over.endDate ?? null,
      deleted_at: over.deleted ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function taxRate(
  db: Db,
  name: string,
  ratePpm: number,
  isDefault = true,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('tax_rates')
    .values({
      id,
      name,
      rate_ppm: ratePpm,
      is_default: isDefault ? 1 : 0,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function counts(db: Db) {
  const out: Record<string, number> = {};
  for (const t of [
    'invoices',
    'invoice_lines',
    'recurring_charges',
    'billing_runs',
    'audit_log',
    'counters',
  ] as const) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('c'))
      .executeTakeFirst();
    out[t] = Number(r?.c ?? 0);
  }
  const anchored = await db
    .selectFrom('companies')
    .select((eb) => eb.fn.countAll().as('c'))
    .where('billing_anchor', 'is not', null)
    .executeTakeFirst();
  out.anchored = Number(anchored?.c ?? 0);
  return out;
}
