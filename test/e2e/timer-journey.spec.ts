// Journey (work orders + time): an admin opens a work order for a company without a monthly
// contract (so its work is billable) and assigns it to a technician; the technician starts the
// timer on the work order's Time tab, stops it, and sees the entry with its rounded minutes (default
// rounding: up to 15 minutes, minimum 15); the admin then finds that entry ready to bill on the
// company's page at the default rate ($125/h: 15 min = $31.25).
import path from 'node:path';
import { connect } from '../../src/db/connect.ts';
import { ADMIN, completeSetup, expect, field, signIn, signOut, test } from './fixtures.ts';

const TECH = {
  name: 'Terry Tech',
  email: 'terry@acme-it.test',
  password: 'wrench and screwdriver',
};
const WORK = 'Replaced the failing UPS battery in the server closet';

test('a technician times work on a work order and the admin sees it ready to bill', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  await completeSetup(page);

  // A company with no monthly rate: its work orders default to billable.
  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Law Partners' })).toBeVisible();
  const companyId = new URL(page.url()).pathname.split('/')[2];

  // The technician, created by whoever runs the server (password on stdin).
  const { stdout } = await app.cli(
    ['user', 'create', '--email', TECH.email, '--name', TECH.name, '--role', 'technician'],
    `${TECH.password}\n`,
  );
  expect(stdout).toContain('technician');

  // The admin opens a work order for the company, assigned to the technician.
  await page.goto(`/work-orders/new?companyId=${companyId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'New work order' })).toBeVisible();
  await field(page, 'Title').fill('UPS beeping in the server closet');
  await field(page, 'Technician').selectOption({ label: TECH.name });
  await expect(field(page, 'Billing').locator('option:checked')).toHaveText('Billable');
  await page.getByRole('button', { name: 'Create work order' }).click();
  await expect(page).toHaveURL(/\/work-orders\/[^/]+$/);
  await expect(
    page.getByRole('heading', { level: 1, name: /UPS beeping in the server closet/ }),
  ).toBeVisible();
  const woPath = new URL(page.url()).pathname;
  await signOut(page, ADMIN.name);

  // The technician starts the timer on the Time tab, works a moment, and stops it.
  await signIn(page, TECH.email, TECH.password);
  await page.goto(woPath);
  const main = page.getByRole('main');
  await main.getByRole('link', { name: 'Time', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${woPath}/time$`));
  await expect(main.getByText('No time logged yet')).toBeVisible();
  await page.getByLabel('Timer description').fill(WORK);
  await main.getByRole('button', { name: 'Start timer' }).click();
  const stop = main.getByRole('button', { name: 'Stop timer' });
  await expect(stop).toBeVisible();
  // The timer survives a reload.
  await page.reload();
  await expect(stop).toBeVisible();
  // Elapsed time counts in whole minutes (a sub-minute timer is 0 minutes, and 0 stays 0). Rather
  // than wait a real minute, the running timer's start is moved 61 seconds back in the app's own
  // database, as if the technician had worked that long: 1 minute worked, billed as the 15-minute minimum.
  const { db } = connect(`sqlite:${path.join(app.dataDir, 'supporttracker.db')}`);
  try {
    const moved = await db
      .updateTable('time_entries')
      .set({ started_at: new Date(Date.now() - 61_000).toISOString() })
      .where('running_user_id', 'is not', null)
      .executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBe(1);
  } finally {
    await db.destroy();
  }
  await stop.click();
  await expect(main.getByRole('button', { name: 'Start timer' })).toBeVisible();

  // The entry: rounded up to the 15-minute minimum, billable, $31.25 at the default rate.
  const row = main.getByRole('row', { name: new RegExp(WORK) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(1)).toHaveText(TECH.name);
  await expect(row.getByRole('cell').nth(3)).toHaveText('0:15');
  await expect(row.getByRole('cell').nth(3).locator('span')).toHaveAttribute(
    'title',
    '0:01 worked',
  );
  await expect(row.getByRole('cell').nth(4)).toHaveText('Billable');
  await expect(row.getByRole('cell').nth(5)).toHaveText('$31.25');
  await signOut(page, TECH.name);

  // The admin sees it ready to bill for the company.
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/companies/${companyId}/unbilled`);
  await expect(main.getByRole('heading', { name: /Ready to bill/ })).toContainText('$31.25');
  const item = main.getByRole('row', { name: new RegExp(WORK) });
  await expect(item).toHaveCount(1);
  // (An admin sees a checkbox column first, for invoicing items by hand.)
  await expect(item.getByRole('cell').nth(3)).toHaveText(/0:15|15 ?min/);
  await expect(item.getByRole('cell').nth(4)).toHaveText('$125.00');
  await expect(item.getByRole('cell').nth(5)).toHaveText('$31.25');
  await expect(main.getByRole('row', { name: /Total/ })).toContainText('$31.25');
});
