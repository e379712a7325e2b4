// Parts and expenses on a work order (parts.write). Totals are computed here with totals.ts and
// stored, so ready-to-bill and invoices read the same amounts; an invoiced part is immutable.
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { woNumber } from '../work-orders/views/header.tsx';
import { PartInput } from './schemas.ts';
import { partTotals } from './totals.ts';
import { deletePartRow, findPart, insertPart, listParts, type Part } from './queries.ts';
import { loadWorkOrder } from './service.ts';

export async function addPart(ctx: Ctx, workOrderId: string, raw: unknown): Promise<Part> {
  assertCan(ctx.actor, 'parts.write');
  const input = parseInput(PartInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const wo = await loadWorkOrder(trx, workOrderId);
    const t = partTotals(input);
    const now = nowIso();
    const part: Part = {
      id: newId(),
      workOrderId: wo.id,
      companyId: wo.companyId,
      description: input.description,
      quantityThousandths: input.quantityThousandths,
      unitCostCents: input.unitCostCents,
      unitPriceCents: t.unitPriceCents,
      markupBp: input.markupBp,
      billable: input.billable,
      totalCostCents: t.totalCostCents,
      totalPriceCents: t.totalPriceCents,
      invoiceId: null,
      invoicedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertPart(trx, part);
    await audit(trx, ctx, {
      action: 'part.create',
      entityType: 'work_order_part',
      entityId: part.id,
      companyId: wo.companyId,
      summary: {
        workOrder: woNumber(wo.number),
        description: part.description,
        totalPriceCents: part.totalPriceCents,
        billable: part.billable,
      },
    });
    return part;
  });
}

export async function removePart(ctx: Ctx, workOrderId: string, id: string): Promise<Part> {
  assertCan(ctx.actor, 'parts.write');
  return ctx.db.transaction().execute(async (trx) => {
    const p = await findPart(trx, id);
    if (!p || p.workOrderId !== workOrderId)
      throw new NotFoundError('No such part on this work order.');
    if (p.invoiceId)
      throw new ConflictError('This part is on an invoice and can no longer be removed.');
    await deletePartRow(trx, id);
    await audit(trx, ctx, {
      action: 'part.delete',
      entityType: 'work_order_part',
      entityId: id,
      companyId: p.companyId,
      summary: { description: p.description },
    });
    return p;
  });
}

export async function partsOf(ctx: Ctx, workOrderId: string) {
  assertCan(ctx.actor, 'workorders.read');
  const wo = await loadWorkOrder(ctx.db, workOrderId);
  return { wo, parts: await listParts(ctx.db, wo.id) };
}
