// Page steps shared by the journeys and scripts/screenshots.ts. They use only the Page API (no
// test-runner `expect`), so the screenshot script can run them outside Playwright Test.
import type { Page } from '@playwright/test';

export const ADMIN = {
  name: 'Alex Admin',
  email: 'alex@acme-it.test',
  password: 'correct horse battery staple',
};
export const BUSINESS = {
  name: 'Acme IT Services',
  email: 'billing@acme-it.test',
  phone: '(555) 010-2000',
  address: '1 Main Street\nSpringfield, IL 62701',
};

/**
 * A form control by its exact visible label. Required fields render "Label *" with the star hidden
 * from assistive technology; getByLabel matches the label's text, so the optional star is allowed here.
 */
export function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Fills and submits the first-run setup form; the app signs the new admin in and leaves /setup. */
export async function completeSetup(page: Page) {
  await page.goto('/');
  await page.waitForURL(/\/setup$/);
  await page.getByRole('heading', { name: 'Welcome to SupportTracker' }).waitFor();
  await field(page, 'Your name').fill(ADMIN.name);
  await field(page, 'Email').fill(ADMIN.email);
  await field(page, 'Password').fill(ADMIN.password);
  await field(page, 'Business name').fill(BUSINESS.name);
  await field(page, 'Address').fill(BUSINESS.address);
  await field(page, 'Billing email').fill(BUSINESS.email);
  await field(page, 'Phone').fill(BUSINESS.phone);
  await field(page, 'Time zone').selectOption('America/Chicago');
  await page.getByRole('button', { name: 'Create account and start' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

/** Sign out is a form in the user menu, which is labelled with the signed-in user's name. */
export async function signOut(page: Page, userName: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: userName }).click();
  await nav.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
}
