// The audit trail those records would have left: one row per create, plus the edits and
// deactivations, written as the services write them. The company page shows the latest of these.
import type { AuditLogTable } from '../../src/db/database.ts';
import { insertRows, type GenContext } from './context.ts';

export async function generateActivity(g: GenContext): Promise<void> {
  const { faker: f, world } = g;
  const rows: AuditLogTable[] = [];
  const add = (
    ms: number,
    e: Pick<AuditLogTable, 'action' | 'entity_type' | 'entity_id' | 'company_id'> & {
      summary: object;
    },
  ) => {
    const who = f.helpers.arrayElement(world.staff);
    rows.push({
      id: g.idAt(ms),
      at: new Date(ms).toISOString(),
      actor_type: 'staff',
      actor_id: who.id,
      actor_label: `${who.name} <${who.email}>`,
      ...e,
      summary: JSON.stringify(e.summary),
      ip: `203.0.113.${f.number.int({ min: 2, max: 254 })}`,
    });
  };
  for (const c of world.companies) {
    const created = Date.parse(c.createdAt);
    const updated = Date.parse(c.updatedAt);
    add(created, {
      action: 'company.create',
      entity_type: 'company',
      entity_id: c.id,
      company_id: c.id,
      summary: { name: c.name, monthlyRateCents: c.monthlyRateCents },
    });
    if (c.status === 'inactive') {
      add(updated, {
        action: 'company.deactivate',
        entity_type: 'company',
        entity_id: c.id,
        company_id: c.id,
        summary: { status: ['active', 'inactive'] },
      });
    } else if (updated > created) {
      add(updated, {
        action: 'company.update',
        entity_type: 'company',
        entity_id: c.id,
        company_id: c.id,
        summary: { phone: [f.phone.number({ style: 'national' }), c.phone] },
      });
    }
  }
  for (const p of world.contacts) {
    const created = Date.parse(p.createdAt);
    const updated = Date.parse(p.updatedAt);
    add(created, {
      action: 'contact.create',
      entity_type: 'contact',
      entity_id: p.id,
      company_id: p.companyId,
      summary: { name: p.name, email: p.email, portalAccess: p.portalAccess },
    });
    if (!p.active)
      add(updated, {
        action: 'contact.deactivate',
        entity_type: 'contact',
        entity_id: p.id,
        company_id: p.companyId,
        summary: { name: p.name },
      });
    else if (updated > created && f.number.int(3) === 0)
      add(updated, {
        action: 'contact.update',
        entity_type: 'contact',
        entity_id: p.id,
        company_id: p.companyId,
        summary: { title: [null, p.title] },
      });
  }
  await insertRows(g.trx, 'audit_log', rows);
}
