import type { DbOrTrx } from '../../db/database.ts';

export type AuditRow = {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  companyId: string | null;
  summary: string | null;
  ip: string | null;
};

export type AuditFilter = {
  action?: string;
  entityType?: string;
  entityId?: string;
  companyId?: string;
  actorId?: string;
  before?: string;
  limit: number;
};

/** Newest first, keyset-paginated on the time-ordered id so deep pages cost the same as the first. */
export async function listAudit(
  db: DbOrTrx,
  f: AuditFilter,
): Promise<{ items: AuditRow[]; nextBefore: string | null }> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.companyId) q = q.where('company_id', '=', f.companyId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.before) q = q.where('id', '<', f.before);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const items = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    companyId: r.company_id,
    summary: r.summary,
    ip: r.ip,
  }));
  return { items, nextBefore: rows.length > f.limit ? items[items.length - 1].id : null };
}

export async function distinctActions(db: DbOrTrx): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .orderBy('action')
    .limit(200)
    .execute();
  return rows.map((r) => r.action);
}
