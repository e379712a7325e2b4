// `supporttracker demo` on a fresh install makes a world one can sign in to on its own: a business
// profile with a logo, an admin, a technician and a billing user whose printed passwords work, time
// logged by the technician; on an installation that already has users it adds no accounts.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { createStaff, memoryMailer, testDeps } from '../../../test/support/app.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { ValidationError } from '../../platform/errors.ts';
import { withActor } from '../../platform/context.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { findProfile } from '../settings/queries.ts';
import { logoType } from '../settings/logo.ts';
import { invoicePdf } from '../invoices/pdf.ts';
import { appUrl, seedDemo } from './demo.ts';
import { DEMO_BUSINESS } from './demo-users.ts';

/** The sign-ins as printed: "  role  Name  email  password: xxxx". */
const printedLogins = (out: string) =>
  [...out.matchAll(/^ {2}(admin|technician|billing) +(.+?) {2,}(\S+@\S+) +password: (\S+)$/gm)].map(
    ([, role, name, email, password]) => ({ role, name: name.trim(), email, password }),
  );

describe('demo: a world one can sign in to', () => {
  it('creates the business profile with a logo and three staff whose printed passwords verify; time is logged by the technician', async () => {
    const t = await createTestDb('sqlite');
    try {
      const deps = testDeps(t.db, 'sqlite', { mailer: memoryMailer() });
      const out = await seedDemo(deps);
      expect(out).toContain(`Business profile: ${DEMO_BUSINESS.name}`);
      expect(out).toContain('Sign in at http://localhost:3000/login');
      expect(out).toMatch(/shown only this once/);
      const logins = printedLogins(out);
      expect(logins.map((l) => l.role)).toEqual(['admin', 'technician', 'billing']);
      for (const l of logins) {
        const row = await t.db
          .selectFrom('users')
          .select(['password_hash', 'role', 'name', 'active'])
          .where('email', '=', l.email)
          .executeTakeFirstOrThrow();
        expect(row.role).toBe(l.role);
        expect(row.name).toBe(l.name);
        expect(Number(row.active)).toBe(1);
        expect(row.password_hash).toMatch(/^\$argon2id\$/);
        expect(await verifyPassword(row.password_hash, l.password)).toBe(true);
        expect(l.password.length).toBeGreaterThanOrEqual(16);
      }
      expect(new Set(logins.map((l) => l.password)).size).toBe(3);

      const profile = await findProfile(t.db);
      expect(profile).toMatchObject({
        name: DEMO_BUSINESS.name,
        address: DEMO_BUSINESS.address,
        phone: DEMO_BUSINESS.phone,
        email: DEMO_BUSINESS.email,
        timeZone: 'America/Chicago',
      });
      expect(logoType((await deps.storage.get(profile!.logoKey!))!)).toBe('image/png');

      // Time on the demo work orders, a good share of it by the technician.
      const tech = logins.find((l) => l.role === 'technician')!;
      const byTech = await t.db
        .selectFrom('time_entries')
        .innerJoin('users', 'users.id', 'time_entries.user_id')
        .select('time_entries.id')
        .where('users.email', '=', tech.email)
        .execute();
      expect(byTech.length).toBeGreaterThan(5);
      expect(out).toMatch(/ [1-9]\d* time entries/);

      // An invoice prints the business, never a placeholder.
      const inv = await t.db
        .selectFrom('invoices')
        .select('id')
        .where('status', '=', 'issued')
        .executeTakeFirstOrThrow();
      const text = await pdfText(
        (await invoicePdf(withActor(deps, { type: 'system', label: 'test' }), inv.id)).bytes,
      );
      expect(text).toContain(DEMO_BUSINESS.name);
      expect(text).toContain(`Make checks payable to: ${DEMO_BUSINESS.name}`);
      expect(text).not.toContain('payable to: Invoice');

      // Running it again changes nothing and adds no accounts.
      expect(await seedDemo(deps)).toMatch(/already has companies.*Nothing was changed/);
      expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(3);
    } finally {
      await t.destroy();
    }
  });

  it('--admin-email chooses the admin’s email (its password printed); a bad one stops before anything is made', async () => {
    const t = await createTestDb('sqlite');
    try {
      const deps = testDeps(t.db, 'sqlite', { mailer: memoryMailer() });
      await expect(seedDemo(deps, { adminEmail: 'not an email' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await t.db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await t.db.selectFrom('companies').select('id').execute()).toEqual([]);
      expect(await findProfile(t.db)).toBeNull();

      const out = await seedDemo(deps, { adminEmail: 'Owner@My-MSP.test' });
      const admin = printedLogins(out).find((l) => l.role === 'admin')!;
      expect(admin.email).toBe('owner@my-msp.test');
      const row = await t.db
        .selectFrom('users')
        .select(['password_hash', 'role'])
        .where('email', '=', 'owner@my-msp.test')
        .executeTakeFirstOrThrow();
      expect(row.role).toBe('admin');
      expect(await verifyPassword(row.password_hash, admin.password)).toBe(true);
    } finally {
      await t.destroy();
    }
  });

  it('on an installation with users and a business: no accounts added, the profile kept, and it says so', async () => {
    const t = await createTestDb('sqlite');
    try {
      const deps = testDeps(t.db, 'sqlite', { mailer: memoryMailer() });
      const { user } = await createStaff(t.db, 'admin');
      await t.db
        .insertInto('business_profile')
        .values({
          id: 'default',
          name: 'My Own MSP',
          address: null,
          email: null,
          phone: null,
          logo_key: null,
          time_zone: 'America/Denver',
          currency: 'USD',
          invoice_prefix: 'MY',
          updated_at: new Date().toISOString(),
        })
        .execute();
      const out = await seedDemo(deps, { adminEmail: 'someone@else.test' });
      expect(out).toContain('Business profile: kept yours (My Own MSP).');
      expect(out).toMatch(
        /1 user exists already, so no demo accounts were created \(--admin-email ignored\)/,
      );
      expect(printedLogins(out)).toEqual([]);
      expect(out).not.toContain('password:');
      const users = await t.db.selectFrom('users').select('id').execute();
      expect(users.map((u) => u.id)).toEqual([user.id]);
      expect((await findProfile(t.db))?.name).toBe('My Own MSP');
      // The existing admin did the demo's work.
      expect(
        (await t.db.selectFrom('time_entries').select('user_id').execute()).length,
      ).toBeGreaterThan(0);
    } finally {
      await t.destroy();
    }
  });

  it('prints the address the app will answer on', () => {
    expect(appUrl({ publicUrl: undefined, host: '0.0.0.0', port: 3000 })).toBe(
      'http://localhost:3000',
    );
    expect(appUrl({ publicUrl: undefined, host: '127.0.0.1', port: 8080 })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(appUrl({ publicUrl: undefined, host: '::1', port: 3000 })).toBe('http://[::1]:3000');
    expect(appUrl({ publicUrl: 'https://support.example.com', host: '0.0.0.0', port: 3000 })).toBe(
      'https://support.example.com',
    );
  });
});
