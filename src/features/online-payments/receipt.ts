// The receipt a customer gets by email once their online payment is recorded (the verified webhook
// or PayPal's capture), for checkouts started in the portal (receipt_to set). At most once: the
// checkout row is claimed (receipt_sent_at) before the email goes; a failed send is logged, never
// retried into a second receipt. Runs after the payment's transaction has committed.
import type { Deps } from '../../platform/context.ts';
import { nowIso } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import { getProfileCached } from '../settings/profile-cache.ts';

export async function sendCheckoutReceipt(deps: Deps, checkoutId: string): Promise<boolean> {
  try {
    const claim = await deps.db
      .updateTable('online_checkouts')
      .set({ receipt_sent_at: nowIso() })
      .where('id', '=', checkoutId)
      .where('status', '=', 'completed')
      .where('receipt_to', 'is not', null)
      .where('receipt_sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return false;
    const c = await deps.db
      .selectFrom('online_checkouts as c')
      .innerJoin('payments as p', 'p.id', 'c.payment_id')
      .select([
        'c.receipt_to',
        'c.provider',
        'p.id as payment_id',
        'p.amount_cents',
        'p.received_on',
      ])
      .where('c.id', '=', checkoutId)
      .whereRef('c.company_id', '=', 'p.company_id')
      .executeTakeFirst();
    if (!c?.receipt_to) return false;
    const allocs = await deps.db
      .selectFrom('payment_allocations as a')
      .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
      .select(['i.number', 'a.amount_cents'])
      .where('a.payment_id', '=', c.payment_id)
      .where('a.reversed_at', 'is', null)
      .orderBy('a.created_at')
      .execute();
    const profile = await getProfileCached(deps.db);
    const currency = profile?.currency ?? 'USD';
    const money = (n: number | string) => formatMoney(Number(n), currency);
    const business = profile?.name?.trim() ?? '';
    const lines = [
      'Thank you: we received your payment.',
      '',
      `Amount: ${money(c.amount_cents)}`,
      `Date: ${c.received_on}`,
      `Paid by: ${c.provider === 'stripe' ? 'Card (Stripe)' : 'PayPal'}`,
      ...(allocs.length
        ? [
            '',
            'Applied to:',
            ...allocs.map((a) => `  Invoice ${a.number}: ${money(a.amount_cents)}`),
          ]
        : []),
      '',
      business,
    ];
    await deps.mailer.send({
      to: c.receipt_to,
      subject: `Payment received${business ? ` by ${business}` : ''}: ${money(c.amount_cents)}`,
      text: `${lines.join('\n').trim()}\n`,
    });
    return true;
  } catch (err) {
    deps.log.warn({ checkoutId, err: (err as Error).message }, 'payment receipt not sent');
    return false;
  }
}
