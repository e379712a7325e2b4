// The demo's way in: the MSP's business profile (name, address, phone, email, a logo) and three
// staff accounts, one per working role, with random passwords printed once at the end. On an
// installation that already has users or a business profile, those are kept as they are: the demo
// never adds a second set of accounts or overwrites the business someone set up.
import { randomInt } from 'node:crypto';
import type { Role } from '../../platform/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { findProfile } from '../settings/queries.ts';
import { updateProfile } from '../settings/service.ts';
import { ValidationError } from '../../platform/errors.ts';
import { createUser } from '../users/service.ts';
import { email } from '../users/schemas.ts';
import { demoLogoPng } from './demo-logo.ts';

export const DEMO_BUSINESS = {
  name: 'Capital City IT Services',
  address: '200 S. Sixth Street, Suite 400\nSpringfield, IL 62701',
  phone: '(555) 200-0100',
  email: 'billing@capitalcity-it.example',
  timeZone: 'America/Chicago',
  currency: 'USD',
  invoicePrefix: 'INV',
};

/** The demo staff: the owner (admin), a technician who does the field work, the bookkeeper (billing). */
const DEMO_STAFF: { role: Role; name: string; email: string }[] = [
  { role: 'admin', name: 'Morgan Blake', email: 'morgan@capitalcity-it.example' },
  { role: 'technician', name: 'Sam Rivera', email: 'sam@capitalcity-it.example' },
  { role: 'billing', name: 'Pat Lee', email: 'pat@capitalcity-it.example' },
];

export type DemoProfile = { created: boolean; name: string };
export type DemoLogin = { role: Role; name: string; email: string; password: string };
export type DemoUsers = { created: DemoLogin[]; existing: number };

/** Creates the demo business profile (with its logo) unless one exists. */
export async function seedDemoProfile(ctx: Ctx): Promise<DemoProfile> {
  const existing = await findProfile(ctx.db);
  if (existing) return { created: false, name: existing.name };
  await updateProfile(ctx, { ...DEMO_BUSINESS, logo: demoLogoPng() });
  return { created: true, name: DEMO_BUSINESS.name };
}

// No 0/O, 1/l/I: read off a terminal and typed in without guessing. 4 groups of 4 from 54
// symbols: about 92 bits.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function demoPassword(): string {
  const group = () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * Creates the admin, technician and billing accounts with random passwords, unless the installation
 * already has users (then nothing is created and `existing` says how many there are).
 */
export async function seedDemoUsers(
  ctx: Ctx,
  opts: { adminEmail?: string } = {},
): Promise<DemoUsers> {
  const existing = Number(
    (
      await ctx.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (existing > 0) return { created: [], existing };
  let adminEmail: string | undefined;
  if (opts.adminEmail !== undefined) {
    const parsed = email.safeParse(opts.adminEmail);
    if (!parsed.success)
      throw new ValidationError([
        { path: '--admin-email', message: parsed.error.issues[0]?.message ?? 'Not an email' },
      ]);
    adminEmail = parsed.data;
  }
  const created: DemoLogin[] = [];
  for (const s of DEMO_STAFF) {
    const password = demoPassword();
    const user = await createUser(ctx, {
      ...s,
      email: s.role === 'admin' && adminEmail ? adminEmail : s.email,
      password,
    });
    created.push({ role: user.role, name: user.name, email: user.email, password });
  }
  return { created, existing: 0 };
}
