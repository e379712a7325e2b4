// PORTAL_HOST (e.g. support.example-msp.com): requests for that host name get the customer portal
// alone. "/" goes to the portal home; staff pages and the staff API answer 404 there (a portal
// page, nothing of the staff UI). The staff host keeps serving /portal too.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { portalErrorPage } from './routes.tsx';

const SHARED = ['/portal', '/public/', '/vendor/', '/healthz', '/favicon.ico'];

export const isPortalHost = (deps: Deps, req: FastifyRequest): boolean => {
  const want = deps.config.portalHost?.replace(/:\d+$/, '');
  return Boolean(want) && req.hostname.toLowerCase().replace(/:\d+$/, '') === want;
};

export function portalHostGuard(deps: Deps) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!deps.config.portalHost || !isPortalHost(deps, req)) return;
    const path = req.url.split('?')[0];
    if (path === '/' || path === '') return reply.redirect('/portal');
    if (SHARED.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) return;
    return portalErrorPage(reply, deps, 404, 'There is nothing at this address.');
  };
}
