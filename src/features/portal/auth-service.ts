// Customer contacts are the second kind of principal. They sign in with their own password (and
// their own TOTP second factor when they turned it on), get a session in the same table under
// principal_type 'contact' and a separate cookie (st_portal), and are scoped to their own company on
// every request. Sign-in is throttled like staff sign-in (platform/throttle.ts), with its own device
// cookie (DEVICE_COOKIE.contact), issued only once the second factor is done.
// Only an active contact with portal access at an active company resolves: turning access off or
// deactivating the contact or company ends its sessions at the next request, and the contacts and
// companies services also delete the session rows (endContactSessions).
import type { Deps } from '../../platform/context.ts';
import type { ContactActor } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import {
  completeSecondFactor,
  createSession,
  resolveSession,
  type Session,
} from '../../platform/sessions.ts';
import { issueDeviceCookie } from '../../platform/device-cookies.ts';
import {
  clearLoginFailures,
  forgetLoginAttempt,
  type LoginAttempt,
  type LoginClient,
  startLoginAttempt,
} from '../../platform/throttle.ts';
import { open } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { findUser } from '../users/queries.ts';
import { findPortalContact, type PortalContact, toContactActor } from './queries.ts';
import { matchTotp } from '../auth/totp.ts';

const BAD_LOGIN = 'That email and password do not match a portal account.';

export async function setContactPassword(
  db: DbOrTrx,
  contactId: string,
  password: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ password_hash: await hashPassword(password), updated_at: nowIso() })
    .where('id', '=', contactId)
    .execute();
}

/** Ends every portal session of a contact (access off, deactivation, password set), or of a whole company. */
export async function endContactSessions(
  db: DbOrTrx,
  who: { contactId: string } | { companyId: string },
  keepSessionId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('principal_type', '=', 'contact');
  q =
    'contactId' in who
      ? q.where('principal_id', '=', who.contactId)
      : q.where('principal_id', 'in', (eb) =>
          eb.selectFrom('contacts').select('id').where('company_id', '=', who.companyId),
        );
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

const deviceCookieFor = (deps: Deps, attempt: LoginAttempt) =>
  issueDeviceCookie(deps.keyring, 'contact', attempt.account, attempt.device);

/** The email emailed links prove: a browser that set its password from one is no stranger. */
export const portalDeviceCookieAfterLink = (deps: Deps, email: string) =>
  issueDeviceCookie(deps.keyring, 'contact', `portal:${email.trim().toLowerCase()}`);

async function signedIn(deps: Deps, c: PortalContact, ip: string, secondFactor?: string) {
  await deps.db
    .updateTable('contacts')
    .set({ last_login_at: nowIso() })
    .where('id', '=', c.id)
    .execute();
  await audit(
    deps.db,
    { actor: toContactActor(c), ip },
    {
      action: 'portal.login',
      entityType: 'contact',
      entityId: c.id,
      companyId: c.companyId,
      ...(secondFactor ? { summary: { secondFactor } } : {}),
    },
  );
}

/**
 * Signs a contact in: the session token for the st_portal cookie and the value for the portal's
 * device cookie. client.deviceCookie is the browser's DEVICE_COOKIE.contact cookie, if any. With
 * two-factor on, the session waits for the code (pending2fa) and deviceCookie is '' until then.
 */
export async function loginContact(
  deps: Deps,
  emailRaw: string,
  password: string,
  client: LoginClient,
): Promise<{ token: string; deviceCookie: string; pending2fa: boolean }> {
  const email = emailRaw.trim().toLowerCase();
  if (!email || !password)
    throw new ValidationError([
      {
        path: email ? 'password' : 'email',
        message: email ? 'Enter your password' : 'Enter your email',
      },
    ]);
  const { ip } = client;
  // Counted apart from staff sign-in, under its own key, even for the same email.
  const attempt = await startLoginAttempt(deps, 'contact', `portal:${email}`, client);
  const c = await findPortalContact(deps.db, { email });
  const ok = c?.passwordHash
    ? await verifyPassword(c.passwordHash, password)
    : await burnPasswordCheck(password);
  if (!c || !ok) throw new ValidationError([{ path: 'password', message: BAD_LOGIN }], BAD_LOGIN);
  const pending2fa = c.totpEnabled;
  // Two-factor contacts count as signed in after their code: until then their failures stay.
  if (pending2fa) await forgetLoginAttempt(deps.db, attempt);
  else {
    await clearLoginFailures(deps.db, attempt);
    await signedIn(deps, c, ip);
  }
  const token = await createSession(deps.db, {
    principalType: 'contact',
    principalId: c.id,
    ttlHours: deps.config.sessionTtlHours,
    pending2fa,
    ip,
  });
  return { token, pending2fa, deviceCookie: pending2fa ? '' : deviceCookieFor(deps, attempt) };
}

/** The second step for a contact with two-factor on: a TOTP code or an unused recovery code. */
export async function verifyContactSecondFactor(
  deps: Deps,
  session: Session,
  code: string,
  client: LoginClient,
): Promise<string> {
  const c = await findPortalContact(deps.db, { id: session.principalId });
  if (!c?.totpEnabled || !c.totpSecretEnc) throw new NotFoundError();
  const attempt = await startLoginAttempt(deps, 'contact', `portal:${c.email}`, client);
  const clean = code.trim().toLowerCase();
  let via = 'totp';
  let ok = false;
  if (c.recoveryCodes.includes(hashToken(clean))) {
    ok = true;
    via = 'recovery code';
    await deps.db
      .updateTable('contacts')
      .set({
        recovery_codes: JSON.stringify(c.recoveryCodes.filter((x) => x !== hashToken(clean))),
      })
      .where('id', '=', c.id)
      .execute();
  } else {
    const step = matchTotp(open(deps.keyring, c.totpSecretEnc), clean);
    // A code is good once: a step at or before the last one accepted is a replay.
    ok = step !== null && (c.totpLastStep === null || step > c.totpLastStep);
    if (ok)
      await deps.db
        .updateTable('contacts')
        .set({ totp_last_step: step })
        .where('id', '=', c.id)
        .execute();
  }
  if (!ok)
    throw new ValidationError([
      {
        path: 'code',
        message: 'That code is not valid. Check your authenticator app and try again.',
      },
    ]);
  await clearLoginFailures(deps.db, attempt);
  await completeSecondFactor(deps.db, session.id);
  await signedIn(deps, c, client.ip, via);
  return deviceCookieFor(deps, attempt);
}

/**
 * The contact behind a live portal session, with their flags; null when the contact may no longer
 * use the portal. A "view as customer" session also needs its admin to still be an active admin.
 */
export async function contactForPortalSession(
  deps: Deps,
  session: Session,
): Promise<ContactActor | null> {
  if (session.pending2fa || session.principalType !== 'contact') return null;
  const c = await findPortalContact(deps.db, { id: session.principalId });
  if (!c) return null;
  const actor = toContactActor(c);
  if (session.actingUserId) {
    const admin = await findUser(deps.db, session.actingUserId);
    if (!admin?.active || admin.role !== 'admin') return null;
    actor.viewAs = { userId: admin.id, name: admin.name };
  }
  return actor;
}

/** The contact behind a portal cookie, or null; a staff cookie never resolves here. */
export async function contactForPortalToken(
  deps: Deps,
  token: string,
): Promise<ContactActor | null> {
  const session = await resolveSession(deps.db, token, 'contact', deps.config.sessionTtlHours);
  return session ? contactForPortalSession(deps, session) : null;
}
