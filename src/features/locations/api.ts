// JSON API for locations: /api/v1/companies/:id/locations, /api/v1/locations/:id.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { companyLocations, createLocation, getLocation, updateLocation } from './service.ts';

const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(100),
  cursor: z.string().max(500).optional(),
});
type Params = { id: string };

export async function locationApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/companies/:id/locations', async (req) =>
    companyLocations(
      staffCtx(req, deps),
      (req.params as Params).id,
      parseInput(PageQuery, req.query),
    ),
  );
  app.post('/api/v1/companies/:id/locations', async (req, reply) => {
    const l = await createLocation(staffCtx(req, deps), (req.params as Params).id, req.body ?? {});
    return reply.status(201).header('location', `/api/v1/locations/${l.id}`).send(l);
  });
  app.get('/api/v1/locations/:id', async (req) =>
    getLocation(staffCtx(req, deps), (req.params as Params).id),
  );
  app.patch('/api/v1/locations/:id', async (req) =>
    updateLocation(staffCtx(req, deps), (req.params as Params).id, req.body ?? {}),
  );
}
