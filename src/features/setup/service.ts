// First run: creates the first admin and the MSP's business profile in one transaction.
// Refused once any user exists, so the setup page can never be used to add a second admin.
import type { Deps } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { nowIso } from '../../lib/dates.ts';
import { z } from 'zod';
import { email, password, personName } from '../users/schemas.ts';
import { insertNewUser, isSetUp } from '../users/service.ts';
import { ProfileInput } from '../settings/schemas.ts';
import { saveProfile } from '../settings/queries.ts';
import { clearProfileCache } from '../settings/profile-cache.ts';
import { storeLogo } from '../settings/logo.ts';
import type { User } from '../users/queries.ts';

const AdminInput = z.object({ adminName: personName, adminEmail: email, adminPassword: password });

export async function completeSetup(
  deps: Deps,
  raw: Record<string, unknown>,
  ip?: string,
): Promise<User> {
  if (await isSetUp(deps.db)) throw new ConflictError('SupportTracker is already set up.');
  const admin = AdminInput.safeParse(raw);
  const profile = ProfileInput.safeParse(raw);
  const errors: FieldError[] = [];
  for (const r of [admin, profile])
    if (!r.success)
      errors.push(...r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  if (!admin.success || !profile.success) throw new ValidationError(errors);
  const logoKey = await storeLogo(deps.storage, raw.logo);
  const passwordHash = await hashPassword(admin.data.adminPassword);
  const user = await deps.db.transaction().execute(async (trx) => {
    if (await isSetUp(trx)) throw new ConflictError('SupportTracker is already set up.');
    const u = await insertNewUser(trx, {
      email: admin.data.adminEmail,
      name: admin.data.adminName,
      role: 'admin',
      passwordHash,
    });
    await saveProfile(trx, { ...profile.data, logoKey, updatedAt: nowIso() });
    const actor = {
      type: 'staff' as const,
      userId: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
    };
    await audit(
      trx,
      { actor, ip },
      {
        action: 'setup.complete',
        entityType: 'user',
        entityId: u.id,
        summary: { business: profile.data.name },
      },
    );
    return u;
  });
  clearProfileCache(deps.db);
  return user;
}
