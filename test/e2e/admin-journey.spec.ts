// Journey (a): a new MSP installs SupportTracker, sets it up, signs out and in again, and records
// its first customer company with a contact, then changes the contract rate.
import {
  ADMIN,
  BUSINESS,
  completeSetup,
  expect,
  field,
  signIn,
  signOut,
  test,
} from './fixtures.ts';

test('first admin sets up the business, then manages a company and its contact', async ({
  page,
}) => {
  await completeSetup(page);

  // Setup signs the new admin in and lands on the dashboard.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: BUSINESS.name })).toBeVisible();
  await expect(nav.getByRole('button', { name: ADMIN.name })).toBeVisible();
  await expect(page).not.toHaveURL(/\/(setup|login)/);

  await signOut(page, ADMIN.name);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // A wrong password is refused with a message, the right one lets the admin in.
  await signIn(page, ADMIN.email, 'not the password');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(nav.getByRole('button', { name: ADMIN.name })).toBeVisible();

  // Create a company.
  await nav.getByRole('link', { name: 'Companies' }).click();
  await expect(page).toHaveURL(/\/companies$/);
  await page
    .getByRole('link', { name: /New company/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/companies\/new$/);
  await field(page, 'Name').fill('Riverside Dental Group');
  await field(page, 'Main phone').fill('(555) 201-4410');
  await field(page, 'Email').fill('office@riversidedental.example');
  await field(page, 'Website').fill('https://www.riversidedental.example');
  await field(page, 'Monthly contract rate').fill('1450.00');
  await field(page, 'Contract start').fill('2025-01-01');
  await field(page, 'Billing day of month').fill('1');
  await field(page, 'Payment terms (net days)').fill('30');
  await field(page, 'Billing address').fill('100 Main Street\nSpringfield, IL 62701');
  await page.getByRole('button', { name: 'Save company' }).click();

  await expect(page).toHaveURL(/\/companies\/[^/]+$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Riverside Dental Group' }),
  ).toBeVisible();
  await expect(page.getByText('$1,450.00', { exact: true })).toBeVisible();
  const companyUrl = page.url();

  // Add a contact.
  await page.getByRole('link', { name: 'Add contact' }).first().click();
  await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
  await field(page, 'Name').fill('Dr. Maria Chen');
  await field(page, 'Title').fill('Owner');
  await field(page, 'Email').fill('maria@riversidedental.example');
  await field(page, 'Phone').fill('(555) 201-4411');
  await field(page, 'Can use the customer portal').check();
  await page.getByRole('button', { name: 'Save contact' }).click();

  await expect(page).toHaveURL(companyUrl);
  const contacts = page.getByRole('table');
  await expect(contacts.getByRole('row', { name: /Dr\. Maria Chen/ })).toContainText(
    'maria@riversidedental.example',
  );
  await expect(contacts.getByRole('row', { name: /Dr\. Maria Chen/ })).toContainText('Owner');

  // Edit the company: change the monthly rate and see it on the company page.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  const rate = field(page, 'Monthly contract rate');
  await expect(rate).toHaveValue('1450.00');
  await rate.fill('1,725.50');
  await page.getByRole('button', { name: 'Save company' }).click();

  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByText('$1,725.50', { exact: true })).toBeVisible();
  await expect(page.getByText('$1,450.00', { exact: true })).toHaveCount(0);

  // The list shows the company too.
  await nav.getByRole('link', { name: 'Companies' }).click();
  await expect(page.getByRole('link', { name: 'Riverside Dental Group' })).toBeVisible();

  // The dashboard counts it, nothing is owed yet, and its figure is a door to the list.
  await nav.getByRole('link', { name: 'Home' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: /Active companies\s*1/ })).toBeVisible();
  await expect(main.getByRole('link', { name: /Overdue\s*\$0\.00\s*0 invoices/ })).toBeVisible();
  await main.getByRole('link', { name: /Active companies/ }).click();
  await expect(page).toHaveURL(/\/companies$/);

  await signOut(page, ADMIN.name);
  // Signed out means signed out: a staff page sends the browser back to sign-in.
  await page.goto(companyUrl);
  await expect(page).toHaveURL(/\/login/);
});
