import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from '../../platform/device-cookies.ts';
import { TooManyRequestsError, ValidationError } from '../../platform/errors.ts';
import { endSession, SESSION_COOKIE } from '../../platform/sessions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { cookieOptions, staffCtx, staffOf } from '../../platform/web.ts';
import { changeOwnPassword } from '../users/service.ts';
import { HomePreferenceCard } from '../users/views.tsx';
import { findUser } from '../users/queries.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  deviceCookieAfterReset,
  disableTotp,
  login,
  pendingTotpSecret,
  verifySecondFactor,
} from './service.ts';
import { completePasswordReset, findValidLink, requestPasswordReset } from './reset-service.ts';
import { enrolmentQr } from './totp.ts';
import { ForgotPage, LoginPage, ResetPage, SecondFactorPage } from './views.tsx';
import { AccountPage, EnrolPage, RecoveryCodesPage } from './account-views.tsx';

type Body = Record<string, string | undefined>;
/** Only same-site paths, so a crafted ?next= cannot send a user elsewhere after sign-in. */
const safeNext = (next?: string) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
const client = (req: FastifyRequest) => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'],
  deviceCookie: req.cookies[DEVICE_COOKIE.staff],
});
/** Remembers this browser for the account it signed in to (platform/device-cookies.ts). */
const setDeviceCookie = (req: FastifyRequest, reply: FastifyReply, value: string) =>
  reply.setCookie(DEVICE_COOKIE.staff, value, cookieOptions(req, DEVICE_COOKIE_DAYS * 86_400));
/** Why a sign-in step was refused, for the form shown again: 429 with Retry-After while throttled. */
function refusal(err: unknown, reply: FastifyReply, field: string) {
  if (err instanceof TooManyRequestsError) {
    reply.header('retry-after', String(err.retryAfterSeconds));
    return { errors: { [field]: err.message }, status: 429 };
  }
  if (err instanceof ValidationError) return { errors: fieldErrors(err), status: 422 };
  throw err;
}

