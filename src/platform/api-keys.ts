// API keys authenticate the JSON API. Shown once at creation; stored as SHA-256 only; carry a role.
import type { DbOrTrx } from '../db/database.ts';
import { addMinutes, nowIso } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/tokens.ts';
import { isRole, type Role, type StaffActor } from './actor.ts';

export type ApiKey = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export async function insertApiKey(
  db: DbOrTrx,
  p: { name: string; role: Role; createdBy: string | null },
): Promise<{ id: string; key: string; prefix: string }> {
  const prefix = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
  const key = `st_${prefix}_${randomToken(32)}`;
  const id = newId();
  await db
    .insertInto('api_keys')
    .values({
      id,
      name: p.name,
      role: p.role,
      key_hash: hashToken(key),
      prefix: `st_${prefix}`,
      created_by: p.createdBy,
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, key, prefix: `st_${prefix}` };
}

export async function listApiKeys(db: DbOrTrx): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as Role,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** One key by id (revoked ones too), with the staff user who created it (null from the CLI). */
export async function findApiKey(
  db: DbOrTrx,
  id: string,
): Promise<(ApiKey & { createdBy: string | null }) | null> {
  const r = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    createdBy: r.created_by,
  };
}

export async function revokeApiKey(db: DbOrTrx, id: string): Promise<ApiKey | null> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  if (!row.revoked_at)
    await db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at ?? nowIso(),
  };
}

/** The actor for a bearer key, or null for an unknown or revoked key. */
export async function actorForApiKey(db: DbOrTrx, key: string): Promise<StaffActor | null> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hashToken(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || !isRole(row.role)) return null;
  const now = nowIso();
  if (!row.last_used_at || addMinutes(row.last_used_at, 1) <= now) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    type: 'staff',
    userId: row.created_by ?? row.id,
    name: row.name,
    email: '',
    role: row.role,
    apiKeyId: row.id,
  };
}
