// The customer portal's HTTP side, all under /portal in one encapsulated Fastify scope, so its own
// error and not-found pages (portal layout, sign-in at /portal/login) and its read-only guard for
// "view as customer" apply to every portal route and to none of the staff app's.
//
// Adding a portal page: write `<name>-routes.tsx` exporting `async (scope, deps) => { ... }` with
// paths relative to /portal (scope.get('/invoices', ...) serves /portal/invoices), start each
// handler with portalCtx(req, deps, flag) (context.ts: the company rule), render with portalPage(),
// add it to PAGES below and its nav entry to views/nav.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { AppError, ForbiddenError, UnauthorizedError } from '../../platform/errors.ts';
import { logoType } from '../settings/logo.ts';
import { portalAccountRoutes } from './account-routes.tsx';
import { portalAssetRoutes } from './asset-routes.tsx';
import { portalAuthRoutes } from './auth-routes.tsx';
import { portalBillingRoutes } from './billing-routes.tsx';
import { portalContactOf, portalCtx, VIEW_AS_READ_ONLY } from './context.ts';
import { homeFigures } from './home-service.ts';
import { brandingCached, portalPage } from './render.tsx';
import { PortalErrorPage } from './views/auth.tsx';
import { PortalHomePage } from './views/home.tsx';
import { portalWorkOrderRoutes } from './work-order-routes.tsx';

type PortalRoutes = (scope: FastifyInstance, deps: Deps) => Promise<void>;

const portalHomeRoutes: PortalRoutes = async (scope, deps) => {
  scope.get('/', async (req, reply) => {
    const home = await homeFigures(portalCtx(req, deps));
    return portalPage(reply, deps.db, 'Home', <PortalHomePage home={home} />);
  });
};

/** Every portal page module, registered inside the portal scope. */
const PAGES: PortalRoutes[] = [
  portalAuthRoutes,
  portalHomeRoutes,
  portalBillingRoutes,
  portalAccountRoutes,
  portalWorkOrderRoutes,
  portalAssetRoutes,
];

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_ACCENT = '#1d4e89'; // the invoice PDF's accent, so portal and invoices match

export function portalErrorPage(reply: FastifyReply, deps: Deps, status: number, message: string) {
  return portalPage(
    reply,
    deps.db,
    status === 404 ? 'Page not found' : 'Something went wrong',
    <PortalErrorPage status={status} message={message} />,
    status,
  );
}

function portalError(deps: Deps) {
  return async (
    err: Error & { statusCode?: number; code?: string },
    req: FastifyRequest,
    reply: FastifyReply,
  ) => {
    if (err instanceof UnauthorizedError) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
      return reply.redirect(`/portal/login${next}`);
    }
    let status = 500;
    let message = 'Something went wrong on our side. Please try again in a moment.';
    if (err instanceof AppError) {
      status = err.status;
      message = err.message;
    } else if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
      status = 403;
      message = 'This form was open too long. Go back, reload the page and try again.';
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      message = 'The request was not understood. Go back and try again.';
    } else {
      req.log.error({ err }, 'unhandled portal error');
    }
    return portalErrorPage(reply, deps, status, message);
  };
}

export async function portalRoutes(app: FastifyInstance, deps: Deps) {
  await app.register(
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin's promise
    async (scope) => {
      scope.setErrorHandler(portalError(deps));
      scope.setNotFoundHandler(async (_req, reply) =>
        portalErrorPage(reply, deps, 404, 'There is nothing at this address.'),
      );
      // View as customer is read-only whatever a route does; leaving it (sign out) is allowed.
      scope.addHook('preHandler', async (req) => {
        const contact = portalContactOf(req);
        if (
          contact?.viewAs &&
          MUTATING.has(req.method) &&
          req.url.split('?')[0] !== '/portal/logout'
        )
          throw new ForbiddenError(VIEW_AS_READ_ONLY);
      });

      // The accent colour as a stylesheet: the CSP allows no inline styles.
      scope.get('/theme.css', async (_req, reply) => {
        const brand = await brandingCached(deps.db);
        const accent =
          brand.accent && /^#[0-9a-f]{6}$/i.test(brand.accent) ? brand.accent : DEFAULT_ACCENT;
        return reply
          .type('text/css; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(`:root{--portal-accent:${accent};}\n`);
      });
      // The MSP's logo is public: the sign-in page shows it before anyone signs in.
      scope.get('/logo', async (_req, reply) => {
        const brand = await brandingCached(deps.db);
        const data = brand.logoKey ? await deps.storage.get(brand.logoKey) : null;
        if (!data) return portalErrorPage(reply, deps, 404, 'No logo.');
        return reply
          .type(logoType(data) ?? 'application/octet-stream')
          .header('cache-control', 'public, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(data);
      });

      for (const register of PAGES) await register(scope, deps);
    },
    { prefix: '/portal' },
  );
}
