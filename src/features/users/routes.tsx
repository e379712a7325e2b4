import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import {
  changeRole,
  getStaff,
  inviteUser,
  listStaff,
  setActive,
  setOwnHome,
  setUserHome,
} from './service.ts';
import { HOME_LABEL, defaultHome } from './home.ts';
import { resetUserTotp } from '../auth/service.ts';
import { UsersPage } from './views.tsx';

type Form = Record<string, string>;

export async function userRoutes(app: FastifyInstance, deps: Deps) {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Form = {},
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'users.manage');
    const users = await listStaff(ctx);
    const selfId = ctx.actor.type === 'staff' ? ctx.actor.userId : '';
    return reply.page(
      'Users',
      <UsersPage
        users={users}
        csrf={reply.generateCsrf()}
        selfId={selfId}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  app.get('/settings/users', async (req, reply) => page(req, reply));

  app.post('/settings/users', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'users.manage');
    const form = (req.body ?? {}) as Form;
    try {
      const { user, delivered } = await inviteUser(ctx, form);
      const how = delivered
        ? `An invitation was emailed to ${user.email}.`
        : 'Email is not configured, so the invitation link was written to the server log.';
      return reply
        .flash(delivered ? 'success' : 'warning', `${user.name} was added. ${how}`)
        .redirect('/settings/users');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return page(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/settings/users/:id/role', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'users.manage');
    try {
      const user = await changeRole(ctx, (req.params as { id: string }).id, req.body ?? {});
      return reply
        .flash('success', `${user.name} is now ${user.role}.`)
        .redirect('/settings/users');
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return reply.flash('danger', err.message).redirect('/settings/users');
    }
  });

  // The user's own home page (My work or the office dashboard), from the page itself or /account.
  app.post('/account/home', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    const back = ((req.body ?? {}) as Form).back === '/account' ? '/account' : '/';
    try {
      const home = await setOwnHome(ctx, req.body ?? {});
      const role = ctx.actor.type === 'staff' ? ctx.actor.role : 'readonly';
      const label = HOME_LABEL[home ?? defaultHome(role)];
      return reply
        .flash(
          'success',
          `${label} is your home page${home ? '' : ' (the default for your role)'}.`,
        )
        .redirect(back);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.flash('danger', err.errors[0]?.message ?? err.message).redirect(back);
    }
  });

  app.post('/settings/users/:id/home', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'users.manage');
    try {
      const user = await setUserHome(ctx, (req.params as { id: string }).id, req.body ?? {});
      const label = HOME_LABEL[user.home ?? defaultHome(user.role)];
      return reply
        .flash(
          'success',
          `${user.name}'s home page is ${label}${user.home ? '' : ' (the default for the role)'}.`,
        )
        .redirect('/settings/users');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash('danger', err.errors[0]?.message ?? err.message)
        .redirect('/settings/users');
    }
  });

  app.post('/settings/users/:id/reset-2fa', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'users.manage');
    const id = (req.params as { id: string }).id;
    await resetUserTotp(ctx, id);
    const user = await getStaff(ctx, id);
    return reply
      .flash(
        'success',
        `Two-factor is off for ${user.name}. They sign in with their password and can set it up again.`,
      )
      .redirect('/settings/users');
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/settings/users/:id/${action}`, async (req, reply) => {
      const ctx = staffCtx(req, deps, 'users.manage');
      try {
        const user = await setActive(ctx, (req.params as { id: string }).id, active);
        return reply
          .flash(
            'success',
            `${user.name} is ${active ? 'active again' : 'deactivated and signed out'}.`,
          )
          .redirect('/settings/users');
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        return reply.flash('danger', err.message).redirect('/settings/users');
      }
    });
  }
}
