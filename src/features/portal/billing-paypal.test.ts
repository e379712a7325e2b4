// Paying from the portal with PayPal, against the local fake PayPal: Pay balance creates one order
// for the whole balance with the portal's return URL; coming back before approving takes nothing;
// another company's contact cannot use the return URL; after approval the return captures once, the
// payment is allocated oldest first with PayPal's fee, the balance is zero, one receipt is sent, and
// the webhook for the same capture records nothing more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryMailer } from '../../../test/support/app.ts';
import { DIALECTS } from '../../../test/support/db.ts';
import { type FakePaypal, startFakePaypal } from '../../../test/support/fake-paypal.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { forgetPaypalTokens } from '../online-payments/providers.ts';
import {
  count,
  invoiceFigures,
  issued,
  liveAllocations,
  PAYPAL,
  paymentsOf,
  switchOn,
} from '../online-payments/test-helpers.ts';
import { staffCtx } from '../time/test-helpers.ts';
import { customer, signedIn } from './billing.test-support.ts';

describe.each(DIALECTS)('portal PayPal payment on %s', (dialect) => {
  let fake: FakePaypal;
  const mailer = memoryMailer();
  beforeAll(async () => {
    fake = await startFakePaypal({ clientId: PAYPAL.clientId, clientSecret: PAYPAL.clientSecret });
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, {
    deps: () => ({
      mailer,
      env: { PAYPAL_API_URL: fake.url, PUBLIC_URL: 'https://support.example.test' },
    }),
  });
  let admin: Ctx;
  beforeEach(async () => {
    forgetPaypalTokens();
    admin = await staffCtx(suite.deps, 'admin');
    await switchOn(admin, { paypal: true });
    fake.requests.length = 0;
    fake.verification = 'SUCCESS';
    mailer.sent.length = 0;
  });

  const dueOn = (id: string, date: string) =>
    suite.db
      .updateTable('invoices')
      .set({ issue_date: addDaysToDate(date, -30), due_date: date })
      .where('id', '=', id)
      .execute();
  const captures = () =>
    fake.requests.filter((r) => r.method === 'POST' && /\/capture$/.test(r.path)).length;

  it('Pay balance with PayPal: one order, nothing taken before approval, captured once on return, oldest first', async () => {
    const a = await customer(suite.deps, { billing: true });
    const newer = await issued(admin, a.company.id, 300_00);
    const older = await issued(admin, a.company.id, 120_50);
    await dueOn(older, '2024-01-31');
    await dueOn(newer, '2024-03-31');
    const b = await signedIn(suite.app, suite.deps, a);

    // Only PayPal is on: the payments page offers it and not the card.
    const page = await b.get('/portal/payments');
    expect(page.body).toContain('Pay balance with PayPal');
    expect(page.body).not.toContain('Pay balance by card');

    const start = await b.post('/portal/payments/pay', { scope: 'balance', provider: 'paypal' });
    expect(start.statusCode).toBe(303);
    const approve = new URL(String(start.headers.location));
    expect(approve.origin).toBe('https://www.sandbox.paypal.test');
    const orderId = approve.searchParams.get('token')!;
    const create = fake.requests.find(
      (r) => r.method === 'POST' && r.path === '/v2/checkout/orders',
    )!;
    const unit = create.body!.purchase_units[0];
    expect(unit.amount).toEqual({ currency_code: 'USD', value: '420.50' });
    const checkoutId = unit.custom_id as string;
    const returnPath = `/portal/payments/checkout/${checkoutId}/paypal-return`;
    expect(create.body!.application_context.return_url).toBe(
      `https://support.example.test${returnPath}`,
    );

    // Back before approving: nothing captured, the page says processing.
    const early = await b.get(`${returnPath}?token=${orderId}&PayerID=BUYER1`);
    expect(early.statusCode).toBe(303);
    expect(early.headers.location).toBe(`/portal/payments/checkout/${checkoutId}`);
    expect(await paymentsOf(suite.db, a.company.id)).toEqual([]);
    expect((await b.get(`/portal/payments/checkout/${checkoutId}`)).body).toContain(
      'Processing your payment',
    );

    // Another company's contact cannot see or complete this checkout.
    fake.approve(orderId);
    const other = await signedIn(
      suite.app,
      suite.deps,
      await customer(suite.deps, { billing: true }, 'Other'),
    );
    const capturesBefore = captures();
    expect((await other.get(`/portal/payments/checkout/${checkoutId}`)).statusCode).toBe(404);
    expect((await other.get(`${returnPath}?token=${orderId}&PayerID=BUYER1`)).statusCode).toBe(404);
    expect(captures()).toBe(capturesBefore);
    expect(await paymentsOf(suite.db, a.company.id)).toEqual([]);

    // Approved: the return captures it, and the payment is recorded with PayPal's fee.
    const back = await b.get(`${returnPath}?token=${orderId}&PayerID=BUYER1`);
    expect(back.statusCode).toBe(303);
    expect((await b.get(`/portal/payments/checkout/${checkoutId}`)).body).toContain(
      'payment received',
    );
    const [payment, ...more] = await paymentsOf(suite.db, a.company.id);
    expect(more).toEqual([]);
    expect(payment).toMatchObject({
      amountCents: 420_50,
      feeCents: 3_47,
      method: 'paypal',
      provider: 'paypal',
      unappliedCents: 0,
    });
    expect(await liveAllocations(suite.db, payment.id)).toEqual([
      { invoiceId: older, amountCents: 120_50 },
      { invoiceId: newer, amountCents: 300_00 },
    ]);
    expect(await invoiceFigures(suite.db, older)).toMatchObject({ balanceCents: 0 });
    expect(await invoiceFigures(suite.db, newer)).toMatchObject({ balanceCents: 0 });
    const history = await b.get('/portal/payments');
    expect(history.body).toContain('PayPal');
    expect(history.body).toMatch(/Balance<\/span><span class="text-nowrap">\$0\.00/);
    expect(history.body).not.toContain('Pay balance with PayPal');
    const receipts = mailer.sent.filter((m) => m.to === a.email);
    expect(receipts).toHaveLength(1);
    expect(receipts[0].subject).toContain('$420.50');

    // A reload and PayPal's webhook for the same capture record nothing more.
    await b.get(`${returnPath}?token=${orderId}&PayerID=BUYER1`);
    const capture = fake.orders.get(orderId)!.purchase_units[0].payments.captures[0];
    const hook = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/paypal',
      headers: { 'content-type': 'application/json', ...fake.headers() },
      payload: JSON.stringify(fake.event('PAYMENT.CAPTURE.COMPLETED', capture)),
    });
    expect(hook.statusCode).toBe(200);
    expect(await count(suite.db, 'payments')).toBe(1);
    expect(mailer.sent.filter((m) => m.to === a.email)).toHaveLength(1);
  });
});
