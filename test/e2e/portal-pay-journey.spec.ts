// Journey (issue 12): staff switch on Stripe, bill a customer twice and invite its office manager
// (billing flag) from the contact page; the invite arrives by real SMTP in a local mail server; the
// contact opens the link, sets a password, sees the two open invoices, downloads one as a PDF and
// pays the balance. Stripe is the real `stripe` library pointed at the local fake
// (STRIPE_API_URL); the hosted checkout page at checkout.stripe.com is played by the test
// (page.route, no network), so the page's CSP form-action must let the Pay button's redirect go
// there; the customer pays, comes back to the processing page, and the signed
// checkout.session.completed webhook is delivered as Stripe would. Then the balance is zero and the payment's allocations (oldest invoice first) show
// on the payments page.
import type { AddressInfo } from 'node:net';
import { test as base, expect } from '@playwright/test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import Stripe from 'stripe';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe.ts';
import { type RunningApp, startApp } from './app-server.ts';
import { ADMIN, completeSetup, field, signOut } from './steps.ts';

type Smtp = { inbox: ParsedMail[]; port: number };

const test = base.extend<{ smtp: Smtp; stripe: FakeStripe; app: RunningApp }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring first argument
  smtp: async ({}, use) => {
    const inbox: ParsedMail[] = [];
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            inbox.push(mail);
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await use({ inbox, port: (server.server.address() as AddressInfo).port });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring first argument
  stripe: async ({}, use) => {
    const fake = await startFakeStripe({
      secretKey: STRIPE_KEY,
      checkoutBase: 'https://checkout.stripe.com',
    });
    await use(fake);
    await fake.close();
  },
  app: async ({ smtp, stripe }, use, testInfo) => {
    const app = await startApp({
      env: (url) => ({
        PUBLIC_URL: url,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        STRIPE_API_URL: stripe.url,
      }),
    });
    try {
      await use(app);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('server-output', { body: app.output(), contentType: 'text/plain' });
      await app.stop();
    }
  },
  baseURL: async ({ app }, use) => use(app.url),
});

const STRIPE_KEY = 'sk_test_51FakeKeyForJourneys4242';
const STRIPE_WHSEC = 'whsec_fakeSigningSecretForJourneys9876';
const CONTACT = { name: 'Morgan Office', email: 'morgan@harbor-law.example' };
const PASSWORD = 'a long customer password';
const signer = new Stripe('sk_test_signer', { maxNetworkRetries: 0 });

