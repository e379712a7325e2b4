// Demo payments for the demo's issued invoices, recorded through the payment service (allocated,
// audited): most invoices paid by check or bank transfer within their terms, some partly, some
// late, one company overpaid (its credit stays on account), a couple left open and overdue. Every
// choice is derived from the invoice number, so the same demo gets the same payments.
import type { Ctx } from '../../platform/context.ts';
import { addDaysToDate, todayIn } from '../../lib/dates.ts';
import { findProfile } from '../settings/queries.ts';
import type { PaymentMethod } from './schemas.ts';
import { recordPayment } from './service.ts';
import { applyBasisPoints } from '../../lib/money.ts';

/** FNV-1a of a string: a stable pseudo-random number per invoice. */
function h(s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return x;
}

type Inv = {
  id: string;
  companyId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  termsDays: number;
  balanceCents: number;
};
type Fate = 'on_time' | 'partial' | 'late' | 'open' | 'overpaid';

export async function seedDemoPayments(
  ctx: Ctx,
): Promise<{ payments: number; openOverdue: number; creditCents: number }> {
  const today = todayIn((await findProfile(ctx.db))?.timeZone ?? 'UTC');
  const rows = await ctx.db
    .selectFrom('invoices')
    .select(['id', 'company_id', 'number', 'issue_date', 'due_date', 'terms_days', 'balance_cents'])
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .orderBy('issue_date')
    .orderBy('number')
    .execute();
  const invoices: Inv[] = rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    number: r.number ?? r.id,
    issueDate: r.issue_date ?? today,
    dueDate: r.due_date ?? today,
    termsDays: Number(r.terms_days),
    balanceCents: Number(r.balance_cents),
  }));
  const fates = new Map<string, Fate>();
  for (const inv of invoices) {
    const k = h(inv.number) % 20;
    fates.set(inv.id, k < 13 ? 'on_time' : k < 15 ? 'partial' : k < 18 ? 'late' : 'open');
  }
  // A couple of overdue invoices stay open whatever their number says.
  const overdue = invoices.filter((i) => i.dueDate < today);
  for (const i of overdue.slice(-3, -1)) fates.set(i.id, 'open');
  // One company paid more than it owed on its latest invoice: the rest is credit on account.
  const latest = invoices[invoices.length - 1];
  if (latest) fates.set(latest.id, 'overpaid');

  let payments = 0;
  const pay = async (inv: Inv, amountCents: number, receivedOn: string, n: number, overpay = 0) => {
    if (receivedOn > today || amountCents <= 0) return;
    const r = h(`${inv.number}:${n}`);
    const method: PaymentMethod = r % 10 < 6 ? 'check' : r % 10 < 9 ? 'bank' : 'cash';
    const reference =
      method === 'check'
        ? String(1000 + (r % 9000))
        : method === 'bank'
          ? `ACH ${String(r % 1_000_000).padStart(6, '0')}`
          : null;
    await recordPayment(ctx, {
      companyId: inv.companyId,
      amountCents: amountCents + overpay,
      method,
      reference,
      receivedOn,
      memo: `Payment for ${inv.number}`,
      depositBatch: method === 'bank' ? null : receivedOn,
      allocations: [{ invoiceId: inv.id, amountCents }],
    });
    payments++;
  };
  for (const inv of invoices) {
    const fate = fates.get(inv.id)!;
    const r = h(inv.number);
    const within = Math.max(1, inv.termsDays - 2);
    if (fate === 'on_time')
      await pay(inv, inv.balanceCents, addDaysToDate(inv.issueDate, 3 + (r % within)), 1);
    else if (fate === 'partial') {
      const first = applyBasisPoints(inv.balanceCents, (40 + (r % 30)) * 100);
      await pay(inv, first, addDaysToDate(inv.issueDate, 5 + (r % within)), 1);
      // Half of the partly paid invoices were settled later, after the due date.
      if (r % 2 === 0)
        await pay(inv, inv.balanceCents - first, addDaysToDate(inv.dueDate, 12 + (r % 20)), 2);
    } else if (fate === 'late')
      await pay(inv, inv.balanceCents, addDaysToDate(inv.dueDate, 8 + (r % 35)), 1);
    else if (fate === 'overpaid')
      await pay(
        inv,
        inv.balanceCents,
        inv.issueDate > addDaysToDate(today, -3) ? inv.issueDate : addDaysToDate(inv.issueDate, 2),
        1,
        15_000,
      );
  }
  const open = await ctx.db
    .selectFrom('invoices')
    .select('id')
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .where('due_date', '<', today)
    .execute();
  const credit = await ctx.db
    .selectFrom('payments')
    .select((eb) => eb.fn.sum<number>('unapplied_cents').as('u'))
    .where('status', '=', 'recorded')
    .executeTakeFirst();
  return { payments, openOverdue: open.length, creditCents: Number(credit?.u ?? 0) };
}
