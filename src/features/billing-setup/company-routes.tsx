// The company's Services tab: its recurring lines (add, edit, delete when never billed) and its
// billing fields. Reading needs billing.read; changing needs services.write.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { catalogItems, taxRates } from './catalog.ts';
import {
  addCompanyService,
  changeCompanyService,
  companyBilling,
  getCompanyService,
  removeCompanyService,
  saveCompanyBilling,
  servicesOverview,
} from './company-services.ts';
import { formToCompanyBilling, formToCompanyService } from './schemas.ts';
import type { CompanyService } from './queries.ts';
import { ServicesTab } from './views/services-tab.tsx';
import { EditServicePage } from './views/edit-service.tsx';
import { moneyInput, percentInput, quantityInput, type Values } from './views/format.ts';

type Params = { id: string; sid: string };
type Form = Record<string, string | undefined>;
type Errors = Record<string, string>;

const serviceValues = (s: CompanyService): Values => ({
  description: s.description,
  quantity: quantityInput(s.quantityThousandths),
  unitPrice: s.markupBp === null ? moneyInput(s.unitPriceCents) : '',
  unitCost: moneyInput(s.unitCostCents),
  markupPercent: percentInput(s.markupBp),
  taxable: s.taxable ? 'yes' : 'no',
  startDate: s.startDate,
  endDate: s.endDate ?? '',
});

export async function companyServiceRoutes(app: FastifyInstance, deps: Deps) {
  const tab = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { values?: Values; errors?: Errors; billingValues?: Values; billingErrors?: Errors } = {},
  ) => {
    const ctx = staffCtx(req, deps, 'companies.read');
    const d = await servicesOverview(ctx, (req.params as Params).id);
    const showMoney = can(ctx.actor, 'billing.read');
    const bv = o.billingValues ?? {
      taxRateId: d.billing.taxRateId ?? '',
      billWorkMonthly: d.billing.billWorkMonthly ? 'on' : '',
      billingAnchor: d.billing.billingAnchor ?? '',
    };
    const errors = { ...o.errors, ...o.billingErrors };
    return reply.page(
      `Services · ${d.billing.name}`,
      <ServicesTab
        {...d}
        showMoney={showMoney}
        catalog={showMoney ? await catalogItems(ctx, { activeOnly: true }) : []}
        taxRates={showMoney ? await taxRates(ctx) : []}
        currency={(await getProfileCached(deps.db))?.currency ?? 'USD'}
        canWrite={can(ctx.actor, 'services.write')}
        csrf={reply.generateCsrf()}
        values={o.values ?? {}}
        errors={o.errors ?? {}}
        billingValues={bv}
        billingErrors={o.billingErrors ?? {}}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/companies/:id/services', async (req, reply) => tab(req, reply));

  app.post('/companies/:id/services', async (req, reply) => {
    const { id } = req.params as Params;
    const form = (req.body ?? {}) as Form;
    try {
      const s = await addCompanyService(
        staffCtx(req, deps, 'services.write'),
        id,
        formToCompanyService(form),
      );
      return reply
        .flash('success', `${s.description} added.`)
        .redirect(`/companies/${id}/services`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return tab(req, reply, { values: form, errors: fieldErrors(err) });
    }
  });

  app.post('/companies/:id/billing-settings', async (req, reply) => {
    const { id } = req.params as Params;
    const form = (req.body ?? {}) as Form;
    try {
      await saveCompanyBilling(
        staffCtx(req, deps, 'services.write'),
        id,
        formToCompanyBilling(form),
      );
      return reply.flash('success', 'Billing saved.').redirect(`/companies/${id}/services`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return tab(req, reply, { billingValues: form, billingErrors: fieldErrors(err) });
    }
  });

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Values,
    errors: Errors = {},
  ) => {
    const ctx = staffCtx(req, deps, 'services.write');
    const { id, sid } = req.params as Params;
    const service = await getCompanyService(ctx, id, sid);
    const company = await companyBilling(ctx, id);
    return reply.page(
      `Edit ${service.description}`,
      <EditServicePage
        company={company}
        service={service}
        currency={(await getProfileCached(deps.db))?.currency ?? 'USD'}
        csrf={reply.generateCsrf()}
        values={values ?? serviceValues(service)}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/companies/:id/services/:sid', async (req, reply) => editPage(req, reply));
  app.post('/companies/:id/services/:sid', async (req, reply) => {
    const { id, sid } = req.params as Params;
    const form = (req.body ?? {}) as Form;
    try {
      const s = await changeCompanyService(
        staffCtx(req, deps, 'services.write'),
        id,
        sid,
        formToCompanyService(form, 'edit'),
      );
      return reply
        .flash('success', `${s.description} saved.`)
        .redirect(`/companies/${id}/services`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return editPage(req, reply, form, fieldErrors(err));
    }
  });

  app.post('/companies/:id/services/:sid/delete', async (req, reply) => {
    const { id, sid } = req.params as Params;
    try {
      const s = await removeCompanyService(staffCtx(req, deps, 'services.write'), id, sid);
      return reply
        .flash('success', `${s.description} deleted.`)
        .redirect(`/companies/${id}/services`);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return reply.flash('danger', err.message).redirect(`/companies/${id}/services`);
    }
  });
}
