// One-time links for portal contacts: the invite staff send (valid 72 hours) and "forgot password"
// (valid 1 hour). The email holds a random token; portal_links holds its SHA-256 (lib/tokens.ts),
// so a database copy opens nothing. A link works once, a newer one replaces the older, and the
// forgot-password form never says whether an address has an account. Without SMTP the link is
// written to the log, as the staff reset does.
import { z } from 'zod';
import type { Ctx, Deps } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { parseInput } from '../../platform/validation.ts';
import { addMinutes, nowIso } from '../../lib/dates.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { password } from '../users/schemas.ts';
import { findContact } from '../contacts/queries.ts';
import { endContactSessions } from './auth-service.ts';
import {
  findPortalContact,
  findPortalLink,
  insertPortalLink,
  type PortalContact,
  portalBranding,
  setPortalContactFields,
  toContactActor,
  usePortalLink,
} from './queries.ts';

export const LINK_LIFETIME_MINUTES = { invite: 72 * 60, reset: 60 } as const;

/** Where customers reach the portal: PORTAL_HOST when set, else the staff address. */
export function portalBaseUrl(deps: Deps): string {
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  if (!deps.config.portalHost) return base;
  const scheme = base.startsWith('http://') ? 'http' : 'https';
  return `${scheme}://${deps.config.portalHost}`;
}

async function sendLink(
  deps: Deps,
  c: { id: string; name: string; email: string },
  kind: 'invite' | 'reset',
) {
  const token = randomToken();
  const now = nowIso();
  const expiresAt = addMinutes(now, LINK_LIFETIME_MINUTES[kind]);
  await insertPortalLink(deps.db, {
    hash: hashToken(token),
    contactId: c.id,
    kind,
    now,
    expiresAt,
  });
  const url = `${portalBaseUrl(deps)}/portal/set-password/${token}`;
  const brand = await portalBranding(deps.db);
  const text =
    kind === 'invite'
      ? `Hello ${c.name},\n\n${brand.name} has opened a customer portal account for you. Choose your password here (the link works once, for 72 hours):\n\n${url}\n\nAfterwards you sign in at ${portalBaseUrl(deps)}/portal/login with ${c.email}.\n`
      : `Hello ${c.name},\n\nSomeone asked to reset your ${brand.name} portal password. If it was you, choose a new one here (valid for 1 hour):\n\n${url}\n\nIf it was not you, ignore this email.\n`;
  const { delivered } = await deps.mailer.send({
    to: c.email,
    subject:
      kind === 'invite'
        ? `Your ${brand.name} customer portal account`
        : `Reset your ${brand.name} portal password`,
    text,
  });
  if (!delivered)
    deps.log.warn({ email: c.email, url }, 'portal password link (SMTP not configured)');
  return { delivered, url, expiresAt };
}

/** Staff press Invite / Resend on the contact page (or POST .../portal-invite). */
export async function inviteContact(ctx: Ctx, companyId: string, contactId: string) {
  assertCan(ctx.actor, 'contacts.write');
  const contact = await findContact(ctx.db, companyId, contactId);
  if (!contact) throw new NotFoundError('No such contact.');
  const pc = await findPortalContact(ctx.db, { id: contactId });
  if (!pc)
    throw new ValidationError(
      [
        {
          path: 'portalAccess',
          message: contact.email
            ? 'Turn on portal access for this contact (and keep the contact and company active) before inviting them'
            : 'This contact needs an email address and portal access before they can be invited',
        },
      ],
      'This contact cannot be invited yet.',
    );
  const sent = await sendLink(ctx, pc, 'invite');
  await audit(ctx.db, ctx, {
    action: 'portal.invite',
    entityType: 'contact',
    entityId: contactId,
    companyId,
    summary: { sentTo: pc.email, expiresAt: sent.expiresAt, delivered: sent.delivered },
  });
  return { sentTo: pc.email, expiresAt: sent.expiresAt, delivered: sent.delivered, url: sent.url };
}

/** "Forgot password": a link when the address belongs to a portal contact; silent otherwise. */
export async function requestPortalReset(deps: Deps, rawEmail: string): Promise<void> {
  const c = await findPortalContact(deps.db, { email: rawEmail.trim().toLowerCase() });
  if (c) await sendLink(deps, c, 'reset');
}

/** The contact a link may still set a password for, with the link's kind; null when spent or expired. */
export async function findValidPortalLink(
  deps: Deps,
  token: string,
): Promise<{ contact: PortalContact; kind: 'invite' | 'reset' } | null> {
  if (!token || token.length > 100) return null;
  const row = await findPortalLink(deps.db, hashToken(token));
  if (!row || row.used_at || row.expires_at <= nowIso()) return null;
  const contact = await findPortalContact(deps.db, { id: row.contact_id });
  return contact ? { contact, kind: row.kind } : null;
}

const SetPasswordInput = z
  .object({ newPassword: password, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  });

/** Sets the password from a link: the link is spent, every old session ends, one audit row. */
export async function completePortalLink(
  deps: Deps,
  token: string,
  raw: unknown,
  ip?: string,
): Promise<PortalContact> {
  const input = parseInput(SetPasswordInput, raw);
  const found = await findValidPortalLink(deps, token);
  if (!found)
    throw new ValidationError([
      { path: 'token', message: 'This link has expired or was already used. Ask for a new one.' },
    ]);
  const hash = await hashPassword(input.newPassword);
  const { contact, kind } = found;
  await deps.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (!(await usePortalLink(trx, hashToken(token), now)))
      throw new ValidationError([{ path: 'token', message: 'This link was already used.' }]);
    await setPortalContactFields(trx, contact.id, { password_hash: hash }, now);
    await endContactSessions(trx, { contactId: contact.id });
    await audit(
      trx,
      { actor: toContactActor(contact), ip },
      {
        action: 'portal.password_set',
        entityType: 'contact',
        entityId: contact.id,
        companyId: contact.companyId,
        summary: { via: kind === 'invite' ? 'invite link' : 'reset link' },
      },
    );
  });
  return contact;
}
