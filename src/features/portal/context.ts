// THE PORTAL RULE (read before adding a portal page):
//   1. Every portal route starts with `const p = portalCtx(req, deps, 'billing' | 'service')` (no
//      flag for pages every portal contact may see, like the account page).
//   2. Every portal query filters by the contact's company INSIDE the service or query, with
//      `p.companyId` as a parameter (`findInvoiceForPortal(db, p.companyId, id)`), never only in
//      the route and never from a form field or URL: the company id comes from the session alone.
//   3. An id of another company's object gives 404 (NotFoundError), exactly like a missing one:
//      never 403, never a hint that it exists. Ids in portal URLs are the existing UUIDs.
//   4. A contact without the page's flag gets 404 too, and the portal nav hides the section.
//   5. State-changing requests are refused while an admin views the portal as the customer
//      (portalCtx throws for POST/PUT/PATCH/DELETE when viewAs is set; routes.tsx also refuses
//      them in a hook, so a route that forgets still cannot write).
// Staff sessions never resolve here (web.ts reads only the st_portal cookie under /portal), and a
// contact's session never opens a staff page: staffCtx accepts only a staff actor.
import type { FastifyRequest } from 'fastify';
import type { ContactActor } from '../../platform/actor.ts';
import { withActor, type Ctx, type Deps } from '../../platform/context.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../platform/errors.ts';

export type PortalFlag = 'billing' | 'service';

export type PortalCtx = {
  /** The service context: deps plus the contact as actor (audit rows name the contact). */
  ctx: Ctx;
  contact: ContactActor;
  /** The only company this request may read or change. */
  companyId: string;
  flags: { billing: boolean; service: boolean };
  /** Set while an admin views the portal as this contact (read-only). */
  viewAs: { userId: string; name: string } | null;
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const VIEW_AS_READ_ONLY =
  'You are viewing the portal as this customer, read-only: nothing can be changed or sent from here.';

/** The signed-in portal contact or null (for pages that also show to strangers, like the login). */
export const portalContactOf = (req: FastifyRequest): ContactActor | null =>
  req.actor?.type === 'contact' ? req.actor : null;

/**
 * The signed-in contact's context. No contact: UnauthorizedError (the portal sends them to
 * /portal/login). A flag the contact lacks: NotFoundError. A change while viewing as the
 * customer: ForbiddenError with a clear message.
 */
export function portalCtx(req: FastifyRequest, deps: Deps, flag?: PortalFlag): PortalCtx {
  const contact = portalContactOf(req);
  if (!contact) throw new UnauthorizedError('Sign in to the portal first.');
  const flags = {
    billing: Boolean(contact.access?.billing),
    service: Boolean(contact.access?.service),
  };
  if (flag && !flags[flag]) throw new NotFoundError('There is nothing at this address.');
  if (contact.viewAs && MUTATING.has(req.method)) throw new ForbiddenError(VIEW_AS_READ_ONLY);
  return {
    ctx: withActor(deps, contact, req.ip),
    contact,
    companyId: contact.companyId,
    flags,
    viewAs: contact.viewAs ?? null,
  };
}
