// Ready to bill: billable, stopped time and billable parts not yet on an invoice. The billing issue
// turns them into invoice lines with markInvoiced, which claims each item only where invoice_id is
// still NULL and fails (rolling back the caller's transaction) if any item was already claimed —
// so every item is billed exactly once even when two invoices are generated at the same time.
import type { Ctx } from '../../platform/context.ts';
import type { DbOrTrx, Trx } from '../../db/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { nowIso } from '../../lib/dates.ts';
import { sumCents } from '../../lib/money.ts';
import { woNumber } from '../work-orders/views/header.tsx';
import { findCompany } from '../companies/queries.ts';
import { claimForInvoice, unbilledRows } from './queries.ts';

export type UnbilledItem = {
  kind: 'time' | 'part';
  id: string;
  workOrderId: string;
  workOrderNumber: string;
  description: string;
  date: string;
  minutes: number | null;
  quantityThousandths: number | null;
  unitCents: number;
  amountCents: number;
};
export type Unbilled = { items: UnbilledItem[]; totalCents: number };

export async function listUnbilled(ctx: Ctx, companyId: string): Promise<Unbilled> {
  assertCan(ctx.actor, 'time.read');
  if (!(await findCompany(ctx.db, companyId))) throw new NotFoundError('No such company.');
  return readUnbilled(ctx.db, companyId);
}

/** The ready-to-bill items without a permission check, for billing code that has already checked. */
export async function readUnbilled(db: DbOrTrx, companyId: string): Promise<Unbilled> {
  const rows = await unbilledRows(db, companyId);
  const items: UnbilledItem[] = [
    ...rows.time.map(({ entry: e, number }) => ({
      kind: 'time' as const,
      id: e.id,
      workOrderId: e.workOrderId,
      workOrderNumber: woNumber(number),
      description: `${e.userName}: ${e.description ?? 'Labor'}`,
      date: e.workDate,
      minutes: e.minutes,
      quantityThousandths: null,
      unitCents: e.rateCents,
      amountCents: e.billableCents,
    })),
    ...rows.parts.map(({ part: p, number }) => ({
      kind: 'part' as const,
      id: p.id,
      workOrderId: p.workOrderId,
      workOrderNumber: woNumber(number),
      description: p.description,
      date: p.createdAt.slice(0, 10),
      minutes: null,
      quantityThousandths: p.quantityThousandths,
      unitCents: p.unitPriceCents,
      amountCents: p.totalPriceCents,
    })),
  ].sort(
    (a, b) =>
      a.workOrderNumber.localeCompare(b.workOrderNumber) ||
      (a.kind === b.kind ? a.date.localeCompare(b.date) : a.kind === 'time' ? -1 : 1),
  );
  return { items, totalCents: sumCents(items.map((i) => i.amountCents)) };
}

/** Claims the items for an invoice inside the caller's transaction; throws if any was already billed. */
export async function markInvoiced(
  trx: Trx,
  items: readonly Pick<UnbilledItem, 'kind' | 'id'>[],
  invoiceId: string,
): Promise<void> {
  const now = nowIso();
  const timeIds = [...new Set(items.filter((i) => i.kind === 'time').map((i) => i.id))];
  const partIds = [...new Set(items.filter((i) => i.kind === 'part').map((i) => i.id))];
  const time = await claimForInvoice(trx, 'time_entries', timeIds, invoiceId, now);
  const parts = await claimForInvoice(trx, 'work_order_parts', partIds, invoiceId, now);
  if (time !== timeIds.length || parts !== partIds.length) {
    throw new ConflictError(
      'Some of these items were already invoiced or are no longer billable; nothing was marked.',
    );
  }
}
