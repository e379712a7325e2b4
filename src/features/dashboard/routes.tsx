// The home page. Only what is real: counts and links built from data that exists today. Work
// queues, overdue invoices and the rest join as their features land.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { can } from '../../platform/permissions.ts';
import { staffCtx } from '../../platform/web.ts';
import { PageHeader } from '../../views/components.tsx';

export async function dashboardRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    // A technician's home is their work queue, by urgency (UX.md: the work queue comes first).
    if (ctx.actor.type === 'staff' && ctx.actor.role === 'technician') return reply.redirect('/work-orders?mine=1');
    const row = await deps.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
    const active = Number(row.n);
    const name = ctx.actor.type === 'staff' ? ctx.actor.name.split(' ')[0] : '';
    return reply.page('Dashboard', (
      <>
        <PageHeader title={`Hello, ${name}`} />
        <div class="row g-3">
          <div class="col-sm-6 col-lg-3">
            <a class="card text-decoration-none h-100" href="/companies">
              <div class="card-body">
                <div class="text-body-secondary small">Active companies</div>
                <div class="fs-3 fw-semibold">{active.toLocaleString('en-US')}</div>
              </div>
            </a>
          </div>
          {can(ctx.actor, 'companies.write') ? (
            <div class="col-sm-6 col-lg-3">
              <a class="card text-decoration-none h-100" href="/companies/new">
                <div class="card-body"><div class="text-body-secondary small">Quick action</div><div class="fs-5 fw-semibold">Add a company</div></div>
              </a>
            </div>
          ) : null}
        </div>
        <p class="text-body-secondary mt-4">Your work queue, overdue invoices and expiring warranties will appear here as work orders, billing and assets arrive in SupportTracker.</p>
      </>
    ));
  });
}
