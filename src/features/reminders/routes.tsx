// Reminder pages: settings (/settings/reminders), the log (/reports/reminders), and a company's
// pause/resume actions. Handlers parse, call one use case, render or redirect.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { formatInstant } from '../../lib/dates.ts';
import { findCompany } from '../companies/queries.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { formToSettings, settingsToForm, toFieldName } from './forms.ts';
import {
  browseReminderLog,
  getReminderSettings,
  pauseReminders,
  resumeReminders,
  saveReminderSettings,
} from './service.ts';
import { ReminderLogPage, ReminderSettingsPage } from './views/pages.tsx';

type Form = Record<string, string | string[] | undefined>;

export async function reminderRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/settings/reminders', async (req, reply) => {
    const s = await getReminderSettings(staffCtx(req, deps, 'billing.catalog'));
    return reply.page(
      'Payment reminders',
      <ReminderSettingsPage
        values={settingsToForm(s)}
        errors={{}}
        csrf={reply.generateCsrf()}
        steps={s.steps}
      />,
    );
  });

  app.post('/settings/reminders', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.catalog');
    const form = (req.body ?? {}) as Form;
    const { raw, errors } = formToSettings(form);
    const values = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : (v ?? '')]),
    ) as Record<string, string>;
    const current = await getReminderSettings(ctx);
    try {
      if (Object.keys(errors).length)
        throw new ValidationError(
          Object.entries(errors).map(([path, message]) => ({ path, message })),
        );
      const saved = await saveReminderSettings(ctx, raw);
      return reply
        .flash(
          'success',
          saved.enabled
            ? 'Reminder settings saved. Reminders are on.'
            : 'Reminder settings saved. Reminders are off.',
        )
        .redirect('/settings/reminders');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const all = {
        ...Object.fromEntries(
          Object.entries(fieldErrors(err)).map(([p, m]) => [toFieldName(p), m]),
        ),
        ...errors,
      };
      return reply.page(
        'Payment reminders',
        <ReminderSettingsPage
          values={values}
          errors={all}
          csrf={reply.generateCsrf()}
          steps={current.steps}
        />,
        422,
      );
    }
  });

  app.get('/reports/reminders', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const r = await browseReminderLog(ctx, req.query);
    const company = r.query.companyId ? await findCompany(ctx.db, r.query.companyId) : null;
    const tz = (await getProfileCached(ctx.db))?.timeZone ?? 'UTC';
    return reply.page(
      'Payment reminders',
      <ReminderLogPage
        items={r.items}
        total={r.total}
        query={r.query}
        companyName={company?.name ?? null}
        formatTime={(iso) => formatInstant(iso, tz)}
      />,
    );
  });

  const back = (id: string, referer: string | undefined) =>
    referer && /^\/companies\/[^/?#]+/.test(new URL(referer, 'http://x').pathname)
      ? new URL(referer, 'http://x').pathname
      : `/companies/${id}`;

  app.post('/companies/:id/reminders/pause', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as { id: string };
    try {
      await pauseReminders(ctx, id, { reason: ((req.body ?? {}) as Form).reason });
      return reply
        .flash('success', 'Payment reminders and late fees are paused for this company.')
        .redirect(back(id, req.headers.referer));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash('danger', err.errors.map((e) => e.message).join(' '))
        .redirect(back(id, req.headers.referer));
    }
  });

  app.post('/companies/:id/reminders/resume', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as { id: string };
    await resumeReminders(ctx, id);
    return reply
      .flash('success', 'Payment reminders are back on for this company.')
      .redirect(back(id, req.headers.referer));
  });
}
