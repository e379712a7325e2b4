// HTTP plumbing shared by every feature: who is asking (session cookie or API key), the guards
// routes use, page rendering with the layout, flash messages, and the error pages/problem+json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import { render } from 'preact-render-to-string';
import { h } from 'preact';
import { Layout, type Flash } from '../views/layout.tsx';
import { ErrorPage } from '../views/error-page.tsx';
import type { Actor, ContactActor, StaffActor } from './actor.ts';
import { actorForApiKey } from './api-keys.ts';
import { withActor, type Ctx, type Deps } from './context.ts';
import { AppError, UnauthorizedError, ValidationError } from './errors.ts';
import { can, type Permission } from './permissions.ts';
import { resolveSession, SESSION_COOKIE, type Session } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: Session | null;
    isApi: boolean;
  }
  interface FastifyReply {
    page(title: string, body: JSX.Element, status?: number): Promise<FastifyReply>;
    flash(kind: Flash['kind'], message: string): FastifyReply;
  }
}

const FLASH_COOKIE = 'st_flash';

export const isSecure = (req: FastifyRequest) => req.protocol === 'https';

export function cookieOptions(req: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isSecure(req),
    maxAge: maxAgeSeconds,
  };
}

/** What the web layer needs from the features; app.ts fills it in with their functions. */
export type WebServices = {
  /** The actor of a signed-in staff session's user, or null when the user is gone or inactive. */
  staffActor: (userId: string) => Promise<StaffActor | null>;
  /** The contact behind a live portal session (not one awaiting its second factor), or null. */
  portalActor: (session: Session) => Promise<ContactActor | null>;
  /** The business name the layout shows on every page. */
  businessName: () => Promise<string | undefined>;
};

export function registerWeb(app: FastifyInstance, deps: Deps, services: WebServices): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('isApi', false);

  app.addHook('onRequest', async (req) => {
    req.isApi = req.url.startsWith('/api/');
    if (req.isApi) {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer '))
        req.actor = await actorForApiKey(deps.db, auth.slice(7).trim());
      return;
    }
    if (req.url.startsWith('/portal')) {
      // The customer portal has its own cookie and session kind; staff cookies mean nothing there.
      const portalToken = req.cookies[SESSION_COOKIE.contact];
      if (!portalToken) return;
      const session = await resolveSession(
        deps.db,
        portalToken,
        'contact',
        deps.config.sessionTtlHours,
      );
      if (!session) return;
      req.session = session;
      if (session.pending2fa) return; // only the portal's second-factor page may see it
      req.actor = await services.portalActor(session);
      return;
    }
    const token = req.cookies[SESSION_COOKIE.staff];
    if (!token) return;
    const session = await resolveSession(deps.db, token, 'staff', deps.config.sessionTtlHours);
    if (!session) return;
    req.session = session;
    if (session.pending2fa) return; // signed in halfway: only the second-factor page may see it
    req.actor = await services.staffActor(session.principalId);
  });

  app.decorateReply('flash', function (this: FastifyReply, kind: Flash['kind'], message: string) {
    const value = Buffer.from(JSON.stringify({ kind, message })).toString('base64url');
    return this.setCookie(FLASH_COOKIE, value, cookieOptions(this.request, 60));
  });

  app.decorateReply(
    'page',
    async function (this: FastifyReply, title: string, body: JSX.Element, status = 200) {
      const req = this.request;
      let flash: Flash | null = null;
      const raw = req.cookies[FLASH_COOKIE];
      if (raw) {
        try {
          flash = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flash;
        } catch {
          flash = null;
        }
        this.clearCookie(FLASH_COOKIE, { path: '/' });
      }
      const businessName = await services.businessName();
      const actor = req.actor?.type === 'staff' ? req.actor : null;
      const meta = {
        title,
        actor,
        csrf: this.generateCsrf(),
        path: req.url.split('?')[0],
        flash,
        businessName,
      };
      const html = `<!doctype html>${render(h(Layout, { meta, children: body }))}`;
      return this.status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );

  app.setNotFoundHandler(async (req, reply) => {
    if (req.isApi)
      return problem(reply, 404, 'Not found', `No route ${req.method} ${req.url.split('?')[0]}`);
    return reply.page(
      'Not found',
      h(ErrorPage, {
        status: 404,
        message: 'There is nothing at this address. It may have been moved or removed.',
      }),
      404,
    );
  });

  app.setErrorHandler(
    async (
      err: Error & { statusCode?: number; code?: string; validation?: unknown },
      req,
      reply,
    ) => {
      let status = 500;
      let title = 'Something went wrong';
      let detail =
        'The error has been logged. Please try again; if it keeps happening, tell your administrator.';
      let errors: { path: string; message: string }[] | undefined;
      if (err instanceof AppError) {
        ({ status, title } = err);
        detail = err.message;
        if (err instanceof ValidationError) errors = err.errors;
        if ('retryAfterSeconds' in err) reply.header('retry-after', String(err.retryAfterSeconds));
      } else if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
        status = 403;
        title = 'Form expired';
        detail =
          'This form was open too long or came from another site. Go back, reload the page and try again.';
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        status = err.statusCode;
        title = 'Bad request';
        detail = err.message;
      } else {
        req.log.error({ err }, 'unhandled error');
      }
      if (req.isApi) return problem(reply, status, title, detail, errors);
      if (err instanceof UnauthorizedError)
        return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
      return reply.page(title, h(ErrorPage, { status, message: detail }), status);
    },
  );
}

