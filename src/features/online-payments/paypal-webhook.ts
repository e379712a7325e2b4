// POST /api/v1/webhooks/paypal, and the buyer's return from PayPal. A webhook is genuine only when
// PayPal's verify-webhook-signature answers SUCCESS for its transmission headers, our webhook id and
// the event as received: missing headers or FAILURE -> 400, PayPal not configured -> 503. Each event
// id is applied at most once, and a capture is recorded at most once whichever way it arrives: the
// webhook, or the capture response when the buyer returns (payments.provider_ref = capture id).
import type { DbOrTrx } from '../../db/database.ts';
import type { Deps } from '../../platform/context.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { parseMoney } from '../../lib/money.ts';
import { isUniqueViolation } from '../billing/run.ts';
import { withRetry } from '../payments/service.ts';
import {
  applyCheckoutPayment,
  applyProviderRefund,
  businessDateOf,
  type SystemCtx,
} from './apply.ts';
import {
  captureOrder,
  paypalBaseUrl,
  PaypalError,
  verifyWebhookSignature,
  type PaypalCapture,
  type PaypalCreds,
  type PaypalLink,
  type PaypalMoney,
} from './providers.ts';
import { closeCheckout, eventSeen, findCheckout, insertEvent, type Checkout } from './queries.ts';
import { readProviderConfig } from './settings.ts';
import { sendCheckoutReceipt } from './receipt.ts';
import type { WebhookAnswer } from './stripe-webhook.ts';

const system: SystemCtx = { actor: { type: 'system', label: 'PayPal webhook' } };
const cents = (m: PaypalMoney | undefined) => Math.abs((m && parseMoney(m.value)) ?? 0);

async function creds(deps: Deps): Promise<(PaypalCreds & { webhookId: string | null }) | null> {
  const p = (await readProviderConfig(deps)).paypal;
  if (!p.clientId || !p.clientSecret) return null;
  return {
    baseUrl: paypalBaseUrl(deps.config, p.mode),
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    webhookId: p.webhookId,
  };
}

type PaypalEvent = {
  id?: string;
  event_type?: string;
  create_time?: string;
  resource?: Record<string, unknown>;
};
const HEADERS = [
  'paypal-transmission-id',
  'paypal-transmission-time',
  'paypal-transmission-sig',
  'paypal-cert-url',
  'paypal-auth-algo',
] as const;

