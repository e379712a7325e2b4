// Shared set-up for the work order tests: two companies, each with a contact and an asset, and
// staff actors acting through the services.
import type { Deps } from '../../platform/context.ts';
import { withActor } from '../../platform/context.ts';
import type { Role, StaffActor } from '../../platform/actor.ts';
import { createStaff } from '../../../test/support/app.ts';
import { createCompany } from '../companies/service.ts';
import { createContact } from '../contacts/service.ts';
import { createAsset } from '../assets/service.ts';

export async function staff(deps: Deps, role: Role) {
  const { user } = await createStaff(deps.db, role);
  const actor: StaffActor = {
    type: 'staff',
    userId: user.id,
    name: user.name,
    email: user.email,
    role,
  };
  return { user, ctx: withActor(deps, actor) };
}

export async function customer(
  deps: Deps,
  name: string,
  opts: { monthlyRateCents?: number; email?: string } = {},
) {
  const { ctx } = await staff(deps, 'admin');
  const company = await createCompany(ctx, { name, monthlyRateCents: opts.monthlyRateCents ?? 0 });
  const contact = await createContact(ctx, company.id, {
    name: `${name} Requester`,
    email: opts.email ?? `requester@${name.toLowerCase().replace(/[^a-z]+/g, '')}.test`,
  });
  const asset = await createAsset(ctx, company.id, {
    categoryId: 'cat-computers',
    name: `${name} PC`,
  });
  const asset2 = await createAsset(ctx, company.id, {
    categoryId: 'cat-computers',
    name: `${name} Laptop`,
  });
  return { company, contact, asset, asset2 };
}