export async function authRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/login', async (req, reply) => {
    if (req.actor?.type === 'staff') return reply.redirect('/');
    const { next } = req.query as { next?: string };
    return reply.page('Sign in', <LoginPage csrf={reply.generateCsrf()} errors={{}} next={next} />);
  });

  app.post('/login', async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    try {
      const result = await login(deps, body.email ?? '', body.password ?? '', client(req));
      reply.setCookie(SESSION_COOKIE.staff, result.token, cookieOptions(req));
      if (result.deviceCookie) setDeviceCookie(req, reply, result.deviceCookie);
      return reply.redirect(
        result.pending2fa
          ? `/login/2fa?next=${encodeURIComponent(safeNext(body.next))}`
          : safeNext(body.next),
      );
    } catch (err) {
      const { errors, status } = refusal(err, reply, 'password');
      return reply.page(
        'Sign in',
        <LoginPage
          csrf={reply.generateCsrf()}
          email={body.email}
          errors={errors}
          next={body.next}
        />,
        status,
      );
    }
  });

  app.get('/login/2fa', async (req, reply) => {
    if (!req.session?.pending2fa) return reply.redirect('/login');
    return reply.page(
      'Two-factor check',
      <SecondFactorPage csrf={reply.generateCsrf()} errors={{}} />,
    );
  });

  app.post('/login/2fa', async (req, reply) => {
    const session = req.session;
    if (!session?.pending2fa) return reply.redirect('/login');
    const body = (req.body ?? {}) as Body;
    try {
      const device = await verifySecondFactor(
        deps,
        session.id,
        session.principalId,
        body.code ?? '',
        client(req),
      );
      setDeviceCookie(req, reply, device);
      return reply.redirect(safeNext((req.query as Body).next));
    } catch (err) {
      const { errors, status } = refusal(err, reply, 'code');
      return reply.page(
        'Two-factor check',
        <SecondFactorPage csrf={reply.generateCsrf()} errors={errors} />,
        status,
      );
    }
  });

  app.post('/logout', async (req, reply) => {
    if (req.session) await endSession(deps.db, req.session.id);
    reply.clearCookie(SESSION_COOKIE.staff, { path: '/' });
    return reply.flash('info', 'You are signed out.').redirect('/login');
  });

  app.get('/forgot-password', async (_req, reply) =>
    reply.page(
      'Reset password',
      <ForgotPage
        csrf={reply.generateCsrf()}
        sent={false}
        smtpConfigured={deps.mailer.configured}
        errors={{}}
      />,
    ),
  );

  app.post('/forgot-password', async (req, reply) => {
    const email = ((req.body ?? {}) as Body).email ?? '';
    if (!email.includes('@')) {
      return reply.page(
        'Reset password',
        <ForgotPage
          csrf={reply.generateCsrf()}
          sent={false}
          smtpConfigured={deps.mailer.configured}
          errors={{ email: 'Enter the email you sign in with' }}
        />,
        422,
      );
    }
    await requestPasswordReset(deps, email);
    return reply.page(
      'Reset password',
      <ForgotPage
        csrf={reply.generateCsrf()}
        sent
        smtpConfigured={deps.mailer.configured}
        errors={{}}
      />,
    );
  });

  app.get('/reset-password/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const user = await findValidLink(deps, token);
    return reply.page(
      'Choose a password',
      <ResetPage csrf={reply.generateCsrf()} token={token} errors={{}} invalid={!user} />,
      user ? 200 : 410,
    );
  });

  app.post('/reset-password/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    try {
      const user = await completePasswordReset(deps, token, req.body, req.ip);
      // The emailed link proved the account is theirs: this browser is no stranger to it any more.
      setDeviceCookie(req, reply, deviceCookieAfterReset(deps, user.email));
      return reply
        .flash('success', 'Your password is saved. Sign in with it now.')
        .redirect('/login');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        'Choose a password',
        <ResetPage
          csrf={reply.generateCsrf()}
          token={token}
          errors={fieldErrors(err)}
          invalid={false}
        />,
        422,
      );
    }
  });

  const accountPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
    status = 200,
  ) => {
    const actor = staffOf(req);
    const user = await findUser(deps.db, actor.userId);
    const csrf = reply.generateCsrf();
    return reply.page(
      'My account',
      <AccountPage
        actor={actor}
        csrf={csrf}
        totpEnabled={Boolean(user?.totpEnabled)}
        errors={errors}
        more={<HomePreferenceCard role={actor.role} home={user?.home ?? null} csrf={csrf} />}
      />,
      status,
    );
  };

  app.get('/account', async (req, reply) => accountPage(req, reply));

  app.post('/account/password', async (req, reply) => {
    try {
      await changeOwnPassword(staffCtx(req, deps), req.body, req.session?.id);
      return reply
        .flash('success', 'Password changed. Your other sessions were signed out.')
        .redirect('/account');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return accountPage(req, reply, fieldErrors(err), 422);
    }
  });

  const enrolPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    secret: string,
    errors: Record<string, string> = {},
    status = 200,
  ) => {
    const actor = staffOf(req);
    const profile = await getProfileCached(deps.db);
    const { svgDataUrl } = await enrolmentQr(
      secret,
      actor.email,
      profile?.name ?? 'SupportTracker',
    );
    return reply.page(
      'Two-factor set-up',
      <EnrolPage csrf={reply.generateCsrf()} qr={svgDataUrl} secret={secret} errors={errors} />,
      status,
    );
  };

  app.get('/account/2fa', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    // Already on: a new enrolment would switch it off, and a GET must never do that.
    const user = await findUser(deps.db, staffOf(req).userId);
    if (user?.totpEnabled) return reply.redirect('/account');
    const secret = (await pendingTotpSecret(ctx)) ?? (await beginTotpEnrolment(ctx));
    return enrolPage(req, reply, secret);
  });

  app.post('/account/2fa', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    try {
      const codes = await confirmTotpEnrolment(ctx, ((req.body ?? {}) as Body).code ?? '');
      return reply.page('Two-factor is on', <RecoveryCodesPage codes={codes} />);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const secret = await pendingTotpSecret(ctx);
      if (!secret) return reply.redirect('/account/2fa');
      return enrolPage(req, reply, secret, fieldErrors(err), 422);
    }
  });

  app.post('/account/2fa/disable', async (req, reply) => {
    try {
      await disableTotp(staffCtx(req, deps), ((req.body ?? {}) as Body).password ?? '');
      return reply.flash('success', 'Two-factor authentication is off.').redirect('/account');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return accountPage(req, reply, fieldErrors(err), 422);
    }
  });
}
