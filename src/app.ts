// buildApp(deps): the platform plugins, then each feature's routes. Used by main.ts, the tests
// (app.inject) and the benchmark, so all three run the same application.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import csrf from '@fastify/csrf-protection';
import type { Deps } from './platform/context.ts';
import { registerWeb } from './platform/web.ts';
import { collectFile } from './platform/uploads.ts';
import { setupGuard } from './features/setup/guard.ts';
import { staffActorForUser } from './features/users/staff-actor.ts';
import { contactForPortalSession } from './features/portal/auth-service.ts';
import { portalHostGuard } from './features/portal/host.ts';
import { getProfileCached } from './features/settings/profile-cache.ts';
import { featureRoutes } from './features/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A hop count becomes the same function Fastify builds for one (its types omit the number form). */
const trustProxyOption = (v: boolean | number | string) =>
  typeof v === 'number' ? (_address: string, hop: number) => hop < v : v;

export async function buildApp(
  deps: Deps,
  opts: { logger?: boolean | object } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? {
      level: deps.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Uploads (documents, CSV imports) may be up to UPLOAD_MAX_MB; other bodies are small.
    bodyLimit: deps.config.uploadMaxBytes + 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });

  await app.register(cookie);
  await app.register(formbody);
  // Files arrive as Buffers in req.body; uploads.ts keeps their names and refuses one that is too large.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: collectFile(deps.config.uploadMaxBytes),
    throwFileSizeLimit: false,
    limits: { fileSize: deps.config.uploadMaxBytes, files: 1 },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // The portal's and the pay page's Pay buttons are forms answered with a redirect to the
        // provider's hosted checkout; browsers apply form-action to that redirect too.
        formAction: [
          "'self'",
          'https://checkout.stripe.com',
          'https://www.paypal.com',
          'https://www.sandbox.paypal.com',
        ],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
  });
  const csrfCookie = { path: '/', httpOnly: true, sameSite: 'lax' } as const;
  // @fastify/csrf-protection makes a new secret on every generateCsrf() call until the browser sends
  // the cookie back, so a first visit's page (form token + layout token) set a cookie that could not
  // verify its own form. A browser without the cookie gets one secret for the whole request.
  app.addHook('onRequest', async (req, reply) => {
    if (req.cookies.st_csrf || /^\/(api|public|vendor)\//.test(req.url)) return;
    const secret = randomBytes(18).toString('base64url');
    req.cookies.st_csrf = secret;
    reply.setCookie('st_csrf', secret, { ...csrfCookie, secure: req.protocol === 'https' });
  });
  await app.register(csrf, {
    cookieKey: 'st_csrf',
    cookieOpts: csrfCookie,
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body?._csrf;
      return typeof fromBody === 'string'
        ? fromBody
        : (req.headers['x-csrf-token'] as string | undefined);
    },
  });
  await app.register(fastifyStatic, {
    root: path.join(root, 'public'),
    prefix: '/public/',
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/bootstrap/dist'),
    prefix: '/vendor/bootstrap/',
    decorateReply: false,
    maxAge: '7d',
  });
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/htmx.org/dist'),
    prefix: '/vendor/htmx/',
    decorateReply: false,
    maxAge: '7d',
  });

  registerWeb(app, deps, {
    staffActor: (userId) => staffActorForUser(deps.db, userId),
    portalActor: (session) => contactForPortalSession(deps, session),
    businessName: async () => (await getProfileCached(deps.db))?.name,
  });

  // Every state-changing browser request carries a CSRF token. The JSON API is authenticated by a
  // bearer key that a browser never sends on its own, so it needs none.
  app.addHook('preHandler', (req, reply, done) => {
    if (!MUTATING.has(req.method) || req.isApi) return done();
    app.csrfProtection(req, reply, done);
  });
  // PORTAL_HOST: that host name serves the customer portal alone.
  app.addHook('onRequest', portalHostGuard(deps));
  app.addHook('onRequest', setupGuard(deps));

  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin's promise
  await app.register(async (scope) => featureRoutes(scope, deps));
  return app;
}
