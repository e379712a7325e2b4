import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/db.ts';
import { useAppSuite } from '../../test/support/suite.ts';
import { createStaff, postForm, signInAs, type Agent } from '../../test/support/app.ts';
import { hashToken } from '../lib/tokens.ts';
import { createSession } from './sessions.ts';

const company = { name: 'CSRF Target', billingDay: '1', paymentTermsDays: '30' };

describe.each(DIALECTS)('web security on %s', (dialect) => {
  const suite = useAppSuite(dialect, {
    deps: {
      env: {
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        LOGIN_MAX_FAILURES_PER_IP: '5',
        LOGIN_LOCK_MINUTES: '10',
      },
    },
    reset: 'once',
  });
  let admin: Agent;

  const count = async (table: 'companies' | 'login_failures') =>
    Number(
      (
        await suite.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A browser on the sign-in page: its CSRF cookie and token. */
  const loginPage = async (ip = '127.0.0.1') => {
    const res = await suite.app.inject({ url: '/login', remoteAddress: ip });
    return {
      csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(res.body)![1],
      cookie: `st_csrf=${res.cookies.find((c) => c.name === 'st_csrf')!.value}`,
    };
  };
  const login = async (email: string, password: string, ip = '127.0.0.1') => {
    const page = await loginPage(ip);
    return suite.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: ip,
      headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: page.csrf, email, password }).toString(),
    });
  };

  beforeAll(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });
  // Users are kept between tests (each test makes its own; hashing is slow); what is counted is emptied.
  beforeEach(async () => {
    await suite.db.deleteFrom('audit_log').execute();
    await suite.db.deleteFrom('companies').execute();
    await suite.db.deleteFrom('login_failures').execute();
  });

  describe('CSRF', () => {
    it('accepts a form with the token that belongs to its cookie (the control case)', async () => {
      expect((await postForm(suite.app, admin, '/companies', company)).statusCode).toBe(302);
      expect(await count('companies')).toBe(1);
    });

    it('refuses a POST without _csrf with 403 and writes nothing', async () => {
      const res = await suite.app.inject({
        method: 'POST',
        url: '/companies',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(company).toString(),
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Form expired');
      expect(await count('companies')).toBe(0);
    });

    it('refuses a token minted for another browser’s cookie', async () => {
      const other = await loginPage();
      expect(other.cookie).not.toBe(/st_csrf=[^;]+/.exec(admin.cookie)![0]);
      const res = await postForm(
        suite.app,
        { cookie: admin.cookie, csrf: other.csrf },
        '/companies',
        company,
      );
      expect(res.statusCode).toBe(403);
      expect(await count('companies')).toBe(0);
    });

    it('refuses a POST with a token but no CSRF cookie', async () => {
      const sessionOnly = admin.cookie
        .split('; ')
        .filter((c) => c.startsWith('st_session='))
        .join('; ');
      const res = await postForm(
        suite.app,
        { cookie: sessionOnly, csrf: admin.csrf },
        '/companies',
        company,
      );
      expect(res.statusCode).toBe(403);
      expect(await count('companies')).toBe(0);
    });

    it('guards sign-out and sign-in forms too', async () => {
      const out = await suite.app.inject({
        method: 'POST',
        url: '/logout',
        headers: { cookie: admin.cookie },
      });
      expect(out.statusCode).toBe(403);
      expect(
        (await suite.app.inject({ url: '/', headers: { cookie: admin.cookie } })).statusCode,
      ).toBe(200);
      const { user, password } = await createStaff(suite.db, 'technician');
      const res = await suite.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email: user.email, password }).toString(),
      });
      expect(res.statusCode).toBe(403);
      expect(
        await suite.db
          .selectFrom('sessions')
          .select('id')
          .where('principal_id', '=', user.id)
          .execute(),
      ).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('does not accept an expired session, and deletes its row', async () => {
      const { user } = await createStaff(suite.db, 'billing');
      const token = await createSession(suite.db, {
        principalType: 'staff',
        principalId: user.id,
        ttlHours: 12,
      });
      const cookie = `st_session=${token}`;
      expect((await suite.app.inject({ url: '/companies', headers: { cookie } })).statusCode).toBe(
        200,
      );
      await suite.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', hashToken(token))
        .execute();
      const res = await suite.app.inject({ url: '/companies', headers: { cookie } });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?next=%2Fcompanies');
      expect(
        await suite.db
          .selectFrom('sessions')
          .select('id')
          .where('id', '=', hashToken(token))
          .executeTakeFirst(),
      ).toBeUndefined();
    });

    it('sets the session cookie HttpOnly and SameSite=Lax, and stores only its SHA-256', async () => {
      const { user, password } = await createStaff(suite.db, 'billing');
      const res = await login(user.email, password);
      expect(res.statusCode).toBe(302);
      const cookie = res.cookies.find((c) => c.name === 'st_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(cookie.path).toBe('/');
      const raw = String(res.headers['set-cookie']);
      expect(raw).toMatch(/st_session=[^;]+;[^,]*HttpOnly/);
      const rows = await suite.db
        .selectFrom('sessions')
        .selectAll()
        .where('principal_id', '=', user.id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0].id).not.toBe(cookie.value);
      expect(rows[0].id).toBe(hashToken(cookie.value));
      expect(JSON.stringify(rows[0])).not.toContain(cookie.value);
      expect(
        (await suite.app.inject({ url: '/', headers: { cookie: `st_session=${cookie.value}` } }))
          .statusCode,
      ).toBe(200);
      // The stored hash is no credential: presenting it as a cookie signs nobody in.
      expect(
        (await suite.app.inject({ url: '/', headers: { cookie: `st_session=${rows[0].id}` } }))
          .statusCode,
      ).toBe(302);
    });
  });

  describe('login throttling', () => {
    // More cases (the account-wide slowdown, device cookies): features/auth/login-throttle.test.ts.
    it('after LOGIN_MAX_FAILURES_PER_ACCOUNT failures from one IP refuses even the right password there with 429, but not from elsewhere', async () => {
      const { user, password } = await createStaff(suite.db, 'technician');
      for (let i = 0; i < 3; i++)
        expect((await login(user.email, 'wrong password!', '10.0.0.1')).statusCode).toBe(422);
      const locked = await login(user.email, password, '10.0.0.1');
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toContain('Too many failed sign-in attempts');
      // Until the oldest of the three leaves the 10-minute window (real clock: a little under 600 s).
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(590);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(locked.cookies.find((c) => c.name === 'st_session')).toBeUndefined();
      // Guesses from one address do not lock the owner out elsewhere (issue 10).
      expect((await login(user.email, password, '10.0.0.9')).statusCode).toBe(302);
      // Another account is not affected.
      const other = await createStaff(suite.db, 'billing');
      expect((await login(other.user.email, other.password, '10.0.0.1')).statusCode).toBe(302);
    });

    it('counts failures per IP across accounts', async () => {
      const { user, password } = await createStaff(suite.db, 'technician');
      for (let i = 0; i < 5; i++)
        expect(
          (await login(`nobody${i}@acme.test`, 'wrong password!', '10.1.1.1')).statusCode,
        ).toBe(422);
      expect((await login(user.email, password, '10.1.1.1')).statusCode).toBe(429);
      expect((await login(user.email, password, '10.2.2.2')).statusCode).toBe(302);
    });

    it('lets failures older than the lock window expire', async () => {
      const { user, password } = await createStaff(suite.db, 'technician');
      for (let i = 0; i < 3; i++) await login(user.email, 'wrong password!');
      expect((await login(user.email, password)).statusCode).toBe(429);
      await suite.db
        .updateTable('login_failures')
        .set({ at: new Date(Date.now() - 11 * 60_000).toISOString() })
        .execute();
      expect((await login(user.email, password)).statusCode).toBe(302);
      // A successful sign-in clears that account's failures.
      expect(await count('login_failures')).toBe(0);
    });
  });

  describe('headers', () => {
    it('sends a strict Content-Security-Policy and the usual hardening headers', async () => {
      for (const url of ['/login', '/']) {
        const res = await suite.app.inject({
          url,
          headers: url === '/' ? { cookie: admin.cookie } : {},
        });
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(['DENY', 'SAMEORIGIN']).toContain(res.headers['x-frame-options']);
        expect(['no-referrer', 'same-origin', 'strict-origin-when-cross-origin']).toContain(
          res.headers['referrer-policy'],
        );
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('marks the CSRF cookie HttpOnly and SameSite=Lax as well', async () => {
      const res = await suite.app.inject({ url: '/login' });
      const c = res.cookies.find((x) => x.name === 'st_csrf')!;
      expect(c.httpOnly).toBe(true);
      expect(c.sameSite).toBe('Lax');
    });
  });
});