test('a billing contact invited by email downloads an invoice PDF and pays the balance through Stripe', async ({
  page,
  app,
  smtp,
  stripe,
}) => {
  test.setTimeout(120_000);
  await completeSetup(page);
  const main = page.getByRole('main');

  // Staff: card payments with Stripe switched on in Settings.
  await page.goto('/settings/payments');
  await field(page, 'Offer card payments with Stripe').check();
  await field(page, 'Secret key: not set').fill(STRIPE_KEY);
  await field(page, 'Webhook signing secret: not set').fill(STRIPE_WHSEC);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'Secret key: set (ends in …4242)')).toBeVisible();

  // A customer billed twice: $120.50 and $300.00.
  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  const companyId = new URL(page.url()).pathname.split('/')[2];
  const numbers: string[] = [];
  for (const [what, price] of [
    ['Firewall replacement', '120.50'],
    ['Server migration', '300.00'],
  ]) {
    await page.goto(`/invoices/new?companyId=${companyId}`);
    await page.getByLabel('Description, line 1').fill(what);
    await page.getByLabel('Quantity, line 1').fill('1');
    await page.getByLabel('Unit price, line 1').fill(price);
    await page.getByRole('button', { name: 'Create and issue' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(/INV-\d{4}-\d{5}/);
    numbers.push((await heading.textContent())!.match(/INV-\d{4}-\d{5}/)![0]);
  }

  // The office manager: a contact with portal access and the billing flag, invited from their page.
  await page.goto(`/companies/${companyId}`);
  await main.getByRole('link', { name: 'Add contact' }).first().click();
  await field(page, 'Name').fill(CONTACT.name);
  await field(page, 'Email').fill(CONTACT.email);
  await field(page, 'Can use the customer portal').check();
  await page.getByLabel('Billing: invoices, payments, statements and paying online').check();
  await page.getByRole('button', { name: 'Save contact' }).click();
  await main.getByRole('link', { name: CONTACT.name }).first().click();
  await page.getByRole('button', { name: 'Invite to the portal' }).click();
  await expect(page.getByText(/Invited/).first()).toBeVisible();
  await signOut(page, ADMIN.name);

  // The invite, delivered over SMTP to the local server.
  await expect.poll(() => smtp.inbox.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const invite = smtp.inbox.find((m) =>
    m.to && !Array.isArray(m.to) ? m.to.text.includes(CONTACT.email) : false,
  );
  expect(invite, 'an email to the contact').toBeTruthy();
  const link = new RegExp(
    `${app.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/portal/set-password/[A-Za-z0-9_-]+`,
  ).exec(invite!.text ?? '')?.[0];
  expect(link, `a set-password link in:\n${invite!.text}`).toBeTruthy();

  // The contact sets a password from the link and is in the portal.
  await page.goto(link!);
  await field(page, 'New password').fill(PASSWORD);
  await field(page, 'New password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.waitForURL(/\/portal/);
  if (new URL(page.url()).pathname === '/portal/login') {
    await field(page, 'Email').fill(CONTACT.email);
    await field(page, 'Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  // Two open invoices.
  const portalNav = page.getByRole('navigation', { name: 'Portal' });
  await portalNav.getByRole('link', { name: 'Invoices' }).click();
  await expect(page).toHaveURL(/\/portal\/invoices/);
  for (const n of numbers) await expect(main.getByRole('link', { name: n }).first()).toBeVisible();
  await expect(main).toContainText('$420.50');

  // One of them as a PDF.
  await main.getByRole('link', { name: numbers[0] }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(numbers[0]);
  const download = page.waitForEvent('download');
  await main.getByRole('link', { name: 'Download PDF' }).click();
  const pdf = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of pdf) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(1500);

  // Stripe's hosted page, played here: the customer pays, Stripe sends them back to the app.
  let sessionId = '';
  await page.route('https://checkout.stripe.com/**', async (route) => {
    sessionId = new URL(route.request().url()).pathname.split('/').pop()!;
    const paid = stripe.pay(sessionId, { feeCents: 1249 });
    const back = new URL(paid.session.success_url);
    await route.fulfill({
      status: 303,
      headers: { location: `${app.url}${back.pathname}${back.search}` },
    });
  });

  // Pay the balance: processing until the verified webhook arrives.
  await portalNav.getByRole('link', { name: 'Payments' }).click();
  await main.getByRole('button', { name: 'Pay balance by card' }).click();
  await expect(page.getByRole('heading', { name: 'Processing your payment…' })).toBeVisible();
  expect(stripe.sessions.get(sessionId)?.amount_total).toBe(420_50);

  const payload = JSON.stringify(
    stripe.event('checkout.session.completed', stripe.sessions.get(sessionId)!),
  );
  const delivered = await fetch(`${app.url}/api/v1/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signer.webhooks.generateTestHeaderString({
        payload,
        secret: STRIPE_WHSEC,
      }),
    },
    body: payload,
  });
  expect(delivered.status).toBe(200);
  await main.getByRole('link', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you: payment received' })).toBeVisible();

  // Balance zero; the payment paid both invoices, oldest first, in full.
  await portalNav.getByRole('link', { name: 'Payments' }).click();
  const balance = main.locator('#pay-balance');
  await expect(balance).toContainText(/Balance\s*\$0\.00/);
  await expect(main.getByRole('button', { name: 'Pay balance by card' })).toHaveCount(0);
  const payment = main.getByRole('listitem').filter({ hasText: '$420.50' }).first();
  await expect(payment).toContainText('Card');
  await expect(payment.getByRole('listitem').nth(0)).toContainText(`Paid ${numbers[0]}`);
  await expect(payment.getByRole('listitem').nth(0)).toContainText('$120.50');
  await expect(payment.getByRole('listitem').nth(1)).toContainText(`Paid ${numbers[1]}`);
  await expect(payment.getByRole('listitem').nth(1)).toContainText('$300.00');
  await portalNav.getByRole('link', { name: 'Invoices' }).click();
  await expect(main).not.toContainText('$420.50');

  // And a receipt by email.
  await expect
    .poll(() => smtp.inbox.filter((m) => /\$420\.50/.test(m.subject ?? '')).length, {
      timeout: 15_000,
    })
    .toBe(1);
});
