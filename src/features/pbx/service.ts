// PBX system use cases. The API client secret is sealed (lib/crypto.ts) before it is written, is
// never part of a PbxSystem, and leaves only through revealPbxSecret (credentials.reveal, audited in
// the same transaction, like the vault) or, opened in memory, to authenticate a sync. A sync reads
// the configuration through GraphQL and stores a snapshot only when its hash differs from the
// system's last one; a FreePBX error stores no snapshot and changes nothing on the system, and is
// written to the sync log with FreePBX's message.
import type { Ctx } from '../../platform/context.ts';
import { actorId, actorLabel } from '../../platform/actor.ts';
import { audit, diff } from '../../platform/audit.ts';
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { open, seal } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { findCompany } from '../companies/queries.ts';
import { findLocation } from '../locations/queries.ts';
import { diffConfigs } from './diff.ts';
import { driftChecks } from './drift.ts';
import { configHash, FreePbxError, readPbxConfig, type PbxConfig } from './freepbx.ts';
import {
  findPbx,
  findSealedSecret,
  findSnapshot,
  latestSnapshot,
  listCompanyPbx,
  listSnapshots,
  listSyncLog,
  type PbxSystem,
} from './queries.ts';
import { CreatePbxInput, UpdatePbxInput } from './schemas.ts';

const NOT_FOUND = 'No such phone system.';

async function companyOrNotFound(ctx: Ctx, companyId: string) {
  const company = await findCompany(ctx.db, companyId);
  if (!company) throw new NotFoundError('No such company.');
  return company;
}

async function assertLocationOf(db: DbOrTrx, companyId: string, locationId: string | null) {
  if (locationId && !(await findLocation(db, locationId, companyId)))
    throw new ValidationError([
      { path: 'locationId', message: 'The location must be one of this company’s locations' },
    ]);
}

export async function getPbx(ctx: Ctx, id: string, companyId?: string): Promise<PbxSystem> {
  assertCan(ctx.actor, 'telephony.read');
  const p = await findPbx(ctx.db, id);
  if (!p || (companyId && p.companyId !== companyId)) throw new NotFoundError(NOT_FOUND);
  return p;
}

export async function companyPbxSystems(ctx: Ctx, companyId: string) {
  assertCan(ctx.actor, 'telephony.read');
  const company = await companyOrNotFound(ctx, companyId);
  return { company, systems: await listCompanyPbx(ctx.db, companyId) };
}

export async function createPbx(ctx: Ctx, companyId: string, raw: unknown): Promise<PbxSystem> {
  assertCan(ctx.actor, 'pbx.manage');
  const input = parseInput(CreatePbxInput, raw);
  await companyOrNotFound(ctx, companyId);
  await assertLocationOf(ctx.db, companyId, input.locationId);
  const now = nowIso();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pbx_systems')
      .values({
        id,
        company_id: companyId,
        name: input.name,
        host_url: input.hostUrl,
        version: input.version,
        location_id: input.locationId,
        notes: input.notes,
        client_id: input.clientId,
        client_secret_enc: input.clientSecret ? seal(ctx.keyring, input.clientSecret) : null,
        asterisk_version: null,
        last_sync_at: null,
        last_sync_outcome: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'pbx.create',
      entityType: 'pbx_system',
      entityId: id,
      companyId,
      summary: {
        name: input.name,
        hostUrl: input.hostUrl,
        clientSecret: input.clientSecret ? 'set' : 'none',
      },
    });
  });
  return (await findPbx(ctx.db, id))!;
}

