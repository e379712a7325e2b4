// Turning a provider's word into money on the books, the same way for both providers and for both
// ways a payment can arrive (a verified webhook, or PayPal's capture response). At most once: the
// payment's provider_ref (payment intent / capture id) and each refund's provider_ref are unique in
// the database, so a second delivery under any event id fails to insert and changes nothing.
import type { DbOrTrx } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { nowIso, todayIn } from '../../lib/dates.ts';
import { lockCompany } from '../payments/queries.ts';
import { recordPaymentInTrx, refundInTrx } from '../payments/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import {
  closeCheckout,
  invoiceBalance,
  paymentByProviderRef,
  refundRecorded,
  refundedSoFar,
  type Checkout,
} from './queries.ts';

export type SystemCtx = Pick<Ctx, 'actor' | 'ip'>;

/** The business calendar date of an instant (when the provider says the money moved). */
export async function businessDateOf(db: Ctx['db'], at: Date): Promise<string> {
  return todayIn((await getProfileCached(db))?.timeZone ?? 'UTC', at);
}

export type Received = {
  checkout: Checkout;
  amountCents: number;
  feeCents: number;
  providerRef: string;
  receivedOn: string;
};

/**
 * Records the payment of a checkout and marks it completed. A single-invoice checkout pays that
 * invoice up to its balance now (the rest is unapplied credit); a balance checkout is allocated
 * oldest first by the payments service.
 */
export async function applyCheckoutPayment(
  trx: DbOrTrx,
  ctx: SystemCtx,
  r: Received,
): Promise<string> {
  const existing = await paymentByProviderRef(trx, r.providerRef);
  if (existing) return `payment for ${r.providerRef} already recorded`;
  const { checkout } = r;
  // The same lock the payments service takes, first, so the balance read below cannot go stale.
  await lockCompany(trx, checkout.companyId);
  let allocations: { invoiceId: string; amountCents: number }[] | undefined;
  if (checkout.invoiceIds?.length) {
    // Chosen invoices (the portal): each in the customer's order up to its balance now.
    allocations = [];
    let left = r.amountCents;
    for (const invoiceId of checkout.invoiceIds) {
      const amountCents = Math.min(await invoiceBalance(trx, invoiceId), left);
      if (amountCents <= 0) continue;
      allocations.push({ invoiceId, amountCents });
      left -= amountCents;
    }
  } else if (checkout.invoiceId) {
    const balance = await invoiceBalance(trx, checkout.invoiceId);
    allocations =
      balance > 0
        ? [{ invoiceId: checkout.invoiceId, amountCents: Math.min(balance, r.amountCents) }]
        : [];
  }
  const method = checkout.provider === 'stripe' ? 'card' : 'paypal';
  const payment = await recordPaymentInTrx(trx, ctx, {
    companyId: checkout.companyId,
    amountCents: r.amountCents,
    method,
    reference: r.providerRef,
    receivedOn: r.receivedOn,
    memo: `Online payment (${checkout.provider === 'stripe' ? 'Stripe' : 'PayPal'} checkout ${checkout.id})`,
    feeCents: r.feeCents,
    provider: checkout.provider,
    providerRef: r.providerRef,
    allocations,
  });
  await closeCheckout(trx, checkout.id, 'completed', nowIso(), payment.id);
  await audit(trx, ctx, {
    action: 'checkout.completed',
    entityType: 'online_checkout',
    entityId: checkout.id,
    companyId: checkout.companyId,
    summary: {
      provider: checkout.provider,
      providerRef: r.providerRef,
      amountCents: r.amountCents,
      feeCents: r.feeCents,
      paymentId: payment.id,
    },
  });
  if (r.amountCents !== checkout.amountCents)
    return `payment ${payment.id} recorded (${r.amountCents} cents; the checkout asked for ${checkout.amountCents})`;
  return `payment ${payment.id} recorded`;
}

/**
 * Applies a refund the provider reports. `cumulativeCents` (Stripe) is the total refunded so far on
 * the charge: only what is not yet on our books is refunded. `amountCents` (PayPal) is one refund.
 */
export async function applyProviderRefund(
  trx: DbOrTrx,
  ctx: SystemCtx,
  r: { paymentRef: string; refundRef: string; reason: string } & (
    | { cumulativeCents: number }
    | { amountCents: number }
  ),
): Promise<string> {
  const payment = await paymentByProviderRef(trx, r.paymentRef);
  if (!payment) return `ignored: no payment recorded for ${r.paymentRef}`;
  // Serialises refunds of this payment (the payments service takes the same lock).
  await lockCompany(trx, payment.companyId);
  if (await refundRecorded(trx, r.refundRef)) return `refund ${r.refundRef} already recorded`;
  const amount =
    'cumulativeCents' in r
      ? r.cumulativeCents - (await refundedSoFar(trx, payment.id))
      : r.amountCents;
  if (amount <= 0) return `nothing new to refund on ${r.paymentRef}`;
  // Acknowledged but not applied (the provider would otherwise resend it forever); the event log
  // keeps the reason for someone to look at.
  const now = (await paymentByProviderRef(trx, r.paymentRef))!;
  if (now.status !== 'recorded')
    return `not applied: payment ${now.id} is ${now.status}; refund of ${amount} cents needs a look`;
  if (amount > now.amountCents - now.refundedCents)
    return `not applied: refund of ${amount} cents is more than the ${now.amountCents - now.refundedCents} cents left on payment ${now.id}`;
  await refundInTrx(trx, ctx, {
    paymentId: payment.id,
    amountCents: amount,
    providerRef: r.refundRef,
    reason: r.reason,
  });
  return `refunded ${amount} cents of payment ${payment.id}`;
}
