import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../platform/context.ts';

export async function healthRoutes(app: FastifyInstance, deps: Deps) {
  // Browsers ask for /favicon.ico whatever the page says; point them at the real icon.
  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/public/favicon.svg', 301));
  app.get('/healthz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', db: deps.dialect });
    } catch (err) {
      app.log.error({ err }, 'health check: database unreachable');
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .send({ status: 'unavailable', db: deps.dialect });
    }
  });
}