export function problem(
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
  errors?: { path: string; message: string }[],
) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) });
}

/** The signed-in staff member, or UnauthorizedError (HTML: redirect to sign-in; API: 401). */
export function staffOf(req: FastifyRequest): StaffActor {
  if (req.actor?.type !== 'staff')
    throw new UnauthorizedError(
      req.isApi ? 'Send a valid API key as Authorization: Bearer <key>.' : 'Sign in first.',
    );
  return req.actor;
}

/** The service context for a staff request; also checks a permission when one is named. */
export function staffCtx(req: FastifyRequest, deps: Deps, permission?: Permission): Ctx {
  const actor = staffOf(req);
  if (permission && !can(actor, permission)) {
    // Thrown as AppError so HTML shows the 403 page and the API a 403 problem.
    throw new AppError(`Your role (${actor.role}) cannot do this.`, 403, 'Forbidden');
  }
  return withActor(deps, actor, req.ip);
}

/** True when htmx asked for a fragment rather than a whole page. */
export const wantsFragment = (req: FastifyRequest) =>
  req.headers['hx-request'] === 'true' && req.headers['hx-boosted'] !== 'true';

export function renderFragment(reply: FastifyReply, node: JSX.Element) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(render(node));
}

const PAGE_SIZES = ['25', '50', '100'];
const PAGE_SIZE_COOKIE = 'st_page_size';

/**
 * The list query with the page size the user last chose: ?size= wins and is remembered in a
 * cookie for a year; without it, the remembered size applies to every list.
 */
export function withRememberedPageSize(
  req: FastifyRequest,
  reply: FastifyReply,
): Record<string, unknown> {
  const query = { ...(req.query as Record<string, unknown>) };
  const asked = typeof query.size === 'string' ? query.size : undefined;
  if (asked && PAGE_SIZES.includes(asked)) {
    if (req.cookies[PAGE_SIZE_COOKIE] !== asked)
      reply.setCookie(PAGE_SIZE_COOKIE, asked, cookieOptions(req, 365 * 24 * 3600));
  } else if (!asked && PAGE_SIZES.includes(req.cookies[PAGE_SIZE_COOKIE] ?? '')) {
    query.size = req.cookies[PAGE_SIZE_COOKIE];
  }
  return query;
}