export async function updatePbx(
  ctx: Ctx,
  id: string,
  raw: unknown,
  companyId?: string,
): Promise<PbxSystem> {
  assertCan(ctx.actor, 'pbx.manage');
  const input = parseInput(UpdatePbxInput, raw);
  const before = await getPbx(ctx, id, companyId);
  const { clientSecret, ...rest } = input;
  const next = {
    ...before,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
  };
  await assertLocationOf(ctx.db, before.companyId, next.locationId);
  const changes: Record<string, unknown> = diff(
    {
      name: before.name,
      hostUrl: before.hostUrl,
      version: before.version,
      locationId: before.locationId,
      notes: before.notes,
      clientId: before.clientId,
    },
    {
      name: next.name,
      hostUrl: next.hostUrl,
      version: next.version,
      locationId: next.locationId,
      notes: next.notes,
      clientId: next.clientId,
    },
  );
  if (clientSecret) changes.clientSecret = 'changed';
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pbx_systems')
      .set({
        name: next.name,
        host_url: next.hostUrl,
        version: next.version,
        location_id: next.locationId,
        notes: next.notes,
        client_id: next.clientId,
        ...(clientSecret ? { client_secret_enc: seal(ctx.keyring, clientSecret) } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    if (Object.keys(changes).length)
      await audit(trx, ctx, {
        action: 'pbx.update',
        entityType: 'pbx_system',
        entityId: id,
        companyId: before.companyId,
        summary: changes,
      });
  });
  return (await findPbx(ctx.db, id))!;
}

function openSecret(ctx: Ctx, id: string, sealed: string): string {
  try {
    return open(ctx.keyring, sealed);
  } catch (err) {
    ctx.log.error(
      { pbxId: id, reason: (err as Error).message },
      'PBX secret could not be decrypted',
    );
    throw new AppError(
      'This phone system’s API secret could not be decrypted (altered outside the app, or sealed with a key this server does not have). Enter it again.',
      500,
      'PBX secret unreadable',
    );
  }
}

/** The API client secret, for someone allowed to reveal vault secrets; audited. */
export async function revealPbxSecret(ctx: Ctx, id: string, companyId?: string) {
  assertCan(ctx.actor, 'credentials.reveal');
  const pbx = await getPbx(ctx, id, companyId);
  return ctx.db.transaction().execute(async (trx) => {
    const sealed = await findSealedSecret(trx, id);
    const clientSecret = sealed ? openSecret(ctx, id, sealed) : null;
    await audit(trx, ctx, {
      action: 'pbx.secret.reveal',
      entityType: 'pbx_system',
      entityId: id,
      companyId: pbx.companyId,
      summary: { name: pbx.name },
    });
    return { pbx, clientSecret };
  });
}

export type SyncResult = {
  outcome: 'snapshot' | 'unchanged';
  snapshotId: string | null;
  changes: string[];
};

/** Reads the PBX now; a new snapshot only when the configuration changed. */
export async function syncPbx(ctx: Ctx, id: string, companyId?: string): Promise<SyncResult> {
  assertCan(ctx.actor, 'pbx.manage');
  const pbx = await getPbx(ctx, id, companyId);
  const sealed = await findSealedSecret(ctx.db, id);
  if (!pbx.clientId || !sealed)
    throw new ValidationError([
      { path: 'clientId', message: 'Enter the API client id and secret before syncing' },
    ]);
  const conn = {
    hostUrl: pbx.hostUrl,
    clientId: pbx.clientId,
    clientSecret: openSecret(ctx, id, sealed),
  };
  const at = nowIso();
  const log = {
    id: newId(),
    pbx_system_id: id,
    at,
    by_label: actorLabel(ctx.actor),
  };
  let config: PbxConfig;
  try {
    config = await readPbxConfig(conn);
  } catch (err) {
    if (!(err instanceof FreePbxError)) throw err;
    await ctx.db
      .insertInto('pbx_sync_log')
      .values({ ...log, outcome: 'error', snapshot_id: null, message: err.message })
      .execute();
    throw new AppError(`Sync failed: ${err.message} Nothing was recorded.`, 502, 'PBX sync failed');
  }
  const hash = configHash(config);
  return ctx.db.transaction().execute(async (trx) => {
    const last = await latestSnapshot(trx, id);
    const changed = !last || last.content_hash !== hash;
    const snapshotId = changed ? newId() : null;
    const changes = !last
      ? ['first snapshot']
      : changed
        ? diffConfigs(JSON.parse(last.content) as PbxConfig, config)
        : [];
    if (snapshotId)
      await trx
        .insertInto('pbx_snapshots')
        .values({
          id: snapshotId,
          pbx_system_id: id,
          taken_at: at,
          taken_by: actorId(ctx.actor),
          taken_by_label: actorLabel(ctx.actor),
          content: JSON.stringify(config),
          content_hash: hash,
        })
        .execute();
    await trx
      .insertInto('pbx_sync_log')
      .values({
        ...log,
        outcome: changed ? 'snapshot' : 'unchanged',
        snapshot_id: snapshotId,
        message: changes.length ? changes.slice(0, 50).join('; ') : null,
      })
      .execute();
    await trx
      .updateTable('pbx_systems')
      .set({
        version: config.version || pbx.version,
        asterisk_version: config.asteriskVersion || null,
        last_sync_at: at,
        last_sync_outcome: changed ? 'snapshot' : 'unchanged',
      })
      .where('id', '=', id)
      .execute();
    return { outcome: changed ? 'snapshot' : 'unchanged', snapshotId, changes };
  });
}

export type SnapshotSummary = {
  id: string;
  takenAt: string;
  takenByLabel: string;
  contentHash: string;
};

/** The system page: the system, its latest configuration, drift, sync log and snapshots. */
export async function pbxPage(ctx: Ctx, companyId: string, id: string) {
  const pbx = await getPbx(ctx, id, companyId);
  const company = await companyOrNotFound(ctx, companyId);
  const rows = await listSnapshots(ctx.db, id, 100);
  const newest = await latestSnapshot(ctx.db, id);
  const latest = newest ? (JSON.parse(newest.content) as PbxConfig) : null;
  // The pending reload's age: walk back only through the snapshots that still had it pending
  // (usually one or two), so the page never parses the whole history.
  const run: { takenAt: string; config: Pick<PbxConfig, 'needReload'> }[] = [];
  if (newest && latest?.needReload) {
    run.push({ takenAt: newest.taken_at, config: latest });
    for (const r of rows.slice(1)) {
      const older = await findSnapshot(ctx.db, id, r.id);
      const needReload = older ? (JSON.parse(older.content) as PbxConfig).needReload : false;
      run.push({ takenAt: r.taken_at, config: { needReload } });
      if (!needReload) break;
    }
  }
  const location = pbx.locationId ? await findLocation(ctx.db, pbx.locationId, companyId) : null;
  return {
    company,
    pbx,
    location,
    latest,
    drift: latest ? driftChecks(latest, run) : [],
    log: await listSyncLog(ctx.db, id),
    snapshots: rows.map(
      (r): SnapshotSummary => ({
        id: r.id,
        takenAt: r.taken_at,
        takenByLabel: r.taken_by_label,
        contentHash: r.content_hash,
      }),
    ),
  };
}

export async function pbxSnapshots(ctx: Ctx, id: string): Promise<SnapshotSummary[]> {
  await getPbx(ctx, id);
  return (await listSnapshots(ctx.db, id, 100)).map((r) => ({
    id: r.id,
    takenAt: r.taken_at,
    takenByLabel: r.taken_by_label,
    contentHash: r.content_hash,
  }));
}

/** One snapshot's contents, and the changes from another (by default the one before it). */
export async function snapshotView(
  ctx: Ctx,
  companyId: string,
  id: string,
  snapshotId: string,
  againstId?: string,
) {
  const pbx = await getPbx(ctx, id, companyId);
  const company = await companyOrNotFound(ctx, companyId);
  const snap = await findSnapshot(ctx.db, id, snapshotId);
  if (!snap) throw new NotFoundError('No such snapshot.');
  const all = await pbxSnapshots(ctx, id);
  let against = againstId ? await findSnapshot(ctx.db, id, againstId) : undefined;
  if (againstId && !against) throw new NotFoundError('No such snapshot to compare with.');
  if (!againstId) {
    const i = all.findIndex((s) => s.id === snapshotId);
    const prev = i >= 0 ? all[i + 1] : undefined;
    against = prev ? await findSnapshot(ctx.db, id, prev.id) : undefined;
  }
  const config = JSON.parse(snap.content) as PbxConfig;
  return {
    company,
    pbx,
    snapshot: { id: snap.id, takenAt: snap.taken_at, takenByLabel: snap.taken_by_label },
    config,
    against: against ? { id: against.id, takenAt: against.taken_at } : null,
    changes: against ? diffConfigs(JSON.parse(against.content) as PbxConfig, config) : [],
    all,
  };
}
