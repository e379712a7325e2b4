// Staff sign-in end to end over HTTP: password, sign-out, password change, TOTP with recovery codes,
// password reset and invitations delivered through a real SMTP server (smtp-server on loopback).
import { describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { Secret, TOTP } from 'otpauth';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { useSmtp } from '../../../test/support/smtp.ts';
import { createStaff, testApp } from '../../../test/support/app.ts';
import type { Deps, Logger } from '../../platform/context.ts';
import { createMailer } from '../../platform/mailer.ts';
import { createSession } from '../../platform/sessions.ts';
import { hashToken } from '../../lib/tokens.ts';
import { currentTotp } from './totp.ts';

/** A browser: keeps cookies between requests and the CSRF token of the last page it saw. */
class Browser {
  readonly jar = new Map<string, string>();
  csrf: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private take(res: LightMyRequestResponse) {
    for (const c of res.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
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
    return this.take(await this.app.inject({ url, headers: { cookie: this.cookie } }));
  }

  /** Submits a form from the last page seen (its CSRF token goes along, as in a real browser). */
  async post(url: string, fields: Record<string, string>) {
    if (this.csrf === undefined) throw new Error('open a page with a form first');
    return this.take(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      }),
    );
  }

  async signIn(email: string, password: string) {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}

const linkIn = (mail: ParsedMail) => {
  const m = /https?:\/\/[^/\s]+(\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!m) throw new Error(`no link in: ${mail.text}`);
  return m[1];
};

/** A six-digit code that is not valid now (nor one step either side). */
function wrongCode(secret: string): string {
  const totp = new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
  const now = Date.now();
  const valid = new Set(
    [-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp.generate({ timestamp: now + d })),
  );
  return ['123456', '654321', '000000', '999999', '111111', '222222'].find((c) => !valid.has(c))!;
}

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('staff authentication on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, {
    deps: () => ({
      mailer: smtp.mailer('SupportTracker <no-reply@acme.test>'),
      env: { PUBLIC_URL: 'https://support.acme.test' },
    }),
  });
  const auditActions = async (entityId: string | null) => {
    const q = suite.db.selectFrom('audit_log').select('action').orderBy('id');
    return (
      await (entityId
        ? q.where('entity_id', '=', entityId)
        : q.where('entity_id', 'is', null)
      ).execute()
    ).map((r) => r.action);
  };
  const sessionsOf = async (userId: string) =>
    (
      await suite.db
        .selectFrom('sessions')
        .select('id')
        .where('principal_id', '=', userId)
        .execute()
    ).length;

  /** A browser already signed in as `userId` (skips the password check, which is slow by design). */
  const signedIn = async (userId: string) => {
    const b = new Browser(suite.app);
    b.jar.set(
      'st_session',
      await createSession(suite.db, { principalType: 'staff', principalId: userId, ttlHours: 12 }),
    );
    expect((await b.get('/account')).statusCode).toBe(200);
    return b;
  };

  it('signs in through the form; a wrong password gets 422 with a message and an audit row', async () => {
    const { user } = await createStaff(suite.db, 'billing', PASSWORD);
    const b = new Browser(suite.app);

    const wrong = await b.signIn(user.email, 'not my password');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('That email and password do not match an active account.');
    expect(wrong.body).toContain(`value="${user.email}"`);
    expect(b.jar.has('st_session')).toBe(false);
    expect(await auditActions(user.id)).toEqual(['auth.login_failed']);

    const unknown = await b.post('/login', { email: 'nobody@acme.test', password: PASSWORD });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('That email and password do not match an active account.');
    expect(await auditActions(null)).toEqual(['auth.login_failed']);

    const ok = await b.post('/login', {
      email: user.email.toUpperCase(),
      password: PASSWORD,
      next: '/companies',
    });
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe('/companies');
    expect(b.jar.has('st_session')).toBe(true);
    const home = await b.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`Hello, ${user.name.split(' ')[0]}`);
    expect(await auditActions(user.id)).toEqual(['auth.login_failed', 'auth.login']);
    // Signed in, the sign-in page sends you home.
    expect((await b.get('/login')).headers.location).toBe('/');
  });

  it('never redirects off-site after sign-in', async () => {
    const { user } = await createStaff(suite.db, 'readonly', PASSWORD);
    const b = new Browser(suite.app);
    await b.get('/login');
    const res = await b.post('/login', {
      email: user.email,
      password: PASSWORD,
      next: '//evil.example/phish',
    });
    expect(res.headers.location).toBe('/');
  });

  it('signs out: the session row is deleted and the old cookie is worthless', async () => {
    const { user } = await createStaff(suite.db, 'technician', PASSWORD);
    const b = new Browser(suite.app);
    expect((await b.signIn(user.email, PASSWORD)).statusCode).toBe(302);
    const token = b.jar.get('st_session')!;
    expect(await sessionsOf(user.id)).toBe(1);
    await b.get('/');
    const out = await b.post('/logout', {});
    expect(out.statusCode).toBe(302);
    expect(out.headers.location).toBe('/login');
    expect(b.jar.has('st_session')).toBe(false);
    expect(
      await suite.db
        .selectFrom('sessions')
        .select('id')
        .where('id', '=', hashToken(token))
        .executeTakeFirst(),
    ).toBeUndefined();
    const replay = await suite.app.inject({ url: '/', headers: { cookie: `st_session=${token}` } });
    expect(replay.statusCode).toBe(302);
    expect(replay.headers.location).toBe('/login?next=%2F');
  });

  it('changes the password: the wrong current password is refused; success signs out the other sessions', async () => {
    const { user } = await createStaff(suite.db, 'billing', PASSWORD);
    const here = new Browser(suite.app);
    const elsewhere = new Browser(suite.app);
    expect((await here.signIn(user.email, PASSWORD)).statusCode).toBe(302);
    expect((await elsewhere.signIn(user.email, PASSWORD)).statusCode).toBe(302);
    await here.get('/account');

    const bad = await here.post('/account/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('That is not your current password');
    const mismatch = await here.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'something else',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('The two new passwords do not match');
    expect((await elsewhere.get('/')).statusCode).toBe(200);

    const ok = await here.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(ok.statusCode).toBe(302);
    expect((await here.get('/account')).body).toContain(
      'Password changed. Your other sessions were signed out.',
    );
    expect((await here.get('/')).statusCode).toBe(200);
    expect((await elsewhere.get('/')).headers.location).toBe('/login?next=%2F');
    expect(await sessionsOf(user.id)).toBe(1);
    expect(await auditActions(user.id)).toContain('user.password_change');

    expect((await new Browser(suite.app).signIn(user.email, PASSWORD)).statusCode).toBe(422);
    expect(
      (await new Browser(suite.app).signIn(user.email, 'a brand new passphrase')).statusCode,
    ).toBe(302);
  });

  it('enrols TOTP, then sign-in needs a code or a recovery code, each recovery code working once', async () => {
    const { user } = await createStaff(suite.db, 'admin', PASSWORD);
    const me = await signedIn(user.id);

    const enrol = await me.get('/account/2fa');
    expect(enrol.statusCode).toBe(200);
    const secret = /<code[^>]*>([A-Z2-7]+)<\/code>/.exec(enrol.body)?.[1];
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.body).toContain('data:image/svg+xml;base64,');
    const stored = await suite.db
      .selectFrom('users')
      .select(['totp_secret_enc', 'totp_enabled'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_enabled).toBe(0);
    expect(stored.totp_secret_enc).not.toContain(secret!);
    // Reloading the page keeps the same pending secret, so a half-done enrolment survives a refresh.
    expect((await me.get('/account/2fa')).body).toContain(secret!);

    const refused = await me.post('/account/2fa', { code: wrongCode(secret!) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('That code is not valid');

    const on = await me.post('/account/2fa', { code: currentTotp(secret!) });
    expect(on.statusCode).toBe(200);
    const codes = [...on.body.matchAll(/<li>([a-z0-9]{10})<\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const row = await suite.db
      .selectFrom('users')
      .select(['totp_enabled', 'recovery_codes'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(1);
    for (const c of codes) expect(row.recovery_codes).not.toContain(c);
    expect(await auditActions(user.id)).toContain('user.2fa_enable');

    // Password alone now leads to the second step, and grants nothing else.
    const b = new Browser(suite.app);
    const first = await b.signIn(user.email, PASSWORD);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('/login/2fa?next=%2F');
    expect((await b.get('/')).headers.location).toBe('/login?next=%2F');
    expect((await b.get('/settings/users')).statusCode).toBe(302);
    expect((await b.get('/login/2fa')).statusCode).toBe(200);
    const wrong = await b.post('/login/2fa', { code: wrongCode(secret!) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('That code is not valid');
    expect((await b.get('/')).statusCode).toBe(302);
    const usedCode = currentTotp(secret!);
    const right = await b.post('/login/2fa?next=%2F', { code: usedCode });
    expect(right.statusCode).toBe(302);
    expect(right.headers.location).toBe('/');
    expect((await b.get('/')).statusCode).toBe(200);
    expect((await b.get('/login/2fa')).headers.location).toBe('/login');

    // A code is good once: replaying it (e.g. shoulder-surfed) is refused.
    const replay = new Browser(suite.app);
    await replay.signIn(user.email, PASSWORD);
    await replay.get('/login/2fa');
    expect((await replay.post('/login/2fa', { code: usedCode })).statusCode).toBe(422);

    // Opening the set-up page again never switches two-factor off.
    const again = await b.get('/account/2fa');
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('/account');
    const still = await suite.db
      .selectFrom('users')
      .select(['totp_enabled'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(still.totp_enabled).toBe(1);

    // A recovery code lets you in once.
    const r1 = new Browser(suite.app);
    await r1.signIn(user.email, PASSWORD);
    await r1.get('/login/2fa');
    expect((await r1.post('/login/2fa', { code: ` ${codes[0].toUpperCase()} ` })).statusCode).toBe(
      302,
    );
    expect((await r1.get('/settings/users')).statusCode).toBe(200);
    const r2 = new Browser(suite.app);
    await r2.signIn(user.email, PASSWORD);
    await r2.get('/login/2fa');
    expect((await r2.post('/login/2fa', { code: codes[0] })).statusCode).toBe(422);
    expect((await r2.get('/')).statusCode).toBe(302);
    expect((await r2.get('/login/2fa')).statusCode).toBe(200);
    expect((await r2.post('/login/2fa', { code: codes[1] })).statusCode).toBe(302);
    expect((await r2.get('/')).statusCode).toBe(200);
  });

  it('lets an admin turn off another user’s two-factor, audited; others cannot', async () => {
    const { user } = await createStaff(suite.db, 'technician', PASSWORD);
    await suite.db
      .updateTable('users')
      .set({ totp_enabled: 1, totp_secret_enc: 'v1:k:x:y:z', recovery_codes: '[]' })
      .where('id', '=', user.id)
      .execute();
    const { user: admin } = await createStaff(suite.db, 'admin', PASSWORD);
    const a = await signedIn(admin.id);
    await a.get('/settings/users');
    const res = await a.post(`/settings/users/${user.id}/reset-2fa`, {});
    expect(res.statusCode).toBe(302);
    const row = await suite.db
      .selectFrom('users')
      .select(['totp_enabled', 'totp_secret_enc'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_enabled: 0, totp_secret_enc: null });
    expect(await auditActions(user.id)).toContain('user.2fa_reset');
    // The technician signs in with the password alone now.
    expect((await new Browser(suite.app).signIn(user.email, PASSWORD)).headers.location).toBe('/');
    const { user: billing } = await createStaff(suite.db, 'billing', PASSWORD);
    const bb = await signedIn(billing.id);
    expect((await bb.post(`/settings/users/${admin.id}/reset-2fa`, {})).statusCode).toBe(403);
  });

  it('resets a forgotten password by emailed link, which works once; the old password stops working', async () => {
    const { user } = await createStaff(suite.db, 'technician', PASSWORD);
    const before = await signedIn(user.id);
    const b = new Browser(suite.app);

    await b.get('/forgot-password');
    const nobody = await b.post('/forgot-password', { email: 'nobody@acme.test' });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.body).toContain(
      'If that address belongs to an active account, a reset link is on its way',
    );
    expect(smtp.inbox).toHaveLength(0);

    const asked = await b.post('/forgot-password', { email: user.email });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain(
      'If that address belongs to an active account, a reset link is on its way',
    );
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0];
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null).toBe(user.email);
    expect(mail.from?.value[0].address).toBe('no-reply@acme.test');
    expect(mail.subject).toBe('Reset your SupportTracker password');
    expect(mail.text).toContain('https://support.acme.test/reset-password/');
    const link = linkIn(mail);
    const token = link.split('/').pop()!;
    const stored = await suite.db.selectFrom('password_resets').select('id').execute();
    expect(stored.map((r) => r.id)).toEqual([hashToken(token)]);

    expect((await b.get(link)).statusCode).toBe(200);
    const mismatch = await b.post(link, {
      newPassword: 'my new passphrase',
      confirmPassword: 'my other passphrase',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('The two passwords do not match');
    const done = await b.post(link, {
      newPassword: 'my new passphrase',
      confirmPassword: 'my new passphrase',
    });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/login');
    expect((await b.get('/login')).body).toContain('Your password is saved');
    expect(await auditActions(user.id)).toContain('user.password_reset');

    // Once only.
    expect((await b.get(link)).statusCode).toBe(410);
    const again = await b.post(link, {
      newPassword: 'yet another passphrase',
      confirmPassword: 'yet another passphrase',
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('expired or was already used');

    // Sessions from before the reset are gone; the old password is refused, the new one works.
    expect((await before.get('/')).statusCode).toBe(302);
    expect((await new Browser(suite.app).signIn(user.email, PASSWORD)).statusCode).toBe(422);
    expect(
      (await new Browser(suite.app).signIn(user.email, 'yet another passphrase')).statusCode,
    ).toBe(422);
    expect((await new Browser(suite.app).signIn(user.email, 'my new passphrase')).statusCode).toBe(
      302,
    );
  });

  it('without SMTP, says the reset link went to the server log, and logs it there', async () => {
    const { user } = await createStaff(suite.db, 'technician', PASSWORD);
    const logged: { obj: unknown; msg?: string }[] = [];
    const log: Logger = {
      info: () => {},
      error: () => {},
      warn: (obj, msg) => void logged.push({ obj, msg }),
    };
    const noSmtp: Deps = {
      ...suite.deps,
      log,
      mailer: createMailer({ from: 'x <x@acme.test>', log }),
    };
    const plain = await testApp(noSmtp);
    try {
      const b = new Browser(plain);
      expect((await b.get('/forgot-password')).statusCode).toBe(200);
      const res = await b.post('/forgot-password', { email: user.email });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('the reset link was written to the server log');
      expect(smtp.inbox).toHaveLength(0);
      const entry = logged.find((l) => l.msg?.includes('password link'));
      const url = (entry?.obj as { url?: string } | undefined)?.url;
      expect(url).toMatch(/^https:\/\/support\.acme\.test\/reset-password\/[A-Za-z0-9_-]+$/);
      expect((await b.get(new URL(url!).pathname)).statusCode).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('invites a user by email, changes their role, deactivates them, and never loses the last admin', async () => {
    const { user: adminUser } = await createStaff(suite.db, 'admin', PASSWORD);
    const admin = await signedIn(adminUser.id);

    await admin.get('/settings/users');
    const invited = await admin.post('/settings/users', {
      email: 'New.Tech@Acme.test',
      name: 'Nia Tech',
      role: 'technician',
    });
    expect(invited.statusCode).toBe(302);
    expect(invited.headers.location).toBe('/settings/users');
    const list = await admin.get('/settings/users');
    expect(list.body).toContain(
      'Nia Tech was added. An invitation was emailed to new.tech@acme.test.',
    );
    const row = await suite.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'new.tech@acme.test')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('technician');
    expect(await auditActions(row.id)).toEqual(['user.invite']);

    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0];
    expect(mail.subject).toBe('Your SupportTracker account');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null).toBe(
      'new.tech@acme.test',
    );
    const link = linkIn(mail);
    const nia = new Browser(suite.app);
    expect((await nia.get(link)).statusCode).toBe(200);
    expect(
      (
        await nia.post(link, {
          newPassword: 'nia picks this one',
          confirmPassword: 'nia picks this one',
        })
      ).statusCode,
    ).toBe(302);
    expect((await nia.signIn('new.tech@acme.test', 'nia picks this one')).statusCode).toBe(302);
    expect((await nia.get('/billing')).statusCode).toBe(403);

    // Role change takes effect on the user's next request.
    await admin.get('/settings/users');
    const promoted = await admin.post(`/settings/users/${row.id}/role`, { role: 'billing' });
    expect(promoted.statusCode).toBe(302);
    expect((await admin.get('/settings/users')).body).toContain('Nia Tech is now billing.');
    expect(
      (
        await suite.db
          .selectFrom('users')
          .select('role')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe('billing');
    expect((await nia.get('/billing')).statusCode).toBe(200);
    expect(await auditActions(row.id)).toContain('user.role');

    // Deactivation ends their sessions and keeps them out.
    const off = await admin.post(`/settings/users/${row.id}/deactivate`, {});
    expect(off.statusCode).toBe(302);
    expect(await sessionsOf(row.id)).toBe(0);
    expect((await nia.get('/')).headers.location).toBe('/login?next=%2F');
    const locked = await new Browser(suite.app).signIn('new.tech@acme.test', 'nia picks this one');
    expect(locked.statusCode).toBe(422);

    // The only active admin can be neither demoted nor deactivated.
    await admin.get('/settings/users');
    const demote = await admin.post(`/settings/users/${adminUser.id}/role`, { role: 'readonly' });
    expect(demote.statusCode).toBe(302);
    expect((await admin.get('/settings/users')).body).toContain(
      'This is the only active admin. Make someone else an admin first.',
    );
    const selfOff = await admin.post(`/settings/users/${adminUser.id}/deactivate`, {});
    expect(selfOff.statusCode).toBe(302);
    expect((await admin.get('/settings/users')).body).toContain('This is the only active admin.');
    const still = await suite.db
      .selectFrom('users')
      .select(['role', 'active'])
      .where('id', '=', adminUser.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ role: 'admin', active: 1 });
    expect(await sessionsOf(adminUser.id)).toBe(1);

    // With a second active admin, the first may step down.
    await admin.post(`/settings/users/${row.id}/reactivate`, {});
    await admin.post(`/settings/users/${row.id}/role`, { role: 'admin' });
    expect(
      (await admin.post(`/settings/users/${adminUser.id}/role`, { role: 'readonly' })).statusCode,
    ).toBe(302);
    expect(
      (
        await suite.db
          .selectFrom('users')
          .select('role')
          .where('id', '=', adminUser.id)
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe('readonly');
    expect((await admin.get('/settings/users')).statusCode).toBe(403);
  });
});