export async function handlePaypalWebhook(
  deps: Deps,
  raw: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<WebhookAnswer> {
  const c = await creds(deps);
  if (!c?.webhookId)
    return {
      status: 503,
      result: 'PayPal webhooks are not configured (client ID, secret and webhook ID)',
    };
  const h = Object.fromEntries(
    HEADERS.map((k) => [k, typeof headers[k] === 'string' ? (headers[k] as string) : '']),
  ) as Record<(typeof HEADERS)[number], string>;
  const missing = HEADERS.filter((k) => !h[k]);
  if (missing.length) return { status: 400, result: `Missing ${missing.join(', ')}` };
  const text = raw.toString('utf8');
  let event: PaypalEvent;
  try {
    event = JSON.parse(text) as PaypalEvent;
  } catch {
    return { status: 400, result: 'The body is not JSON' };
  }
  if (!event.id || !event.event_type)
    return { status: 400, result: 'Not a PayPal event (no id or event_type)' };
  let ok: boolean;
  try {
    ok = await verifyWebhookSignature(
      c,
      {
        authAlgo: h['paypal-auth-algo'],
        certUrl: h['paypal-cert-url'],
        transmissionId: h['paypal-transmission-id'],
        transmissionSig: h['paypal-transmission-sig'],
        transmissionTime: h['paypal-transmission-time'],
      },
      c.webhookId,
      text,
    );
  } catch (err) {
    // PayPal retries what we do not acknowledge; an outage on their side is not the sender's fault.
    deps.log.warn({ err: (err as Error).message }, 'paypal webhook verification unavailable');
    return { status: 503, result: 'Could not verify the signature with PayPal; try again later' };
  }
  if (!ok) {
    deps.log.warn(
      { eventId: event.id, type: event.event_type },
      'paypal webhook refused: verification FAILURE',
    );
    return { status: 400, result: 'Signature verification failed' };
  }
  if (await eventSeen(deps.db, 'paypal', event.id))
    return { status: 200, result: 'already processed' };

  const apply = async (work: (trx: DbOrTrx) => Promise<string>): Promise<WebhookAnswer> => {
    try {
      const result = await withRetry(deps.db, async (trx) => {
        const id = newId();
        await insertEvent(trx, {
          id,
          provider: 'paypal',
          eventId: event.id!,
          type: event.event_type!,
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
        { provider: 'paypal', eventId: event.id, type: event.event_type, result },
        'webhook applied',
      );
      return { status: 200, result };
    } catch (err) {
      if (isUniqueViolation(err)) return { status: 200, result: 'already processed' };
      throw err;
    }
  };

  const resource = (event.resource ?? {}) as Record<string, unknown>;
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED': {
      const capture = resource as unknown as PaypalCapture;
      const checkout = capture.custom_id ? await findCheckout(deps.db, capture.custom_id) : null;
      if (checkout?.provider !== 'paypal')
        return apply(async () => `ignored: capture ${capture.id} is not one of our checkouts`);
      const receivedOn = await businessDateOf(deps.db, new Date(event.create_time ?? Date.now()));
      const answer = await apply((trx) => applyCapture(trx, system, checkout, capture, receivedOn));
      await sendCheckoutReceipt(deps, checkout.id);
      return answer;
    }
    case 'PAYMENT.CAPTURE.DENIED': {
      const customId = typeof resource.custom_id === 'string' ? resource.custom_id : null;
      return apply(async (trx) =>
        customId && (await closeCheckout(trx, customId, 'failed', nowIso()))
          ? `checkout ${customId} failed`
          : 'nothing to change',
      );
    }
    case 'PAYMENT.CAPTURE.REFUNDED':
    case 'PAYMENT.CAPTURE.REVERSED': {
      // The resource is the refund; its "up" link names the capture it belongs to.
      const up = ((resource.links ?? []) as PaypalLink[]).find((l) => l.rel === 'up')?.href;
      const captureId = up ? decodeURIComponent(up.split('/').filter(Boolean).pop() ?? '') : null;
      const refundId = typeof resource.id === 'string' ? resource.id : null;
      if (!captureId || !refundId) return apply(async () => 'ignored: refund without its capture');
      return apply((trx) =>
        applyProviderRefund(trx, system, {
          paymentRef: captureId,
          refundRef: refundId,
          amountCents: cents(resource.amount as PaypalMoney),
          reason:
            event.event_type === 'PAYMENT.CAPTURE.REVERSED'
              ? 'Reversed by PayPal (chargeback)'
              : 'Refunded in PayPal',
        }),
      );
    }
    default:
      return apply(async () => `ignored: ${event.event_type} is not handled`);
  }
}

function applyCapture(
  trx: DbOrTrx,
  ctx: SystemCtx,
  checkout: Checkout,
  capture: PaypalCapture,
  receivedOn: string,
): Promise<string> {
  if (capture.status !== 'COMPLETED')
    return Promise.resolve(`waiting: capture ${capture.id} is ${capture.status}`);
  return applyCheckoutPayment(trx, ctx, {
    checkout,
    amountCents: cents(capture.amount),
    feeCents: cents(capture.seller_receivable_breakdown?.paypal_fee),
    providerRef: capture.id,
    receivedOn,
  });
}

export type ReturnOutcome = 'paid' | 'pending' | 'cancelled';

/**
 * The buyer approved the order and came back: capture it now (idempotent on our checkout id) and
 * record a COMPLETED capture at once, under the same at-most-once rule as the webhook.
 */
export async function capturePaypalReturn(
  deps: Deps,
  checkoutId: string,
  orderId: string | undefined,
): Promise<ReturnOutcome> {
  const checkout = await findCheckout(deps.db, checkoutId);
  if (checkout?.provider !== 'paypal' || !orderId || checkout.providerId !== orderId)
    return 'cancelled';
  if (checkout.status === 'completed') return 'paid';
  const c = await creds(deps);
  if (!c) return 'pending';
  let capture: PaypalCapture | undefined;
  try {
    // A fresh request id per attempt: PayPal itself refuses a second capture of one order
    // (ORDER_ALREADY_CAPTURED), and a replayed "not approved yet" would hide a later approval.
    const order = await captureOrder(c, orderId, `capture-${checkout.id}-${newId()}`);
    capture = order.purchase_units?.[0]?.payments?.captures?.[0];
  } catch (err) {
    // Already captured (a reload, or the webhook's twin): the webhook records it.
    if (err instanceof PaypalError && err.issue === 'ORDER_ALREADY_CAPTURED') return 'pending';
    if (err instanceof PaypalError && err.issue === 'ORDER_NOT_APPROVED') return 'cancelled';
    deps.log.warn({ checkoutId, err: (err as Error).message }, 'paypal capture failed');
    return 'pending';
  }
  if (!capture) return 'pending';
  const receivedOn = await businessDateOf(deps.db, new Date());
  const ctx = { actor: { type: 'system' as const, label: 'PayPal return' } };
  try {
    await withRetry(deps.db, (trx) => applyCapture(trx, ctx, checkout, capture!, receivedOn));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  await sendCheckoutReceipt(deps, checkout.id);
  return capture.status === 'COMPLETED' ? 'paid' : 'pending';
}
