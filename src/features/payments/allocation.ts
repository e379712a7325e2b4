// How a payment is spread over a company's open invoices: oldest first (by due date, then number)
// unless the user chose the split by hand. Pure: the service reads the open invoices, calls this,
// and writes the result in one transaction. Whatever is not applied stays on the payment as an
// unapplied credit, used automatically for the next invoices issued.
import type { Cents } from '../../lib/money.ts';

export type OpenInvoice = {
  id: string;
  number: string | null;
  dueDate: string | null;
  balanceCents: Cents;
};
export type Allocation = { invoiceId: string; amountCents: Cents };
export type AllocationResult = { allocations: Allocation[]; unappliedCents: Cents };

/** Oldest first: by due date, then invoice number, then id (a total order, so the result is repeatable). */
export function oldestFirst<T extends OpenInvoice>(invoices: readonly T[]): T[] {
  return [...invoices].sort(
    (a, b) =>
      (a.dueDate ?? '').localeCompare(b.dueDate ?? '') ||
      (a.number ?? '').localeCompare(b.number ?? '') ||
      a.id.localeCompare(b.id),
  );
}

/** Applies `amount` to the invoices oldest first, each up to its balance. */
export function allocateOldestFirst(
  amountCents: Cents,
  invoices: readonly OpenInvoice[],
): AllocationResult {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0)
    throw new RangeError('amount must be a non-negative whole number of cents');
  let left = amountCents;
  const allocations: Allocation[] = [];
  for (const inv of oldestFirst(invoices)) {
    if (left === 0) break;
    if (inv.balanceCents <= 0) continue;
    const take = Math.min(left, inv.balanceCents);
    allocations.push({ invoiceId: inv.id, amountCents: take });
    left -= take;
  }
  return { allocations, unappliedCents: left };
}

export type ManualAllocationProblem = { index: number; message: string };

/**
 * Checks a split chosen by hand: each invoice open and the company's, no invoice named twice, no
 * amount over the invoice's balance, the sum not over the payment. Returns the problems (none = ok).
 */
export function checkManualAllocation(
  amountCents: Cents,
  wanted: readonly Allocation[],
  invoices: readonly OpenInvoice[],
): ManualAllocationProblem[] {
  const open = new Map(invoices.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const problems: ManualAllocationProblem[] = [];
  let sum = 0;
  wanted.forEach((a, index) => {
    const inv = open.get(a.invoiceId);
    if (!inv)
      problems.push({ index, message: 'This invoice is not an open invoice of this company' });
    else if (seen.has(a.invoiceId))
      problems.push({ index, message: 'This invoice is named twice' });
    else if (!Number.isSafeInteger(a.amountCents) || a.amountCents <= 0)
      problems.push({ index, message: 'Amount must be more than zero' });
    else if (a.amountCents > inv.balanceCents)
      problems.push({
        index,
        message: `Amount is more than the invoice’s balance (${inv.balanceCents} cents)`,
      });
    seen.add(a.invoiceId);
    sum += a.amountCents;
  });
  if (!problems.length && sum > amountCents)
    problems.push({ index: -1, message: 'The amounts add up to more than the payment' });
  return problems;
}
