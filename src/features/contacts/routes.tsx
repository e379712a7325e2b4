import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { cookieOptions, staffCtx } from '../../platform/web.ts';
import { SESSION_COOKIE } from '../../platform/sessions.ts';
import { getCompany } from '../companies/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { inviteContact } from '../portal/links-service.ts';
import { portalStatus } from '../portal/queries.ts';
import { startViewAsCustomer, VIEW_AS_HOURS } from '../portal/view-as.ts';
import { formToContactInput } from './schemas.ts';
import { createContact, getContact, setContactActive, updateContact } from './service.ts';
import { ContactFormPage, contactToForm } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id: string; contactId?: string };

/** The portal-access field's message when the error names it, else the error's own. */
function portalAccessError(err: ValidationError): string {
  const field: string | undefined = fieldErrors(err).portalAccess;
  return field ?? err.message;
}

export async function contactRoutes(app: FastifyInstance, deps: Deps) {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors?: Record<string, string>,
  ) => {
    const ctx = staffCtx(req, deps, 'contacts.write');
    const { id, contactId } = req.params as Params;
    const company = await getCompany(ctx, id);
    const contact = contactId ? await getContact(ctx, id, contactId) : undefined;
    const portal = contact ? await portalStatus(ctx.db, contact.id) : undefined;
    const profile = await getProfileCached(ctx.db);
    const title = contact ? `Edit ${contact.name}` : 'New contact';
    return reply.page(
      title,
      <ContactFormPage
        csrf={reply.generateCsrf()}
        companyId={id}
        companyName={company.name}
        contact={contact}
        values={values ?? (contact ? contactToForm(contact) : {})}
        errors={errors ?? {}}
        portal={portal}
        canViewAs={ctx.actor.type === 'staff' && ctx.actor.role === 'admin'}
        timeZone={profile?.timeZone}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/companies/:id/contacts/new', async (req, reply) => page(req, reply));
  app.get('/companies/:id/contacts/:contactId/edit', async (req, reply) => page(req, reply));

  app.post('/companies/:id/contacts', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'contacts.write');
    const { id } = req.params as Params;
    const form = (req.body ?? {}) as Form;
    try {
      const contact = await createContact(ctx, id, formToContactInput(form));
      return reply.flash('success', `${contact.name} was added.`).redirect(`/companies/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return page(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/companies/:id/contacts/:contactId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'contacts.write');
    const { id, contactId } = req.params as Params;
    const form = (req.body ?? {}) as Form;
    try {
      const contact = await updateContact(ctx, id, contactId!, formToContactInput(form));
      return reply.flash('success', `${contact.name} was saved.`).redirect(`/companies/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return page(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/companies/:id/contacts/:contactId/portal-invite', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'contacts.write');
    const { id, contactId } = req.params as Params;
    const back = `/companies/${id}/contacts/${contactId}/edit`;
    try {
      const sent = await inviteContact(ctx, id, contactId!);
      return reply
        .flash(
          'success',
          sent.delivered
            ? `Invitation emailed to ${sent.sentTo}. The link works once, for 72 hours.`
            : `Email is not set up, so the invitation link for ${sent.sentTo} was written to the server log.`,
        )
        .redirect(back);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.flash('danger', portalAccessError(err)).redirect(back);
    }
  });

  // Admins only: the portal, read-only, as this contact (portal/view-as.ts).
  app.post('/companies/:id/contacts/:contactId/view-as-customer', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'users.manage');
    const { id, contactId } = req.params as Params;
    try {
      const token = await startViewAsCustomer(ctx, id, contactId!);
      reply.setCookie(SESSION_COOKIE.contact, token, cookieOptions(req, VIEW_AS_HOURS * 3600));
      return reply.redirect('/portal');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash('danger', portalAccessError(err))
        .redirect(`/companies/${id}/contacts/${contactId}/edit`);
    }
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/companies/:id/contacts/:contactId/${action}`, async (req, reply) => {
      const ctx = staffCtx(req, deps, 'contacts.write');
      const { id, contactId } = req.params as Params;
      const contact = await setContactActive(ctx, id, contactId!, active);
      return reply
        .flash('success', `${contact.name} is now ${active ? 'active' : 'inactive'}.`)
        .redirect(`/companies/${id}`);
    });
  }
}
