// The portal's billing over HTTP: the invoice list and page show the staff figures; paying the
// whole balance through the fake Stripe (processing until the signed webhook, then balance zero,
// allocations oldest first, a receipt email); chosen invoices allocate as chosen; pay links open
// their one invoice only, and expired, revoked and guessed tokens are refused, guessing throttled.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { memoryMailer } from '../../../test/support/app.ts';
import { startFakeStripe, type FakeStripe } from '../../../test/support/fake-stripe.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDaysToDate, nowIso } from '../../lib/dates.ts';
import { recordPayment } from '../payments/service.ts';
import { sendInvoice } from '../invoices/send.ts';
import {
  STRIPE_KEY,
  STRIPE_WHSEC,
  invoiceFigures,
  issued,
  liveAllocations,
  paymentsOf,
  switchOn,
} from '../online-payments/test-helpers.ts';
import { staffCtx } from '../time/test-helpers.ts';
import { customer, signedIn } from './billing.test-support.ts';
import {
  issuePayLink,
  PAY_LINK_DAYS_AFTER_PAID,
  PAY_LINK_MAX_FAILURES,
  revokeInvoicePayLinks,
} from './pay-links.ts';

const signer = new Stripe('sk_test_signer', { maxNetworkRetries: 0 });

describe.each(DIALECTS)('portal billing on %s', (dialect) => {
  let fake: FakeStripe;
  const mailer = memoryMailer();
  beforeAll(async () => {
    fake = await startFakeStripe({ secretKey: STRIPE_KEY });
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, {
    deps: () => ({
      mailer,
      env: { STRIPE_API_URL: fake.url, PUBLIC_URL: 'https://support.example.test' },
    }),
  });
  let admin: Ctx;
  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
    await switchOn(admin, { stripe: true });
    mailer.sent.length = 0;
  });

  const webhook = (event: object) => {
    const payload = JSON.stringify(event);
    return suite.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/stripe',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signer.webhooks.generateTestHeaderString({
          payload,
          secret: STRIPE_WHSEC,
        }),
      },
      payload,
    });
  };
  const number = async (id: string) =>
    (
      await suite.db
        .selectFrom('invoices')
        .select('number')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).number!;
  /** Backdates an invoice so "oldest" is unambiguous. */
  const dueOn = (id: string, date: string) =>
    suite.db
      .updateTable('invoices')
      .set({ issue_date: addDaysToDate(date, -30), due_date: date })
      .where('id', '=', id)
      .execute();
  const checkoutOfSession = (url: string) => url.split('/').pop()!;

  it('Pay balance: processing until the verified webhook, then balance zero, oldest first, a receipt', async () => {
    const a = await customer(suite.deps, { billing: true });
    const newer = await issued(admin, a.company.id, 300_00);
    const older = await issued(admin, a.company.id, 120_50);
    await dueOn(older, '2024-01-31');
    await dueOn(newer, '2024-03-31');
    const b = await signedIn(suite.app, suite.deps, a);

    const list = await b.get('/portal/invoices');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(await number(older));
    expect(list.body).toContain('$420.50');
    expect(list.body).toContain('Overdue');

    await b.get('/portal/payments');
    const start = await b.post('/portal/payments/pay', { scope: 'balance', provider: 'stripe' });
    expect(start.statusCode).toBe(303);
    const sessionId = checkoutOfSession(String(start.headers.location));
    const session = fake.sessions.get(sessionId)!;
    expect(session.amount_total).toBe(420_50);
    const checkoutId = session.client_reference_id as string;
    expect(session.success_url).toBe(
      `https://support.example.test/portal/payments/checkout/${checkoutId}`,
    );

    const processing = await b.get(`/portal/payments/checkout/${checkoutId}`);
    expect(processing.body).toContain('Processing your payment');
    expect(await paymentsOf(suite.db, a.company.id)).toEqual([]);

    const paid = fake.pay(sessionId, { feeCents: 100 });
    expect((await webhook(fake.event('checkout.session.completed', paid.session))).statusCode).toBe(
      200,
    );

    expect((await b.get(`/portal/payments/checkout/${checkoutId}`)).body).toContain(
      'payment received',
    );
    const [payment] = await paymentsOf(suite.db, a.company.id);
    expect(await liveAllocations(suite.db, payment.id)).toEqual([
      { invoiceId: older, amountCents: 120_50 },
      { invoiceId: newer, amountCents: 300_00 },
    ]);
    expect((await invoiceFigures(suite.db, older)).balanceCents).toBe(0);
    expect((await invoiceFigures(suite.db, newer)).balanceCents).toBe(0);
    const history = await b.get('/portal/payments');
    expect(history.body).toContain(await number(older));
    expect(history.body).toContain('$120.50');
    expect(history.body).toMatch(/Balance<\/span><span class="text-nowrap">\$0\.00/);
    expect((await b.get('/portal')).body).not.toContain('Pay balance');
    const receipt = mailer.sent.find((m) => m.to === a.email);
    expect(receipt?.subject).toContain('$420.50');
    expect(receipt?.text).toContain(`Invoice ${await number(older)}: $120.50`);
    // A second delivery of the same event changes nothing and sends no second receipt.
    await webhook(fake.event('checkout.session.completed', paid.session));
    expect(mailer.sent.filter((m) => m.to === a.email)).toHaveLength(1);
  });

  it('chosen invoices are paid as chosen, the others untouched', async () => {
    const a = await customer(suite.deps, { billing: true });
    const one = await issued(admin, a.company.id, 10_00);
    const two = await issued(admin, a.company.id, 20_00);
    const three = await issued(admin, a.company.id, 30_00);
    const b = await signedIn(suite.app, suite.deps, a);
    await b.get('/portal/invoices');
    const start = await b.post('/portal/payments/pay', {
      scope: 'invoices',
      provider: 'stripe',
      invoiceIds: [three, one],
    });
    expect(start.statusCode).toBe(303);
    const sessionId = checkoutOfSession(String(start.headers.location));
    expect(fake.sessions.get(sessionId)!.amount_total).toBe(40_00);
    await webhook(fake.event('checkout.session.completed', fake.pay(sessionId).session));
    const [payment] = await paymentsOf(suite.db, a.company.id);
    expect(await liveAllocations(suite.db, payment.id)).toEqual([
      { invoiceId: three, amountCents: 30_00 },
      { invoiceId: one, amountCents: 10_00 },
    ]);
    expect((await invoiceFigures(suite.db, two)).balanceCents).toBe(20_00);
    // Nothing chosen: the field is named.
    const none = await b.post('/portal/payments/pay', { scope: 'invoices', provider: 'stripe' });
    expect(none.statusCode).toBe(303);
    expect(decodeURIComponent(String(none.headers['set-cookie']))).toBeTruthy();
  });

  it('the invoice page shows the same figures as the invoice, with credit notes and instructions', async () => {
    const a = await customer(suite.deps, { billing: true });
    const id = await issued(admin, a.company.id, 250_00);
    await recordPayment(admin, {
      companyId: a.company.id,
      amountCents: 100_00,
      method: 'check',
      reference: '1001',
      receivedOn: addDaysToDate(nowIso().slice(0, 10), -1),
    });
    const b = await signedIn(suite.app, suite.deps, a);
    const page = await b.get(`/portal/invoices/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('$250.00');
    expect(page.body).toContain('$150.00');
    expect(page.body).toContain('Check 1001');
    const pdf = await b.get(`/portal/invoices/${id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await suite.db
      .selectFrom('audit_log')
      .select('actor_label')
      .where('action', '=', 'portal.invoice_download')
      .where('entity_id', '=', id)
      .execute();
    expect(audit[0]?.actor_label).toContain(a.email);
  });

  it('the invoice email carries a pay link that opens that invoice only', async () => {
    const a = await customer(suite.deps, { billing: true });
    const x = await issued(admin, a.company.id, 75_00);
    const y = await issued(admin, a.company.id, 99_00);
    await sendInvoice(admin, x, { to: 'ap@client.test' });
    const mail = mailer.sent.find((m) => m.to === 'ap@client.test')!;
    const path = /https:\/\/support\.example\.test(\/portal\/pay\/[A-Za-z0-9_-]+)/.exec(
      mail.text ?? '',
    )?.[1];
    expect(path).toBeTruthy();
    const res = await suite.app.inject({ url: path! });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(await number(x));
    expect(res.body).not.toContain(await number(y));
    expect((await suite.app.inject({ url: `${path}/pdf` })).headers['content-type']).toBe(
      'application/pdf',
    );
    // The token names its invoice: no URL form reaches Y's checkout through it.
    const yCheckout = (
      await (
        await import('../online-payments/checkout.ts')
      ).createCheckout(admin, { provider: 'stripe', invoiceId: y })
    ).id;
    expect((await suite.app.inject({ url: `${path}/checkout/${yCheckout}` })).statusCode).toBe(404);
    const uses = await suite.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'portal.pay_link_use')
      .where('entity_id', '=', x)
      .execute();
    expect(uses.length).toBeGreaterThanOrEqual(2);
  });

  it('revoked and expired links are refused; guessed tokens refused and throttled', async () => {
    const a = await customer(suite.deps, { billing: true });
    const x = await issued(admin, a.company.id, 40_00);
    const revoked = new URL(await issuePayLink(suite.deps, { id: x, companyId: a.company.id }))
      .pathname;
    expect((await suite.app.inject({ url: revoked })).statusCode).toBe(200);
    expect(await revokeInvoicePayLinks(admin, x)).toBe(1);
    expect((await suite.app.inject({ url: revoked })).statusCode).toBe(404);

    const y = await issued(admin, a.company.id, 60_00);
    const expiring = new URL(await issuePayLink(suite.deps, { id: y, companyId: a.company.id }))
      .pathname;
    await recordPayment(admin, {
      companyId: a.company.id,
      amountCents: 60_00,
      method: 'cash',
      reference: null,
      receivedOn: nowIso().slice(0, 10),
      allocations: [{ invoiceId: y, amountCents: 60_00 }],
    });
    expect((await suite.app.inject({ url: expiring })).statusCode).toBe(200);
    const old = new Date(Date.now() - (PAY_LINK_DAYS_AFTER_PAID + 1) * 86_400_000).toISOString();
    await suite.db
      .updateTable('payment_allocations')
      .set({ created_at: old })
      .where('invoice_id', '=', y)
      .execute();
    const gone = await suite.app.inject({ url: expiring });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('expired or was withdrawn');

    const z = await issued(admin, a.company.id, 10_00);
    const good = new URL(await issuePayLink(suite.deps, { id: z, companyId: a.company.id }))
      .pathname;
    const guess = (i: number) =>
      suite.app.inject({ url: `/portal/pay/${'A'.repeat(30)}${i}`, remoteAddress: '203.0.113.9' });
    for (let i = 0; i < PAY_LINK_MAX_FAILURES; i++) expect((await guess(i)).statusCode).toBe(404);
    expect((await guess(99)).statusCode).toBe(429);
    // Even a good token waits from that address; others are not held back.
    expect((await suite.app.inject({ url: good, remoteAddress: '203.0.113.9' })).statusCode).toBe(
      429,
    );
    expect((await suite.app.inject({ url: good, remoteAddress: '203.0.113.10' })).statusCode).toBe(
      200,
    );
  });
});
