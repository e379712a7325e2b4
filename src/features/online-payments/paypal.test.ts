// PayPal end to end against the local fake: OAuth token (cached), order creation with the amount as
// a decimal string and a request id, capture on the buyer's return, and verified webhooks applied
// once (FAILURE and missing headers refused), refunds recorded once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { startFakePaypal, type FakePaypal } from '../../../test/support/fake-paypal.ts';
import type { Ctx } from '../../platform/context.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { createCheckout } from './checkout.ts';
import { captureOrder, forgetPaypalTokens } from './providers.ts';
import {
  PAYPAL,
  count,
  invoiceFigures,
  issued,
  liveAllocations,
  paymentsOf,
  refundsOf,
  switchOn,
} from './test-helpers.ts';

describe.each(DIALECTS)('PayPal online payments on %s', (dialect) => {
  let fake: FakePaypal;
  let admin: Ctx;
  let billing: Ctx;
  let companyId: string;

  beforeAll(async () => {
    fake = await startFakePaypal({ clientId: PAYPAL.clientId, clientSecret: PAYPAL.clientSecret });
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, {
    deps: () => ({ env: { PAYPAL_API_URL: fake.url, PUBLIC_URL: 'https://support.example.test' } }),
  });
  beforeEach(async () => {
    forgetPaypalTokens();
    admin = await staffCtx(suite.deps, 'admin');
    billing = await staffCtx(suite.deps, 'billing');
    companyId = (await company(suite.deps)).id;
    fake.requests.length = 0;
    fake.tokensIssued = 0;
    fake.verification = 'SUCCESS';
  });

  const deliver = (event: object, headers: Record<string, string> = fake.headers()) =>
    suite.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/paypal',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(event),
    });
  const creds = () => ({
    baseUrl: fake.url,
    clientId: PAYPAL.clientId,
    clientSecret: PAYPAL.clientSecret,
  });
  /** Checkout, buyer approval and capture done outside the app (as if the buyer never came back). */
  async function capturedElsewhere(invoiceId: string) {
    const checkout = await createCheckout(billing, { provider: 'paypal', invoiceId });
    fake.approve(checkout.providerId!);
    const order = await captureOrder(creds(), checkout.providerId!, `elsewhere-${checkout.id}`);
    return { checkout, capture: order.purchase_units![0].payments!.captures![0] };
  }

  it('gets a token with Basic auth (once), creates an order for the stored balance and returns the approve link', async () => {
    await switchOn(admin, { paypal: true });
    const invoiceId = await issued(billing, companyId, 123_45);
    const checkout = await createCheckout(billing, { provider: 'paypal', invoiceId });
    const token = fake.requests.find((r) => r.path === '/v1/oauth2/token')!;
    expect(token.headers.authorization).toBe(
      `Basic ${Buffer.from(`${PAYPAL.clientId}:${PAYPAL.clientSecret}`).toString('base64')}`,
    );
    expect(token.raw).toBe('grant_type=client_credentials');
    const create = fake.requests.find(
      (r) => r.method === 'POST' && r.path === '/v2/checkout/orders',
    )!;
    expect(create.headers['paypal-request-id']).toBe(`checkout-${checkout.id}`);
    expect(create.headers.authorization).toMatch(/^Bearer A21AA/);
    expect(create.body).toMatchObject({
      intent: 'CAPTURE',
      purchase_units: [
        { custom_id: checkout.id, amount: { currency_code: 'USD', value: '123.45' } },
      ],
    });
    expect(create.body!.purchase_units[0].invoice_id).toMatch(
      new RegExp(`^INV-\\d{4}-\\d{5}-${checkout.id}$`),
    );
    expect(create.body!.application_context.return_url).toBe(
      `https://support.example.test/pay/${checkout.id}/paypal-return`,
    );
    expect(checkout.url).toBe(
      `https://www.sandbox.paypal.test/checkoutnow?token=${checkout.providerId}`,
    );
    // A second checkout for the balance reuses the cached token and gets its own invoice_id.
    const second = await createCheckout(billing, { provider: 'paypal', companyId });
    expect(fake.tokensIssued).toBe(1);
    const secondBody = fake.requests.filter((r) => r.path === '/v2/checkout/orders').at(-1)!.body!;
    expect(secondBody.purchase_units[0]).toMatchObject({
      custom_id: second.id,
      invoice_id: `BALANCE-${second.id}`,
      amount: { value: '123.45' },
    });
  });

  it('on the buyer’s return the order is captured and the payment recorded once with PayPal’s fee; the webhook for it changes nothing', async () => {
    await switchOn(admin, { paypal: true });
    const invoiceId = await issued(billing, companyId, 80_00);
    const checkout = await createCheckout(billing, { provider: 'paypal', invoiceId });
    const early = await suite.app.inject({
      method: 'GET',
      url: `/pay/${checkout.id}/paypal-return?token=${checkout.providerId}&PayerID=BUYER1`,
    });
    expect(early.statusCode).toBe(200);
    expect(early.body).toContain('No payment was taken');
    expect(await count(suite.db, 'payments')).toBe(0);
    fake.approve(checkout.providerId!);
    const back = await suite.app.inject({
      method: 'GET',
      url: `/pay/${checkout.id}/paypal-return?token=${checkout.providerId}&PayerID=BUYER1`,
    });
    expect(back.body).toContain('Your payment has been received');
    const capture = fake.orders.get(checkout.providerId!)!.purchase_units[0].payments.captures[0];
    const [p] = await paymentsOf(suite.db, companyId);
    expect(p).toMatchObject({
      amountCents: 80_00,
      feeCents: 3_47,
      method: 'paypal',
      provider: 'paypal',
      providerRef: capture.id,
    });
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 0,
      paidCents: 80_00,
    });
    // A reload captures nothing twice; the webhook that follows is logged but records nothing.
    await suite.app.inject({
      method: 'GET',
      url: `/pay/${checkout.id}/paypal-return?token=${checkout.providerId}`,
    });
    const res = await deliver(fake.event('PAYMENT.CAPTURE.COMPLETED', capture));
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatch(/already recorded/);
    expect(await count(suite.db, 'payments')).toBe(1);
  });

  it('a verified PAYMENT.CAPTURE.COMPLETED records the payment once; the verification call carries the headers, webhook id and event', async () => {
    await switchOn(admin, { paypal: true });
    const invoiceId = await issued(billing, companyId, 45_00);
    const { checkout, capture } = await capturedElsewhere(invoiceId);
    const event = fake.event('PAYMENT.CAPTURE.COMPLETED', capture);
    const headers = fake.headers();
    const res = await deliver(event, headers);
    expect(res.statusCode).toBe(200);
    const verify = fake.requests.find(
      (r) => r.path === '/v1/notifications/verify-webhook-signature',
    )!;
    expect(verify.body).toEqual({
      auth_algo: 'SHA256withRSA',
      cert_url: headers['paypal-cert-url'],
      transmission_id: headers['paypal-transmission-id'],
      transmission_sig: headers['paypal-transmission-sig'],
      transmission_time: headers['paypal-transmission-time'],
      webhook_id: PAYPAL.webhookId,
      webhook_event: event,
    });
    const [p] = await paymentsOf(suite.db, companyId);
    expect(p).toMatchObject({ amountCents: 45_00, feeCents: 3_47, providerRef: capture.id });
    expect(await liveAllocations(suite.db, p.id)).toEqual([{ invoiceId, amountCents: 45_00 }]);
    expect(
      (
        await suite.db
          .selectFrom('online_checkouts')
          .select('status')
          .where('id', '=', checkout.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('completed');
    const again = await deliver(event);
    expect(again.json().result).toBe('already processed');
    expect((await deliver(fake.event('PAYMENT.CAPTURE.COMPLETED', capture))).json().result).toMatch(
      /already recorded/,
    );
    expect(await count(suite.db, 'payments')).toBe(1);
  });

  it('verification FAILURE and missing transmission headers are refused with 400; unconfigured is 503', async () => {
    const invoiceId = await issued(billing, companyId, 20_00);
    expect((await deliver(fake.event('PAYMENT.CAPTURE.COMPLETED', {}))).statusCode).toBe(503);
    await switchOn(admin, { paypal: true });
    const { capture } = await capturedElsewhere(invoiceId);
    const event = fake.event('PAYMENT.CAPTURE.COMPLETED', capture);
    fake.verification = 'FAILURE';
    const failed = await deliver(event);
    expect(failed.statusCode).toBe(400);
    expect(failed.headers['content-type']).toContain('application/problem+json');
    fake.verification = 'SUCCESS';
    const { 'paypal-transmission-sig': _sig, ...noSig } = fake.headers();
    const missing = await deliver(event, noSig);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('paypal-transmission-sig');
    expect(await count(suite.db, 'payments')).toBe(0);
    expect(await count(suite.db, 'webhook_events')).toBe(0);
    expect((await deliver(event)).statusCode).toBe(200);
    expect(await count(suite.db, 'payments')).toBe(1);
  });

  it('PAYMENT.CAPTURE.REFUNDED refunds once per refund id and reopens the invoice', async () => {
    await switchOn(admin, { paypal: true });
    const invoiceId = await issued(billing, companyId, 60_00);
    const { capture } = await capturedElsewhere(invoiceId);
    await deliver(fake.event('PAYMENT.CAPTURE.COMPLETED', capture));
    const [p] = await paymentsOf(suite.db, companyId);
    const refund = fake.refundOf(capture.id, '25.00');
    const event = fake.event('PAYMENT.CAPTURE.REFUNDED', refund);
    expect((await deliver(event)).json().result).toMatch(/refunded 2500 cents/);
    expect((await deliver(event)).json().result).toBe('already processed');
    expect((await deliver(fake.event('PAYMENT.CAPTURE.REFUNDED', refund))).json().result).toMatch(
      /already recorded/,
    );
    expect(await refundsOf(suite.db, p.id)).toEqual([
      { amountCents: 25_00, providerRef: refund.id },
    ]);
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 25_00,
      paidCents: 35_00,
    });
    const rest = fake.refundOf(capture.id, '35.00');
    expect((await deliver(fake.event('PAYMENT.CAPTURE.REFUNDED', rest))).statusCode).toBe(200);
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 60_00,
      paidCents: 0,
    });
    expect(await liveAllocations(suite.db, p.id)).toEqual([]);
  });
});
