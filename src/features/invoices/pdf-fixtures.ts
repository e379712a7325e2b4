// Test set-up shared by the PDF, email and export tests: a company with a billing address and
// email, a default tax rate, and invoices made through the real invoice service.
import type { Db } from '../../db/database.ts';
import type { Role } from '../../platform/actor.ts';
import { withActor, type Ctx, type Deps } from '../../platform/context.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { createStaff } from '../../../test/support/app.ts';
import { createCompany } from '../companies/service.ts';
import { createInvoice, createCreditNote } from './service.ts';

export async function staff(deps: Deps, role: Role): Promise<Ctx> {
  const { user } = await createStaff(deps.db, role);
  return withActor(deps, {
    type: 'staff',
    userId: user.id,
    name: user.name,
    email: user.email,
    role,
  });
}

export async function taxRate(db: Db, ratePpm = 82_500, name = 'Sales tax') {
  const id = newId();
  await db
    .insertInto('tax_rates')
    .values({
      id,
      name,
      rate_ppm: ratePpm,
      is_default: 1,
      active: 1,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  return id;
}

export async function customer(
  ctx: Ctx,
  name = 'Riverside Dental',
  email: string | null = 'accounts@riverside.test',
) {
  return createCompany(ctx, {
    name,
    email,
    billingAddress: '455 River Road\nSpringfield, IL 62704',
    paymentTermsDays: 30,
  });
}

export type Line = {
  description: string;
  quantityThousandths: number;
  unitPriceCents: number;
  taxable?: boolean;
};

export async function issuedInvoice(
  ctx: Ctx,
  companyId: string,
  lines: Line[],
  over: { issue?: boolean; notes?: string } = {},
) {
  return createInvoice(ctx, {
    companyId,
    lines: lines.map((l) => ({ taxable: true, ...l })),
    issue: over.issue ?? true,
    notes: over.notes ?? null,
  });
}

export const creditNote = (
  ctx: Ctx,
  invoiceId: string,
  amountCents: number,
  description = 'Goodwill credit',
) =>
  createCreditNote(ctx, invoiceId, {
    description,
    amountCents,
    taxable: false,
    reason: 'Outage in March',
  });

/** Pins an invoice's issue and due dates (tests of date ranges and formats). */
export async function setDates(db: Db, id: string, issueDate: string, dueDate: string) {
  await db
    .updateTable('invoices')
    .set({ issue_date: issueDate, due_date: dueDate })
    .where('id', '=', id)
    .execute();
}
