// Until the first admin exists, every page leads to /setup. Once set up, the answer is cached:
// an installation never goes back to having no users.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { isSetUp } from '../users/service.ts';

const OPEN_PREFIXES = ['/setup', '/public/', '/vendor/', '/healthz', '/api/', '/favicon.ico'];

export function setupGuard(deps: Deps) {
  let done = false;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (done) return;
    if (OPEN_PREFIXES.some((p) => req.url.startsWith(p))) return;
    done = await isSetUp(deps.db);
    if (!done) return reply.redirect('/setup');
  };
}
