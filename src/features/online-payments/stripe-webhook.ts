// POST /api/v1/webhooks/stripe. Verified with the endpoint's signing secret on the raw body (stripe
// library, 300 s tolerance): no secret configured -> 503, a bad or stale signature -> 400. Each event
// id is applied at most once (webhook_events unique on provider + event id, written in the same
// transaction as its effect); the same payment intent is never recorded twice under another event.
import type Stripe from 'stripe';
import type { DbOrTrx } from '../../db/database.ts';
import type { Deps } from '../../platform/context.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { isUniqueViolation } from '../billing/run.ts';
import { withRetry } from '../payments/service.ts';
import {
  applyCheckoutPayment,
  applyProviderRefund,
  businessDateOf,
  type SystemCtx,
} from './apply.ts';
import { stripeClient } from './providers.ts';
import { sendCheckoutReceipt } from './receipt.ts';
import {
  closeCheckout,
  eventSeen,
  findCheckout,
  findCheckoutByProviderId,
  insertEvent,
  type Checkout,
} from './queries.ts';
import { readProviderConfig } from './settings.ts';

export type WebhookAnswer = { status: number; result: string };

const system: SystemCtx = { actor: { type: 'system', label: 'Stripe webhook' } };
const idOf = (v: string | { id: string } | null | undefined) =>
  typeof v === 'string' ? v : (v?.id ?? null);

export async function handleStripeWebhook(
  deps: Deps,
  raw: Buffer,
  signature: string | undefined,
): Promise<WebhookAnswer> {
  const cfg = (await readProviderConfig(deps)).stripe;
  if (!cfg.webhookSecret)
    return { status: 503, result: 'Stripe webhooks are not configured (no signing secret)' };
  if (!signature) return { status: 400, result: 'Missing Stripe-Signature header' };
  let event: Stripe.Event;
  try {
    event = stripeClient(deps.config, cfg.secretKey ?? 'sk_unset').webhooks.constructEvent(
      raw,
      signature,
      cfg.webhookSecret,
    );
  } catch (err) {
    deps.log.warn({ reason: (err as Error).message.split('\n')[0] }, 'stripe webhook refused');
    return {
      status: 400,
      result: `Signature verification failed: ${(err as Error).message.split('\n')[0]}`,
    };
  }
  if (await eventSeen(deps.db, 'stripe', event.id))
    return { status: 200, result: 'already processed' };

  // Anything that talks to Stripe happens before the transaction; the transaction only writes.
  const apply = async (work: (trx: DbOrTrx) => Promise<string>): Promise<WebhookAnswer> => {
    try {
      const result = await withRetry(deps.db, async (trx) => {
        const id = newId();
        await insertEvent(trx, {
          id,
          provider: 'stripe',
          eventId: event.id,
          type: event.type,
          receivedAt: nowIso(),
          result: 'processing',
        });
        const out = await work(trx);
        await trx
          .updateTable('webhook_events')
          .set({ result: out.slice(0, 1000) })
          .where('id', '=', id)
          .execute();
        return out;
      });
      deps.log.info(
        { provider: 'stripe', eventId: event.id, type: event.type, result },
        'webhook applied',
      );
      return { status: 200, result };
    } catch (err) {
      if (isUniqueViolation(err)) return { status: 200, result: 'already processed' };
      throw err;
    }
  };

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      const checkout = await checkoutOf(deps, session);
      if (!checkout)
        return apply(async () => `ignored: session ${session.id} is not one of our checkouts`);
      if (session.payment_status !== 'paid')
        return apply(async () => `waiting: payment_status ${session.payment_status}`);
      const intentId = idOf(session.payment_intent);
      if (!intentId)
        return apply(async () => `ignored: session ${session.id} has no payment intent`);
      const feeCents = await stripeFee(deps, cfg.secretKey, intentId);
      const receivedOn = await businessDateOf(deps.db, new Date(event.created * 1000));
      const answer = await apply((trx) =>
        applyCheckoutPayment(trx, system, {
          checkout,
          amountCents: session.amount_total ?? checkout.amountCents,
          feeCents,
          providerRef: intentId,
          receivedOn,
        }),
      );
      await sendCheckoutReceipt(deps, checkout.id);
      return answer;
    }
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed': {
      const checkout = await checkoutOf(deps, event.data.object);
      const status = event.type === 'checkout.session.expired' ? 'expired' : 'failed';
      return apply(async (trx) =>
        checkout &&
        checkout.status === 'open' &&
        (await closeCheckout(trx, checkout.id, status, nowIso()))
          ? `checkout ${checkout.id} ${status}`
          : 'nothing to change',
      );
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const intentId = idOf(charge.payment_intent);
      if (!intentId) return apply(async () => 'ignored: charge without a payment intent');
      // amount_refunded is the running total; the reference names the charge and that total.
      return apply((trx) =>
        applyProviderRefund(trx, system, {
          paymentRef: intentId,
          refundRef: `${charge.id}:${charge.amount_refunded}`,
          cumulativeCents: charge.amount_refunded,
          reason: 'Refunded in Stripe',
        }),
      );
    }
    default:
      return apply(async () => `ignored: ${event.type} is not handled`);
  }
}

async function checkoutOf(deps: Deps, session: Stripe.Checkout.Session): Promise<Checkout | null> {
  const found = await findCheckoutByProviderId(deps.db, 'stripe', session.id);
  if (found) return found;
  // The session id is written after Stripe answers; a very fast webhook may beat it.
  const byRef = session.client_reference_id
    ? await findCheckout(deps.db, session.client_reference_id)
    : null;
  return byRef?.provider === 'stripe' &&
    (byRef.providerId === null || byRef.providerId === session.id)
    ? byRef
    : null;
}

/** Stripe's fee for a payment intent, from its latest charge's balance transaction (0 when not yet known). */
async function stripeFee(deps: Deps, secretKey: string | null, intentId: string): Promise<number> {
  if (!secretKey) return 0;
  try {
    const pi = await stripeClient(deps.config, secretKey).paymentIntents.retrieve(intentId, {
      expand: ['latest_charge.balance_transaction'],
    });
    const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
    const txn =
      charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
    return txn?.fee ?? 0;
  } catch (err) {
    // The money matters more than the fee: record the payment, say why the fee is missing.
    deps.log.warn(
      { intentId, err: (err as Error).message },
      'stripe fee not available; payment recorded without it',
    );
    return 0;
  }
}
