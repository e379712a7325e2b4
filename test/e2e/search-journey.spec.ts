// Journey (global search): from any page, Ctrl-K focuses the search box; typing "printer" shows the
// type-ahead with the matching work order; the arrow keys move through it and Enter opens the
// highlighted work order; Escape closes the list; an exact number submitted opens its work order.
import { completeSetup, expect, field, test } from './fixtures.ts';

async function newWorkOrder(
  page: import('@playwright/test').Page,
  companyId: string,
  title: string,
) {
  await page.goto(`/work-orders/new?companyId=${companyId}`);
  await field(page, 'Title').fill(title);
  await page.getByRole('button', { name: 'Create work order' }).click();
  await expect(page).toHaveURL(/\/work-orders\/[^/]+$/);
  return new URL(page.url()).pathname;
}

test('finding a work order from the search box, by keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  await completeSetup(page);
  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Law Partners' })).toBeVisible();
  const companyId = new URL(page.url()).pathname.split('/')[2];
  const printer = await newWorkOrder(page, companyId, 'Printer offline at front desk');
  const ups = await newWorkOrder(page, companyId, 'UPS beeping in the server closet');

  await page.goto('/companies');
  const box = page.getByRole('combobox', { name: 'Search everything' });
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.pressSequentially('printer', { delay: 30 });
  const list = page.getByRole('listbox', { name: 'Search suggestions' }).first();
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const option = list.getByRole('option', { name: /WO-00001 Printer offline at front desk/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText('Harbor Law Partners');
  await expect(list.getByRole('option', { name: /UPS beeping/ })).toHaveCount(0);

  // Escape closes the list; the arrow key opens it again on the first option.
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(list).toBeVisible();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${printer}$`));
  await expect(
    page.getByRole('heading', { level: 1, name: /Printer offline at front desk/ }),
  ).toBeVisible();

  // An exact number, submitted, opens that work order.
  await box.click();
  await box.fill('WO-00002');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${ups}$`));

  // Nothing found: the search page says so and offers a way on.
  await box.fill('zzzz nothing');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No matches for “zzzz nothing”.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create a company' })).toBeVisible();
});
