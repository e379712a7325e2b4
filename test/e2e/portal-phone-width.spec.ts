// No portal page scrolls sideways on a 390 px phone (issue 12). On the demo world: staff give the
// contact of the company with the most invoices portal access with both flags and invite them
// (link from the log); the contact sets a password and every portal page is opened at 390 px,
// including the processing page after Pay balance (Stripe switched on against the local fake; its
// hosted page sends the customer straight back unpaid).
import { test as base, expect } from '@playwright/test';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe.ts';
import { type RunningApp, startApp } from './app-server.ts';
import {
  demoLogin,
  demoPortalWorld,
  inviteToPortal,
  portalSignIn,
  setPortalPassword,
} from './portal-steps.ts';
import { field, signIn } from './steps.ts';

const STRIPE_KEY = 'sk_test_51FakeKeyForPhoneWidth4242';

const test = base.extend<{ stripe: FakeStripe; app: RunningApp }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring first argument
  stripe: async ({}, use) => {
    const fake = await startFakeStripe({
      secretKey: STRIPE_KEY,
      checkoutBase: 'https://checkout.stripe.com',
    });
    await use(fake);
    await fake.close();
  },
  app: async ({ stripe }, use, testInfo) => {
    const app = await startApp({
      env: (url) => ({ PUBLIC_URL: url, STRIPE_API_URL: stripe.url }),
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

test('no portal page is wider than a 390 px phone', async ({ page, app, stripe }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const admin = demoLogin((await app.cli(['demo'])).stdout, 'admin');
  const w = await demoPortalWorld(app);
  expect(
    w.invoiceId && w.workOrderId && w.assetId,
    'the demo company has one of each',
  ).toBeTruthy();

  await signIn(page, admin.email, admin.password);
  await page.goto('/settings/payments');
  await field(page, 'Offer card payments with Stripe').check();
  await field(page, 'Secret key: not set').fill(STRIPE_KEY);
  await field(page, 'Webhook signing secret: not set').fill('whsec_fakeSigningSecretPhone9876');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'Secret key: set (ends in …4242)')).toBeVisible();
  const link = await inviteToPortal(page, app, w);
  // The staff menu is behind the phone's menu button; the contact simply starts a fresh browser.
  await page.context().clearCookies();

  const overflow: string[] = [];
  const check = async (label: string) => {
    await page.waitForLoadState('load');
    const [scroll, inner] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    if (scroll > inner) overflow.push(`${label} (${page.url()}): ${scroll} > ${inner}`);
    return scroll;
  };
  const visit = async (path: string) => {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await check(path);
  };

  await visit('/portal/login');
  await visit('/portal/forgot-password');
  await visit(link);
  await setPortalPassword(page, link, w.contact.email);
  for (const path of [
    '/portal',
    '/portal/invoices',
    `/portal/invoices/${w.invoiceId}`,
    '/portal/payments',
    '/portal/account',
    '/portal/work-orders',
    '/portal/work-orders/new',
    `/portal/work-orders/${w.workOrderId}`,
    '/portal/assets',
    `/portal/assets/${w.assetId}`,
    '/portal/services',
  ])
    await visit(path);

  // The processing page: Pay balance, and Stripe's page sends the customer back without paying.
  await page.route('https://checkout.stripe.com/**', async (route) => {
    const id = new URL(route.request().url()).pathname.split('/').pop()!;
    const back = new URL(stripe.sessions.get(id)!.success_url);
    await route.fulfill({ status: 303, headers: { location: `${app.url}${back.pathname}` } });
  });
  await page.goto('/portal/payments');
  await page.getByRole('button', { name: 'Pay balance by card' }).click();
  await expect(page.getByRole('heading', { name: 'Processing your payment…' })).toBeVisible();
  await check('processing page');

  // Signed out and in again through the login form: the home page once more.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await portalSignIn(page, w.contact.email);
  await check('home after sign-in');

  expect(overflow, 'pages wider than the phone').toEqual([]);
});
