// PBX systems, their snapshots and sync log. The sealed client secret never leaves this file
// except through findSealedSecret (used by sync and the audited reveal).
import type { DbOrTrx, PbxSystemsTable } from '../../db/database.ts';

export type PbxSystem = {
  id: string;
  companyId: string;
  name: string;
  hostUrl: string;
  version: string | null;
  asteriskVersion: string | null;
  locationId: string | null;
  notes: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  lastSyncAt: string | null;
  lastSyncOutcome: string | null;
  createdAt: string;
  updatedAt: string;
};

export const toPbx = (r: PbxSystemsTable): PbxSystem => ({
  id: r.id,
  companyId: r.company_id,
  name: r.name,
  hostUrl: r.host_url,
  version: r.version,
  asteriskVersion: r.asterisk_version,
  locationId: r.location_id,
  notes: r.notes,
  clientId: r.client_id,
  hasClientSecret: !!r.client_secret_enc,
  lastSyncAt: r.last_sync_at,
  lastSyncOutcome: r.last_sync_outcome,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findPbx(db: DbOrTrx, id: string): Promise<PbxSystem | null> {
  const r = await db.selectFrom('pbx_systems').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toPbx(r) : null;
}

export async function findSealedSecret(db: DbOrTrx, id: string): Promise<string | null> {
  const r = await db
    .selectFrom('pbx_systems')
    .select('client_secret_enc')
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.client_secret_enc ?? null;
}

/** A company's systems by name (pbx_systems_company); a company has a handful, capped at 200. */
export async function listCompanyPbx(db: DbOrTrx, companyId: string): Promise<PbxSystem[]> {
  const rows = await db
    .selectFrom('pbx_systems')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('name')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map(toPbx);
}

export type SnapshotHead = {
  id: string;
  takenAt: string;
  takenByLabel: string;
  contentHash: string;
};

/** The newest snapshot with its content (pbx_snapshots_system). */
export async function latestSnapshot(db: DbOrTrx, pbxId: string) {
  return db
    .selectFrom('pbx_snapshots')
    .selectAll()
    .where('pbx_system_id', '=', pbxId)
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Newest first, without their content (pbx_snapshots_system). */
export async function listSnapshots(db: DbOrTrx, pbxId: string, limit = 100) {
  return db
    .selectFrom('pbx_snapshots')
    .select(['id', 'taken_at', 'taken_by_label', 'content_hash'])
    .where('pbx_system_id', '=', pbxId)
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findSnapshot(db: DbOrTrx, pbxId: string, id: string) {
  return db
    .selectFrom('pbx_snapshots')
    .selectAll()
    .where('id', '=', id)
    .where('pbx_system_id', '=', pbxId)
    .executeTakeFirst();
}

export async function listSyncLog(db: DbOrTrx, pbxId: string, limit = 20) {
  return db
    .selectFrom('pbx_sync_log')
    .selectAll()
    .where('pbx_system_id', '=', pbxId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
