// Contacts belong to one company; every lookup is scoped by that company, every change audited.
// Turning portal access off or deactivating a contact ends its portal sessions in the same
// transaction (the portal also refuses them on the next request).
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findCompany } from '../companies/queries.ts';
import { endContactSessions } from '../portal/auth-service.ts';
import { CreateContactInput, UpdateContactInput } from './schemas.ts';
import {
  findContact,
  insertContact,
  listContacts,
  updateContactRow,
  type Contact,
} from './queries.ts';

async function companyOrNotFound(ctx: Ctx, companyId: string) {
  const company = await findCompany(ctx.db, companyId);
  if (!company) throw new NotFoundError('No such company.');
  return company;
}

export async function createContact(ctx: Ctx, companyId: string, raw: unknown): Promise<Contact> {
  assertCan(ctx.actor, 'contacts.write');
  const input = parseInput(CreateContactInput, raw);
  await companyOrNotFound(ctx, companyId);
  const now = nowIso();
  const contact: Contact = {
    id: newId(),
    companyId,
    ...input,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertContact(trx, contact);
    await audit(trx, ctx, {
      action: 'contact.create',
      entityType: 'contact',
      entityId: contact.id,
      companyId,
      summary: {
        name: contact.name,
        email: contact.email,
        portalAccess: contact.portalAccess,
        portalBilling: contact.portalBilling,
        portalService: contact.portalService,
      },
    });
  });
  return contact;
}

export async function getContact(ctx: Ctx, companyId: string, id: string): Promise<Contact> {
  assertCan(ctx.actor, 'companies.read');
  const c = await findContact(ctx.db, companyId, id);
  if (!c) throw new NotFoundError('No such contact.');
  return c;
}

export async function updateContact(
  ctx: Ctx,
  companyId: string,
  id: string,
  raw: unknown,
): Promise<Contact> {
  assertCan(ctx.actor, 'contacts.write');
  const input = parseInput(UpdateContactInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findContact(trx, companyId, id);
    if (!before) throw new NotFoundError('No such contact.');
    const after: Contact = { ...before, ...input, updatedAt: nowIso() } as Contact;
    if (after.portalAccess && !after.email)
      throw new ValidationError([
        {
          path: 'email',
          message: 'A contact with portal access needs an email address to sign in with',
        },
      ]);
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return before;
    await updateContactRow(trx, after);
    if (!after.portalAccess || !after.active || after.email !== before.email)
      await endContactSessions(trx, { contactId: id });
    const action =
      'active' in changes
        ? after.active
          ? 'contact.reactivate'
          : 'contact.deactivate'
        : 'contact.update';
    await audit(trx, ctx, {
      action,
      entityType: 'contact',
      entityId: id,
      companyId,
      summary: changes,
    });
    return after;
  });
}

export async function setContactActive(
  ctx: Ctx,
  companyId: string,
  id: string,
  active: boolean,
): Promise<Contact> {
  assertCan(ctx.actor, 'contacts.write');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findContact(trx, companyId, id);
    if (!before) throw new NotFoundError('No such contact.');
    if (before.active === active) return before;
    const after = { ...before, active, updatedAt: nowIso() };
    await updateContactRow(trx, after);
    if (!active) await endContactSessions(trx, { contactId: id });
    await audit(trx, ctx, {
      action: active ? 'contact.reactivate' : 'contact.deactivate',
      entityType: 'contact',
      entityId: id,
      companyId,
      summary: { name: before.name },
    });
    return after;
  });
}

export async function companyContacts(
  ctx: Ctx,
  companyId: string,
  opts?: { limit: number; cursor?: string },
) {
  assertCan(ctx.actor, 'companies.read');
  await companyOrNotFound(ctx, companyId);
  return listContacts(ctx.db, companyId, opts);
}
