// JSON API: /api/v1/pbx-systems (list by company, create, read, update), /:id/snapshots (list and
// one snapshot's content), /:id/sync. The client secret is accepted on write and never returned.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { findSnapshot } from './queries.ts';
import {
  companyPbxSystems,
  createPbx,
  getPbx,
  pbxSnapshots,
  syncPbx,
  updatePbx,
} from './service.ts';

const ListQuery = z.object({
  companyId: z.string({ message: 'companyId is required' }).min(1, 'companyId is required').max(36),
});
type Params = { id: string; snapshotId: string };

export async function pbxApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/pbx-systems', async (req) => {
    const { companyId } = parseInput(ListQuery, req.query);
    return { items: (await companyPbxSystems(staffCtx(req, deps), companyId)).systems };
  });
  app.post('/api/v1/pbx-systems', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { companyId, ...rest } = body;
    const { companyId: cid } = parseInput(ListQuery, { companyId });
    const s = await createPbx(staffCtx(req, deps), cid, rest);
    return reply.status(201).header('location', `/api/v1/pbx-systems/${s.id}`).send(s);
  });
  app.get('/api/v1/pbx-systems/:id', async (req) =>
    getPbx(staffCtx(req, deps), (req.params as Params).id),
  );
  app.patch('/api/v1/pbx-systems/:id', async (req) =>
    updatePbx(staffCtx(req, deps), (req.params as Params).id, req.body ?? {}),
  );
  app.get('/api/v1/pbx-systems/:id/snapshots', async (req) => ({
    items: await pbxSnapshots(staffCtx(req, deps), (req.params as Params).id),
  }));
  app.get('/api/v1/pbx-systems/:id/snapshots/:snapshotId', async (req) => {
    const { id, snapshotId } = req.params as Params;
    await getPbx(staffCtx(req, deps), id);
    const s = await findSnapshot(deps.db, id, snapshotId);
    if (!s) throw new NotFoundError('No such snapshot.');
    return {
      id: s.id,
      takenAt: s.taken_at,
      takenByLabel: s.taken_by_label,
      contentHash: s.content_hash,
      content: JSON.parse(s.content),
    };
  });
  app.post('/api/v1/pbx-systems/:id/sync', async (req) =>
    syncPbx(staffCtx(req, deps), (req.params as Params).id),
  );
}
