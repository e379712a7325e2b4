// Journey (monthly billing): an admin gives a company a monthly contract, previews the billing run
// for that company, creates its invoice, opens the invoice page and downloads its PDF, whose text
// shows the same number and total as the page.
import { pdfText } from '../support/pdf.ts';
import { completeSetup, expect, field, test } from './fixtures.ts';

/** Today in the business time zone the setup step chooses (America/Chicago). */
const todayChicago = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

test('an admin previews and runs billing for a company, then opens its invoice and PDF', async ({
  page,
}) => {
  await completeSetup(page);
  const today = todayChicago();
  const monthStart = `${today.slice(0, 7)}-01`;

  // A company on a $1,500.00 monthly contract billed on the 1st, from the 1st of this month.
  await page.goto('/companies/new');
  await field(page, 'Name').fill('Northwind Dental');
  await field(page, 'Monthly contract rate').fill('1500.00');
  await field(page, 'Contract start').fill(monthStart);
  await field(page, 'Billing day of month').fill('1');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Dental' })).toBeVisible();

  // Preview: nothing is created yet; the company's period is this month, for the full rate.
  await page.goto('/billing');
  const main = page.getByRole('main');
  await expect(field(page, 'Bill as of')).toHaveValue(today);
  await field(page, 'Only companies named').fill('Northwind');
  await main.getByRole('button', { name: 'Preview' }).click();
  const row = main.getByRole('row', { name: /Northwind Dental/ }).first();
  await expect(row).toContainText('$1,500.00');
  await expect(page.getByText(/INV-\d{4}-\d{5}/)).toHaveCount(0);

  // Run it: one invoice, issued with the first number of the year.
  await main.getByRole('button', { name: 'Create 1 invoice' }).click();
  const link = main.getByRole('link', { name: /^INV-\d{4}-00001$/ });
  await expect(link).toBeVisible();
  const number = (await link.textContent())!.trim();
  await link.click();

  // The invoice page: number, the contract line, and the balance due.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await expect(main.getByText(/Monthly support contract/).first()).toBeVisible();
  await expect(main.getByText('$1,500.00').first()).toBeVisible();
  await expect(main).toContainText('Balance due');

  // The PDF: served as a PDF, and its text carries the same number, customer and total.
  const href = await main.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/pdf');
  const text = await pdfText(await res.body());
  expect(text).toContain(number);
  expect(text).toContain('Northwind Dental');
  expect(text).toContain('$1,500.00');

  // Running billing again for the same date creates nothing more.
  await page.goto(`/billing?preview=1&asOf=${today}&companyQ=Northwind`);
  await expect(main.getByRole('button', { name: /Create \d+ invoice/ })).toHaveCount(0);
});
