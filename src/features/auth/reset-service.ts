// One-time links to choose a password: "forgot password" and new-user invitations. The link holds a
// random token; the table holds its hash. A link works once, expires, and never says whether an
// email address has an account.
import type { Ctx, Deps } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { endAllSessions } from '../../platform/sessions.ts';
import { parseInput } from '../../platform/validation.ts';
import { addMinutes, nowIso } from '../../lib/dates.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { findUser, findUserByEmail, updateUser, type User } from '../users/queries.ts';
import { z } from 'zod';
import { password } from '../users/schemas.ts';

const LIFETIME_MINUTES = { reset: 60, invite: 60 * 24 * 7 };

export function baseUrl(deps: Deps): string {
  return deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
}

export async function createPasswordLink(
  ctx: Ctx | Deps,
  user: User,
  kind: 'reset' | 'invite',
): Promise<{ delivered: boolean; url: string }> {
  const token = randomToken();
  const now = nowIso();
  await ctx.db
    .insertInto('password_resets')
    .values({
      id: hashToken(token),
      user_id: user.id,
      created_at: now,
      expires_at: addMinutes(now, LIFETIME_MINUTES[kind]),
      used_at: null,
    })
    .execute();
  const url = `${baseUrl(ctx)}/reset-password/${token}`;
  const text =
    kind === 'invite'
      ? `Hello ${user.name},\n\nYou have been invited to SupportTracker. Choose your password here (valid for 7 days):\n\n${url}\n`
      : `Hello ${user.name},\n\nSomeone asked to reset your SupportTracker password. If it was you, choose a new one here (valid for 1 hour):\n\n${url}\n\nIf it was not you, ignore this email.`;
  const { delivered } = await ctx.mailer.send({
    to: user.email,
    subject:
      kind === 'invite' ? 'Your SupportTracker account' : 'Reset your SupportTracker password',
    text,
  });
  if (!delivered) ctx.log.warn({ email: user.email, url }, 'password link (SMTP not configured)');
  return { delivered, url };
}

/** "Forgot password": sends a link when the address belongs to an active user; silent otherwise. */
export async function requestPasswordReset(
  deps: Deps,
  rawEmail: string,
): Promise<{ delivered: boolean }> {
  const user = await findUserByEmail(deps.db, rawEmail);
  if (!user?.active) return { delivered: deps.mailer.configured };
  return createPasswordLink(deps, user, 'reset');
}

export async function findValidLink(deps: Deps, token: string): Promise<User | null> {
  const row = await deps.db
    .selectFrom('password_resets')
    .selectAll()
    .where('id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= nowIso()) return null;
  const user = await findUser(deps.db, row.user_id);
  return user?.active ? user : null;
}

const ResetInput = z
  .object({ newPassword: password, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  });

export async function completePasswordReset(
  deps: Deps,
  token: string,
  raw: unknown,
  ip?: string,
): Promise<User> {
  const input = parseInput(ResetInput, raw);
  const user = await findValidLink(deps, token);
  if (!user)
    throw new ValidationError([
      { path: 'token', message: 'This link has expired or was already used. Ask for a new one.' },
    ]);
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: nowIso() })
      .where('id', '=', hashToken(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new ValidationError([{ path: 'token', message: 'This link was already used.' }]);
    await updateUser(trx, user.id, { password_hash: hash, updated_at: nowIso() });
    await endAllSessions(trx, 'staff', user.id);
    await audit(
      trx,
      {
        actor: {
          type: 'staff',
          userId: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
        },
        ip,
      },
      { action: 'user.password_reset', entityType: 'user', entityId: user.id },
    );
  });
  return user;
}
