// Sessions live in the database so any app instance can serve any request. The cookie holds a
// random token; the table holds only its SHA-256, so a copy of the database signs nobody in.
// Staff and portal contacts have separate cookies and separate session rows (principal_type).
import type { DbOrTrx } from '../db/database.ts';
import { addMinutes, nowIso } from '../lib/dates.ts';
import { hashToken, randomToken } from '../lib/tokens.ts';

export type PrincipalType = 'staff' | 'contact';
export const SESSION_COOKIE: Record<PrincipalType, string> = {
  staff: 'st_session',
  contact: 'st_portal',
};

export type Session = {
  id: string;
  principalType: PrincipalType;
  principalId: string;
  pending2fa: boolean;
  expiresAt: string;
  /** The admin behind a read-only "view as customer" portal session, else null. */
  actingUserId: string | null;
};

// Refresh last-seen at most this often, so reading pages does not write on every request.
const TOUCH_AFTER_MINUTES = 5;

export async function createSession(
  db: DbOrTrx,
  p: {
    principalType: PrincipalType;
    principalId: string;
    ttlHours: number;
    pending2fa?: boolean;
    ip?: string;
    userAgent?: string;
    actingUserId?: string;
  },
): Promise<string> {
  const token = randomToken();
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      principal_type: p.principalType,
      principal_id: p.principalId,
      pending_2fa: p.pending2fa ? 1 : 0,
      created_at: now,
      last_seen_at: now,
      expires_at: addMinutes(now, p.ttlHours * 60),
      ip: p.ip ?? null,
      user_agent: p.userAgent?.slice(0, 255) ?? null,
      ...(p.actingUserId ? { acting_user_id: p.actingUserId } : {}),
    })
    .execute();
  return token;
}

/** The live session for a cookie token, sliding its expiry forward; null when absent or expired. */
export async function resolveSession(
  db: DbOrTrx,
  token: string,
  type: PrincipalType,
  ttlHours: number,
): Promise<Session | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('principal_type', '=', type)
    .executeTakeFirst();
  if (!row) return null;
  const now = nowIso();
  if (row.expires_at <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (addMinutes(row.last_seen_at, TOUCH_AFTER_MINUTES) <= now) {
    expiresAt = addMinutes(now, ttlHours * 60);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }
  return {
    id,
    principalType: type,
    principalId: row.principal_id,
    pending2fa: row.pending_2fa === 1,
    expiresAt,
    actingUserId: row.acting_user_id ?? null,
  };
}

export const endSession = (db: DbOrTrx, sessionId: string) =>
  db.deleteFrom('sessions').where('id', '=', sessionId).execute();

export const completeSecondFactor = (db: DbOrTrx, sessionId: string) =>
  db.updateTable('sessions').set({ pending_2fa: 0 }).where('id', '=', sessionId).execute();

/** Signs a principal out everywhere (password change, deactivation), optionally keeping one session. */
export async function endAllSessions(
  db: DbOrTrx,
  type: PrincipalType,
  principalId: string,
  keepSessionId?: string,
) {
  let q = db
    .deleteFrom('sessions')
    .where('principal_type', '=', type)
    .where('principal_id', '=', principalId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export const purgeExpiredSessions = (db: DbOrTrx) =>
  db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).execute();
