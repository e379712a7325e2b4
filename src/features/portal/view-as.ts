// "View as customer": an admin opens the portal as one contact, read-only, to see exactly what the
// customer sees. It is a portal session for that contact that records the admin (acting_user_id):
// it resolves only while the admin is an active admin, lasts one hour, is audited with the admin
// as actor, and every state-changing portal request is refused (context.ts, routes.tsx).
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { createSession } from '../../platform/sessions.ts';
import { findContact } from '../contacts/queries.ts';
import { findPortalContact } from './queries.ts';

export const VIEW_AS_HOURS = 1;

export async function startViewAsCustomer(
  ctx: Ctx,
  companyId: string,
  contactId: string,
): Promise<string> {
  if (ctx.actor.type !== 'staff' || ctx.actor.role !== 'admin' || ctx.actor.apiKeyId)
    throw new NotFoundError();
  assertCan(ctx.actor, 'contacts.write');
  const contact = await findContact(ctx.db, companyId, contactId);
  if (!contact) throw new NotFoundError('No such contact.');
  if (!(await findPortalContact(ctx.db, { id: contactId })))
    throw new ValidationError(
      [{ path: 'portalAccess', message: 'Turn on portal access for this contact first' }],
      'This contact cannot use the portal, so there is nothing to view.',
    );
  const token = await createSession(ctx.db, {
    principalType: 'contact',
    principalId: contactId,
    ttlHours: VIEW_AS_HOURS,
    ip: ctx.ip,
    actingUserId: ctx.actor.userId,
  });
  await audit(ctx.db, ctx, {
    action: 'portal.view_as_customer',
    entityType: 'contact',
    entityId: contactId,
    companyId,
    summary: { contact: contact.name },
  });
  return token;
}
