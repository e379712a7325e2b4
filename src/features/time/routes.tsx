// Time tab pages: the timer (start/stop), manual entries, deleting an entry, and the "timer
// running" indicator fragment. Errors of a named action (second timer, invoiced entry) come back
// as a flash on the Time tab; a bad manual entry re-renders the form with 422.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { renderFragment, staffCtx } from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { formToTimeEntry, formToUpdateEntry } from './schemas.ts';
import {
  businessTimeZone,
  createEntry,
  deleteTimeEntry,
  loadWorkOrder,
  startTimer,
  stopTimer,
  updateTimeEntry,
} from './service.ts';
import { getEntry, runningTimer, workOrderTime } from './work-order-time.ts';
import { EditEntryPage, entryToForm } from './views/edit-entry.tsx';
import { listStaffRates } from './queries.ts';
import { TimePage } from './views/time-page.tsx';
import { TimerIndicator } from './views/indicator.tsx';
import { nowIso, todayIn } from '../../lib/dates.ts';
import { formatDuration } from '../../lib/duration.ts';
import { timeBillingRoutes } from './billing-routes.tsx';
import { timeApi } from './api.ts';

type Params = { id: string; entryId?: string };
type Form = Record<string, string | undefined>;

export async function timeRoutes(app: FastifyInstance, deps: Deps) {
  await timeBillingRoutes(app, deps);
  await timeApi(app, deps);
  const timePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'time.read');
    const data = await workOrderTime(ctx, (req.params as Params).id);
    const profile = await getProfileCached(deps.db);
    const me = ctx.actor.type === 'staff' ? ctx.actor.userId : '';
    const staff = can(ctx.actor, 'time.any')
      ? (await listStaffRates(ctx.db)).map((s) => ({ id: s.id, name: s.name }))
      : null;
    return reply.page(
      `Time · ${data.wo.title}`,
      <TimePage
        {...data}
        currency={profile?.currency ?? 'USD'}
        csrf={reply.generateCsrf()}
        canLog={can(ctx.actor, 'time.own')}
        showMoney={can(ctx.actor, 'billing.read')}
        now={nowIso()}
        staff={staff}
        values={values ?? { workDate: todayIn(await businessTimeZone(ctx.db)), userId: me }}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/work-orders/:id/time', async (req, reply) => timePage(req, reply));

  /**
   * The Time tab, or the work order tab the form came from (the header's timer posts `back`):
   * only this work order's own pages, never another site.
   */
  const back = (req: FastifyRequest) => {
    const base = `/work-orders/${(req.params as Params).id}`;
    const to = ((req.body ?? {}) as Form).back;
    return to === base || to === `${base}/parts` ? to : `${base}/time`;
  };
  /** Runs a named action; a refusal (conflict) becomes a flash on the Time tab. */
  const action = async (req: FastifyRequest, reply: FastifyReply, run: () => Promise<string>) => {
    try {
      return reply.flash('success', await run()).redirect(back(req));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return reply.flash('danger', err.message).redirect(back(req));
    }
  };

  app.post('/work-orders/:id/timer/start', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.own');
    const { description } = (req.body ?? {}) as Form;
    return action(req, reply, async () => {
      await startTimer(ctx, (req.params as Params).id, {
        description: description?.trim() || null,
      });
      return 'Timer started.';
    });
  });

  app.post('/work-orders/:id/timer/stop', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.own');
    return action(
      req,
      reply,
      async () =>
        `Timer stopped: ${formatDuration((await stopTimer(ctx, (req.params as Params).id)).minutes)} logged.`,
    );
  });

  app.post('/work-orders/:id/time', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.own');
    const form = (req.body ?? {}) as Form;
    try {
      const e = await createEntry(ctx, (req.params as Params).id, formToTimeEntry(form));
      return reply
        .flash('success', `${formatDuration(e.minutes)} logged for ${e.userName}.`)
        .redirect(back(req));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return timePage(req, reply, form, fieldErrors(err));
    }
  });

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'time.own');
    const { id, entryId } = req.params as Params;
    const wo = await loadWorkOrder(ctx.db, id);
    const entry = await getEntry(ctx, entryId!);
    if (entry.workOrderId !== wo.id)
      throw new NotFoundError('No such time entry on this work order.');
    return reply.page(
      `Change time · ${wo.title}`,
      <EditEntryPage
        wo={wo}
        entry={entry}
        csrf={reply.generateCsrf()}
        values={values ?? entryToForm(entry)}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/work-orders/:id/time/:entryId/edit', async (req, reply) => editPage(req, reply));

  app.post('/work-orders/:id/time/:entryId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.own');
    const form = (req.body ?? {}) as Form;
    try {
      return await action(
        req,
        reply,
        async () =>
          `${formatDuration((await updateTimeEntry(ctx, (req.params as Params).entryId!, formToUpdateEntry(form))).minutes)} saved.`,
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return editPage(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/work-orders/:id/time/:entryId/delete', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.own');
    return action(req, reply, async () => {
      await deleteTimeEntry(ctx, (req.params as Params).entryId!);
      return 'Time entry deleted.';
    });
  });

  // A fragment for the layout (or any page) to show the signed-in technician's running timer.
  app.get('/time/running', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.read');
    return renderFragment(reply, <TimerIndicator running={await runningTimer(ctx)} />);
  });
}
