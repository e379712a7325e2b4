// JSON API for companies and their contacts: /api/v1/companies, /api/v1/companies/:id/contacts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { companyContacts, createContact, getContact, updateContact } from '../contacts/service.ts';
import { inviteContact } from '../portal/links-service.ts';
import { createCompany, getCompany, pageCompanies, updateCompany } from './service.ts';

const ListQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  status: z.enum(['active', 'inactive', 'all']).optional().default('all'),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});
const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().default(100),
  cursor: z.string().max(500).optional(),
});

type IdParams = { id: string; contactId: string };

export async function companyApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/companies', async (req) => {
    const ctx = staffCtx(req, deps);
    return pageCompanies(ctx, parseInput(ListQuery, req.query));
  });
  app.post('/api/v1/companies', async (req, reply) => {
    const company = await createCompany(staffCtx(req, deps), req.body ?? {});
    return reply.status(201).header('location', `/api/v1/companies/${company.id}`).send(company);
  });
  app.get('/api/v1/companies/:id', async (req) =>
    getCompany(staffCtx(req, deps), (req.params as IdParams).id),
  );
  app.patch('/api/v1/companies/:id', async (req) =>
    updateCompany(staffCtx(req, deps), (req.params as IdParams).id, req.body ?? {}),
  );

  app.get('/api/v1/companies/:id/contacts', async (req) => {
    const q = parseInput(PageQuery, req.query);
    return companyContacts(staffCtx(req, deps), (req.params as IdParams).id, q);
  });
  app.post('/api/v1/companies/:id/contacts', async (req, reply) => {
    const contact = await createContact(
      staffCtx(req, deps),
      (req.params as IdParams).id,
      req.body ?? {},
    );
    return reply.status(201).send(contact);
  });
  app.get('/api/v1/companies/:id/contacts/:contactId', async (req) => {
    const p = req.params as IdParams;
    return getContact(staffCtx(req, deps), p.id, p.contactId);
  });
  app.patch('/api/v1/companies/:id/contacts/:contactId', async (req) => {
    const p = req.params as IdParams;
    return updateContact(staffCtx(req, deps), p.id, p.contactId, req.body ?? {});
  });
  // Emails the contact a one-time link (72 h) to set their portal password; logged without SMTP.
  app.post('/api/v1/companies/:id/contacts/:contactId/portal-invite', async (req, reply) => {
    const p = req.params as IdParams;
    const sent = await inviteContact(staffCtx(req, deps), p.id, p.contactId);
    return reply.status(202).send({ sentTo: sent.sentTo, expiresAt: sent.expiresAt });
  });
}
