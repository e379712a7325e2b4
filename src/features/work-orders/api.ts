// JSON API for work orders and their comments: /api/v1/work-orders.
import type { FastifyInstance } from 'fastify';
import type { Ctx, Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import { pageWorkOrders, plain } from './browse.ts';
import { addComment, workOrderComments } from './comments.ts';
import { changeStatus, createWorkOrder, getWorkOrder, updateWorkOrder } from './service.ts';
import { workOrderAssets } from './queries.ts';

type Params = { id: string };

export async function workOrderApi(app: FastifyInstance, deps: Deps) {
  /** The work order as the API shows it: its own fields and the ids of its assets. */
  const full = async (ctx: Ctx, id: string) => {
    const wo = await getWorkOrder(ctx, id);
    return { ...plain(wo), assetIds: (await workOrderAssets(ctx.db, id)).map((a) => a.id) };
  };
  app.get('/api/v1/work-orders', async (req) => pageWorkOrders(staffCtx(req, deps), req.query));
  app.post('/api/v1/work-orders', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    const wo = await createWorkOrder(ctx, req.body ?? {});
    return reply
      .status(201)
      .header('location', `/api/v1/work-orders/${wo.id}`)
      .send(await full(ctx, wo.id));
  });
  app.get('/api/v1/work-orders/:id', async (req) =>
    full(staffCtx(req, deps), (req.params as Params).id),
  );
  app.patch('/api/v1/work-orders/:id', async (req) => {
    const ctx = staffCtx(req, deps);
    const wo = await updateWorkOrder(ctx, (req.params as Params).id, req.body ?? {});
    return full(ctx, wo.id);
  });
  app.post('/api/v1/work-orders/:id/status', async (req) => {
    const ctx = staffCtx(req, deps);
    const wo = await changeStatus(ctx, (req.params as Params).id, req.body ?? {});
    return full(ctx, wo.id);
  });
  app.get('/api/v1/work-orders/:id/comments', async (req) => ({
    items: await workOrderComments(staffCtx(req, deps), (req.params as Params).id),
    nextCursor: null,
  }));
  app.post('/api/v1/work-orders/:id/comments', async (req, reply) =>
    reply
      .status(201)
      .send(await addComment(staffCtx(req, deps), (req.params as Params).id, req.body ?? {})),
  );
}
