// Shared set-up for the time tests: staff actors, a company, and work orders inserted directly
// (the work order feature owns their creation).
import type { Db } from '../../db/database.ts';
import type { Role } from '../../platform/actor.ts';
import { withActor, type Ctx, type Deps } from '../../platform/context.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { createStaff } from '../../../test/support/app.ts';
import { createCompany } from '../companies/service.ts';

export async function staffCtx(deps: Deps, role: Role): Promise<Ctx> {
  const { user } = await createStaff(deps.db, role);
  return withActor(deps, {
    type: 'staff',
    userId: user.id,
    name: user.name,
    email: user.email,
    role,
  });
}

export const systemCtx = (deps: Deps): Ctx => withActor(deps, { type: 'system', label: 'test' });

export async function company(deps: Deps, name = 'Riverside Dental') {
  return createCompany(systemCtx(deps), { name });
}

let seq = 0;
export async function workOrder(
  db: Db,
  companyId: string,
  billing: 'billable' | 'contract' | 'no_charge' = 'billable',
  number?: number,
) {
  seq += 1;
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('work_orders')
    .values({
      id,
      number: number ?? seq,
      company_id: companyId,
      contact_id: null,
      title: `Printer offline ${seq}`,
      description: null,
      priority: 'normal',
      status: 'in_progress',
      assigned_to_id: null,
      scheduled_for: null,
      due_on: null,
      source: 'staff',
      billing,
      search_text: `printer offline ${seq}`,
      created_by_label: 'test',
      created_at: now,
      updated_at: now,
      resolved_at: null,
      closed_at: null,
    })
    .execute();
  return id;
}
