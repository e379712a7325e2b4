// Staff accounts: create (setup, CLI, invitation), change role, deactivate, change password.
// Only admins manage users; the last active admin can never be demoted or deactivated.
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { endAllSessions } from '../../platform/sessions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { randomToken } from '../../lib/tokens.ts';
import type { DbOrTrx } from '../../db/database.ts';
import {
  ChangePasswordInput,
  ChangeRoleInput,
  CreateUserInput,
  InviteUserInput,
} from './schemas.ts';
import {
  countActiveAdmins,
  findHome,
  findUser,
  findUserByEmail,
  insertUser,
  listUsers,
  updateUser,
  type User,
} from './queries.ts';
import type { Role } from '../../platform/actor.ts';
import { createPasswordLink } from '../auth/reset-service.ts';
import { HomeInput, type Home } from './home.ts';

/** Inserts a user inside the caller's transaction; the caller checks permission and audits. */
export async function insertNewUser(
  db: DbOrTrx,
  input: { email: string; name: string; role: Role; passwordHash: string },
): Promise<User> {
  if (await findUserByEmail(db, input.email))
    throw new ValidationError([
      { path: 'email', message: 'A user with this email already exists' },
    ]);
  const now = nowIso();
  const row = {
    id: newId(),
    email: input.email,
    name: input.name,
    role: input.role,
    password_hash: input.passwordHash,
    active: 1,
    totp_secret_enc: null,
    totp_enabled: 0,
    totp_last_step: null,
    recovery_codes: null,
    created_at: now,
    updated_at: now,
  };
  await insertUser(db, row);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: input.role,
    active: true,
    totpEnabled: false,
    home: null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createUser(ctx: Ctx, raw: unknown): Promise<User> {
  assertCan(ctx.actor, 'users.manage');
  const input = parseInput(CreateUserInput, raw);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await insertNewUser(trx, { ...input, passwordHash });
    await audit(trx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      summary: { email: user.email, role: user.role },
    });
    return user;
  });
}

/** Creates the account with no usable password and emails a link to choose one. */
export async function inviteUser(
  ctx: Ctx,
  raw: unknown,
): Promise<{ user: User; delivered: boolean }> {
  assertCan(ctx.actor, 'users.manage');
  const input = parseInput(InviteUserInput, raw);
  const passwordHash = await hashPassword(randomToken());
  const user = await ctx.db.transaction().execute(async (trx) => {
    const u = await insertNewUser(trx, { ...input, passwordHash });
    await audit(trx, ctx, {
      action: 'user.invite',
      entityType: 'user',
      entityId: u.id,
      summary: { email: u.email, role: u.role },
    });
    return u;
  });
  const { delivered } = await createPasswordLink(ctx, user, 'invite');
  return { user, delivered };
}

export async function listStaff(ctx: Ctx): Promise<User[]> {
  assertCan(ctx.actor, 'users.manage');
  return listUsers(ctx.db);
}

export async function getStaff(ctx: Ctx, id: string): Promise<User> {
  assertCan(ctx.actor, 'users.manage');
  const u = await findUser(ctx.db, id);
  if (!u) throw new NotFoundError('No such user.');
  return u;
}

async function guardLastAdmin(db: DbOrTrx, user: User) {
  if (user.role === 'admin' && user.active && (await countActiveAdmins(db)) <= 1) {
    throw new ConflictError('This is the only active admin. Make someone else an admin first.');
  }
}

export async function changeRole(ctx: Ctx, id: string, raw: unknown): Promise<User> {
  assertCan(ctx.actor, 'users.manage');
  const { role } = parseInput(ChangeRoleInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, id);
    if (!user) throw new NotFoundError('No such user.');
    if (user.role === role) return user;
    if (role !== 'admin') await guardLastAdmin(trx, user);
    await updateUser(trx, id, { role, updated_at: nowIso() });
    await audit(trx, ctx, {
      action: 'user.role',
      entityType: 'user',
      entityId: id,
      summary: { role: [user.role, role] },
    });
    return { ...user, role };
  });
}

export async function setActive(ctx: Ctx, id: string, active: boolean): Promise<User> {
  assertCan(ctx.actor, 'users.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, id);
    if (!user) throw new NotFoundError('No such user.');
    if (user.active === active) return user;
    if (!active) {
      await guardLastAdmin(trx, user);
      await endAllSessions(trx, 'staff', id);
    }
    await updateUser(trx, id, { active: active ? 1 : 0, updated_at: nowIso() });
    await audit(trx, ctx, {
      action: active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: id,
      summary: { email: user.email },
    });
    return { ...user, active };
  });
}

/** A signed-in user picks their own home page (null: their role's default). */
export async function setOwnHome(ctx: Ctx, raw: unknown): Promise<Home | null> {
  if (ctx.actor.type !== 'staff' || ctx.actor.apiKeyId) throw new NotFoundError();
  const { home } = parseInput(HomeInput, raw);
  await updateUser(ctx.db, ctx.actor.userId, { home, updated_at: nowIso() });
  return home;
}

/** An admin sets another user's home page (a preference: no audit row, like the user's own). */
export async function setUserHome(ctx: Ctx, id: string, raw: unknown): Promise<User> {
  assertCan(ctx.actor, 'users.manage');
  const { home } = parseInput(HomeInput, raw);
  const user = await findUser(ctx.db, id);
  if (!user) throw new NotFoundError('No such user.');
  await updateUser(ctx.db, id, { home, updated_at: nowIso() });
  return { ...user, home };
}

/** The home page the user chose, or null when they follow their role's default. */
export const chosenHome = (db: DbOrTrx, userId: string): Promise<Home | null> =>
  findHome(db, userId);

/** A signed-in user changes their own password; their other sessions are signed out. */
export async function changeOwnPassword(
  ctx: Ctx,
  raw: unknown,
  keepSessionId?: string,
): Promise<void> {
  if (ctx.actor.type !== 'staff') throw new NotFoundError();
  const input = parseInput(ChangePasswordInput, raw);
  const user = await findUser(ctx.db, ctx.actor.userId);
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError([
      { path: 'currentPassword', message: 'That is not your current password' },
    ]);
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: hash, updated_at: nowIso() });
    await endAllSessions(trx, 'staff', user.id, keepSessionId);
    await audit(trx, ctx, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

export async function isSetUp(db: DbOrTrx): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return Boolean(r);
}
