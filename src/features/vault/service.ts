// Vault use cases. Guarantees: secrets are sealed (AES-256-GCM, lib/crypto.ts) before they reach
// the database; reading returns metadata only; a secret leaves only through revealCredential, which
// needs credentials.reveal and writes its audit row in the same transaction. Audit summaries name
// changed secret fields ("changed"/"removed"), never values. Decryption failures fail closed.
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { open, seal } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { listAudit } from '../audit/queries.ts';
import { currentTotp } from '../auth/totp.ts';
import {
  ApiListQuery,
  CreateCredentialInput,
  ListCredentialsQuery,
  RevealInput,
  UpdateCredentialInput,
} from './schemas.ts';
import {
  companyAssetChoices,
  findAssetHeading,
  findCompanyHeading,
  findSealed,
  insertCredential,
  listCredentials,
  listCredentialsAfter,
  softDeleteCredential,
  updateCredentialRow,
  type Credential,
  type CredentialRecord,
  type Sealed,
} from './queries.ts';

const NOT_FOUND = 'No such vault entry.';

/** The asset's name when it belongs to the company; a field error otherwise. */
async function assertAssetOf(
  db: DbOrTrx,
  companyId: string,
  assetId: string | null,
): Promise<string | null> {
  if (!assetId) return null;
  const asset = await findAssetHeading(db, assetId);
  if (!asset || asset.companyId !== companyId)
    throw new ValidationError([
      { path: 'assetId', message: 'The asset must be one of this company’s assets' },
    ]);
  return asset.name;
}

const sealOrNull = (ctx: Ctx, v: string | null) => (v === null ? null : seal(ctx.keyring, v));

export async function createCredential(
  ctx: Ctx,
  companyId: string,
  raw: unknown,
): Promise<Credential> {
  assertCan(ctx.actor, 'credentials.write');
  const input = parseInput(CreateCredentialInput, raw);
  const now = nowIso();
  const record: CredentialRecord = {
    id: newId(),
    companyId,
    assetId: input.assetId,
    kind: input.kind,
    label: input.label,
    username: input.username,
    url: input.url,
    tags: input.tags,
    passwordEnc: sealOrNull(ctx, input.password),
    totpEnc: sealOrNull(ctx, input.totpSecret),
    notesEnc: sealOrNull(ctx, input.notes),
    createdAt: now,
    updatedAt: now,
  };
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findCompanyHeading(trx, companyId)))
      throw new ValidationError([{ path: 'companyId', message: 'No such company' }]);
    await assertAssetOf(trx, companyId, input.assetId);
    await insertCredential(trx, record);
    const secrets = Object.fromEntries(
      (['password', 'totp', 'notes'] as const)
        .filter((k) => record[`${k}Enc`] !== null)
        .map((k) => [k, 'set']),
    );
    await audit(trx, ctx, {
      action: 'credential.create',
      entityType: 'credential',
      entityId: record.id,
      companyId,
      summary: { label: record.label, kind: record.kind, username: record.username, ...secrets },
    });
    const found = await findSealed(trx, record.id);
    return found!.credential;
  });
}

export async function getCredential(ctx: Ctx, id: string): Promise<Credential> {
  assertCan(ctx.actor, 'credentials.read');
  const found = await findSealed(ctx.db, id);
  if (!found) throw new NotFoundError(NOT_FOUND);
  return found.credential;
}

/** Changed metadata as old -> new; changed secrets by name only. */
function changesOf(
  before: Credential,
  after: CredentialRecord & { assetName: string | null },
  sealedBefore: Sealed,
  secretsSent: Record<'password' | 'totp' | 'notes', string | null | undefined>,
) {
  const changes: Record<string, unknown> = {};
  for (const k of ['label', 'username', 'url'] as const)
    if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
  if (before.assetId !== after.assetId) changes.asset = [before.assetName, after.assetName];
  if (before.tags.join(', ') !== after.tags.join(', '))
    changes.tags = [before.tags.join(', ') || null, after.tags.join(', ') || null];
  for (const k of ['password', 'totp', 'notes'] as const) {
    const sent = secretsSent[k];
    if (sent === undefined) continue;
    const had = sealedBefore[`${k}Enc`] !== null;
    if (sent === null && had) changes[k] = 'removed';
    else if (sent !== null) changes[k] = had ? 'changed' : 'set';
  }
  return changes;
}

export async function updateCredential(ctx: Ctx, id: string, raw: unknown): Promise<Credential> {
  assertCan(ctx.actor, 'credentials.write');
  const input = parseInput(UpdateCredentialInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findSealed(trx, id);
    if (!found) throw new NotFoundError(NOT_FOUND);
    const { credential: before, sealed } = found;
    if (before.kind === 'note') {
      const bad = (['username', 'password', 'url', 'totpSecret'] as const).filter(
        (k) => input[k] !== undefined && input[k] !== null,
      );
      if (bad.length)
        throw new ValidationError(
          bad.map((path) => ({ path, message: 'A secure note has only a label, notes and tags' })),
        );
    }
    const assetName =
      input.assetId !== undefined
        ? await assertAssetOf(trx, before.companyId, input.assetId)
        : before.assetName;
    const pick = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
    const sealed2 = (v: string | null | undefined, old: string | null) =>
      v === undefined ? old : sealOrNull(ctx, v);
    const after: CredentialRecord = {
      id,
      companyId: before.companyId,
      kind: before.kind,
      createdAt: before.createdAt,
      updatedAt: nowIso(),
      assetId: pick(input.assetId, before.assetId),
      label: pick(input.label, before.label),
      username: pick(input.username, before.username),
      url: pick(input.url, before.url),
      tags: pick(input.tags, before.tags),
      passwordEnc: sealed2(input.password, sealed.passwordEnc),
      totpEnc: sealed2(input.totpSecret, sealed.totpEnc),
      notesEnc: sealed2(input.notes, sealed.notesEnc),
    };
    const changes = changesOf(before, { ...after, assetName }, sealed, {
      password: input.password,
      totp: input.totpSecret,
      notes: input.notes,
    });
    if (Object.keys(changes).length === 0) return before;
    await updateCredentialRow(trx, after);
    await audit(trx, ctx, {
      action: 'credential.update',
      entityType: 'credential',
      entityId: id,
      companyId: before.companyId,
      summary: { label: after.label, ...changes },
    });
    return (await findSealed(trx, id))!.credential;
  });
}

