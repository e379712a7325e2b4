// Settings use cases: the business profile and API keys. Admin only; every change audited.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { insertApiKey, listApiKeys, revokeApiKey } from '../../platform/api-keys.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { z } from 'zod';
import { role } from '../users/schemas.ts';
import { ProfileInput } from './schemas.ts';
import { findProfile, saveProfile, type BusinessProfile } from './queries.ts';
import { clearProfileCache } from './profile-cache.ts';
import { storeLogo } from './logo.ts';

export async function updateProfile(
  ctx: Ctx,
  raw: Record<string, unknown>,
): Promise<BusinessProfile> {
  assertCan(ctx.actor, 'settings.manage');
  const input = parseInput(ProfileInput, raw);
  const before = await findProfile(ctx.db);
  const newLogo = await storeLogo(ctx.storage, raw.logo);
  const logoKey = raw.removeLogo === 'on' ? null : (newLogo ?? before?.logoKey ?? null);
  const after: BusinessProfile = { ...input, logoKey, updatedAt: nowIso() };
  await ctx.db.transaction().execute(async (trx) => {
    await saveProfile(trx, after);
    await audit(trx, ctx, {
      action: 'settings.profile',
      entityType: 'settings',
      entityId: null,
      summary: before ? diff(before, after) : { created: true },
    });
  });
  clearProfileCache(ctx.db);
  return after;
}

const CreateKeyInput = z.object({
  name: z.string({ message: 'Name is required' }).trim().min(1, 'Name is required').max(200),
  role,
});

export async function createApiKey(
  ctx: Ctx,
  raw: unknown,
): Promise<{ id: string; key: string; name: string; role: string }> {
  assertCan(ctx.actor, 'apikeys.manage');
  const input = parseInput(CreateKeyInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const createdBy = ctx.actor.type === 'staff' ? ctx.actor.userId : null;
    const { id, key, prefix } = await insertApiKey(trx, { ...input, createdBy });
    await audit(trx, ctx, {
      action: 'apikey.create',
      entityType: 'api_key',
      entityId: id,
      summary: { name: input.name, role: input.role, prefix },
    });
    return { id, key, name: input.name, role: input.role };
  });
}

export async function apiKeys(ctx: Ctx) {
  assertCan(ctx.actor, 'apikeys.manage');
  return listApiKeys(ctx.db);
}

export async function revokeKey(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'apikeys.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const key = await revokeApiKey(trx, id);
    if (!key) throw new NotFoundError('No such API key.');
    await audit(trx, ctx, {
      action: 'apikey.revoke',
      entityType: 'api_key',
      entityId: id,
      summary: { name: key.name },
    });
    return key;
  });
}
