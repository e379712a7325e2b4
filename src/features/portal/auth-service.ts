// Customer contacts are the second kind of principal. They sign in with their own password, get
// a session in the same table under principal_type 'contact' and a separate cookie (st_portal),
// and are scoped to their own company on every request. The portal's pages arrive in a later
// release; this is the authentication they will stand on. Sign-in is throttled like staff sign-in
// (platform/throttle.ts), with its own device cookie (DEVICE_COOKIE.contact): the pages set it.
import type { Deps } from '../../platform/context.ts';
import type { ContactActor } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { createSession, resolveSession } from '../../platform/sessions.ts';
import { issueDeviceCookie } from '../../platform/device-cookies.ts';
import {
  clearLoginFailures,
  type LoginClient,
  startLoginAttempt,
} from '../../platform/throttle.ts';
import { nowIso } from '../../lib/dates.ts';
import type { DbOrTrx } from '../../db/database.ts';

const BAD_LOGIN = 'That email and password do not match a portal account.';

/** Only an active contact with portal access, at an active company, may sign in or stay signed in. */
async function portalContact(db: DbOrTrx, where: { id?: string; email?: string }) {
  let q = db
    .selectFrom('contacts')
    .innerJoin('companies', 'companies.id', 'contacts.company_id')
    .select([
      'contacts.id',
      'contacts.company_id',
      'contacts.name',
      'contacts.email',
      'contacts.password_hash',
    ])
    .where('contacts.active', '=', 1)
    .where('contacts.portal_access', '=', 1)
    .where('companies.status', '=', 'active');
  if (where.id) q = q.where('contacts.id', '=', where.id);
  if (where.email) q = q.where('contacts.email', '=', where.email);
  // An email may appear at two companies; the portal signs in only an unambiguous one.
  const rows = await q.limit(2).execute();
  return rows.length === 1 ? rows[0] : null;
}

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

/**
 * Signs a contact in: the session token for the st_portal cookie and the value for the portal's
 * device cookie. client.deviceCookie is the browser's DEVICE_COOKIE.contact cookie, if any.
 */
export async function loginContact(
  deps: Deps,
  emailRaw: string,
  password: string,
  client: LoginClient,
): Promise<{ token: string; deviceCookie: string }> {
  const email = emailRaw.trim().toLowerCase();
  const { ip } = client;
  // Counted apart from staff sign-in, under its own key, even for the same email.
  const attempt = await startLoginAttempt(deps, 'contact', `portal:${email}`, client);
  const c = await portalContact(deps.db, { email });
  const ok = c?.password_hash
    ? await verifyPassword(c.password_hash, password)
    : await burnPasswordCheck(password);
  if (!c || !ok) throw new ValidationError([{ path: 'password', message: BAD_LOGIN }], BAD_LOGIN);
  await clearLoginFailures(deps.db, attempt);
  const actor: ContactActor = {
    type: 'contact',
    contactId: c.id,
    companyId: c.company_id,
    name: c.name,
    email,
  };
  await audit(
    deps.db,
    { actor, ip },
    { action: 'portal.login', entityType: 'contact', entityId: c.id, companyId: c.company_id },
  );
  const token = await createSession(deps.db, {
    principalType: 'contact',
    principalId: c.id,
    ttlHours: deps.config.sessionTtlHours,
    ip,
  });
  return {
    token,
    deviceCookie: issueDeviceCookie(deps.keyring, 'contact', attempt.account, attempt.device),
  };
}

/** The contact behind a portal cookie, or null; a staff cookie never resolves here. */
export async function contactForPortalToken(
  deps: Deps,
  token: string,
): Promise<ContactActor | null> {
  const session = await resolveSession(deps.db, token, 'contact', deps.config.sessionTtlHours);
  if (!session) return null;
  const c = await portalContact(deps.db, { id: session.principalId });
  return c
    ? {
        type: 'contact',
        contactId: c.id,
        companyId: c.company_id,
        name: c.name,
        email: c.email ?? '',
      }
    : null;
}
