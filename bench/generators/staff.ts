// The MSP itself: its business profile, an admin (whom the benchmark signs in as) and a few staff.
import argon2 from 'argon2';
import { saveProfile } from '../../src/features/settings/queries.ts';
import { insertUser } from '../../src/features/users/queries.ts';
import type { Role } from '../../src/platform/actor.ts';
import { isoAt, type GenContext } from './context.ts';

export const BENCH_ADMIN = {
  email: 'admin@bench.example',
  password: 'bench-admin-password',
  name: 'Bench Admin',
};

// The firm opened its doors here; every customer and contact is created after it.
export const FOUNDED_MS = Date.parse('2019-03-04T15:00:00.000Z');

const STAFF: Role[] = [
  'technician',
  'technician',
  'technician',
  'technician',
  'billing',
  'readonly',
];

export async function generateStaff(g: GenContext): Promise<void> {
  const { faker, trx } = g;
  // A fixed salt keeps the whole database repeatable; this is a throwaway benchmark password.
  const passwordHash = await argon2.hash(BENCH_ADMIN.password, {
    type: argon2.argon2id,
    salt: Buffer.from(faker.string.alphanumeric(16)),
  });
  const people = [{ ...BENCH_ADMIN, role: 'admin' as Role }];
  for (const role of STAFF) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    people.push({
      name: `${first} ${last}`,
      email: `${first}.${last}@northwind-it.example`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      role,
      password: '',
    });
  }
  for (const [i, p] of people.entries()) {
    const at = isoAt(FOUNDED_MS + i * 3_600_000);
    const id = g.idAt(FOUNDED_MS + i * 3_600_000);
    await insertUser(trx, {
      id,
      email: p.email,
      name: p.name,
      role: p.role,
      password_hash: passwordHash,
      active: 1,
      totp_secret_enc: null,
      totp_enabled: 0,
      totp_last_step: null,
      recovery_codes: null,
      created_at: at,
      updated_at: at,
    });
    g.world.staff.push({ id, name: p.name, email: p.email });
  }
  g.world.admin = g.world.staff[0];
  await saveProfile(trx, {
    name: 'Northwind Managed IT',
    address: `${faker.location.streetAddress()}\n${faker.location.city()}, ${faker.location.state({ abbreviated: true })} ${faker.location.zipCode('#####')}`,
    email: 'billing@northwind-it.example',
    phone: faker.phone.number({ style: 'national' }),
    logoKey: null,
    timeZone: 'America/Chicago',
    currency: 'USD',
    invoicePrefix: 'INV',
    accentColor: null,
    updatedAt: isoAt(FOUNDED_MS),
  });
}
