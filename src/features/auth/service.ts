// Staff sign-in: password (argon2id), throttled by platform/throttle.ts, then the second factor
// when the user has enrolled one. A session awaiting its second factor grants nothing else. A full
// sign-in hands the browser a device cookie, which keeps it signing in while others guess.
import type { Ctx, Deps } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { burnPasswordCheck, verifyPassword } from '../../platform/passwords.ts';
import { completeSecondFactor, createSession } from '../../platform/sessions.ts';
import { issueDeviceCookie } from '../../platform/device-cookies.ts';
import {
  clearLoginFailures,
  forgetLoginAttempt,
  type LoginAttempt,
  startLoginAttempt,
} from '../../platform/throttle.ts';
import { open, seal } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { hashToken } from '../../lib/tokens.ts';
import { findUser, findUserByEmail, updateUser } from '../users/queries.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, verifyTotp } from './totp.ts';

/** deviceCookie: set it (DEVICE_COOKIE.staff) once signed in; absent while the second factor is due. */
export type LoginResult = {
  token: string;
  pending2fa: boolean;
  userId: string;
  deviceCookie?: string;
};
/** deviceCookie: the value of the browser's DEVICE_COOKIE.staff cookie, if any. */
type Client = { ip: string; userAgent?: string; deviceCookie?: string };

const BAD_LOGIN = 'That email and password do not match an active account.';

