// /portal/account: the contact's details, email choices, password and two-step sign-in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { enrolmentQr } from '../auth/totp.ts';
import {
  accountOf,
  changePortalPassword,
  confirmPortalTotp,
  disablePortalTotp,
  portalTotpSecret,
  setPortalPreferences,
  updatePortalProfile,
} from './account-service.ts';
import { portalCtx } from './context.ts';
import { brandingCached, portalPage } from './render.tsx';
import { PortalAccountPage, PortalEnrolPage, PortalRecoveryCodesPage } from './views/account.tsx';

type Body = Record<string, string | undefined>;

export async function portalAccountRoutes(scope: FastifyInstance, deps: Deps) {
  const accountPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: Body = {},
    values?: Body,
  ) => {
    const contact = await accountOf(portalCtx(req, deps));
    return portalPage(
      reply,
      deps.db,
      'My account',
      <PortalAccountPage
        csrf={reply.generateCsrf()}
        contact={contact}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  /** Runs one change; a bad field re-renders the page with the message beside it (422). */
  const change =
    (run: (req: FastifyRequest) => Promise<void>, done: string) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        await run(req);
        return reply.flash('success', done).redirect('/portal/account');
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return accountPage(req, reply, fieldErrors(err), (req.body ?? {}) as Body);
      }
    };
  const body = (req: FastifyRequest) => (req.body ?? {}) as Body;

  scope.get('/account', async (req, reply) => accountPage(req, reply));
  scope.post(
    '/account/profile',
    change(
      (req) =>
        updatePortalProfile(portalCtx(req, deps), { name: body(req).name, phone: body(req).phone }),
      'Your details are saved.',
    ),
  );
  scope.post(
    '/account/preferences',
    change(
      (req) =>
        setPortalPreferences(portalCtx(req, deps), {
          invoiceEmails: body(req).invoiceEmails === 'on',
          workOrderEmails: body(req).workOrderEmails === 'on',
        }),
      'Your email choices are saved.',
    ),
  );
  scope.post(
    '/account/password',
    change(
      (req) => changePortalPassword(portalCtx(req, deps), body(req), req.session?.id),
      'Your password is changed. Your other sign-ins were signed out.',
    ),
  );
  scope.post(
    '/account/2fa/disable',
    change(
      (req) => disablePortalTotp(portalCtx(req, deps), body(req).password ?? ''),
      'Two-step sign-in is off.',
    ),
  );

  const enrolPage = async (
    reply: FastifyReply,
    email: string,
    secret: string,
    errors: Body = {},
  ) => {
    const brand = await brandingCached(deps.db);
    const { svgDataUrl } = await enrolmentQr(secret, email, brand.name);
    return portalPage(
      reply,
      deps.db,
      'Turn on two-step sign-in',
      <PortalEnrolPage
        csrf={reply.generateCsrf()}
        qr={svgDataUrl}
        secret={secret}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  scope.get('/account/2fa', async (req, reply) => {
    const p = portalCtx(req, deps);
    // Creating a secret is a write: not while an admin views the portal as the customer.
    if (p.viewAs) return reply.redirect('/portal/account');
    const secret = await portalTotpSecret(p);
    if (!secret) return reply.redirect('/portal/account'); // already on
    return enrolPage(reply, p.contact.email, secret);
  });

  scope.post('/account/2fa', async (req, reply) => {
    const p = portalCtx(req, deps);
    try {
      const codes = await confirmPortalTotp(p, body(req).code ?? '');
      return portalPage(
        reply,
        deps.db,
        'Two-step sign-in is on',
        <PortalRecoveryCodesPage codes={codes} />,
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const secret = await portalTotpSecret(p);
      if (!secret) return reply.redirect('/portal/account');
      return enrolPage(reply, p.contact.email, secret, fieldErrors(err));
    }
  });
}
