// Journey (receivables, a billing clerk's day): an invoice of $1,250.00 is ten days overdue. The
// clerk opens the invoice list, which says so and adds up what is open, opens that invoice, finds
// Record payment at the top beside the balance (without scrolling, at 1440×900), records a check for
// the balance on the form it opens (this invoice preselected), and sees the invoice paid.
import path from 'node:path';
import { connect } from '../../src/db/connect.ts';
import { addDaysToDate } from '../../src/lib/dates.ts';
import { ADMIN, completeSetup, expect, field, signIn, signOut, test } from './fixtures.ts';

const CLERK = {
  name: 'Bailey Billing',
  email: 'bailey@acme-it.test',
  password: 'ledger and green eyeshade',
};

/** Today in the business time zone the setup step chooses (America/Chicago). */
const todayChicago = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

test('a billing clerk opens an overdue invoice from the list and records its payment from the top of the page', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await completeSetup(page);
  const main = page.getByRole('main');

  // The admin bills a company $1,250.00.
  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Law Partners' })).toBeVisible();
  const companyId = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/invoices/new?companyId=${companyId}`);
  await page.getByLabel('Description, line 1').fill('Firewall replacement');
  await page.getByLabel('Quantity, line 1').fill('1');
  await page.getByLabel('Unit price, line 1').fill('1250.00');
  await page.getByRole('button', { name: 'Create and issue' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(/INV-\d{4}-\d{5}/);
  const number = (await heading.textContent())!.match(/INV-\d{4}-\d{5}/)![0];
  await signOut(page, ADMIN.name);

  // Issued forty days ago on Net 30: rather than wait, its dates are moved back in the app's own
  // database, as if it had been issued then.
  const today = todayChicago();
  const { db } = connect(`sqlite:${path.join(app.dataDir, 'supporttracker.db')}`);
  try {
    const moved = await db
      .updateTable('invoices')
      .set({ issue_date: addDaysToDate(today, -40), due_date: addDaysToDate(today, -10) })
      .where('number', '=', number)
      .executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBe(1);
  } finally {
    await db.destroy();
  }

  // The billing clerk, created by whoever runs the server (password on stdin).
  await app.cli(
    ['user', 'create', '--email', CLERK.email, '--name', CLERK.name, '--role', 'billing'],
    `${CLERK.password}\n`,
  );
  await signIn(page, CLERK.email, CLERK.password);

  // The invoice list opens on what is owed: the row says how late it is, the summary adds it up.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Invoices' })
    .click();
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(main.getByTestId('invoice-summary')).toContainText(
    '1 open invoice · Total $1,250.00 · Balance due $1,250.00',
  );
  const row = main.getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('10 days overdue');
  await expect(row).toContainText('Overdue');
  await row.getByRole('link', { name: number }).click();

  // The invoice page: balance, status, due date and Record payment at the top, in view.
  await expect(heading).toContainText(number);
  await expect(heading).toContainText('Overdue');
  await expect(main.getByTestId('balance-due')).toHaveText('$1,250.00');
  await expect(main).toContainText('10 days late');
  const record = main.getByRole('link', { name: 'Record payment' });
  await expect(record).toHaveCount(1);
  await expect(record).toBeInViewport();
  await expect(main.getByRole('button', { name: 'Send' })).toBeInViewport();
  await record.click();

  // The payment form: this company, this invoice and its balance preselected.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Harbor Law Partners');
  await expect(field(page, 'Amount received')).toHaveValue('1250.00');
  await expect(page.getByLabel(`Amount for ${number}`)).toHaveValue('1250.00');
  await expect(main.locator('#allocation-preview')).toContainText(
    `${number}: $1,250.00 (paid in full)`,
  );
  await field(page, 'Check number / reference').fill('20417');
  await main.getByRole('button', { name: 'Record payment' }).click();
  await expect(page).toHaveURL(/\/payments\/[^/]+$/);
  await expect(main.getByRole('row', { name: new RegExp(number) })).toContainText('$1,250.00');

  // The invoice now reads paid, nothing due, the check listed; no Record payment left to click.
  await main.getByRole('link', { name: number }).first().click();
  await expect(heading).toContainText('Paid');
  await expect(main.getByTestId('balance-due')).toHaveText('$0.00');
  await expect(main.locator('#payments')).toContainText('20417');
  await expect(main.getByRole('link', { name: 'Record payment' })).toHaveCount(0);
  // And it has left the list of what is owed.
  await page.goto('/invoices');
  await expect(main.getByTestId('invoice-summary')).toContainText('0 open invoices');
  await expect(main).toContainText('Nothing is owed');
});
