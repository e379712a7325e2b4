// JSON API of the billing set-up: tax rates, the service catalogue, invoice settings, a company's
// recurring service lines and its billing fields. Unit prices derived from cost + markup are computed
// by the server; the lists are short and come whole ({ items, nextCursor: null }).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import {
  catalogItems,
  changeCatalogItem,
  changeTaxRate,
  createCatalogItem,
  createTaxRate,
  getCatalogItem,
  getTaxRate,
  taxRates,
} from './catalog.ts';
import {
  addCompanyService,
  changeCompanyService,
  companyBilling,
  companyServices,
  getCompanyService,
  removeCompanyService,
  saveCompanyBilling,
} from './company-services.ts';
import { invoiceSettings, saveInvoiceSettings } from './invoice-settings.ts';

type P = { id: string; sid: string };
const whole = <T>(items: T[]) => ({ items, nextCursor: null });

export async function billingSetupApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/tax-rates', async (req) => whole(await taxRates(staffCtx(req, deps))));
  app.post('/api/v1/tax-rates', async (req, reply) => {
    const r = await createTaxRate(staffCtx(req, deps), req.body ?? {});
    return reply.status(201).header('location', `/api/v1/tax-rates/${r.id}`).send(r);
  });
  app.get('/api/v1/tax-rates/:id', async (req) =>
    getTaxRate(staffCtx(req, deps), (req.params as P).id),
  );
  app.patch('/api/v1/tax-rates/:id', async (req) =>
    changeTaxRate(staffCtx(req, deps), (req.params as P).id, req.body ?? {}),
  );

  app.get('/api/v1/service-catalog', async (req) => {
    const { active } = req.query as { active?: string };
    return whole(await catalogItems(staffCtx(req, deps), { activeOnly: active === 'true' }));
  });
  app.post('/api/v1/service-catalog', async (req, reply) => {
    const item = await createCatalogItem(staffCtx(req, deps), req.body ?? {});
    return reply.status(201).header('location', `/api/v1/service-catalog/${item.id}`).send(item);
  });
  app.get('/api/v1/service-catalog/:id', async (req) =>
    getCatalogItem(staffCtx(req, deps), (req.params as P).id),
  );
  app.patch('/api/v1/service-catalog/:id', async (req) =>
    changeCatalogItem(staffCtx(req, deps), (req.params as P).id, req.body ?? {}),
  );

  app.get('/api/v1/settings/invoices', async (req) => invoiceSettings(staffCtx(req, deps)));
  app.patch('/api/v1/settings/invoices', async (req) =>
    saveInvoiceSettings(staffCtx(req, deps), req.body ?? {}),
  );

  app.get('/api/v1/companies/:id/billing', async (req) =>
    companyBilling(staffCtx(req, deps), (req.params as P).id),
  );
  app.patch('/api/v1/companies/:id/billing', async (req) =>
    saveCompanyBilling(staffCtx(req, deps), (req.params as P).id, req.body ?? {}),
  );

  app.get('/api/v1/companies/:id/services', async (req) =>
    whole(await companyServices(staffCtx(req, deps), (req.params as P).id)),
  );
  app.post('/api/v1/companies/:id/services', async (req, reply) => {
    const { id } = req.params as P;
    const s = await addCompanyService(staffCtx(req, deps), id, req.body ?? {});
    return reply.status(201).header('location', `/api/v1/companies/${id}/services/${s.id}`).send(s);
  });
  app.get('/api/v1/companies/:id/services/:sid', async (req) =>
    getCompanyService(staffCtx(req, deps), (req.params as P).id, (req.params as P).sid),
  );
  app.patch('/api/v1/companies/:id/services/:sid', async (req) =>
    changeCompanyService(
      staffCtx(req, deps),
      (req.params as P).id,
      (req.params as P).sid,
      req.body ?? {},
    ),
  );
  app.delete('/api/v1/companies/:id/services/:sid', async (req, reply) => {
    await removeCompanyService(staffCtx(req, deps), (req.params as P).id, (req.params as P).sid);
    return reply.status(204).send();
  });
}