export async function deleteCredential(ctx: Ctx, id: string): Promise<Credential> {
  assertCan(ctx.actor, 'credentials.write');
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findSealed(trx, id);
    if (!found) throw new NotFoundError(NOT_FOUND);
    await softDeleteCredential(trx, id, nowIso());
    await audit(trx, ctx, {
      action: 'credential.delete',
      entityType: 'credential',
      entityId: id,
      companyId: found.credential.companyId,
      summary: { label: found.credential.label },
    });
    return found.credential;
  });
}

export type Revealed = {
  password: string | null;
  totpCode: string | null;
  totpSecondsLeft: number | null;
  notes: string | null;
};

/** Opens a sealed value; any failure (tampered, unknown key) is one clear error without details. */
function openOrFail(ctx: Ctx, id: string, v: string | null): string | null {
  if (v === null) return null;
  try {
    return open(ctx.keyring, v);
  } catch (err) {
    ctx.log.error(
      { credentialId: id, reason: (err as Error).message },
      'vault entry could not be decrypted',
    );
    throw new AppError(
      'This entry could not be decrypted: it was altered outside the app or sealed with a key this server does not have. Nothing was revealed.',
      500,
      'Vault entry unreadable',
    );
  }
}

/** The secrets of one entry, for someone allowed to see them; audited as a reveal or a copy. */
export async function revealCredential(
  ctx: Ctx,
  id: string,
  raw: unknown = {},
): Promise<{ credential: Credential; secrets: Revealed }> {
  assertCan(ctx.actor, 'credentials.reveal');
  const { purpose, field } = parseInput(RevealInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findSealed(trx, id);
    if (!found) throw new NotFoundError(NOT_FOUND);
    const { credential, sealed } = found;
    const totpSecret = openOrFail(ctx, id, sealed.totpEnc);
    const secrets: Revealed = {
      password: openOrFail(ctx, id, sealed.passwordEnc),
      totpCode: totpSecret ? currentTotp(totpSecret) : null,
      totpSecondsLeft: totpSecret ? 30 - (Math.floor(Date.now() / 1000) % 30) : null,
      notes: openOrFail(ctx, id, sealed.notesEnc),
    };
    await audit(trx, ctx, {
      action: `credential.${purpose}`,
      entityType: 'credential',
      entityId: id,
      companyId: credential.companyId,
      summary: { label: credential.label, ...(field ? { field } : {}) },
    });
    return { credential, secrets };
  });
}

export async function browseCompanyCredentials(ctx: Ctx, companyId: string, raw: unknown) {
  assertCan(ctx.actor, 'credentials.read');
  const query = parseInput(ListCredentialsQuery, raw);
  const company = await findCompanyHeading(ctx.db, companyId);
  if (!company) throw new NotFoundError('No such company.');
  return { company, query, ...(await listCredentials(ctx.db, { companyId, q: query.q }, query)) };
}

export async function browseAssetCredentials(ctx: Ctx, assetId: string, raw: unknown) {
  assertCan(ctx.actor, 'credentials.read');
  const query = parseInput(ListCredentialsQuery, raw);
  const asset = await findAssetHeading(ctx.db, assetId);
  if (!asset) throw new NotFoundError('No such asset.');
  return {
    asset,
    query,
    ...(await listCredentials(ctx.db, { companyId: asset.companyId, assetId, q: query.q }, query)),
  };
}

export async function pageCredentials(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'credentials.read');
  const q = parseInput(ApiListQuery, raw);
  return listCredentialsAfter(
    ctx.db,
    { companyId: q.companyId, assetId: q.assetId, q: q.q },
    q.limit,
    q.cursor,
  );
}

/** Everything the entry page shows except secrets: the entry, where it lives, and its history. */
export async function credentialPage(ctx: Ctx, id: string) {
  const credential = await getCredential(ctx, id);
  const [company, asset, history] = await Promise.all([
    findCompanyHeading(ctx.db, credential.companyId),
    credential.assetId ? findAssetHeading(ctx.db, credential.assetId) : Promise.resolve(null),
    listAudit(ctx.db, { entityType: 'credential', entityId: id, limit: 200 }),
  ]);
  if (!company) throw new NotFoundError(NOT_FOUND);
  return { credential, company, asset, audit: history.items };
}

/** Where a new entry may go: the company, or one of its assets. */
export async function newCredentialTarget(ctx: Ctx, companyId: string) {
  assertCan(ctx.actor, 'credentials.write');
  const company = await findCompanyHeading(ctx.db, companyId);
  if (!company) throw new NotFoundError('No such company.');
  return { company, assets: await companyAssetChoices(ctx.db, companyId) };
}

export async function assetHeading(ctx: Ctx, assetId: string) {
  assertCan(ctx.actor, 'credentials.read');
  const asset = await findAssetHeading(ctx.db, assetId);
  if (!asset) throw new NotFoundError('No such asset.');
  return asset;
}
