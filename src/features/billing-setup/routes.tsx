// Pages of the billing set-up: Settings › Tax rates, Service catalogue and Invoices, and the
// company's Services tab (its billing fields and recurring lines). Handlers parse, call one service
// function, and render or redirect; a bad form comes back with the values and messages (422).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import {
  catalogItems,
  changeCatalogItem,
  changeTaxRate,
  createCatalogItem,
  createTaxRate,
  getCatalogItem,
  taxRates,
} from './catalog.ts';
import { invoiceSettings, saveInvoiceSettings } from './invoice-settings.ts';
import { formToCatalogItem, formToTaxRate } from './schemas.ts';
import type { CatalogItem } from './queries.ts';
import { TaxRatesPage } from './views/tax-rates-page.tsx';
import { CatalogItemForm, CatalogPage } from './views/catalog-page.tsx';
import { InvoiceSettingsPage } from './views/invoice-settings-page.tsx';
import { moneyInput, percentInput, type Values } from './views/format.ts';
import { companyServiceRoutes } from './company-routes.tsx';

type Params = { id: string };
type Form = Record<string, string | undefined>;
type Errors = Record<string, string>;
const status = (errors: Errors) => (Object.keys(errors).length ? 422 : 200);

const catalogValues = (i: CatalogItem | null): Values =>
  i
    ? {
        name: i.name,
        kind: i.kind,
        description: i.description ?? '',
        unitPrice: i.markupBp === null ? moneyInput(i.unitPriceCents) : '',
        unitCost: moneyInput(i.unitCostCents),
        markupPercent: percentInput(i.markupBp),
        taxable: i.taxable ? 'on' : '',
        active: i.active ? 'on' : '',
      }
    : { kind: 'other', taxable: 'on', active: 'on' };

export async function billingSetupRoutes(app: FastifyInstance, deps: Deps) {
  const currency = async () => (await getProfileCached(deps.db))?.currency ?? 'USD';

  // ---- tax rates
  const ratesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values = {},
    errors: Errors = {},
  ) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    return reply.page(
      'Tax rates',
      <TaxRatesPage
        rates={await taxRates(ctx)}
        canWrite={can(ctx.actor, 'billing.catalog')}
        csrf={reply.generateCsrf()}
        values={values}
        errors={errors}
      />,
      status(errors),
    );
  };
  app.get('/settings/tax-rates', async (req, reply) => ratesPage(req, reply));
  app.post('/settings/tax-rates', async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    try {
      const r = await createTaxRate(staffCtx(req, deps, 'billing.catalog'), formToTaxRate(form));
      return reply.flash('success', `${r.name} added.`).redirect('/settings/tax-rates');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ratesPage(req, reply, form, fieldErrors(err));
    }
  });
  app.post('/settings/tax-rates/:id', async (req, reply) => {
    try {
      const r = await changeTaxRate(
        staffCtx(req, deps, 'billing.catalog'),
        (req.params as Params).id,
        formToTaxRate((req.body ?? {}) as Form),
      );
      return reply.flash('success', `${r.name} saved.`).redirect('/settings/tax-rates');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash('danger', Object.values(fieldErrors(err)).join(' '))
        .redirect('/settings/tax-rates');
    }
  });

  // ---- service catalogue
  app.get('/settings/service-catalog', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    return reply.page(
      'Service catalogue',
      <CatalogPage
        items={await catalogItems(ctx)}
        canWrite={can(ctx.actor, 'billing.catalog')}
        currency={await currency()}
      />,
    );
  });
  const itemForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    item: CatalogItem | null,
    values?: Values,
    errors: Errors = {},
  ) => {
    staffCtx(req, deps, 'billing.catalog');
    return reply.page(
      item ? `Edit ${item.name}` : 'New service',
      <CatalogItemForm
        item={item}
        csrf={reply.generateCsrf()}
        values={values ?? catalogValues(item)}
        errors={errors}
        currency={await currency()}
      />,
      status(errors),
    );
  };
  app.get('/settings/service-catalog/new', async (req, reply) => itemForm(req, reply, null));
  app.get('/settings/service-catalog/:id', async (req, reply) =>
    itemForm(
      req,
      reply,
      await getCatalogItem(staffCtx(req, deps, 'billing.catalog'), (req.params as Params).id),
    ),
  );
  app.post('/settings/service-catalog', async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    try {
      const item = await createCatalogItem(
        staffCtx(req, deps, 'billing.catalog'),
        formToCatalogItem(form),
      );
      return reply
        .flash('success', `${item.name} added to the catalogue.`)
        .redirect('/settings/service-catalog');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return itemForm(req, reply, null, form, fieldErrors(err));
    }
  });
  app.post('/settings/service-catalog/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.catalog');
    const form = (req.body ?? {}) as Form;
    try {
      const { item, repriced } = await changeCatalogItem(
        ctx,
        (req.params as Params).id,
        formToCatalogItem(form),
      );
      return reply
        .flash(
          'success',
          `${item.name} saved.${repriced ? ` ${repriced} company ${repriced === 1 ? 'line' : 'lines'} re-priced.` : ''}`,
        )
        .redirect('/settings/service-catalog');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return itemForm(
        req,
        reply,
        await getCatalogItem(ctx, (req.params as Params).id),
        form,
        fieldErrors(err),
      );
    }
  });

  // ---- invoice settings
  const settingsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Values,
    errors: Errors = {},
  ) => {
    const ctx = staffCtx(req, deps, 'settings.manage');
    const s = await invoiceSettings(ctx);
    const v = values ?? {
      autoIssue: s.autoIssue ? 'yes' : 'no',
      taxContract: s.taxContract ? 'on' : '',
      taxLabor: s.taxLabor ? 'on' : '',
      payableTo: s.payableTo ?? '',
      remitAddress: s.remitAddress ?? '',
      bankDetails: s.bankDetails ?? '',
      paymentUrl: s.paymentUrl ?? '',
      footerNote: s.footerNote ?? '',
      creditNotePrefix: s.creditNotePrefix,
    };
    return reply.page(
      'Invoice settings',
      <InvoiceSettingsPage csrf={reply.generateCsrf()} values={v} errors={errors} />,
      status(errors),
    );
  };
  app.get('/settings/invoices', async (req, reply) => settingsPage(req, reply));
  app.post('/settings/invoices', async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    try {
      await saveInvoiceSettings(staffCtx(req, deps, 'settings.manage'), {
        ...form,
        autoIssue: form.autoIssue === 'yes',
        taxContract: form.taxContract === 'on',
        taxLabor: form.taxLabor === 'on',
      });
      return reply.flash('success', 'Invoice settings saved.').redirect('/settings/invoices');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return settingsPage(req, reply, form, fieldErrors(err));
    }
  });

  await companyServiceRoutes(app, deps);
}
