// JSON API for the vault: /api/v1/credentials. List and read return metadata only; the secrets come
// only from POST /api/v1/credentials/:id/reveal (credentials.reveal, audited, no-store).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import {
  createCredential,
  deleteCredential,
  getCredential,
  pageCredentials,
  revealCredential,
  updateCredential,
} from './service.ts';
import { ValidationError } from '../../platform/errors.ts';

type IdParams = { id: string };

export async function vaultApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/credentials', async (req) => pageCredentials(staffCtx(req, deps), req.query));

  app.post('/api/v1/credentials', async (req, reply) => {
    const { companyId, ...body } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof companyId !== 'string' || !companyId)
      throw new ValidationError([{ path: 'companyId', message: 'companyId is required' }]);
    const c = await createCredential(staffCtx(req, deps), companyId, body);
    return reply.status(201).header('location', `/api/v1/credentials/${c.id}`).send(c);
  });

  app.get('/api/v1/credentials/:id', async (req) =>
    getCredential(staffCtx(req, deps), (req.params as IdParams).id),
  );
  app.patch('/api/v1/credentials/:id', async (req) =>
    updateCredential(staffCtx(req, deps), (req.params as IdParams).id, req.body ?? {}),
  );
  app.delete('/api/v1/credentials/:id', async (req, reply) => {
    await deleteCredential(staffCtx(req, deps), (req.params as IdParams).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/credentials/:id/reveal', async (req, reply) => {
    const { secrets } = await revealCredential(
      staffCtx(req, deps),
      (req.params as IdParams).id,
      req.body ?? {},
    );
    return reply.header('cache-control', 'no-store').send(secrets);
  });
}
