// First run: an empty installation leads everyone to /setup until the first admin and the business
// profile exist; after that /setup is closed for good. Also the CLI's way of creating users.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { testApp } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { hashToken } from '../../lib/tokens.ts';
import { clearProfileCache } from '../settings/profile-cache.ts';
import { createUser } from '../users/service.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR-not-a-real-image-but-png-magic'),
]);

const valid = {
  adminName: 'Olivia Owner',
  adminEmail: 'Olivia@Acme.test',
  adminPassword: 'a long enough passphrase',
  name: 'Acme IT Services',
  address: '1 Main St\nSpringfield',
  email: 'billing@acme.test',
  phone: '555-0100',
  timeZone: 'America/Chicago',
  currency: 'usd',
  invoicePrefix: 'INV',
};

/** A multipart/form-data body exactly as a browser would send the setup form. */
async function multipart(
  fields: Record<string, string>,
  file?: { name: string; filename: string; type: string; data: Buffer },
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file)
    fd.append(file.name, new Blob([new Uint8Array(file.data)], { type: file.type }), file.filename);
  const res = new Response(fd);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    contentType: res.headers.get('content-type')!,
  };
}

describe.each(DIALECTS)('first-run setup on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false, profile: false });
  let app: FastifyInstance;

  const count = async (table: 'users' | 'business_profile' | 'sessions' | 'audit_log') =>
    Number(
      (
        await suite.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** GET /setup, then POST the form with its CSRF token and cookie. */
  const submit = async (fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) => {
    const page = await app.inject({ url: '/setup' });
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const csrfCookie = page.cookies.find((c) => c.name === 'st_csrf')!;
    const body = await multipart({ _csrf: csrf, ...fields }, file);
    return app.inject({
      method: 'POST',
      url: '/setup',
      headers: { cookie: `st_csrf=${csrfCookie.value}`, 'content-type': body.contentType },
      payload: body.payload,
    });
  };

  afterAll(async () => {
    await app?.close();
  });
  // The setup guard remembers "set up" for the life of an app, so each test gets a fresh app on an
  // emptied database, as a fresh installation would.
  beforeEach(async () => {
    await app?.close();
    clearProfileCache(suite.db);
    app = await testApp(suite.deps);
  });

  it('sends every page to /setup while no user exists, but leaves health and the API alone', async () => {
    for (const url of [
      '/',
      '/login',
      '/companies',
      '/settings/users',
      '/account',
      '/forgot-password',
      '/no-such-page',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toBe('/setup');
    }
    expect((await app.inject({ url: '/setup' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/companies' })).statusCode).toBe(401);
  });

  it('creates the admin and the business profile, signs in, and closes /setup for good', async () => {
    const res = await submit(valid, {
      name: 'logo',
      filename: 'logo.png',
      type: 'image/png',
      data: PNG,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = res.cookies.find((c) => c.name === 'st_session')!;
    expect(session.httpOnly).toBe(true);

    const user = await suite.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      email: 'olivia@acme.test',
      name: 'Olivia Owner',
      role: 'admin',
      active: 1,
    });
    expect(user.password_hash).not.toContain(valid.adminPassword);
    expect(await verifyPassword(user.password_hash, valid.adminPassword)).toBe(true);
    const profile = await suite.db
      .selectFrom('business_profile')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({
      name: 'Acme IT Services',
      email: 'billing@acme.test',
      time_zone: 'America/Chicago',
      currency: 'USD',
      invoice_prefix: 'INV',
    });
    expect(profile.logo_key).toMatch(/^logos\/.+\.png$/);
    const sessionRow = await suite.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(sessionRow).toMatchObject({
      id: hashToken(session.value),
      principal_id: user.id,
      pending_2fa: 0,
    });
    const audit = await suite.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(['setup.complete']);

    // Signed in as the new admin, on the dashboard with the business name.
    const cookie = `st_session=${session.value}`;
    const home = await app.inject({ url: '/', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Hello, Olivia');
    expect(home.body).toContain('Acme IT Services');
    expect((await app.inject({ url: '/settings/users', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const logo = await app.inject({ url: '/settings/logo', headers: { cookie } });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.rawPayload.equals(PNG)).toBe(true);

    // /setup is gone: GET and POST both go to sign-in, and no second admin can be made.
    expect((await app.inject({ url: '/setup' })).headers.location).toBe('/login');
    const page = await app.inject({ url: '/login' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const body = await multipart({ _csrf: csrf, ...valid, adminEmail: 'intruder@evil.test' });
    const again = await app.inject({
      method: 'POST',
      url: '/setup',
      headers: {
        cookie: `st_csrf=${page.cookies.find((c) => c.name === 'st_csrf')!.value}`,
        'content-type': body.contentType,
      },
      payload: body.payload,
    });
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('/login');
    expect(await count('users')).toBe(1);
    // A fresh app on the same database (a restart) also knows it is set up.
    const restarted = await testApp(suite.deps);
    try {
      expect((await restarted.inject({ url: '/setup' })).headers.location).toBe('/login');
      expect((await restarted.inject({ url: '/login' })).statusCode).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('re-renders with a message beside each bad field (422) and creates nothing', async () => {
    const res = await submit({
      ...valid,
      adminEmail: 'not-an-email',
      adminPassword: 'short',
      name: '',
      timeZone: 'Mars/Base',
      invoicePrefix: 'inv 2026!',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter an email address like name@example.com');
    expect(res.body).toContain('Password must be at least 10 characters');
    expect(res.body).toContain('Business name is required');
    expect(res.body).toContain('Choose a time zone from the list');
    expect(res.body).toContain('Use 1–10 capital letters, digits or dashes');
    expect(res.body).toContain('Please correct the 5 fields marked below.');
    // What the user typed comes back, except the password.
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).toContain('value="Olivia Owner"');
    expect(res.body).not.toContain('value="short"');
    expect(await count('users')).toBe(0);
    expect(await count('business_profile')).toBe(0);
    expect(await count('sessions')).toBe(0);
    expect(res.cookies.find((c) => c.name === 'st_session')).toBeUndefined();
    // Still not set up.
    expect((await app.inject({ url: '/' })).headers.location).toBe('/setup');
  });

  it('refuses a blank business name with the error beside that field, and creates nothing', async () => {
    const res = await submit({ ...valid, name: '   ' });
    expect(res.statusCode).toBe(422);
    // One error: the summary at the top says which.
    expect(res.body).toMatch(/role="alert">Business name is required</);
    // The message sits under the Business name input, which is marked invalid and points to it.
    expect(res.body).toMatch(
      /<input class="form-control is-invalid" id="f-name" name="name"[^>]*aria-invalid="true"[^>]*aria-describedby="f-name-error"/,
    );
    expect(res.body).toMatch(/id="f-name-error">Business name is required</);
    expect(await count('users')).toBe(0);
    expect(await count('business_profile')).toBe(0);
  });

  it('offers the time zones grouped by region, by city, searchable, the browser’s zone preselected by script', async () => {
    const page = await app.inject({ url: '/setup' });
    const select = /<select[^>]*id="f-timeZone"[\s\S]*?<\/select>/.exec(page.body)![0];
    expect(select).toMatch(/data-tz-browser-default[\s>]/);
    const groups = [...select.matchAll(/<optgroup label="([^"]+)"/g)].map((m) => m[1]);
    expect(groups.slice(0, 3)).toEqual(['America', 'Europe', 'Asia']);
    expect(groups).toContain('Other');
    // Shown by city with spaces, valued by IANA name; New York until the browser says otherwise.
    expect(select).toMatch(
      /<option value="America\/New_York" selected>New York \(UTC-[45]\)<\/option>/,
    );
    expect(select).toMatch(
      /<option value="America\/North_Dakota\/New_Salem">New Salem, North Dakota \(UTC-[56]\)</,
    );
    expect(select).toMatch(/<option value="UTC">UTC<\/option>/);
    const labels = [...select.matchAll(/<option [^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(300);
    expect(labels.filter((l) => l.includes('_') || l.startsWith('America/'))).toEqual([]);
    expect(page.body).toMatch(/<input[^>]*type="search"[^>]*id="f-timeZone-search"[^>]*hidden/);
    expect(page.body).toContain('<script src="/public/timezone.js" defer></script>');
    expect((await app.inject({ url: '/public/timezone.js' })).statusCode).toBe(200);
    // After an error the zone chosen comes back and the script leaves it alone.
    const res = await submit({ ...valid, name: '', timeZone: 'Europe/Berlin' });
    expect(res.body).toMatch(/<option value="Europe\/Berlin" selected>Berlin \(UTC\+[12]\)/);
    expect(res.body).not.toContain('data-tz-browser-default');
  });

  it('refuses a logo that is not an image, naming the logo field, and creates nothing', async () => {
    const res = await submit(valid, {
      name: 'logo',
      filename: 'logo.png',
      type: 'image/png',
      data: Buffer.from('<svg onload="alert(1)"></svg> pretending to be a PNG'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('The logo must be a PNG or JPEG image');
    expect(res.body).toMatch(/class="form-control is-invalid" type="file" id="f-logo" name="logo"/);
    expect(await count('users')).toBe(0);
    expect(await count('business_profile')).toBe(0);
  });

  it('refuses the form without its CSRF token', async () => {
    const body = await multipart(valid);
    const res = await app.inject({
      method: 'POST',
      url: '/setup',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
    expect(await count('users')).toBe(0);
  });

  describe('CLI: createUser as the system actor', () => {
    const cli = () => withActor(suite.deps, { type: 'system', label: 'cli' });

    it('creates a user with a usable password and audits it', async () => {
      const user = await createUser(cli(), {
        email: 'Ops@Acme.test',
        name: 'Ops Person',
        role: 'technician',
        password: 'a long enough passphrase',
      });
      expect(user).toMatchObject({ email: 'ops@acme.test', role: 'technician', active: true });
      const row = await suite.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(row.password_hash, 'a long enough passphrase')).toBe(true);
      const audit = await suite.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
      expect(audit).toMatchObject({
        action: 'user.create',
        entity_id: user.id,
        actor_label: 'cli',
      });
      // The installation counts as set up once the CLI made a user.
      expect((await app.inject({ url: '/setup' })).headers.location).toBe('/login');
    });

    it('rejects a short password, naming the password field, and creates nothing', async () => {
      let caught: unknown;
      try {
        await createUser(cli(), {
          email: 'ops@acme.test',
          name: 'Ops',
          role: 'admin',
          password: 'short',
        });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).errors).toEqual([
        { path: 'password', message: 'Password must be at least 10 characters' },
      ]);
      expect(await count('users')).toBe(0);
    });

    it('rejects an unknown role and a duplicate email by field', async () => {
      await expect(
        createUser(cli(), {
          email: 'a@acme.test',
          name: 'A',
          role: 'owner',
          password: 'a long enough passphrase',
        }),
      ).rejects.toMatchObject({
        errors: [{ path: 'role' }],
      });
      await createUser(cli(), {
        email: 'a@acme.test',
        name: 'A',
        role: 'readonly',
        password: 'a long enough passphrase',
      });
      await expect(
        createUser(cli(), {
          email: 'A@acme.test',
          name: 'B',
          role: 'readonly',
          password: 'a long enough passphrase',
        }),
      ).rejects.toMatchObject({
        errors: [{ path: 'email', message: 'A user with this email already exists' }],
      });
    });
  });
});
