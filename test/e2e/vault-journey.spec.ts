// Journey (vault): an admin adds a company's Microsoft 365 admin login with a generated password and
// a 2FA secret, sees it masked, reveals it (password and current code appear in place), copies the
// password to the clipboard, and finds both the reveal and the copy in the entry's history.
import { completeSetup, expect, field, test } from './fixtures.ts';

test('add a credential, reveal and copy it, and see both in its history', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await completeSetup(page);

  await page.goto('/companies/new');
  await field(page, 'Name').fill('Riverside Dental Group');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Riverside Dental Group' }),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Credentials' }).click();
  await expect(page.getByText('No vault entries yet.')).toBeVisible();
  await page.getByRole('link', { name: 'New entry' }).click();
  await field(page, 'Label').fill('Microsoft 365 admin');
  await field(page, 'Username').fill('admin@riversidedental.example');
  await page.getByRole('button', { name: 'Generate' }).click();
  // The button fetches the password from the server: wait for it to arrive rather than read at once.
  await expect(page.locator('#f-password')).toHaveValue(/^.{20}$/);
  const password = await page.locator('#f-password').inputValue();
  await field(page, '2FA (TOTP) secret').fill('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
  await page.getByRole('button', { name: 'Save entry' }).click();

  await expect(page.getByRole('heading', { name: /Microsoft 365 admin/ })).toBeVisible();
  expect(await page.content()).not.toContain(password);
  const secret = page.locator('[data-secret="password"]');
  await expect(secret).toHaveText('••••••••••');

  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(secret).toHaveText(password);
  await expect(page.locator('[data-secret="totp"]')).toHaveText(/^\d{6}$/);
  await expect(page.locator('[data-totp-left]')).toContainText('more seconds');

  await page.locator('[data-vault-copy="password"]').click();
  await expect(page.locator('[data-vault-copy="password"]')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);

  await page.reload();
  const history = page.locator('.list-group').last();
  await expect(history).toContainText('Revealed');
  await expect(history).toContainText('Copied');
  await expect(history).toContainText('Created');
  await expect(history).toContainText(/from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
  expect(await page.content()).not.toContain(password);
});
