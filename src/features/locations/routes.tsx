import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { getCompany } from '../companies/service.ts';
import { formToLocationInput } from './schemas.ts';
import { createLocation, getLocation, locationsPage, updateLocation } from './service.ts';
import { LocationFormPage, LocationListPage } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id: string; locationId: string };

export async function locationRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/companies/:id/locations', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.read');
    const data = await locationsPage(ctx, (req.params as Params).id);
    return reply.page(
      `${data.company.name} — locations`,
      <LocationListPage {...data} canWrite={can(ctx.actor, 'assets.write')} />,
    );
  });

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Form,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const { id, locationId } = req.params as Params;
    const company = await getCompany(ctx, id);
    const title = locationId ? 'Edit location' : 'New location';
    const action = locationId
      ? `/companies/${id}/locations/${locationId}`
      : `/companies/${id}/locations`;
    return reply.page(
      title,
      <LocationFormPage
        company={company}
        csrf={reply.generateCsrf()}
        title={title}
        action={action}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  app.get('/companies/:id/locations/new', async (req, reply) => form(req, reply, {}));
  app.get('/companies/:id/locations/:locationId/edit', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const { id, locationId } = req.params as Params;
    const l = await getLocation(ctx, locationId, id);
    return form(req, reply, { name: l.name, address: l.address ?? '', notes: l.notes ?? '' });
  });

  app.post('/companies/:id/locations', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const body = (req.body ?? {}) as Form;
    try {
      const l = await createLocation(ctx, (req.params as Params).id, formToLocationInput(body));
      return reply
        .flash('success', `${l.name} was added.`)
        .redirect(`/companies/${l.companyId}/locations`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return form(req, reply, body, fieldErrors(err));
    }
  });

  app.post('/companies/:id/locations/:locationId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const { id, locationId } = req.params as Params;
    const body = (req.body ?? {}) as Form;
    try {
      const l = await updateLocation(ctx, locationId, formToLocationInput(body), id);
      return reply.flash('success', `${l.name} was saved.`).redirect(`/companies/${id}/locations`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return form(req, reply, body, fieldErrors(err));
    }
  });
}
