// Portal steps on the demo world, shared by the portal phone-width check and one-off screenshot
// scripts: which demo contact to use, and giving that contact portal access through the staff UI
// (access with both flags, Invite; no SMTP, so the link is read from the server's log) and a
// password through the invite link. Page API only, like steps.ts.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { connect } from '../../src/db/connect.ts';
import type { RunningApp } from './app-server.ts';
import { field } from './steps.ts';

export const PORTAL_PASSWORD = 'a long customer password';

/** A sign-in the demo printed: "  admin  Name  email  password: xxxx-xxxx-xxxx-xxxx". */
export function demoLogin(output: string, role: string) {
  const m = new RegExp(`^ {2}${role} +(.+?) {2,}(\\S+@\\S+) +password: (\\S+)$`, 'm').exec(output);
  if (!m) throw new Error(`The demo printed no ${role} sign-in:\n${output}`);
  return { name: m[1].trim(), email: m[2], password: m[3] };
}

export type DemoPortal = {
  companyId: string;
  contact: { id: string; name: string; email: string };
  /** Ids to open single pages with (null when the company has none). */
  invoiceId: string | null;
  workOrderId: string | null;
  assetId: string | null;
};

/** The demo company with the most invoices, its first active contact with an email, and an object of each kind. */
export async function demoPortalWorld(app: RunningApp): Promise<DemoPortal> {
  const { db } = connect(`sqlite:${path.join(app.dataDir, 'supporttracker.db')}`);
  try {
    const top = await db
      .selectFrom('invoices')
      .select(['company_id', (eb) => eb.fn.countAll().as('n')])
      .where('kind', '=', 'invoice')
      .where('status', '!=', 'draft')
      .groupBy('company_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const companyId = top.company_id;
    const contact = await db
      .selectFrom('contacts')
      .select(['id', 'name', 'email'])
      .where('company_id', '=', companyId)
      .where('active', '=', 1)
      .where('email', 'is not', null)
      .orderBy('name_sort')
      .executeTakeFirstOrThrow();
    const invoice = await db
      .selectFrom('invoices')
      .select('id')
      .where('company_id', '=', companyId)
      .where('status', '!=', 'draft')
      .orderBy('balance_cents', 'desc')
      .executeTakeFirst();
    const workOrder = await db
      .selectFrom('work_orders')
      .select('id')
      .where('company_id', '=', companyId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const asset = await db
      .selectFrom('assets')
      .select('id')
      .where('company_id', '=', companyId)
      .orderBy('name')
      .executeTakeFirst();
    return {
      companyId,
      contact: { id: contact.id, name: contact.name, email: contact.email! },
      invoiceId: invoice?.id ?? null,
      workOrderId: workOrder?.id ?? null,
      assetId: asset?.id ?? null,
    };
  } finally {
    await db.destroy();
  }
}

/**
 * Staff (already signed in on `page`) turn portal access on for the contact with both flags and
 * invite them; the invite link (from the server log: no SMTP) is returned. Leaves staff signed in.
 */
export async function inviteToPortal(page: Page, app: RunningApp, w: DemoPortal): Promise<string> {
  const before = app.output().length;
  await page.goto(`/companies/${w.companyId}/contacts/${w.contact.id}/edit`);
  await field(page, 'Can use the customer portal').check();
  await page.getByLabel('Billing: invoices, payments, statements and paying online').check();
  await page.getByLabel("Service: the company's assets and work orders").check();
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/edit'));
  // The contact's page is its edit page, with the Customer portal section under the form.
  await page.goto(`/companies/${w.companyId}/contacts/${w.contact.id}/edit`);
  await page.getByRole('button', { name: /^(Invite to the portal|Resend invite)$/ }).click();
  await page
    .getByText(/Invited/)
    .first()
    .waitFor();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const m = /"url":"https?:\/\/[^/"]+(\/portal\/set-password\/[A-Za-z0-9_-]+)"/.exec(
      app.output().slice(before),
    );
    if (m) return m[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No set-password link in the server log:\n${app.output().slice(before)}`);
}

/** The contact (no staff session on `page`) sets PORTAL_PASSWORD from the link and is signed in. */
export async function setPortalPassword(page: Page, link: string, email: string) {
  await page.goto(link);
  await field(page, 'New password').fill(PORTAL_PASSWORD);
  await field(page, 'New password again').fill(PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.waitForURL(/\/portal/);
  if (new URL(page.url()).pathname === '/portal/login') await portalSignIn(page, email);
}

export async function portalSignIn(page: Page, email: string) {
  await page.goto('/portal/login');
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname !== '/portal/login');
}
