import type { DbOrTrx, UsersTable } from '../../db/database.ts';
import type { Role } from '../../platform/actor.ts';
import { isHome, type Home } from './home.ts';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  totpEnabled: boolean;
  /** The home page they chose; null follows their role's default (home.ts). */
  home: Home | null;
  createdAt: string;
  updatedAt: string;
};
export type UserWithSecrets = User & {
  passwordHash: string;
  totpSecretEnc: string | null;
  totpLastStep: number | null;
  recoveryCodes: string[];
};

export const toUser = (r: UsersTable): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  active: r.active === 1,
  totpEnabled: r.totp_enabled === 1,
  home: isHome(r.home) ? r.home : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const withSecrets = (r: UsersTable): UserWithSecrets => ({
  ...toUser(r),
  passwordHash: r.password_hash,
  totpSecretEnc: r.totp_secret_enc,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  recoveryCodes: r.recovery_codes ? (JSON.parse(r.recovery_codes) as string[]) : [],
});

export async function findUser(db: DbOrTrx, id: string): Promise<UserWithSecrets | null> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? withSecrets(r) : null;
}

export async function findHome(db: DbOrTrx, id: string): Promise<Home | null> {
  const r = await db.selectFrom('users').select('home').where('id', '=', id).executeTakeFirst();
  return isHome(r?.home) ? r.home : null;
}

export async function findUserByEmail(db: DbOrTrx, email: string): Promise<UserWithSecrets | null> {
  const r = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return r ? withSecrets(r) : null;
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActiveAdmins(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUsers(db: DbOrTrx): Promise<User[]> {
  // Staff are 1–20 people; a cap keeps the page bounded all the same.
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .orderBy('active', 'desc')
    .orderBy('name')
    .limit(500)
    .execute();
  return rows.map(toUser);
}

/** A page of staff by id (creation order), optionally of one role and one state. */
export async function pageUsers(
  db: DbOrTrx,
  q: { role?: Role; active?: boolean; limit: number; cursor?: string },
): Promise<{ items: User[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id')
    .limit(q.limit + 1);
  if (q.role) query = query.where('role', '=', q.role);
  if (q.active !== undefined) query = query.where('active', '=', q.active ? 1 : 0);
  if (q.cursor) query = query.where('id', '>', q.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, q.limit).map(toUser);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}

export async function insertUser(db: DbOrTrx, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: DbOrTrx,
  id: string,
  set: Partial<Omit<UsersTable, 'id'>>,
): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}
