// The audit log: append-only rows for every change to customer data, money, secrets and access.
// Rows are never updated or deleted. Summaries hold field names and old/new values, never secrets.
import type { DbOrTrx } from '../db/database.ts';
import { nowIso } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { actorId, actorLabel } from './actor.ts';
import type { Ctx } from './context.ts';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  companyId?: string | null;
  summary?: Record<string, unknown>;
};

export async function audit(
  db: DbOrTrx,
  ctx: Pick<Ctx, 'actor' | 'ip'>,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_type: ctx.actor.type,
      actor_id: actorId(ctx.actor),
      actor_label: actorLabel(ctx.actor),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      company_id: entry.companyId ?? null,
      summary: entry.summary ? JSON.stringify(entry.summary) : null,
      ip: ctx.ip ?? null,
    })
    .execute();
}

/** Field-by-field changes between two snapshots: { field: [old, new] }. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Partial<Record<string, [unknown, unknown]>> {
  const changes: Partial<Record<string, [unknown, unknown]>> = {};
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    if (b !== undefined && a !== b) changes[key] = [a ?? null, b ?? null];
  }
  return changes;
}
