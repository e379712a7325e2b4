// The home page. A technician's home is their work queue, by urgency (UX.md 1); the office's is what
// needs attention: receivables, work that is late or unassigned, warranties ending, each a link.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { can } from '../../platform/permissions.ts';
import { staffCtx } from '../../platform/web.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { WARRANTY_AHEAD_DAYS } from '../assets/browse.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { estateFigures, moneyFigures, workFigures } from './queries.ts';
import { HomePage } from './views/home.tsx';

export async function dashboardRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    if (ctx.actor.type === 'staff' && ctx.actor.role === 'technician')
      return reply.redirect('/work-orders?mine=1');
    const today = await businessToday(ctx);
    const [work, money, estate, profile] = await Promise.all([
      can(ctx.actor, 'workorders.read') ? workFigures(ctx.db, today) : null,
      can(ctx.actor, 'billing.read') ? moneyFigures(ctx.db, today) : null,
      estateFigures(ctx.db, today, addDaysToDate(today, WARRANTY_AHEAD_DAYS)),
      getProfileCached(ctx.db),
    ]);
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
    return reply.page(
      'Dashboard',
      <HomePage
        name={name}
        currency={profile?.currency ?? 'USD'}
        work={work}
        money={money}
        estate={{ ...estate, warrantyDays: WARRANTY_AHEAD_DAYS }}
        actions={actions}
      />,
    );
  });
}
