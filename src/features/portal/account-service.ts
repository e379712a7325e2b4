// What a contact changes about themselves in the portal: name and phone, password, email
// preferences and their own TOTP second factor (the staff TOTP code, auth/totp.ts; the seed is
// sealed with the vault key ring). Each change is one audited write with the contact as actor.
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { parseInput } from '../../platform/validation.ts';
import { open, seal } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { password } from '../users/schemas.ts';
import { newRecoveryCodes, newTotpSecret, verifyTotp } from '../auth/totp.ts';
import { endContactSessions } from './auth-service.ts';
import type { PortalCtx } from './context.ts';
import { findPortalContact, type PortalContact, setPortalContactFields } from './queries.ts';

export const ProfileInput = z.object({
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(200, 'Name must be at most 200 characters'),
  phone: z
    .string({ message: 'Phone must be text' })
    .trim()
    .max(50, 'Phone must be at most 50 characters')
    .nullish()
    .transform((v) => v || null),
});

const PasswordInput = z
  .object({
    currentPassword: z
      .string({ message: 'Enter your current password' })
      .min(1, 'Enter your current password'),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  });

export const PreferencesInput = z.object({
  invoiceEmails: z.boolean({ message: 'Invoice emails must be true or false' }),
  workOrderEmails: z.boolean({ message: 'Work order updates must be true or false' }),
});

export async function accountOf(p: PortalCtx): Promise<PortalContact> {
  const c = await findPortalContact(p.ctx.db, { id: p.contact.contactId });
  if (!c) throw new NotFoundError();
  return c;
}

const log = (p: PortalCtx, action: string, summary?: Record<string, unknown>) =>
  audit(p.ctx.db, p.ctx, {
    action,
    entityType: 'contact',
    entityId: p.contact.contactId,
    companyId: p.companyId,
    summary,
  });

export async function updatePortalProfile(p: PortalCtx, raw: unknown): Promise<void> {
  const input = parseInput(ProfileInput, raw);
  const before = await accountOf(p);
  await p.ctx.db.transaction().execute(async (trx) => {
    await setPortalContactFields(trx, before.id, input, nowIso());
    await audit(trx, p.ctx, {
      action: 'portal.profile_update',
      entityType: 'contact',
      entityId: before.id,
      companyId: p.companyId,
      summary: { name: [before.name, input.name], phone: [before.phone, input.phone] },
    });
  });
}

export async function changePortalPassword(
  p: PortalCtx,
  raw: unknown,
  keepSessionId?: string,
): Promise<void> {
  const input = parseInput(PasswordInput, raw);
  const c = await accountOf(p);
  if (!c.passwordHash || !(await verifyPassword(c.passwordHash, input.currentPassword)))
    throw new ValidationError([
      { path: 'currentPassword', message: 'That is not your current password' },
    ]);
  const hash = await hashPassword(input.newPassword);
  await p.ctx.db.transaction().execute(async (trx) => {
    await setPortalContactFields(trx, c.id, { password_hash: hash }, nowIso());
    await endContactSessions(trx, { contactId: c.id }, keepSessionId);
    await audit(trx, p.ctx, {
      action: 'portal.password_change',
      entityType: 'contact',
      entityId: c.id,
      companyId: p.companyId,
    });
  });
}

export async function setPortalPreferences(p: PortalCtx, raw: unknown): Promise<void> {
  const input = parseInput(PreferencesInput, raw);
  await setPortalContactFields(
    p.ctx.db,
    p.contact.contactId,
    { invoice_emails: input.invoiceEmails ? 1 : 0, email_opt_out: input.workOrderEmails ? 0 : 1 },
    nowIso(),
  );
  await log(p, 'portal.preferences', input);
}

/** A fresh secret, sealed, not yet required; or the one already waiting for its first code. */
export async function portalTotpSecret(p: PortalCtx): Promise<string | null> {
  const c = await accountOf(p);
  if (c.totpEnabled) return null;
  if (c.totpSecretEnc) return open(p.ctx.keyring, c.totpSecretEnc);
  const secret = newTotpSecret();
  await setPortalContactFields(
    p.ctx.db,
    c.id,
    { totp_secret_enc: seal(p.ctx.keyring, secret), totp_enabled: 0 },
    nowIso(),
  );
  return secret;
}

/** Turns two-factor on once the contact types a code from their app; returns the recovery codes. */
export async function confirmPortalTotp(p: PortalCtx, code: string): Promise<string[]> {
  const c = await accountOf(p);
  if (c.totpEnabled || !c.totpSecretEnc)
    throw new ValidationError([{ path: 'code', message: 'Start two-factor set-up again.' }]);
  if (!verifyTotp(open(p.ctx.keyring, c.totpSecretEnc), code))
    throw new ValidationError([
      {
        path: 'code',
        message: 'That code is not valid. Check the time on your phone and try again.',
      },
    ]);
  const { codes, hashes } = newRecoveryCodes();
  await p.ctx.db.transaction().execute(async (trx) => {
    await setPortalContactFields(
      trx,
      c.id,
      { totp_enabled: 1, recovery_codes: JSON.stringify(hashes) },
      nowIso(),
    );
    await audit(trx, p.ctx, {
      action: 'portal.2fa_enable',
      entityType: 'contact',
      entityId: c.id,
      companyId: p.companyId,
    });
  });
  return codes;
}

export async function disablePortalTotp(p: PortalCtx, currentPassword: string): Promise<void> {
  const c = await accountOf(p);
  if (!c.passwordHash || !(await verifyPassword(c.passwordHash, currentPassword)))
    throw new ValidationError([{ path: 'password', message: 'That is not your current password' }]);
  await setPortalContactFields(
    p.ctx.db,
    c.id,
    { totp_enabled: 0, totp_secret_enc: null, totp_last_step: null, recovery_codes: null },
    nowIso(),
  );
  await log(p, 'portal.2fa_disable');
}
