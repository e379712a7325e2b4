// The home pages. "/" is the user's home: "My work" (their queue by urgency, UX.md 1) or the office
// dashboard (receivables, late and unassigned work, warranties ending, each a link). Both also have
// their own address, so either is a click away, and each offers "Make this my home".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../platform/context.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { staffCtx } from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { startTimer, stopTimer } from '../time/service.ts';
import { HOME_LABEL, HOME_PATH, type Home } from '../users/home.ts';
import { homeOf, myWork, officeFigures } from './service.ts';
import { HomePage } from './views/home.tsx';
import { MyWorkPage } from './views/my-work.tsx';

type Params = { id: string };

/** The timer buttons come back to the page they were pressed on, and only to a home page. */
const backTo = (req: FastifyRequest) => {
  const back = ((req.body ?? {}) as { back?: string }).back;
  return back === HOME_PATH.work ? back : '/';
};

export async function dashboardRoutes(app: FastifyInstance, deps: Deps) {
  const myWorkPage = async (ctx: Ctx, reply: FastifyReply, path: string, home: Home) => {
    const data = await myWork(ctx);
    const csrf = reply.generateCsrf();
    const actor = ctx.actor.type === 'staff' ? ctx.actor : null;
    return reply.page(
      'My work',
      <MyWorkPage
        {...data}
        userId={actor?.userId ?? ''}
        nowMs={Date.now()}
        csrf={csrf}
        back={path}
        canCreate={can(ctx.actor, 'workorders.write')}
        home={{
          page: 'work',
          home,
          csrf,
          other: { href: HOME_PATH.office, label: HOME_LABEL.office },
        }}
      />,
    );
  };

  const officePage = async (ctx: Ctx, reply: FastifyReply, home: Home) => {
    const [figures, profile] = await Promise.all([officeFigures(ctx), getProfileCached(ctx.db)]);
    const actions = [
      ...(can(ctx.actor, 'billing.write')
        ? [{ href: '/payments/new', label: 'Record payment' }]
        : []),
      ...(can(ctx.actor, 'workorders.write')
        ? [{ href: '/work-orders/new', label: 'New work order' }]
        : []),
      ...(can(ctx.actor, 'companies.write')
        ? [{ href: '/companies/new', label: 'Add a company' }]
        : []),
    ];
    const name = ctx.actor.type === 'staff' ? ctx.actor.name.split(' ')[0] : '';
    const csrf = reply.generateCsrf();
    return reply.page(
      'Dashboard',
      <HomePage
        name={name}
        currency={profile?.currency ?? 'USD'}
        {...figures}
        actions={actions}
        home={{
          page: 'office',
          home,
          csrf,
          other: figures.mine
            ? {
                href: HOME_PATH.work,
                label: `${HOME_LABEL.work} · ${figures.mine.toLocaleString('en-US')} open`,
              }
            : null,
        }}
      />,
    );
  };

  app.get('/', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    const home = await homeOf(ctx);
    return home === 'work' ? myWorkPage(ctx, reply, '/', home) : officePage(ctx, reply, home);
  });

  app.get(HOME_PATH.work, async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.read');
    return myWorkPage(ctx, reply, HOME_PATH.work, await homeOf(ctx));
  });

  app.get(HOME_PATH.office, async (req, reply) => {
    const ctx = staffCtx(req, deps);
    return officePage(ctx, reply, await homeOf(ctx));
  });

  // The timer from a home page: the time feature's own start and stop (one timer per technician,
  // the same checks and audit rows as on the Time tab), coming back to the page it was pressed on.
  for (const action of ['start', 'stop'] as const) {
    app.post(`/my-work/:id/timer/${action}`, async (req, reply) => {
      const ctx = staffCtx(req, deps, 'time.own');
      const { id } = req.params as Params;
      try {
        const message =
          action === 'start'
            ? (await startTimer(ctx, id)) && 'Timer started.'
            : `Timer stopped: ${(await stopTimer(ctx, id)).minutes} minutes logged.`;
        return reply.flash('success', message).redirect(backTo(req));
      } catch (err) {
        if (!(err instanceof ConflictError || err instanceof NotFoundError)) throw err;
        return reply.flash('danger', err.message).redirect(backTo(req));
      }
    });
  }
}
