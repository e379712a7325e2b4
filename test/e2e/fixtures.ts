// Each journey gets its own freshly started app (new data directory, empty SQLite database), so
// journeys never depend on each other's order and the setup page is always reachable.
import { test as base, expect, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './app-server.ts';

export const test = base.extend<{ app: RunningApp }>({
  app: async ({}, use, testInfo) => {
    const app = await startApp();
    try {
      await use(app);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server-output', { body: app.output(), contentType: 'text/plain' });
      await app.stop();
    }
  },
  baseURL: async ({ app }, use) => use(app.url),
});

export { expect };

/**
 * A form control by its exact visible label. Required fields render "Label *" with the star hidden
 * from assistive technology; getByLabel matches the label's text, so the optional star is allowed here.
 */
export function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

export const ADMIN = { name: 'Alex Admin', email: 'alex@acme-it.test', password: 'correct horse battery staple' };
export const BUSINESS = { name: 'Acme IT Services', email: 'billing@acme-it.test', phone: '(555) 010-2000', address: '1 Main Street\nSpringfield, IL 62701' };

/** Fills and submits the first-run setup form; the app signs the new admin in. */
export async function completeSetup(page: Page) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to SupportTracker' })).toBeVisible();
  await field(page, 'Your name').fill(ADMIN.name);
  await field(page, 'Email').fill(ADMIN.email);
  await field(page, 'Password').fill(ADMIN.password);
  await field(page, 'Business name').fill(BUSINESS.name);
  await field(page, 'Address').fill(BUSINESS.address);
  await field(page, 'Billing email').fill(BUSINESS.email);
  await field(page, 'Phone').fill(BUSINESS.phone);
  await field(page, 'Time zone').selectOption('America/Chicago');
  await page.getByRole('button', { name: 'Create account and start' }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The user menu in the navbar is labelled with the signed-in user's name. */
export async function signOut(page: Page, userName: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: userName }).click();
  await nav.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}
