// Journey (b): a technician created by whoever runs the server (CLI, password on stdin) can work
// with companies but cannot see or open user management.
import { ADMIN, completeSetup, expect, signIn, signOut, test } from './fixtures.ts';

const TECH = {
  name: 'Terry Tech',
  email: 'terry@acme-it.test',
  password: 'wrench and screwdriver',
};

test('a technician gets a 403 page at /settings/users and sees no Settings link', async ({
  page,
  app,
}) => {
  await completeSetup(page);
  await signOut(page, ADMIN.name);

  const { stdout } = await app.cli(
    ['user', 'create', '--email', TECH.email, '--name', TECH.name, '--role', 'technician'],
    `${TECH.password}\n`,
  );
  expect(stdout).toContain('technician');

  await signIn(page, TECH.email, TECH.password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const userMenu = nav.getByRole('button', { name: TECH.name });
  await expect(userMenu).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Companies' })).toBeVisible();

  // The user menu offers the account page and sign-out, but no Settings.
  await userMenu.click();
  await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  const res = await page.goto('/settings/users');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You do not have access to this' })).toBeVisible();
  await expect(page.getByText(TECH.email)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);

  await signOut(page, TECH.name);
});
