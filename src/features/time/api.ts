// JSON API for time and parts: /api/v1/time-entries, the timer actions and parts of a work order,
// and a company's ready-to-bill items. Minutes are the rounded duration; amounts are computed by
// the server and never accepted from the client.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { staffCtx } from '../../platform/web.ts';
import { createEntry, deleteTimeEntry, startTimer, stopTimer, updateTimeEntry } from './service.ts';
import { getEntry, pageEntries } from './work-order-time.ts';
import { addPart, partsOf } from './parts.ts';
import { listUnbilled } from './billing.ts';

type IdParams = { id: string };

export async function timeApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/time-entries', async (req) => pageEntries(staffCtx(req, deps), req.query));

  app.post('/api/v1/time-entries', async (req, reply) => {
    const { workOrderId, ...body } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof workOrderId !== 'string' || !workOrderId)
      throw new ValidationError([{ path: 'workOrderId', message: 'workOrderId is required' }]);
    const e = await createEntry(staffCtx(req, deps), workOrderId, body);
    return reply.status(201).header('location', `/api/v1/time-entries/${e.id}`).send(e);
  });

  app.get('/api/v1/time-entries/:id', async (req) =>
    getEntry(staffCtx(req, deps), (req.params as IdParams).id),
  );
  app.patch('/api/v1/time-entries/:id', async (req) =>
    updateTimeEntry(staffCtx(req, deps), (req.params as IdParams).id, req.body ?? {}),
  );
  app.delete('/api/v1/time-entries/:id', async (req, reply) => {
    await deleteTimeEntry(staffCtx(req, deps), (req.params as IdParams).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/work-orders/:id/timer/start', async (req, reply) => {
    const { description } = (req.body ?? {}) as { description?: unknown };
    const e = await startTimer(staffCtx(req, deps), (req.params as IdParams).id, {
      description:
        typeof description === 'string' && description.trim() ? description.trim() : null,
    });
    return reply.status(201).header('location', `/api/v1/time-entries/${e.id}`).send(e);
  });
  app.post('/api/v1/work-orders/:id/timer/stop', async (req) =>
    stopTimer(staffCtx(req, deps), (req.params as IdParams).id),
  );

  app.get('/api/v1/work-orders/:id/parts', async (req) => ({
    items: (await partsOf(staffCtx(req, deps), (req.params as IdParams).id)).parts,
    nextCursor: null,
  }));
  app.post('/api/v1/work-orders/:id/parts', async (req, reply) =>
    reply
      .status(201)
      .send(await addPart(staffCtx(req, deps), (req.params as IdParams).id, req.body ?? {})),
  );

  app.get('/api/v1/companies/:id/unbilled', async (req) =>
    listUnbilled(staffCtx(req, deps), (req.params as IdParams).id),
  );
}
