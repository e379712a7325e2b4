// The portal's foundation over HTTP: staff invite a contact (a real SMTP server receives the email),
// the contact sets a password from the link, signs in and sees their company's figures; links are
// single use and expire; flags on the contact page and in the API; access off ends sessions; the
// two principals stay apart; view as customer is read-only and audited; PORTAL_HOST; forgot
// password; TOTP.
import { describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { useSmtp } from '../../../test/support/smtp.ts';
import { createStaff, signInAs, testApp } from '../../../test/support/app.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { withActor } from '../../platform/context.ts';
import { addMinutes, nowIso } from '../../lib/dates.ts';
import { hashToken } from '../../lib/tokens.ts';
import { createCompany, setCompanyStatus } from '../companies/service.ts';
import { createContact, updateContact } from '../contacts/service.ts';
import { createWorkOrder } from '../work-orders/service.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';
import { currentTotp } from '../auth/totp.ts';
import { setContactPassword } from './auth-service.ts';

/** A browser: keeps cookies between requests and the CSRF token of the last page it saw. */
class Browser {
  readonly jar = new Map<string, string>();
  csrf: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    private readonly host?: string,
  ) {}
  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private headers(extra: Record<string, string> = {}) {
    return { cookie: this.cookie, ...(this.host ? { host: this.host } : {}), ...extra };
  }
  private take(res: LightMyRequestResponse) {
    for (const c of res.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      if (!c.value || c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()))
        this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
  async get(url: string) {
    return this.take(await this.app.inject({ url, headers: this.headers() }));
  }
  async post(url: string, fields: Record<string, string>) {
    if (this.csrf === undefined) throw new Error('open a page with a form first');
    return this.take(
      await this.app.inject({
        method: 'POST',
        url,
        headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      }),
    );
  }
  async signIn(email: string, password: string) {
    await this.get('/portal/login');
    return this.post('/portal/login', { email, password });
  }
}

const linkIn = (mail: ParsedMail) => {
  const m = /https?:\/\/[^/\s]+(\/portal\/set-password\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!m) throw new Error(`no link in: ${mail.text}`);
  return m[1];
};
const PASSWORD = 'a long portal password';

describe.each(DIALECTS)('customer portal foundation on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, {
    deps: () => ({
      mailer: smtp.mailer('no-reply@acme.test'),
      env: { PUBLIC_URL: 'https://support.acme.test' },
    }),
  });
  const system = () => withActor(suite.deps, { type: 'system', label: 'test' });

  async function customer(flags: { billing?: boolean; service?: boolean } = {}, name = 'Dental') {
    const company = await createCompany(system(), { name: `${name} ${Math.random()}` });
    const contact = await createContact(system(), company.id, {
      name: 'Pat <b>Client</b>',
      email: `pat${Math.random().toString(36).slice(2)}@client.test`,
      portalAccess: true,
      portalBilling: flags.billing ?? false,
      portalService: flags.service ?? false,
    });
    return { company, contact, email: contact.email! };
  }
  async function signedInContact(flags: { billing?: boolean; service?: boolean } = {}) {
    const c = await customer(flags);
    await setContactPassword(suite.db, c.contact.id, PASSWORD);
    const b = new Browser(suite.app);
    const res = await b.signIn(c.email, PASSWORD);
    expect(res.statusCode).toBe(302);
    return { ...c, b };
  }
  const staffBrowser = async (role: 'admin' | 'technician' = 'admin') => {
    const agent = await signInAs(suite.app, suite.deps, role);
    const b = new Browser(suite.app);
    for (const part of agent.cookie.split('; ')) {
      const [k, v] = part.split('=');
      b.jar.set(k, v);
    }
    b.csrf = agent.csrf;
    return b;
  };
  const audits = (action: string) =>
    suite.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('invite → email → set password → sign in → home with the company’s figures; audited', async () => {
    const { company, contact, email } = await customer({ billing: true, service: true });
    await invoiceRow(suite.t, company.id, {
      status: 'issued',
      number: 'INV-1',
      issue_date: '2020-01-01',
      due_date: '2020-01-31',
      total_cents: 12_345,
      balance_cents: 12_345,
    });
    await invoiceRow(suite.t, company.id, {
      status: 'issued',
      number: 'INV-2',
      issue_date: '2099-01-01',
      due_date: '2099-01-31',
      total_cents: 5_000,
      balance_cents: 5_000,
    });
    const other = await customer({}, 'Other');
    await invoiceRow(suite.t, other.company.id, {
      status: 'issued',
      due_date: '2020-01-01',
      total_cents: 99_999,
    });
    await createWorkOrder(system(), { companyId: company.id, title: 'Printer jams' });
    await createWorkOrder(system(), { companyId: other.company.id, title: 'Not theirs' });

    const staff = await staffBrowser();
    const page = await staff.get(`/companies/${company.id}/contacts/${contact.id}/edit`);
    expect(page.body).toContain('Not invited yet.');
    const sent = await staff.post(
      `/companies/${company.id}/contacts/${contact.id}/portal-invite`,
      {},
    );
    expect(sent.statusCode).toBe(302);
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0];
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null).toBe(email);
    expect(mail.subject).toBe('Your Acme IT Services customer portal account');
    expect(mail.text).toContain('https://support.acme.test/portal/set-password/');
    const link = linkIn(mail);
    const token = link.split('/').pop()!;
    const stored = await suite.db.selectFrom('portal_links').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].id).toBe(hashToken(token));
    expect(stored[0].kind).toBe('invite');
    const hours = (Date.parse(stored[0].expires_at) - Date.parse(stored[0].created_at)) / 3_600_000;
    expect(hours).toBe(72);
    expect(
      (await staff.get(`/companies/${company.id}/contacts/${contact.id}/edit`)).body,
    ).toContain('Resend invite');

    const b = new Browser(suite.app);
    const form = await b.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(email);
    const short = await b.post(link, { newPassword: 'short', confirmPassword: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Password must be at least 10 characters');
    const mismatch = await b.post(link, {
      newPassword: PASSWORD,
      confirmPassword: 'something else!',
    });
    expect(mismatch.body).toContain('The two passwords do not match');
    const set = await b.post(link, { newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(set.statusCode).toBe(302);
    expect(set.headers.location).toBe('/portal/login');

    const login = await b.signIn(email, PASSWORD);
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toBe('/portal');
    const home = await b.get('/portal');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(company.name);
    expect(home.body).not.toContain(other.company.name);
    expect(home.body).toContain('Pat &lt;b>Client&lt;/b>');
    expect(home.body).not.toContain('<b>Client');
    expect(home.body).toContain('$173.45'); // balance due: both open invoices, not the other company's
    expect(home.body).toContain('$123.45'); // overdue: only the past-due one
    expect(home.body).toContain('2 open invoices');
    expect(home.body).toMatch(/Open work orders<\/span><span class="portal-figure-value">1</);
    expect(home.body).not.toContain('id="global-search"'); // nothing of the staff shell
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");

    expect(await audits('portal.invite')).toHaveLength(1);
    const setRows = await audits('portal.password_set');
    expect(setRows[0]).toMatchObject({
      actor_type: 'contact',
      actor_id: contact.id,
      company_id: company.id,
    });
    const logins = await audits('portal.login');
    expect(logins[0]).toMatchObject({ actor_type: 'contact', actor_id: contact.id });
    const last = await staff.get(`/companies/${company.id}/contacts/${contact.id}/edit`);
    expect(last.body).toContain('Last signed in');
  });

  it('refuses a used, an expired, a replaced and a made-up link', async () => {
    const { company, contact, email } = await customer();
    const staff = await staffBrowser();
    await staff.get(`/companies/${company.id}/contacts/${contact.id}/edit`);
    await staff.post(`/companies/${company.id}/contacts/${contact.id}/portal-invite`, {});
    const first = linkIn(smtp.inbox[0]);
    await staff.post(`/companies/${company.id}/contacts/${contact.id}/portal-invite`, {});
    const second = linkIn(smtp.inbox[1]);
    const b = new Browser(suite.app);
    expect((await b.get(first)).statusCode).toBe(410); // the resend replaced it
    expect((await b.get(second)).statusCode).toBe(200);
    expect(
      (await b.post(second, { newPassword: PASSWORD, confirmPassword: PASSWORD })).statusCode,
    ).toBe(302);
    const again = await b.get(second);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link no longer works');
    await b.get('/portal/login');
    const replay = await b.post(second, {
      newPassword: 'another password!',
      confirmPassword: 'another password!',
    });
    expect(replay.statusCode).toBe(410);
    expect((await b.signIn(email, 'another password!')).statusCode).toBe(422);

    await staff.post(`/companies/${company.id}/contacts/${contact.id}/portal-invite`, {});
    const third = linkIn(smtp.inbox[2]);
    await suite.db
      .updateTable('portal_links')
      .set({ expires_at: addMinutes(nowIso(), -1) })
      .where('id', '=', hashToken(third.split('/').pop()!))
      .execute();
    expect((await b.get(third)).statusCode).toBe(410);
    expect((await b.get('/portal/set-password/made-up-token')).statusCode).toBe(410);
  });

  it('shows and saves the flags on the contact page and in the API; invites over the API', async () => {
    const { company, contact } = await customer();
    const staff = await staffBrowser('technician');
    const page = await staff.get(`/companies/${company.id}/contacts/${contact.id}/edit`);
    expect(page.body).toContain('name="portalBilling"');
    expect(page.body).toContain('name="portalService"');
    expect(page.body).not.toContain('View as customer'); // admins only
    const saved = await staff.post(`/companies/${company.id}/contacts/${contact.id}`, {
      name: contact.name,
      email: contact.email!,
      portalAccess: 'on',
      portalBilling: 'on',
    });
    expect(saved.statusCode).toBe(302);
    const row = await suite.db
      .selectFrom('contacts')
      .select(['portal_billing', 'portal_service'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ portal_billing: 1, portal_service: 0 });

    const { key } = await insertApiKey(suite.db, {
      name: 'test',
      role: 'billing',
      createdBy: null,
    });
    const h = { authorization: `Bearer ${key}` };
    const base = `/api/v1/companies/${company.id}/contacts/${contact.id}`;
    const got = await suite.app.inject({ url: base, headers: h });
    expect(got.json()).toMatchObject({
      portalAccess: true,
      portalBilling: true,
      portalService: false,
    });
    const patched = await suite.app.inject({
      method: 'PATCH',
      url: base,
      headers: h,
      payload: { portalService: true },
    });
    expect(patched.json()).toMatchObject({ portalBilling: true, portalService: true });
    const bad = await suite.app.inject({
      method: 'PATCH',
      url: base,
      headers: h,
      payload: { portalBilling: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'portalBilling' });

    const invite = await suite.app.inject({
      method: 'POST',
      url: `${base}/portal-invite`,
      headers: h,
    });
    expect(invite.statusCode).toBe(202);
    expect(invite.json()).toEqual({ sentTo: contact.email, expiresAt: expect.any(String) });
    expect(smtp.inbox).toHaveLength(1);
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.components.schemas.Contact.properties.portalBilling.type).toBe('boolean');
    expect(doc.paths['/companies/{id}/contacts/{contactId}/portal-invite'].post.operationId).toBe(
      'inviteContactToPortal',
    );

    await suite.app.inject({
      method: 'PATCH',
      url: base,
      headers: h,
      payload: { portalAccess: false },
    });
    const refused = await suite.app.inject({
      method: 'POST',
      url: `${base}/portal-invite`,
      headers: h,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('portalAccess');
  });

  it('ends a contact’s sessions at once when access goes off, or the contact or company is deactivated', async () => {
    const a = await signedInContact({ billing: true });
    expect((await a.b.get('/portal')).statusCode).toBe(200);
    await updateContact(system(), a.company.id, a.contact.id, { portalAccess: false });
    const out = await a.b.get('/portal');
    expect(out.statusCode).toBe(302);
    expect(out.headers.location).toBe('/portal/login?next=%2Fportal');
    const left = await suite.db
      .selectFrom('sessions')
      .select('id')
      .where('principal_id', '=', a.contact.id)
      .execute();
    expect(left).toEqual([]);

    const c = await signedInContact();
    await updateContact(system(), c.company.id, c.contact.id, { active: false });
    expect((await c.b.get('/portal')).statusCode).toBe(302);

    const d = await signedInContact();
    expect((await d.b.get('/portal/account')).statusCode).toBe(200);
    await setCompanyStatus(system(), d.company.id, 'inactive');
    expect((await d.b.get('/portal/account')).statusCode).toBe(302);
    expect(
      await suite.db
        .selectFrom('sessions')
        .select('id')
        .where('principal_id', '=', d.contact.id)
        .execute(),
    ).toEqual([]);
  });

  it('keeps principals apart: a contact opens no staff page or API, a staff session no portal page', async () => {
    const { b } = await signedInContact({ billing: true, service: true });
    for (const url of ['/', '/companies', '/invoices', '/settings/users', '/account']) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toMatch(/^\/login/);
    }
    const portalToken = b.jar.get('st_portal')!;
    for (const url of ['/api/v1/companies', '/api/v1/me']) {
      const res = await suite.app.inject({
        url,
        headers: { cookie: `st_portal=${portalToken}`, authorization: `Bearer ${portalToken}` },
      });
      expect(res.statusCode, url).toBe(401);
    }
    const staff = await staffBrowser();
    for (const url of ['/portal', '/portal/account']) {
      const res = await staff.get(url);
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toMatch(/^\/portal\/login/);
    }
    // A staff session token as the portal cookie is no portal session either.
    const staffToken = staff.jar.get('st_session')!;
    const res = await suite.app.inject({
      url: '/portal',
      headers: { cookie: `st_portal=${staffToken}` },
    });
    expect(res.statusCode).toBe(302);
  });

  it('a contact with neither flag sees only their account', async () => {
    const { b } = await signedInContact();
    const home = await b.get('/portal');
    expect(home.body).toContain('Your account is set up');
    expect(home.body).not.toContain('Balance due');
    expect(home.body).not.toContain('Open work orders');
    expect(home.body).toContain('href="/portal/account"');
  });

  it('view as customer: admins only, read-only with a banner, audited, and it ends cleanly', async () => {
    const { company, contact } = await customer({ billing: true });
    await setContactPassword(suite.db, contact.id, PASSWORD);
    const tech = await staffBrowser('technician');
    await tech.get(`/companies/${company.id}/contacts/${contact.id}/edit`);
    expect(
      (await tech.post(`/companies/${company.id}/contacts/${contact.id}/view-as-customer`, {}))
        .statusCode,
    ).toBe(403);

    const admin = await staffBrowser('admin');
    const edit = await admin.get(`/companies/${company.id}/contacts/${contact.id}/edit`);
    expect(edit.body).toContain('View as customer');
    const start = await admin.post(
      `/companies/${company.id}/contacts/${contact.id}/view-as-customer`,
      {},
    );
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/portal');
    const home = await admin.get('/portal');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('You are viewing the portal as');
    expect(home.body).toContain('Balance due');
    const account = await admin.get('/portal/account');
    const before = await suite.db
      .selectFrom('contacts')
      .select(['name', 'phone'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    for (const [url, fields] of [
      ['/portal/account/profile', { name: 'Changed', phone: '1' }],
      [
        '/portal/account/password',
        { currentPassword: PASSWORD, newPassword: 'x'.repeat(12), confirmPassword: 'x'.repeat(12) },
      ],
      ['/portal/account/preferences', {}],
      ['/portal/account/2fa', { code: '123456' }],
    ] as const) {
      const res = await admin.post(url, fields);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain('read-only: nothing can be changed');
    }
    expect(account.statusCode).toBe(200);
    const after = await suite.db
      .selectFrom('contacts')
      .select(['name', 'phone'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const rows = await audits('portal.view_as_customer');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_type: 'staff',
      entity_id: contact.id,
      company_id: company.id,
    });
    // The staff app still works beside it, and stopping goes back to the contact.
    expect((await admin.get('/companies')).statusCode).toBe(200);
    const stop = await admin.post('/portal/logout', {});
    expect(stop.headers.location).toBe(`/companies/${company.id}/contacts/${contact.id}/edit`);
    expect((await admin.get('/portal')).statusCode).toBe(302);
  });

  it('PORTAL_HOST serves the portal alone; the staff host keeps /portal', async () => {
    await createStaff(suite.db, 'admin'); // set up, so no page asks for /setup
    const app = await testApp({
      ...suite.deps,
      config: { ...suite.deps.config, portalHost: 'portal.acme.test' },
    });
    try {
      const b = new Browser(app, 'portal.acme.test');
      const root = await b.get('/');
      expect(root.statusCode).toBe(302);
      expect(root.headers.location).toBe('/portal');
      for (const url of ['/companies', '/login', '/api/v1/companies', '/settings']) {
        const res = await b.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).toContain('Page not found');
        expect(res.body, url).not.toContain('id="global-search"');
      }
      expect((await b.get('/portal/login')).statusCode).toBe(200);
      expect((await b.get('/public/portal.css')).statusCode).toBe(200);
      const staffHost = new Browser(app, 'support.acme.test');
      expect((await staffHost.get('/portal/login')).statusCode).toBe(200);
      expect((await staffHost.get('/login')).statusCode).toBe(200);
      expect((await staffHost.get('/')).headers.location).toMatch(/^\/login/);
    } finally {
      await app.close();
    }
  });

  it('forgot password: silent for strangers, a one-hour link for a portal contact', async () => {
    const { email } = await customer();
    const b = new Browser(suite.app);
    await b.get('/portal/forgot-password');
    const bad = await b.post('/portal/forgot-password', { email: 'nope' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the email you sign in with');
    const nobody = await b.post('/portal/forgot-password', { email: 'nobody@client.test' });
    expect(nobody.body).toContain('If that address has a portal account');
    expect(smtp.inbox).toHaveLength(0);
    await b.post('/portal/forgot-password', { email: email.toUpperCase() });
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0].subject).toBe('Reset your Acme IT Services portal password');
    const link = linkIn(smtp.inbox[0]);
    const row = await suite.db.selectFrom('portal_links').selectAll().executeTakeFirstOrThrow();
    expect(row.kind).toBe('reset');
    expect((Date.parse(row.expires_at) - Date.parse(row.created_at)) / 60_000).toBe(60);
    await b.get(link);
    expect(
      (await b.post(link, { newPassword: PASSWORD, confirmPassword: PASSWORD })).statusCode,
    ).toBe(302);
    expect((await b.signIn(email, PASSWORD)).headers.location).toBe('/portal');
  });

  it('account: details, email choices, password change; TOTP on, sign-in with a code, off', async () => {
    const { b, contact, email } = await signedInContact();
    await b.get('/portal/account');
    const empty = await b.post('/portal/account/profile', { name: ' ', phone: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Name is required');
    expect(
      (await b.post('/portal/account/profile', { name: 'Pat Lee', phone: '555-0100' })).statusCode,
    ).toBe(302);
    await b.get('/portal/account');
    expect(
      (await b.post('/portal/account/preferences', { workOrderEmails: 'on' })).statusCode,
    ).toBe(302);
    const row = await suite.db
      .selectFrom('contacts')
      .select(['name', 'phone', 'invoice_emails', 'email_opt_out'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      name: 'Pat Lee',
      phone: '555-0100',
      invoice_emails: 0,
      email_opt_out: 0,
    });

    await b.get('/portal/account');
    const wrong = await b.post('/portal/account/password', {
      currentPassword: 'nope',
      newPassword: 'new password 123',
      confirmPassword: 'new password 123',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('That is not your current password');
    const other = new Browser(suite.app);
    await other.signIn(email, PASSWORD);
    await b.get('/portal/account');
    expect(
      (
        await b.post('/portal/account/password', {
          currentPassword: PASSWORD,
          newPassword: 'new password 123',
          confirmPassword: 'new password 123',
        })
      ).statusCode,
    ).toBe(302);
    expect((await b.get('/portal/account')).statusCode).toBe(200); // this session stays
    expect((await other.get('/portal/account')).statusCode).toBe(302); // the other one ends

    const enrol = await b.get('/portal/account/2fa');
    expect(enrol.statusCode).toBe(200);
    const secret = /<code class="portal-secret">([A-Z2-7]+)<\/code>/.exec(enrol.body)?.[1];
    expect(secret).toBeDefined();
    expect((await b.post('/portal/account/2fa', { code: '000000' })).statusCode).toBe(422);
    const on = await b.post('/portal/account/2fa', { code: currentTotp(secret!) });
    expect(on.statusCode).toBe(200);
    const codes = [...on.body.matchAll(/<li><code>([a-z0-9]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);

    const c2 = new Browser(suite.app);
    const first = await c2.signIn(email, 'new password 123');
    expect(first.headers.location).toBe('/portal/login/2fa?next=%2Fportal');
    expect((await c2.get('/portal')).statusCode).toBe(302); // nothing before the code
    await c2.get('/portal/login/2fa');
    expect((await c2.post('/portal/login/2fa', { code: '000000' })).statusCode).toBe(422);
    expect((await c2.post('/portal/login/2fa', { code: codes[0] })).statusCode).toBe(302);
    expect((await c2.get('/portal')).statusCode).toBe(200);
    const c3 = new Browser(suite.app);
    await c3.signIn(email, 'new password 123');
    await c3.get('/portal/login/2fa');
    expect((await c3.post('/portal/login/2fa', { code: codes[0] })).statusCode).toBe(422); // used once
    expect((await c3.post('/portal/login/2fa', { code: currentTotp(secret!) })).statusCode).toBe(
      302,
    );

    await c3.get('/portal/account');
    expect(
      (await c3.post('/portal/account/2fa/disable', { password: 'wrong one' })).statusCode,
    ).toBe(422);
    expect(
      (await c3.post('/portal/account/2fa/disable', { password: 'new password 123' })).statusCode,
    ).toBe(302);
    const c4 = new Browser(suite.app);
    expect((await c4.signIn(email, 'new password 123')).headers.location).toBe('/portal');
    expect((await audits('portal.2fa_enable'))[0]).toMatchObject({
      actor_type: 'contact',
      actor_id: contact.id,
    });
  });

  it('refuses a form without its CSRF token', async () => {
    const { b } = await signedInContact();
    const res = await suite.app.inject({
      method: 'POST',
      url: '/portal/account/profile',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Evil',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form was open too long');
  });
});
