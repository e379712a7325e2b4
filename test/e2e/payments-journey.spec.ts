// Journey (receivables): a company owes two invoices ($800.00 and $500.00); a partial check for
// $1,000.00 pays the older one in full and $200.00 of the newer (oldest first); the payment page
// shows that allocation, the company's balance drops to $300.00, and the aging report moves with it.
import { completeSetup, expect, field, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function issueInvoice(page: Page, companyId: string, description: string, price: string) {
  await page.goto(`/invoices/new?companyId=${companyId}`);
  await page.getByLabel('Description, line 1').fill(description);
  await page.getByLabel('Quantity, line 1').fill('1');
  await page.getByLabel('Unit price, line 1').fill(price);
  await page.getByRole('button', { name: 'Create and issue' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(/INV-\d{4}-\d{5}/);
  return (await heading.textContent())!.match(/INV-\d{4}-\d{5}/)![0];
}

test('a partial check is allocated oldest first; the balance and the aging follow', async ({
  page,
}) => {
  await completeSetup(page);
  const main = page.getByRole('main');

  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Law Partners' })).toBeVisible();
  const companyId = new URL(page.url()).pathname.split('/')[2];

  const older = await issueInvoice(page, companyId, 'Firewall replacement', '800.00');
  const newer = await issueInvoice(page, companyId, 'Office move: network cabling', '500.00');

  // Before: $1,300.00 owed, all of it current.
  await page.goto(`/companies/${companyId}`);
  const receivables = main.getByRole('region', { name: 'Receivables' });
  await expect(receivables).toContainText('$1,300.00');
  await page.goto('/reports/aging');
  await expect(main.getByRole('row', { name: /Harbor Law Partners/ })).toContainText('$1,300.00');

  // A check for $1,000.00, allocated automatically.
  await page.goto(`/payments/new?companyId=${companyId}`);
  await field(page, 'Amount received').fill('1000.00');
  await field(page, 'Check number / reference').fill('4417');
  await main.getByRole('button', { name: 'Record payment' }).click();
  await expect(page).toHaveURL(/\/payments\/[^/]+$/);
  // The allocation: the older invoice in full, the newer one in part.
  await expect(main.getByRole('row', { name: new RegExp(older) })).toContainText('$800.00');
  await expect(main.getByRole('row', { name: new RegExp(newer) })).toContainText('$200.00');

  // The newer invoice now reads partially paid with $300.00 due, and lists the payment.
  await main.getByRole('link', { name: newer }).first().click();
  await expect(main).toContainText(/Partially paid/i);
  await expect(main.getByRole('row', { name: /Balance due/ }).first()).toContainText('$300.00');
  await expect(main.locator('#payments')).toContainText('$200.00');

  // The company's balance and the aging report moved with it.
  await page.goto(`/companies/${companyId}`);
  await expect(receivables).toContainText('$300.00');
  await page.goto('/reports/aging');
  await expect(main.getByRole('row', { name: /Harbor Law Partners/ })).toContainText('$300.00');
  await expect(main.getByRole('row', { name: /Harbor Law Partners/ })).not.toContainText(
    '$1,300.00',
  );
});
