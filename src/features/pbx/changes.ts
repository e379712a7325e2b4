// Changes made from the app: add, rename or remove an extension through FreePBX's GraphQL
// mutations, then Apply Config (doreload, polled until executed or failed). Only a change FreePBX
// accepted and applied is audited (with before and after) and followed by a sync, so the next
// snapshot shows it; a refusal or a failed reload is reported with FreePBX's message and nothing
// is recorded as done.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { open } from '../../lib/crypto.ts';
import { applyConfig, FreePbxError, mutate, type PbxConfig } from './freepbx.ts';
import { findSealedSecret, latestSnapshot } from './queries.ts';
import { getPbx, syncPbx, type SyncResult } from './service.ts';

const number = z
  .string({ message: 'Extension number is required' })
  .trim()
  .regex(/^\d{2,10}$/, 'Extension number must be 2 to 10 digits');
const name = z
  .string({ message: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name must be at most 100 characters');

export const ExtensionChange = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('add'),
    number,
    name,
    email: z.string().trim().email('Email must be an email address such as fd@customer.example'),
    voicemail: z.boolean().optional().default(false),
  }),
  z.object({ action: z.literal('rename'), number, name }),
  z.object({ action: z.literal('remove'), number }),
]);

/** Tests shorten the reload polling. */
export const reloadPolling = { ms: 500, tries: 60 };

export async function changeExtension(
  ctx: Ctx,
  pbxId: string,
  raw: unknown,
  companyId?: string,
): Promise<SyncResult> {
  assertCan(ctx.actor, 'pbx.manage');
  const input = parseInput(ExtensionChange, raw);
  const pbx = await getPbx(ctx, pbxId, companyId);
  const sealed = await findSealedSecret(ctx.db, pbxId);
  if (!pbx.clientId || !sealed)
    throw new ValidationError([
      { path: 'clientId', message: 'Enter the API client id and secret first' },
    ]);
  const conn = {
    hostUrl: pbx.hostUrl,
    clientId: pbx.clientId,
    clientSecret: open(ctx.keyring, sealed),
  };
  const last = await latestSnapshot(ctx.db, pbxId);
  const before =
    (last ? (JSON.parse(last.content) as PbxConfig) : null)?.extensions.find(
      (e) => e.number === input.number,
    ) ?? null;
  try {
    if (input.action === 'add')
      await mutate(conn, 'addExtension', {
        extensionId: input.number,
        name: input.name,
        email: input.email,
        tech: 'pjsip',
        vmEnable: input.voicemail,
        umEnable: false,
      });
    else if (input.action === 'rename')
      await mutate(conn, 'updateExtension', { extensionId: input.number, name: input.name });
    else await mutate(conn, 'deleteExtension', { extensionId: input.number });
    await applyConfig(conn, reloadPolling.ms, reloadPolling.tries);
  } catch (err) {
    if (!(err instanceof FreePbxError)) throw err;
    throw new AppError(
      `FreePBX did not make the change: ${err.message} Nothing was recorded as done.`,
      502,
      'PBX change failed',
    );
  }
  await audit(ctx.db, ctx, {
    action: `pbx.extension.${input.action}`,
    entityType: 'pbx_system',
    entityId: pbxId,
    companyId: pbx.companyId,
    summary: {
      extension: input.number,
      before: before ? { name: before.name } : null,
      after: input.action === 'remove' ? null : { name: input.name },
    },
  });
  return syncPbx(ctx, pbxId, companyId);
}
