import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { getCompany } from '../companies/service.ts';
import { formToContactInput } from './schemas.ts';
import { createContact, getContact, setContactActive, updateContact } from './service.ts';
import { ContactFormPage, contactToForm } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id: string; contactId?: string };

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
