// `npm run screenshots` (npx tsx scripts/screenshots.ts): starts the app on a throwaway SQLite
// directory, shows setup, fills it with the demo MSP (`demo --admin-email`), signs in with the
// printed password in the system Chromium and saves full-page PNGs of the main screens into
// ./screenshots/ (gitignored) — desktop, then phone width.
// For reviewing layout by eye; nothing is asserted.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { ROOT, startApp } from '../test/e2e/app-server.ts';
import { ADMIN, field, signIn, signOut } from '../test/e2e/steps.ts';

const OUT = path.join(ROOT, 'screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

async function shot(page: Page, name: string) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  ${path.relative(ROOT, file)}  (${page.url().replace(/^https?:\/\/[^/]+/, '')})`);
}

/** A sign-in the demo printed: "  admin  Name  email  password: xxxx-xxxx-xxxx-xxxx". */
function demoLogin(output: string, role: string) {
  const m = new RegExp(`^ {2}${role} +(.+?) {2,}(\\S+@\\S+) +password: (\\S+)$`, 'm').exec(output);
  if (!m) throw new Error(`The demo printed no ${role} sign-in:\n${output}`);
  return { name: m[1].trim(), email: m[2], password: m[3] };
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'phone'), { recursive: true });
  const app = await startApp();
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const desktop = await browser.newContext({
      baseURL: app.url,
      viewport: { width: 1366, height: 900 },
    });
    const page = await desktop.newPage();

    await page.goto('/setup');
    await shot(page, '01-setup');
    // The setup form with errors: nothing filled in.
    await page.getByRole('button', { name: 'Create account and start' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '01b-setup-errors');

    // The demo MSP with its own staff (which closes /setup, hence the setup shots first); the
    // admin signs in with the password it printed.
    const demo = (await app.cli(['demo', '--admin-email', ADMIN.email])).stdout.trim();
    console.log(demo);
    const admin = demoLogin(demo, 'admin');
    await signIn(page, admin.email, admin.password);
    await shot(page, '02-dashboard');
    await signOut(page, admin.name);
    await shot(page, '03-sign-in');
    await field(page, 'Email').fill(admin.email);
    await field(page, 'Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '03b-sign-in-failed');
    await signIn(page, admin.email, admin.password);

    await page.goto('/companies');
    await shot(page, '04-companies');
    await page.getByRole('link', { name: 'Riverside Dental Group' }).click();
    await page.getByRole('heading', { level: 1, name: 'Riverside Dental Group' }).waitFor();
    await shot(page, '05-company');
    const companyPath = new URL(page.url()).pathname;

    await page.goto('/companies/new');
    await field(page, 'Email').fill('not-an-email');
    await field(page, 'Monthly contract rate').fill('12.345');
    await field(page, 'Billing day of month').fill('31');
    await field(page, 'Payment terms (net days)').fill('-5');
    await page.getByRole('button', { name: 'Save company' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '06-new-company-errors');

    await page.goto(`${companyPath}/contacts/new`);
    await shot(page, '07-new-contact');
    await page.goto('/settings/users');
    await shot(page, '08-users');
    await page.goto('/settings/audit');
    await shot(page, '09-audit-log');
    await page.goto('/settings');
    await shot(page, '10-settings');

    // Assets, the vault and documents, on the demo company's data.
    const main = page.getByRole('main');
    await page.goto(`${companyPath}/assets`);
    await main.getByRole('table').waitFor();
    await shot(page, '11-company-assets');
    // A server or network device: the demo puts a vault entry on each.
    await main
      .getByRole('row')
      .filter({ hasText: /Servers|Network/ })
      .first()
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(/\/assets\/[^/]+$/);
    const assetPath = new URL(page.url()).pathname;
    await shot(page, '12-asset');
    await main.getByRole('link', { name: 'Credentials', exact: true }).click();
    await page.waitForURL(/\/credentials$/);
    await shot(page, '13-asset-credentials');
    await main.getByRole('table').getByRole('link').first().click();
    await page.waitForURL(/\/credentials\/[^/]+$/);
    const password = page.locator('[data-secret="password"]');
    const masked = (await password.count()) ? await password.textContent() : null;
    await main.getByRole('button', { name: 'Reveal' }).click();
    if (masked !== null)
      await page.waitForFunction(
        (m) => document.querySelector('[data-secret="password"]')?.textContent !== m,
        masked,
      );
    await shot(page, '14-credential-revealed');
    await page.goto(`${assetPath}/documents`);
    await shot(page, '15-asset-documents-empty');
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'Warranty certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
      ),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForLoadState();
    await shot(page, '15b-asset-documents');
    await page.goto(`${assetPath}/history`);
    await shot(page, '16-asset-history');
    await page.goto('/assets');
    await shot(page, '17-assets-all');
    await page.goto('/assets/warranty');
    await shot(page, '18-warranty');
    await page.goto('/settings/categories');
    await shot(page, '19-categories');

    // Money: billing, invoices, payments, receivables and reminders over the demo's year.
    for (const [name, url] of [
      ['20-billing', '/billing'],
      ['21-invoices', '/invoices'],
      ['21b-invoices-overdue', '/invoices?status=overdue'],
    ] as const) {
      await page.goto(url);
      await shot(page, name);
    }
    await page.locator('main table tbody a[href^="/invoices/"]').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, '22-invoice');
    await page.goto('/payments');
    await shot(page, '23-payments');
    await page.locator('main table tbody a[href^="/payments/"]').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, '24-payment');
    for (const [name, url] of [
      ['25-record-payment', `/payments/new?companyId=${companyPath.split('/').pop()}`],
      ['26-aging', '/reports/aging'],
      ['27-company-services', `${companyPath}/services`],
      ['28-tax-rates', '/settings/tax-rates'],
      ['29-reminder-settings', '/settings/reminders'],
    ] as const) {
      await page.goto(url);
      await shot(page, name);
    }

    // The same pages at phone width, reusing the desktop session.
    const phone = await browser.newContext({
      baseURL: app.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    for (const [name, url] of [
      ['04-companies', '/companies'],
      ['05-company', companyPath],
      ['08-users', '/settings/users'],
      ['09-audit-log', '/settings/audit'],
      ['11-company-assets', `${companyPath}/assets`],
      ['12-asset', assetPath],
      ['13-asset-credentials', `${assetPath}/credentials`],
      ['18-warranty', '/assets/warranty'],
      ['21-invoices', '/invoices'],
      ['23-payments', '/payments'],
      ['26-aging', '/reports/aging'],
    ] as const) {
      await p.goto(url);
      await shot(p, `phone/${name}`);
    }
    const anon = await browser.newContext({
      baseURL: app.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
    });
    const a = await anon.newPage();
    await a.goto('/login');
    await shot(a, 'phone/03-sign-in');
  } catch (err) {
    console.error(`Server output:\n${app.output()}`);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
  console.log(`Screenshots are in ${path.relative(process.cwd(), OUT) || '.'}/`);
}

await main();
