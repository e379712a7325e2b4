// Stripe end to end with the real `stripe` library against the local fake: checkouts sent with the
// right amount, currency, metadata and idempotency key; signed webhooks recording each payment once
// with its fee and allocation; refunds reversing allocations; bad and stale signatures refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs, postForm } from '../../../test/support/app.ts';
import { startFakeStripe, type FakeStripe } from '../../../test/support/fake-stripe.ts';
import type { Ctx } from '../../platform/context.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { withActor } from '../../platform/context.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { voidPayment } from '../payments/service.ts';
import { openApiDocument } from '../api/openapi.ts';
import { createCheckout } from './checkout.ts';
import { saveOnlinePaymentSettings } from './settings-service.ts';
import {
  STRIPE_KEY,
  STRIPE_WHSEC,
  count,
  invoiceFigures,
  issued,
  liveAllocations,
  paymentsOf,
  refundsOf,
  switchOn,
} from './test-helpers.ts';

const signer = new Stripe('sk_test_signer', { maxNetworkRetries: 0 });

describe.each(DIALECTS)('Stripe online payments on %s', (dialect) => {
  let fake: FakeStripe;
  let admin: Ctx;
  let billing: Ctx;
  let companyId: string;

  beforeAll(async () => {
    fake = await startFakeStripe({ secretKey: STRIPE_KEY });
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, {
    deps: () => ({ env: { STRIPE_API_URL: fake.url, PUBLIC_URL: 'https://support.example.test' } }),
  });
  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
    billing = await staffCtx(suite.deps, 'billing');
    companyId = (await company(suite.deps)).id;
    fake.requests.length = 0;
  });

  const deliver = (
    event: object,
    opts: { secret?: string; timestamp?: number; header?: string } = {},
  ) => {
    const payload = JSON.stringify(event);
    const header =
      opts.header ??
      signer.webhooks.generateTestHeaderString({
        payload,
        secret: opts.secret ?? STRIPE_WHSEC,
        ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
      });
    return suite.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/stripe',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header },
      payload,
    });
  };
  /** A checkout for one invoice, paid by the customer; returns the completed-session event. */
  async function paidCheckout(invoiceId: string | null, feeCents = 321) {
    const checkout = await createCheckout(
      billing,
      invoiceId ? { provider: 'stripe', invoiceId } : { provider: 'stripe', companyId },
    );
    const paid = fake.pay(checkout.providerId!, { feeCents });
    return { checkout, paid, event: fake.event('checkout.session.completed', paid.session) };
  }

  it('creates a Checkout Session for the stored balance with currency, metadata, return URLs and an idempotency key', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 123_45);
    const checkout = await createCheckout(billing, { provider: 'stripe', invoiceId });
    const req = fake.requests.find(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
    )!;
    expect(req.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    expect(req.headers['idempotency-key']).toBe(`checkout-${checkout.id}`);
    expect(req.body).toMatchObject({
      mode: 'payment',
      client_reference_id: checkout.id,
      line_items: [
        {
          price_data: {
            currency: 'usd',
            unit_amount: '12345',
            product_data: { name: expect.stringMatching(/^Invoice INV-\d{4}-\d{5}$/) },
          },
          quantity: '1',
        },
      ],
      metadata: { checkout_id: checkout.id, invoice_id: invoiceId, company_id: companyId },
      payment_intent_data: {
        metadata: { checkout_id: checkout.id, invoice_id: invoiceId, company_id: companyId },
      },
      success_url: `https://support.example.test/pay/${checkout.id}/done`,
      cancel_url: `https://support.example.test/pay/${checkout.id}/cancelled`,
    });
    const row = await suite.db
      .selectFrom('online_checkouts')
      .selectAll()
      .where('id', '=', checkout.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      provider: 'stripe',
      provider_id: checkout.providerId,
      status: 'open',
      invoice_id: invoiceId,
      currency: 'USD',
      url: `https://checkout.stripe.test/c/pay/${checkout.providerId}`,
    });
    expect(Number(row.amount_cents)).toBe(123_45);
  });

  it('refuses checkouts that cannot be paid: provider off, nothing owed, wrong role', async () => {
    const invoiceId = await issued(billing, companyId, 5000);
    await expect(createCheckout(billing, { provider: 'stripe', invoiceId })).rejects.toThrow(
      ConflictError,
    );
    await switchOn(admin, { stripe: true });
    await expect(
      createCheckout(await staffCtx(suite.deps, 'technician'), { provider: 'stripe', invoiceId }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      createCheckout(billing, {
        provider: 'stripe',
        companyId: (await company(suite.deps, 'Nothing Owed LLC')).id,
      }),
    ).rejects.toThrow(/no open balance/);
    expect(fake.requests).toHaveLength(0);
    // Stripe refusing (here: a key it does not know) leaves a failed checkout and a clear error.
    await saveOnlinePaymentSettings(admin, {
      stripeEnabled: true,
      stripeSecretKey: 'sk_test_notTheRightKey99',
      paypalEnabled: false,
      paypalMode: 'sandbox',
    });
    await expect(createCheckout(billing, { provider: 'stripe', invoiceId })).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/^Stripe could not start the payment: Invalid API Key/),
    });
    expect(
      await suite.db
        .selectFrom('online_checkouts')
        .select(['status', 'provider_id'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'failed', provider_id: null });
  });

  it('a signed checkout.session.completed records one card payment with the fee, pays the invoice and completes the checkout', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 250_00);
    const { checkout, paid, event } = await paidCheckout(invoiceId, 755);
    const res = await deliver(event);
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatch(/^payment .* recorded$/);
    const [p] = await paymentsOf(suite.db, companyId);
    expect(p).toMatchObject({
      amountCents: 250_00,
      feeCents: 755,
      method: 'card',
      provider: 'stripe',
      providerRef: paid.intent.id,
      unappliedCents: 0,
    });
    expect(await liveAllocations(suite.db, p.id)).toEqual([{ invoiceId, amountCents: 250_00 }]);
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 0,
      paidCents: 250_00,
    });
    const row = await suite.db
      .selectFrom('online_checkouts')
      .selectAll()
      .where('id', '=', checkout.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'completed', payment_id: p.id });
    const piReq = fake.requests.find(
      (r) => r.method === 'GET' && r.path === `/v1/payment_intents/${paid.intent.id}`,
    )!;
    expect(piReq.query.expand).toEqual(['latest_charge.balance_transaction']);
  });

  it('the same event twice, and another event for the same payment intent, record one payment', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 99_00);
    const { event, paid } = await paidCheckout(invoiceId);
    expect((await deliver(event)).statusCode).toBe(200);
    const again = await deliver(event);
    expect(again.statusCode).toBe(200);
    expect(again.json().result).toBe('already processed');
    const twin = await deliver(
      fake.event('checkout.session.async_payment_succeeded', paid.session),
    );
    expect(twin.statusCode).toBe(200);
    expect(twin.json().result).toMatch(/already recorded/);
    // Two concurrent deliveries of one more event id change nothing either.
    const third = fake.event('checkout.session.completed', paid.session);
    const both = await Promise.all([deliver(third), deliver(third)]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await count(suite.db, 'payments')).toBe(1);
    expect(await count(suite.db, 'webhook_events')).toBe(3);
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 0,
      paidCents: 99_00,
    });
  });

  it('refuses a bad signature, a stale timestamp and a missing header with 400, and answers 503 without a signing secret', async () => {
    const invoiceId = await issued(billing, companyId, 40_00);
    expect((await deliver(fake.event('checkout.session.completed', {}))).statusCode).toBe(503);
    await switchOn(admin, { stripe: true });
    const { event } = await paidCheckout(invoiceId);
    const bad = await deliver(event, { secret: 'whsec_someoneElsesSecret' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).not.toContain(STRIPE_WHSEC);
    const stale = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 1000 });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().detail).toMatch(/tolerance/i);
    const unsigned = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/stripe',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(event),
    });
    expect(unsigned.statusCode).toBe(400);
    const tampered = await deliver(event, {
      header: signer.webhooks.generateTestHeaderString({
        payload: JSON.stringify({ ...event, id: 'evt_other' }),
        secret: STRIPE_WHSEC,
      }),
    });
    expect(tampered.statusCode).toBe(400);
    expect(await count(suite.db, 'payments')).toBe(0);
    expect(await count(suite.db, 'webhook_events')).toBe(0);
    expect((await deliver(event)).statusCode).toBe(200);
    expect(await count(suite.db, 'payments')).toBe(1);
  });

  it('charge.refunded partial then full: each refund recorded once, allocations reversed, the invoice reopened', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 100_00);
    const { event, paid } = await paidCheckout(invoiceId);
    await deliver(event);
    const [p] = await paymentsOf(suite.db, companyId);

    const partial = fake.event('charge.refunded', fake.refund(paid.charge.id, 30_00));
    expect((await deliver(partial)).json().result).toMatch(/refunded 3000 cents/);
    expect((await deliver(partial)).json().result).toBe('already processed');
    // Stripe may describe the same state again under a new event id: nothing new to refund.
    expect(
      (await deliver(fake.event('charge.refunded', partial.data.object))).json().result,
    ).toMatch(/already recorded|nothing new/);
    expect(await refundsOf(suite.db, p.id)).toEqual([
      { amountCents: 30_00, providerRef: `${paid.charge.id}:3000` },
    ]);
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 30_00,
      paidCents: 70_00,
      status: 'issued',
    });
    expect(await liveAllocations(suite.db, p.id)).toEqual([{ invoiceId, amountCents: 70_00 }]);

    const full = fake.event('charge.refunded', fake.refund(paid.charge.id, 70_00));
    expect(full.data.object.amount_refunded).toBe(100_00);
    expect((await deliver(full)).statusCode).toBe(200);
    expect((await deliver(full)).json().result).toBe('already processed');
    expect(await refundsOf(suite.db, p.id)).toEqual([
      { amountCents: 30_00, providerRef: `${paid.charge.id}:3000` },
      { amountCents: 70_00, providerRef: `${paid.charge.id}:10000` },
    ]);
    expect(await invoiceFigures(suite.db, invoiceId)).toMatchObject({
      balanceCents: 100_00,
      paidCents: 0,
    });
    expect(await liveAllocations(suite.db, p.id)).toEqual([]);
    expect((await paymentsOf(suite.db, companyId))[0].refundedCents).toBe(100_00);
  });

  it('a balance checkout asks for the sum of open invoices and pays them oldest first', async () => {
    await switchOn(admin, { stripe: true });
    const first = await issued(billing, companyId, 60_00, 'March support');
    const second = await issued(billing, companyId, 45_50, 'April support');
    const { checkout, event } = await paidCheckout(null);
    expect(checkout).toMatchObject({ invoiceId: null, amountCents: 105_50 });
    const req = fake.requests.find((r) => r.path === '/v1/checkout/sessions')!;
    expect(req.body.line_items[0].price_data.unit_amount).toBe('10550');
    expect(req.body.metadata.invoice_id).toBeUndefined();
    expect((await deliver(event)).statusCode).toBe(200);
    expect((await invoiceFigures(suite.db, first)).balanceCents).toBe(0);
    expect((await invoiceFigures(suite.db, second)).balanceCents).toBe(0);
    const [p] = await paymentsOf(suite.db, companyId);
    expect(
      (await liveAllocations(suite.db, p.id)).sort((a, b) => b.amountCents - a.amountCents),
    ).toEqual([
      { invoiceId: first, amountCents: 60_00 },
      { invoiceId: second, amountCents: 45_50 },
    ]);
  });

  it('expired sessions close the checkout; unknown events are acknowledged and logged as ignored', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 10_00);
    const checkout = await createCheckout(billing, { provider: 'stripe', invoiceId });
    const session = { ...fake.sessions.get(checkout.providerId!), status: 'expired' };
    expect((await deliver(fake.event('checkout.session.expired', session))).statusCode).toBe(200);
    expect(
      (
        await suite.db
          .selectFrom('online_checkouts')
          .select('status')
          .where('id', '=', checkout.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('expired');
    const odd = fake.event('customer.created', { id: 'cus_1', object: 'customer' });
    const res = await deliver(odd);
    expect(res.statusCode).toBe(200);
    const logged = await suite.db
      .selectFrom('webhook_events')
      .selectAll()
      .where('event_id', '=', odd.id)
      .executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ provider: 'stripe', type: 'customer.created' });
    expect(logged.result).toMatch(/^ignored/);
    expect(await count(suite.db, 'payments')).toBe(0);
  });

  it('staff get a payment link from the invoice page action; the amount never comes from the form', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 77_00);
    const agent = await signInAs(suite.app, suite.deps, 'billing');
    const page = await suite.app.inject({
      method: 'GET',
      url: `/invoices/${invoiceId}/payment-link`,
      headers: { cookie: agent.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Card (Stripe)');
    expect(page.body).not.toContain('>PayPal<');
    const post = await postForm(suite.app, agent, `/invoices/${invoiceId}/payment-link`, {
      provider: 'stripe',
      amountCents: '1',
    });
    expect(post.statusCode).toBe(302);
    const again = await suite.app.inject({
      method: 'GET',
      url: post.headers.location as string,
      headers: { cookie: agent.cookie },
    });
    const checkout = await suite.db
      .selectFrom('online_checkouts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(Number(checkout.amount_cents)).toBe(77_00);
    expect(again.body).toContain(`https://checkout.stripe.test/c/pay/${checkout.provider_id}`);
    expect(again.body).not.toMatch(/\sstyle="|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+="/);
    const done = await suite.app.inject({ method: 'GET', url: `/pay/${checkout.id}/done` });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('being processed');
    expect(done.body).not.toContain('77.00');
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    expect(
      (
        await suite.app.inject({
          method: 'GET',
          url: `/invoices/${invoiceId}/payment-link`,
          headers: { cookie: tech.cookie },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the API starts a checkout from the stored balance; a portal contact may pay only their own company', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 64_00);
    const { key } = await insertApiKey(suite.db, {
      name: 'billing bot',
      role: 'billing',
      createdBy: null,
    });
    const res = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/online-checkouts',
      headers: { authorization: `Bearer ${key}` },
      payload: { provider: 'stripe', invoiceId, amountCents: 1 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      provider: 'stripe',
      invoiceId,
      companyId,
      amountCents: 64_00,
      currency: 'USD',
      status: 'open',
      url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\//),
    });
    const both = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/online-checkouts',
      headers: { authorization: `Bearer ${key}` },
      payload: { provider: 'stripe', invoiceId, companyId },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].path).toBe('invoiceId');
    const { key: readKey } = await insertApiKey(suite.db, {
      name: 'reader',
      role: 'readonly',
      createdBy: null,
    });
    expect(
      (
        await suite.app.inject({
          method: 'POST',
          url: '/api/v1/online-checkouts',
          headers: { authorization: `Bearer ${readKey}` },
          payload: { provider: 'stripe', invoiceId },
        })
      ).statusCode,
    ).toBe(403);

    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(doc.paths['/online-checkouts'].post).toBeDefined();
    expect(doc.paths['/webhooks/stripe'].post.security).toEqual([]);
    expect(doc.paths['/webhooks/paypal'].post.security).toEqual([]);

    const other = (await company(suite.deps, 'Other Clinic')).id;
    const contact = (companyOf: string) =>
      withActor(suite.deps, {
        type: 'contact',
        contactId: 'c1',
        companyId: companyOf,
        name: 'Pat',
        email: 'pat@example.test',
      });
    await expect(createCheckout(contact(other), { provider: 'stripe', invoiceId })).rejects.toThrow(
      NotFoundError,
    );
    await expect(createCheckout(contact(other), { provider: 'stripe', companyId })).rejects.toThrow(
      NotFoundError,
    );
    expect(
      await createCheckout(contact(companyId), { provider: 'stripe', companyId }),
    ).toMatchObject({ amountCents: 64_00, invoiceId: null });
  });

  it('a refund of a payment voided here is acknowledged and logged, not applied; a missing fee does not stop the payment', async () => {
    await switchOn(admin, { stripe: true });
    const invoiceId = await issued(billing, companyId, 50_00);
    const { event, paid } = await paidCheckout(invoiceId);
    fake.intents.delete(paid.intent.id);
    expect((await deliver(event)).statusCode).toBe(200);
    const [p] = await paymentsOf(suite.db, companyId);
    expect(p).toMatchObject({ amountCents: 50_00, feeCents: 0 });
    await voidPayment(billing, p.id, { reason: 'Recorded twice by mistake' });
    const refund = fake.event('charge.refunded', fake.refund(paid.charge.id, 50_00));
    const res = await deliver(refund);
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatch(/^not applied: payment .* is void/);
    expect(await count(suite.db, 'refunds')).toBe(0);
    expect(
      (
        await suite.db
          .selectFrom('webhook_events')
          .select('result')
          .where('event_id', '=', refund.id)
          .executeTakeFirstOrThrow()
      ).result,
    ).toMatch(/^not applied/);
  });
});
