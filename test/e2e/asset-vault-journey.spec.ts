// Journey (assets + vault): an admin records a customer's server as an asset, stores the server's
// local admin login on it, opens the entry (the password is not in the page), reveals it, and finds
// the reveal — by the admin, from this browser's address — in the entry's history.
import { ADMIN, completeSetup, expect, field, test } from './fixtures.ts';

test('add an asset, add a credential to it, reveal it, and see the reveal in its audit list', async ({
  page,
}) => {
  const password = 'Srv-Local!Adm1n-7421x';
  await completeSetup(page);

  await page.goto('/companies/new');
  await field(page, 'Name').fill('Harbor Law Partners');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Law Partners' })).toBeVisible();
  const companyId = new URL(page.url()).pathname.split('/')[2];

  // The company's Assets tab: empty at first.
  const main = page.getByRole('main');
  await main.getByRole('link', { name: 'Assets', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}/assets$`));
  await expect(main.getByText('No assets yet — add one.')).toBeVisible();

  // Add a server: choosing the category first reloads the form with that category's fields.
  await main.getByRole('link', { name: 'Add asset' }).first().click();
  await expect(page).toHaveURL(/\/assets\/new/);
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Servers' });
  await expect(page).toHaveURL(/categoryId=/);
  await expect(page.getByLabel('Category', { exact: true }).locator('option:checked')).toHaveText(
    'Servers',
  );
  await field(page, 'Name / hostname').fill('HLP-SRV01');
  await field(page, 'Make').fill('Dell');
  await field(page, 'Model').fill('PowerEdge T350');
  await field(page, 'Serial number').fill('7XK2QF3');
  await field(page, 'IP addresses').fill('10.20.0.10');
  await page.getByRole('button', { name: 'Save asset' }).click();

  await expect(page).toHaveURL(/\/assets\/[^/]+$/);
  const assetPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: /HLP-SRV01/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Servers');
  await expect(main.getByText('7XK2QF3')).toBeVisible();

  // The asset is in the company's list.
  await page.goto(`/companies/${companyId}/assets`);
  await expect(main.getByRole('row', { name: /HLP-SRV01/ })).toContainText('Servers');
  await main.getByRole('link', { name: 'HLP-SRV01' }).click();
  await expect(page).toHaveURL(new RegExp(`${assetPath}$`));

  // The asset's Credentials tab: add the server's local admin login.
  await main.getByRole('link', { name: 'Credentials', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${assetPath}/credentials$`));
  await expect(main.getByText('No vault entries yet.')).toBeVisible();
  await main.getByRole('link', { name: 'New entry' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'New vault entry for Harbor Law Partners' }),
  ).toBeVisible();
  // Opened from the asset, the entry is on that asset.
  await expect(field(page, 'On').locator('option:checked')).toHaveText('HLP-SRV01');
  await field(page, 'Label').fill('Local administrator');
  await field(page, 'Username').fill('.\\Administrator');
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Save entry' }).click();

  // The entry page: metadata shown, the password masked and nowhere in the HTML.
  await expect(page).toHaveURL(/\/credentials\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 2, name: /Local administrator/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /HLP-SRV01/ })).toBeVisible();
  await expect(main.getByText('.\\Administrator', { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(password);
  await expect(main.getByText(password)).toHaveCount(0);

  const history = main
    .locator('.card')
    .filter({ has: page.getByRole('heading', { name: /^History/ }) })
    .getByRole('listitem');
  await expect(history.filter({ hasText: 'Created' })).toHaveCount(1);
  await expect(history.filter({ hasText: 'Revealed' })).toHaveCount(0);

  // Reveal: the password appears in place.
  await main.getByRole('button', { name: 'Reveal' }).click();
  await expect(main.getByText(password, { exact: true })).toBeVisible();

  // The entry's history lists the reveal, by the admin, from this browser's address.
  await page.reload();
  const reveal = history.filter({ hasText: 'Revealed' });
  await expect(reveal).toHaveCount(1);
  await expect(reveal).toContainText(ADMIN.name);
  await expect(reveal).toContainText(/from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
  // After the reload the page is masked again: the secret came only from the audited reveal.
  expect(await page.content()).not.toContain(password);
});