export async function login(
  deps: Deps,
  emailRaw: string,
  password: string,
  client: Client,
): Promise<LoginResult> {
  const email = emailRaw.trim().toLowerCase();
  if (!email || !password)
    throw new ValidationError([
      {
        path: email ? 'password' : 'email',
        message: email ? 'Enter your password' : 'Enter your email',
      },
    ]);
  const attempt = await startLoginAttempt(deps, 'staff', email, client);
  const user = await findUserByEmail(deps.db, email);
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : await burnPasswordCheck(password);
  if (!user || !ok || !user.active) {
    const actor = user
      ? {
          type: 'staff' as const,
          userId: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
        }
      : { type: 'system' as const, label: `unknown <${email}>` };
    await audit(
      deps.db,
      { actor, ip: client.ip },
      { action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null },
    );
    throw new ValidationError([{ path: 'password', message: BAD_LOGIN }], BAD_LOGIN);
  }
  // Two-factor users count as signed in after their code: until then their failures stay.
  if (user.totpEnabled) await forgetLoginAttempt(deps.db, attempt);
  else await clearLoginFailures(deps.db, attempt);
  const token = await createSession(deps.db, {
    principalType: 'staff',
    principalId: user.id,
    ttlHours: deps.config.sessionTtlHours,
    pending2fa: user.totpEnabled,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  if (!user.totpEnabled)
    await audit(
      deps.db,
      {
        actor: {
          type: 'staff',
          userId: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
        },
        ip: client.ip,
      },
      { action: 'auth.login', entityType: 'user', entityId: user.id },
    );
  return {
    token,
    pending2fa: user.totpEnabled,
    userId: user.id,
    deviceCookie: user.totpEnabled ? undefined : deviceCookieFor(deps, attempt),
  };
}

const deviceCookieFor = (deps: Deps, attempt: LoginAttempt) =>
  issueDeviceCookie(deps.keyring, attempt.kind, attempt.account, attempt.device);

/** A browser that just chose a new password from the emailed link proved the account is its own. */
export const deviceCookieAfterReset = (deps: Deps, email: string) =>
  issueDeviceCookie(deps.keyring, 'staff', email.trim().toLowerCase());

/** Second step: a TOTP code or one unused recovery code. Returns the device cookie to set. */
export async function verifySecondFactor(
  deps: Deps,
  sessionId: string,
  userId: string,
  code: string,
  client: Client,
): Promise<string> {
  const user = await findUser(deps.db, userId);
  if (!user?.active || !user.totpEnabled || !user.totpSecretEnc) throw new NotFoundError();
  const attempt = await startLoginAttempt(deps, 'staff', user.email.toLowerCase(), client);
  const actor = {
    type: 'staff' as const,
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
  };
  const clean = code.trim().toLowerCase();
  let via = 'totp';
  let ok = false;
  // Recovery codes first: they must work even if the TOTP seed can no longer be decrypted.
  if (user.recoveryCodes.includes(hashToken(clean))) {
    ok = true;
    via = 'recovery code';
    await updateUser(deps.db, user.id, {
      recovery_codes: JSON.stringify(user.recoveryCodes.filter((h) => h !== hashToken(clean))),
      updated_at: nowIso(),
    });
  } else {
    const step = matchTotp(open(deps.keyring, user.totpSecretEnc), clean);
    // A code is good once: a step at or before the last one accepted is a replay.
    ok = step !== null && (user.totpLastStep === null || step > user.totpLastStep);
    if (ok) await updateUser(deps.db, user.id, { totp_last_step: step, updated_at: nowIso() });
  }
  if (!ok) {
    throw new ValidationError([
      {
        path: 'code',
        message: 'That code is not valid. Check your authenticator app and try again.',
      },
    ]);
  }
  await clearLoginFailures(deps.db, attempt);
  await completeSecondFactor(deps.db, sessionId);
  await audit(
    deps.db,
    { actor, ip: client.ip },
    { action: 'auth.login', entityType: 'user', entityId: user.id, summary: { secondFactor: via } },
  );
  return deviceCookieFor(deps, attempt);
}

/** Starts enrolment: a fresh secret kept sealed but not yet required until confirmed. */
export async function beginTotpEnrolment(ctx: Ctx): Promise<string> {
  if (ctx.actor.type !== 'staff') throw new NotFoundError();
  const secret = newTotpSecret();
  await updateUser(ctx.db, ctx.actor.userId, {
    totp_secret_enc: seal(ctx.keyring, secret),
    totp_enabled: 0,
    updated_at: nowIso(),
  });
  return secret;
}

export async function pendingTotpSecret(ctx: Ctx): Promise<string | null> {
  if (ctx.actor.type !== 'staff') return null;
  const user = await findUser(ctx.db, ctx.actor.userId);
  if (!user?.totpSecretEnc || user.totpEnabled) return null;
  return open(ctx.keyring, user.totpSecretEnc);
}

export async function confirmTotpEnrolment(ctx: Ctx, code: string): Promise<string[]> {
  if (ctx.actor.type !== 'staff') throw new NotFoundError();
  const secret = await pendingTotpSecret(ctx);
  if (!secret)
    throw new ValidationError([{ path: 'code', message: 'Start two-factor set-up again.' }]);
  if (!verifyTotp(secret, code))
    throw new ValidationError([
      {
        path: 'code',
        message: 'That code is not valid. Check the time on your phone and try again.',
      },
    ]);
  const { codes, hashes } = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, ctx.actor.type === 'staff' ? ctx.actor.userId : '', {
      totp_enabled: 1,
      recovery_codes: JSON.stringify(hashes),
      updated_at: nowIso(),
    });
    await audit(trx, ctx, {
      action: 'user.2fa_enable',
      entityType: 'user',
      entityId: ctx.actor.type === 'staff' ? ctx.actor.userId : null,
    });
  });
  return codes;
}

export async function disableTotp(ctx: Ctx, password: string): Promise<void> {
  if (ctx.actor.type !== 'staff') throw new NotFoundError();
  const user = await findUser(ctx.db, ctx.actor.userId);
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, password)))
    throw new ValidationError([{ path: 'password', message: 'That is not your current password' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_enabled: 0,
      totp_secret_enc: null,
      totp_last_step: null,
      recovery_codes: null,
      updated_at: nowIso(),
    });
    await audit(trx, ctx, { action: 'user.2fa_disable', entityType: 'user', entityId: user.id });
  });
}

/** An admin (or the CLI) turns off another user's two-factor, e.g. after a lost phone. */
export async function resetUserTotp(ctx: Ctx, userId: string): Promise<void> {
  assertCan(ctx.actor, 'users.manage');
  const user = await findUser(ctx.db, userId);
  if (!user) throw new NotFoundError('No such user.');
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_enabled: 0,
      totp_secret_enc: null,
      totp_last_step: null,
      recovery_codes: null,
      updated_at: nowIso(),
    });
    await audit(trx, ctx, {
      action: 'user.2fa_reset',
      entityType: 'user',
      entityId: user.id,
      summary: { email: user.email },
    });
  });
}
