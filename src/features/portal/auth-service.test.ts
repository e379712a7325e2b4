import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { createCompany, setCompanyStatus } from '../companies/service.ts';
import { createContact, setContactActive } from '../contacts/service.ts';
import { ValidationError } from '../../platform/errors.ts';
import { contactForPortalToken, loginContact, setContactPassword } from './auth-service.ts';

describe.each(DIALECTS)('portal principals on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  const password = 'portal password 1';

  async function portalContact(portalAccess = true) {
    const ctx = withActor(suite.deps, { type: 'system', label: 'test' });
    const company = await createCompany(ctx, { name: `Co ${Math.random()}` });
    const contact = await createContact(ctx, company.id, {
      name: 'Pat Client',
      email: `pat${Math.random().toString(36).slice(2)}@client.test`,
      portalAccess,
    });
    await setContactPassword(suite.db, contact.id, password);
    return { ctx, company, contact };
  }

  it('signs in a contact with portal access into a contact session scoped to their company', async () => {
    const { company, contact } = await portalContact();
    const token = await loginContact(suite.deps, contact.email!, password, '127.0.0.1');
    const actor = await contactForPortalToken(suite.deps, token);
    expect(actor).toMatchObject({ type: 'contact', contactId: contact.id, companyId: company.id });
    const row = await suite.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(row.principal_type).toBe('contact');
    expect(row.id).not.toBe(token);
  });

  it('refuses a wrong password, a contact without portal access, and a deactivated contact or company', async () => {
    const { ctx, company, contact } = await portalContact();
    await expect(
      loginContact(suite.deps, contact.email!, 'wrong password!!', '127.0.0.1'),
    ).rejects.toBeInstanceOf(ValidationError);
    const noAccess = await portalContact(false);
    await expect(
      loginContact(suite.deps, noAccess.contact.email!, password, '127.0.0.1'),
    ).rejects.toBeInstanceOf(ValidationError);

    const token = await loginContact(suite.deps, contact.email!, password, '127.0.0.1');
    await setContactActive(ctx, company.id, contact.id, false);
    expect(await contactForPortalToken(suite.deps, token)).toBeNull();
    await setContactActive(ctx, company.id, contact.id, true);
    expect(await contactForPortalToken(suite.deps, token)).not.toBeNull();
    await setCompanyStatus(ctx, company.id, 'inactive');
    expect(await contactForPortalToken(suite.deps, token)).toBeNull();
  });

  it('keeps the two kinds of session apart: a portal token is no staff session and vice versa', async () => {
    const staff = await signInAs(suite.app, suite.deps, 'admin');
    const { contact } = await portalContact();
    const portalToken = await loginContact(suite.deps, contact.email!, password, '127.0.0.1');
    // A portal token sent as the staff cookie signs nobody in to the staff app.
    const staffPage = await suite.app.inject({
      url: '/companies',
      headers: { cookie: `st_session=${portalToken}` },
    });
    expect(staffPage.statusCode).toBe(302);
    expect(staffPage.headers.location).toContain('/login');
    // A staff session token is not a portal session.
    const staffToken = /st_session=([^;]+)/.exec(staff.cookie)![1];
    expect(await contactForPortalToken(suite.deps, staffToken)).toBeNull();
  });
});
