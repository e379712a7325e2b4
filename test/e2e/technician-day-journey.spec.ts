// Journey (issue 11): a technician's day from the demo world. Sam signs in with the credentials the
// demo printed, lands on "My work" (not the office dashboard), finds his most overdue work order
// through the search box's type-ahead and logs 30 minutes from the update box in one step.
import { expect, field, signIn, test } from './fixtures.ts';

function demoSignIn(stdout: string, role: string) {
  const line = stdout.split('\n').find((l) => l.trim().startsWith(`${role} `));
  const m = line && /(\S+@\S+)\s+password: (\S+)/.exec(line);
  if (!m) throw new Error(`the demo printed no ${role} sign-in:\n${stdout}`);
  return { email: m[1], password: m[2] };
}

test('a technician starts from My work, finds a work order by search and logs 30 minutes', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const { stdout } = await app.cli(['demo']);
  const sam = demoSignIn(stdout, 'technician');

  await signIn(page, sam.email, sam.password);
  await expect(page).toHaveURL(new URL('/', app.url).toString());
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  await expect(page.getByText(/overdue/).first()).toBeVisible();

  // The first work order on his list (the most overdue), found again through the type-ahead by
  // its number, as he would after a phone call about it.
  const firstRow = page.locator('tr[data-group] a[href^="/work-orders/"]').first();
  const number = ((await firstRow.textContent()) ?? '').trim();
  const href = await firstRow.getAttribute('href');
  const word = number;
  const box = page.getByRole('combobox', { name: 'Search everything' });
  await box.click();
  await box.pressSequentially(word, { delay: 30 });
  const option = page
    .getByRole('listbox', { name: 'Search suggestions' })
    .first()
    .locator(`a[href="${href}"]`);
  await expect(option).toBeVisible();
  await option.click();
  await expect(page).toHaveURL(new URL(href!, app.url).toString());

  // 30 minutes, from the box where he writes the update.
  await page.getByLabel('Add an update').fill('Replaced the toner and printed a test page.');
  await page.getByLabel('Public reply').check();
  await field(page, 'Time spent').fill('30');
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByText('Replaced the toner and printed a test page.')).toBeVisible();

  // The Time tab shows the entry: 0:30, by Sam, today.
  await page.getByRole('link', { name: 'Time', exact: true }).first().click();
  const entry = page.getByRole('row', { name: /Replaced the toner/ });
  await expect(entry).toContainText('0:30');
  await expect(entry).toContainText('Sam Rivera');
});
