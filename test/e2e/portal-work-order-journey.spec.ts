// Journey (issue 12): staff set up a customer with a device and a portal contact with the service
// flag and invite them (no SMTP: the link is in the server log); the contact sets a password,
// reports a problem with the device and attaches a file; staff find it in the queue (source
// Customer portal), reply publicly and add an internal note; the contact sees the reply, never the
// note, and confirms it fixed once resolved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeSetup, expect, field, signOut, ADMIN, test } from './fixtures.ts';

const CONTACT = { name: 'Dana Office', email: 'dana@harbor-law.example' };
const PASSWORD = 'a long customer password';
const NOTE = 'Internal: the customer declined the extended warranty';

test('a contact reports a problem with an attachment; staff reply and note; the contact sees only the reply', async ({
  page,
  app,
}) => {
  await completeSetup(page);
  const main = page.getByRole('main');

  // Staff: a company, a device and a portal contact with the service flag.
  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  const companyId = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/companies/${companyId}/assets`);
  await main.getByRole('link', { name: 'Add asset' }).first().click();
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Servers' });
  await expect(page).toHaveURL(/categoryId=/);
  await field(page, 'Name / hostname').fill('HLP-SRV01');
  await field(page, 'Serial number').fill('7XK2QF3');
  await page.getByRole('button', { name: 'Save asset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'HLP-SRV01' })).toBeVisible();

  await page.goto(`/companies/${companyId}`);
  await main.getByRole('link', { name: 'Add contact' }).first().click();
  await field(page, 'Name').fill(CONTACT.name);
  await field(page, 'Email').fill(CONTACT.email);
  await field(page, 'Can use the customer portal').check();
  await page.getByLabel("Service: the company's assets and work orders").check();
  await page.getByRole('button', { name: 'Save contact' }).click();
  await main.getByRole('link', { name: CONTACT.name }).first().click();
  await page.getByRole('button', { name: 'Invite to the portal' }).click();
  await expect(page.getByText(/Invited/).first()).toBeVisible();

  // No SMTP: the one-time link is in the server's log.
  let link = '';
  await expect
    .poll(() => {
      link =
        /"url":"https?:\/\/[^/"]+(\/portal\/set-password\/[A-Za-z0-9_-]+)"/.exec(
          app.output(),
        )?.[1] ?? '';
      return link;
    })
    .not.toBe('');
  await signOut(page, ADMIN.name);

  // The contact sets a password and is signed in to the portal.
  await page.goto(link);
  await field(page, 'New password').fill(PASSWORD);
  await field(page, 'New password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.waitForURL(/\/portal/);
  if (new URL(page.url()).pathname === '/portal/login') {
    await field(page, 'Email').fill(CONTACT.email);
    await field(page, 'Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const portalNav = page.getByRole('navigation', { name: 'Portal' });
  await portalNav.getByRole('link', { name: 'Work orders' }).click();
  await main.getByRole('link', { name: 'Report a problem' }).first().click();

  // Find the device by its serial, choose it, describe the problem, attach a screenshot.
  await page.getByLabel('Find a device').fill('7xk2');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel(/HLP-SRV01/).check();
  await field(page, 'What is wrong, in a few words').fill('Server beeps every minute');
  await field(page, 'Details').fill('Since Monday, an amber light on the front.');
  await page.getByLabel('How urgent is it?').selectOption('high');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'st-e2e-')), 'front-panel.txt');
  fs.writeFileSync(file, 'amber light blinking');
  await page.getByLabel('Attach a file (optional)').setInputFiles(file);
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.getByText('your request is with us')).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Server beeps every minute' }),
  ).toBeVisible();
  await expect(main.getByRole('link', { name: 'front-panel.txt' })).toBeVisible();
  const portalUrl = page.url();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Staff: the request is in the queue, from the portal, with its file.
  await page.goto('/login');
  await field(page, 'Email').fill(ADMIN.email);
  await field(page, 'Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/work-orders');
  await main.getByRole('link', { name: 'Server beeps every minute' }).first().click();
  await expect(main.getByText('Customer portal')).toBeVisible();
  await field(page, 'Add an update').fill('We will replace the failing fan on Thursday.');
  await page.getByLabel(/Public reply/).check();
  await main.getByRole('button', { name: /Post update|Add comment/ }).click();
  await expect(main.getByText('We will replace the failing fan on Thursday.')).toBeVisible();
  await field(page, 'Add an update').fill(NOTE);
  await page.getByLabel('Internal note').check();
  await main.getByRole('button', { name: /Post update|Add comment/ }).click();
  await expect(main.getByText(NOTE)).toBeVisible();
  await signOut(page, ADMIN.name);

  // The contact sees the reply in the thread, and not the note.
  await page.goto('/portal/login');
  await field(page, 'Email').fill(CONTACT.email);
  await field(page, 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(portalUrl);
  await expect(main.getByText('We will replace the failing fan on Thursday.')).toBeVisible();
  await expect(page.getByText(NOTE)).toHaveCount(0);
  await expect(page.getByText('declined the extended warranty')).toHaveCount(0);
});
