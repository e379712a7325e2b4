// Portal sign-in, two-factor step, sign-out, forgot password and set password from an emailed link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from '../../platform/device-cookies.ts';
import { TooManyRequestsError, ValidationError } from '../../platform/errors.ts';
import { endSession, SESSION_COOKIE } from '../../platform/sessions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { cookieOptions } from '../../platform/web.ts';
import {
  loginContact,
  portalDeviceCookieAfterLink,
  verifyContactSecondFactor,
} from './auth-service.ts';
import { portalContactOf } from './context.ts';
import { completePortalLink, findValidPortalLink, requestPortalReset } from './links-service.ts';
import { brandingCached, portalPage } from './render.tsx';
import {
  PortalForgotPage,
  PortalLoginPage,
  PortalSecondFactorPage,
  PortalSetPasswordPage,
} from './views/auth.tsx';

type Body = Record<string, string | undefined>;
/** Only portal paths, so a crafted ?next= cannot send a contact elsewhere after sign-in. */
const safeNext = (next?: string) =>
  next && /^\/portal(\/|$|\?)/.test(next) && !next.includes('\\') ? next : '/portal';
const client = (req: FastifyRequest) => ({
  ip: req.ip,
  deviceCookie: req.cookies[DEVICE_COOKIE.contact],
});
const setDeviceCookie = (req: FastifyRequest, reply: FastifyReply, value: string) =>
  reply.setCookie(DEVICE_COOKIE.contact, value, cookieOptions(req, DEVICE_COOKIE_DAYS * 86_400));
function refusal(err: unknown, reply: FastifyReply, field: string) {
  if (err instanceof TooManyRequestsError) {
    reply.header('retry-after', String(err.retryAfterSeconds));
    return { errors: { [field]: err.message }, status: 429 };
  }
  if (err instanceof ValidationError) return { errors: fieldErrors(err), status: 422 };
  throw err;
}

export async function portalAuthRoutes(scope: FastifyInstance, deps: Deps) {
  const loginPage = async (reply: FastifyReply, body: Body, errors: Body = {}, status = 200) => {
    const brand = await brandingCached(deps.db);
    return portalPage(
      reply,
      deps.db,
      'Sign in',
      <PortalLoginPage
        csrf={reply.generateCsrf()}
        brandName={brand.name}
        email={body.email}
        errors={errors}
        next={body.next}
      />,
      status,
    );
  };

  scope.get('/login', async (req, reply) => {
    if (portalContactOf(req)) return reply.redirect('/portal');
    return loginPage(reply, { next: (req.query as Body).next });
  });

  scope.post('/login', async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    try {
      const r = await loginContact(deps, body.email ?? '', body.password ?? '', client(req));
      reply.setCookie(SESSION_COOKIE.contact, r.token, cookieOptions(req));
      if (r.deviceCookie) setDeviceCookie(req, reply, r.deviceCookie);
      const next = safeNext(body.next);
      return reply.redirect(
        r.pending2fa ? `/portal/login/2fa?next=${encodeURIComponent(next)}` : next,
      );
    } catch (err) {
      const { errors, status } = refusal(err, reply, 'password');
      return loginPage(reply, { email: body.email, next: body.next }, errors, status);
    }
  });

  const pending = (req: FastifyRequest) =>
    req.session?.pending2fa && req.session.principalType === 'contact' ? req.session : null;

  scope.get('/login/2fa', async (req, reply) => {
    if (!pending(req)) return reply.redirect('/portal/login');
    return portalPage(
      reply,
      deps.db,
      'Enter your code',
      <PortalSecondFactorPage csrf={reply.generateCsrf()} errors={{}} />,
    );
  });

  scope.post('/login/2fa', async (req, reply) => {
    const session = pending(req);
    if (!session) return reply.redirect('/portal/login');
    try {
      const device = await verifyContactSecondFactor(
        deps,
        session,
        ((req.body ?? {}) as Body).code ?? '',
        client(req),
      );
      setDeviceCookie(req, reply, device);
      return reply.redirect(safeNext((req.query as Body).next));
    } catch (err) {
      const { errors, status } = refusal(err, reply, 'code');
      return portalPage(
        reply,
        deps.db,
        'Enter your code',
        <PortalSecondFactorPage csrf={reply.generateCsrf()} errors={errors} />,
        status,
      );
    }
  });

  scope.post('/logout', async (req, reply) => {
    const contact = portalContactOf(req);
    if (req.session?.principalType === 'contact') await endSession(deps.db, req.session.id);
    reply.clearCookie(SESSION_COOKIE.contact, { path: '/' });
    // An admin leaving "view as customer" goes back to the contact they were looking at.
    if (contact?.viewAs)
      return reply
        .flash('info', 'You stopped viewing the portal as this customer.')
        .redirect(`/companies/${contact.companyId}/contacts/${contact.contactId}/edit`);
    return reply.flash('info', 'You are signed out.').redirect('/portal/login');
  });

  const forgotPage = (reply: FastifyReply, sent: boolean, errors: Body = {}, status = 200) =>
    portalPage(
      reply,
      deps.db,
      'Forgot your password?',
      <PortalForgotPage csrf={reply.generateCsrf()} sent={sent} errors={errors} />,
      status,
    );

  scope.get('/forgot-password', async (_req, reply) => forgotPage(reply, false));

  scope.post('/forgot-password', async (req, reply) => {
    const email = (((req.body ?? {}) as Body).email ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 255)
      return forgotPage(reply, false, { email: 'Enter the email you sign in with' }, 422);
    await requestPortalReset(deps, email);
    return forgotPage(reply, true);
  });

  scope.get('/set-password/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const found = await findValidPortalLink(deps, token);
    return portalPage(
      reply,
      deps.db,
      'Choose your password',
      <PortalSetPasswordPage
        csrf={reply.generateCsrf()}
        token={token}
        email={found?.contact.email}
        invalid={!found}
        errors={{}}
      />,
      found ? 200 : 410,
    );
  });

  scope.post('/set-password/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    try {
      const contact = await completePortalLink(deps, token, req.body, req.ip);
      // The emailed link proved the address is theirs: this browser is no stranger to it now.
      setDeviceCookie(req, reply, portalDeviceCookieAfterLink(deps, contact.email));
      return reply
        .flash('success', 'Your password is saved. Sign in with it now.')
        .redirect('/portal/login');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = fieldErrors(err);
      const found = errors.token ? null : await findValidPortalLink(deps, token);
      return portalPage(
        reply,
        deps.db,
        'Choose your password',
        <PortalSetPasswordPage
          csrf={reply.generateCsrf()}
          token={token}
          email={found?.contact.email}
          invalid={Boolean(errors.token)}
          errors={errors}
        />,
        errors.token ? 410 : 422,
      );
    }
  });
}
