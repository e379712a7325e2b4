// Pages around billing time: the Parts tab, the weekly timesheet, a company's Ready to bill page
// (with its hourly rate override) and Settings › Billing rates.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { centsToInput } from '../../lib/money.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { findCompany } from '../companies/queries.ts';
import {
  formToBillingSettings,
  formToCompanyRate,
  formToPart,
  formToUserRates,
} from './schemas.ts';
import { addPart, removePart } from './parts.ts';
import { headerTimer, workOrderTime } from './work-order-time.ts';
import { timesheet } from './timesheet.ts';
import { listUnbilled } from './billing.ts';
import {
  billingRates,
  companyHourlyRate,
  saveBillingSettings,
  setCompanyHourlyRate,
  setTechnicianRates,
} from './rates-service.ts';
import { PartsPage } from './views/parts-page.tsx';
import { TimesheetPage } from './views/timesheet-page.tsx';
import { UnbilledPage } from './views/unbilled-page.tsx';
import { CompanyRateForm, RatesPage } from './views/rates-page.tsx';

type Params = { id: string; partId?: string };
type Form = Record<string, string | undefined>;

export async function timeBillingRoutes(app: FastifyInstance, deps: Deps) {
  const currency = async () => (await getProfileCached(deps.db))?.currency ?? 'USD';

  const partsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Form = {},
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'workorders.read');
    const d = await workOrderTime(ctx, (req.params as Params).id);
    const csrf = reply.generateCsrf();
    return reply.page(
      `Parts · ${d.wo.title}`,
      <PartsPage
        wo={d.wo}
        parts={d.parts}
        totals={d.totals}
        currency={await currency()}
        csrf={csrf}
        canWrite={can(ctx.actor, 'parts.write')}
        timer={await headerTimer(ctx, csrf, `/work-orders/${d.wo.id}/parts`)}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/work-orders/:id/parts', async (req, reply) => partsPage(req, reply));

  app.post('/work-orders/:id/parts', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'parts.write');
    const form = (req.body ?? {}) as Form;
    try {
      const p = await addPart(ctx, (req.params as Params).id, formToPart(form));
      return reply
        .flash('success', `${p.description} added.`)
        .redirect(`/work-orders/${p.workOrderId}/parts`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return partsPage(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/work-orders/:id/parts/:partId/delete', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'parts.write');
    const { id, partId } = req.params as Params;
    try {
      await removePart(ctx, id, partId!);
      return reply.flash('success', 'Removed.').redirect(`/work-orders/${id}/parts`);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return reply.flash('danger', err.message).redirect(`/work-orders/${id}/parts`);
    }
  });

  app.get('/time/timesheet', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.read');
    const sheet = await timesheet(ctx, req.query as { user?: string; week?: string });
    return reply.page(
      `Timesheet · ${sheet.user.name}`,
      <TimesheetPage {...sheet} currency={await currency()} />,
    );
  });

  app.get('/companies/:id/unbilled', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'time.read');
    const { id } = req.params as Params;
    const company = await findCompany(ctx.db, id);
    if (!company) throw new NotFoundError('No such company.');
    const unbilled = await listUnbilled(ctx, id);
    return reply.page(
      `Ready to bill · ${company.name}`,
      <>
        <UnbilledPage
          {...unbilled}
          company={company}
          currency={await currency()}
          invoice={can(ctx.actor, 'billing.write') ? { csrf: reply.generateCsrf() } : undefined}
        />
        {can(ctx.actor, 'settings.manage') ? (
          <CompanyRateForm
            companyId={id}
            rateCents={await companyHourlyRate(ctx, id)}
            csrf={reply.generateCsrf()}
          />
        ) : null}
      </>,
    );
  });

  app.post('/companies/:id/hourly-rate', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'settings.manage');
    const { id } = req.params as Params;
    try {
      await setCompanyHourlyRate(ctx, id, formToCompanyRate((req.body ?? {}) as Form));
      return reply.flash('success', 'Hourly rate saved.').redirect(`/companies/${id}/unbilled`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash(
          'danger',
          'Enter the hourly rate as an amount like 150.00, or leave it empty for the default.',
        )
        .redirect(`/companies/${id}/unbilled`);
    }
  });

  const ratesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'settings.manage');
    const { settings, staff } = await billingRates(ctx);
    const v = values ?? {
      defaultHourlyRate: centsToInput(settings.defaultHourlyRateCents),
      roundingIncrementMinutes: String(settings.roundingIncrementMinutes),
      minimumMinutes: String(settings.minimumMinutes),
    };
    return reply.page(
      'Billing rates',
      <RatesPage staff={staff} csrf={reply.generateCsrf()} values={v} errors={errors} />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/settings/billing-rates', async (req, reply) => ratesPage(req, reply));

  app.post('/settings/billing-rates', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'settings.manage');
    const form = (req.body ?? {}) as Form;
    try {
      await saveBillingSettings(ctx, formToBillingSettings(form));
      return reply.flash('success', 'Billing rates saved.').redirect('/settings/billing-rates');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ratesPage(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/settings/billing-rates/users/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'settings.manage');
    try {
      const u = await setTechnicianRates(
        ctx,
        (req.params as Params).id,
        formToUserRates((req.body ?? {}) as Form),
      );
      return reply
        .flash('success', `Rates saved for ${u.name}.`)
        .redirect('/settings/billing-rates');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash(
          'danger',
          'Enter rates as amounts like 95.00, or leave the hourly rate empty for the default.',
        )
        .redirect('/settings/billing-rates');
    }
  });
}
