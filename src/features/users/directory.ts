// What the JSON API tells a client about people: the staff directory (the ids that time entries and
// work order assignments name) and who the caller is. Every staff role may read the directory;
// only users.manage (admins) sees email addresses, so a low-role key cannot harvest them.
import type { Ctx } from '../../platform/context.ts';
import type { Role } from '../../platform/actor.ts';
import { findApiKey } from '../../platform/api-keys.ts';
import { ForbiddenError, UnauthorizedError } from '../../platform/errors.ts';
import { assertCan, can, PERMISSIONS, type Permission } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { findUser, pageUsers } from './queries.ts';
import { ListUsersQuery } from './schemas.ts';

export type StaffEntry = {
  id: string;
  name: string;
  /** null unless the caller may manage users. */
  email: string | null;
  role: Role;
  active: boolean;
};

export async function pageStaff(
  ctx: Ctx,
  raw: unknown,
): Promise<{ items: StaffEntry[]; nextCursor: string | null }> {
  assertCan(ctx.actor, 'users.read');
  const q = parseInput(ListUsersQuery, raw);
  const seesEmail = can(ctx.actor, 'users.manage');
  const page = await pageUsers(ctx.db, q);
  return {
    items: page.items.map((u) => ({
      id: u.id,
      name: u.name,
      email: seesEmail ? u.email : null,
      role: u.role,
      active: u.active,
    })),
    nextCursor: page.nextCursor,
  };
}

export type Me = {
  kind: 'apiKey' | 'session';
  /** The staff user acted as: the signed-in user, or the user who created the key (null: made on the CLI). */
  userId: string | null;
  name: string | null;
  email: string | null;
  /** The role permissions follow: a key's own role, which may differ from its creator's. */
  role: Role;
  permissions: Permission[];
  apiKey: {
    id: string;
    name: string;
    prefix: string;
    createdAt: string;
    lastUsedAt: string | null;
  } | null;
};

const granted = (role: Role) =>
  (Object.keys(PERMISSIONS) as Permission[])
    .filter((p) => (PERMISSIONS[p] as readonly Role[]).includes(role))
    .sort((a, b) => (a < b ? -1 : 1));

export async function whoAmI(ctx: Ctx): Promise<Me> {
  const actor = ctx.actor;
  if (actor.type !== 'staff') throw new ForbiddenError('Only staff have an API identity.');
  if (!actor.apiKeyId)
    return {
      kind: 'session',
      userId: actor.userId,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      permissions: granted(actor.role),
      apiKey: null,
    };
  const key = await findApiKey(ctx.db, actor.apiKeyId);
  if (!key) throw new UnauthorizedError('This API key no longer exists.');
  const user = key.createdBy ? await findUser(ctx.db, key.createdBy) : null;
  return {
    kind: 'apiKey',
    userId: user?.id ?? null,
    name: user?.name ?? null,
    email: user?.email ?? null,
    role: actor.role,
    permissions: granted(actor.role),
    apiKey: {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
    },
  };
}
