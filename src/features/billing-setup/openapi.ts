// The billing set-up part of the OpenAPI document: tax rates, service catalogue, invoice settings,
// a company's recurring services and billing fields.
import { body, errors, idParam, json, ok, page, type OpenApiPart } from '../api/openapi-parts.ts';
import { InvoiceSettingsInput } from '../invoices/settings.ts';
import {
  CatalogItemInput,
  CompanyBillingInput,
  CompanyServiceInput,
  TaxRateInput,
} from './schemas.ts';

const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const nullInt = { type: ['integer', 'null'] };
const nullStr = { type: ['string', 'null'] };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const conflict = { 409: { $ref: '#/components/responses/Problem' } };

const TaxRate = {
  type: 'object',
  properties: {
    id: str,
    name: str,
    ratePpm: { ...int, description: 'parts per million: 88750 = 8.875%' },
    isDefault: bool,
    active: bool,
    companies: { ...int, description: 'companies with this rate as their own' },
    createdAt: str,
    updatedAt: str,
  },
};
const CatalogItem = {
  type: 'object',
  description:
    'unitPriceCents is derived (unitCostCents + markupBp) when markupBp is set. `companies` counts companies running the item today.',
  properties: {
    id: str,
    name: str,
    description: nullStr,
    kind: { enum: ['support', 'backup', 'telephony', 'pbx', 'other'] },
    unitPriceCents: int,
    unitCostCents: nullInt,
    markupBp: nullInt,
    taxable: bool,
    active: bool,
    companies: int,
    createdAt: str,
    updatedAt: str,
  },
};
const CompanyService = {
  type: 'object',
  description:
    'A recurring monthly line. endDate is the last day billed (null: ongoing); billedThrough is the end of the last period billed (null: never).',
  properties: {
    id: str,
    companyId: str,
    catalogId: nullStr,
    catalogName: nullStr,
    description: str,
    quantityThousandths: int,
    unitPriceCents: int,
    unitCostCents: nullInt,
    markupBp: nullInt,
    taxable: bool,
    startDate: { type: 'string', format: 'date' },
    endDate: { type: ['string', 'null'], format: 'date' },
    billedThrough: { type: ['string', 'null'], format: 'date' },
    createdAt: str,
    updatedAt: str,
  },
};
const CompanyBilling = {
  type: 'object',
  properties: {
    companyId: str,
    name: str,
    status: str,
    taxExempt: bool,
    taxRateId: nullStr,
    billWorkMonthly: bool,
    billingAnchor: { type: ['string', 'null'], format: 'date' },
    monthlyRateCents: int,
    contractStart: nullStr,
    billingDay: int,
    paymentTermsDays: int,
    effectiveTax: {
      type: ['object', 'null'],
      properties: { id: nullStr, name: str, ratePpm: int },
      description: 'the rate taxable lines are charged (null: exempt or no rate)',
    },
  },
};
const partial = (s: object) => ({
  ...s,
  required: [] as string[],
  description: 'Fields left out keep their value.',
});

export const billingSetupOpenApi: OpenApiPart = {
  schemas: {
    TaxRate,
    TaxRateInput: json(TaxRateInput),
    CatalogItem,
    CatalogItemInput: json(CatalogItemInput),
    CompanyService,
    CompanyServiceInput: { ...json(CompanyServiceInput), required: ['quantityThousandths'] },
    CompanyBilling,
    CompanyBillingInput: partial(json(CompanyBillingInput)),
    InvoiceSettings: json(InvoiceSettingsInput),
  },
  paths: {
    '/tax-rates': {
      get: {
        operationId: 'listTaxRates',
        summary: 'Tax rates (all, active first)',
        responses: { 200: ok(page('#/components/schemas/TaxRate')), ...errors },
      },
      post: {
        operationId: 'createTaxRate',
        summary: 'Add a tax rate (admin); isDefault makes it the only default',
        requestBody: body(ref('TaxRateInput')),
        responses: { 201: ok(ref('TaxRate'), 'Created'), ...errors },
      },
    },
    '/tax-rates/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getTaxRate',
        summary: 'One tax rate',
        responses: { 200: ok(ref('TaxRate')), ...errors },
      },
      patch: {
        operationId: 'updateTaxRate',
        summary: 'Change a tax rate (admin); issued invoices keep their rate',
        requestBody: body(partial(json(TaxRateInput))),
        responses: { 200: ok(ref('TaxRate')), ...errors },
      },
    },
    '/service-catalog': {
      get: {
        operationId: 'listCatalogItems',
        summary: 'The service catalogue',
        parameters: [
          {
            name: 'active',
            in: 'query',
            schema: { enum: ['true'] },
            description: 'only active items',
          },
        ],
        responses: { 200: ok(page('#/components/schemas/CatalogItem')), ...errors },
      },
      post: {
        operationId: 'createCatalogItem',
        summary: 'Add a catalogue item (admin): a unitPriceCents, or unitCostCents + markupBp',
        requestBody: body(ref('CatalogItemInput')),
        responses: { 201: ok(ref('CatalogItem'), 'Created'), ...errors },
      },
    },
    '/service-catalog/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getCatalogItem',
        summary: 'One catalogue item',
        responses: { 200: ok(ref('CatalogItem')), ...errors },
      },
      patch: {
        operationId: 'updateCatalogItem',
        summary:
          'Change a catalogue item (admin); with applyToCompanies, running company lines at the old price follow the new one',
        requestBody: body(partial(json(CatalogItemInput))),
        responses: {
          200: ok({ type: 'object', properties: { item: ref('CatalogItem'), repriced: int } }),
          ...errors,
        },
      },
    },
    '/settings/invoices': {
      get: {
        operationId: 'getInvoiceSettings',
        summary: 'Invoice settings',
        responses: { 200: ok(ref('InvoiceSettings')), ...errors },
      },
      patch: {
        operationId: 'updateInvoiceSettings',
        summary: 'Change invoice settings (admin)',
        requestBody: body(partial(json(InvoiceSettingsInput))),
        responses: { 200: ok(ref('InvoiceSettings')), ...errors },
      },
    },
    '/companies/{id}/billing': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getCompanyBilling',
        summary: 'A company’s billing fields and the tax rate its taxable lines are charged',
        responses: { 200: ok(ref('CompanyBilling')), ...errors },
      },
      patch: {
        operationId: 'updateCompanyBilling',
        summary:
          'Change the tax rate (null = default), whether work goes on the monthly invoice, and the first date billed',
        requestBody: body(ref('CompanyBillingInput')),
        responses: { 200: ok(ref('CompanyBilling')), ...errors },
      },
    },
    '/companies/{id}/services': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listCompanyServices',
        summary: 'A company’s recurring service lines',
        responses: { 200: ok(page('#/components/schemas/CompanyService')), ...errors },
      },
      post: {
        operationId: 'createCompanyService',
        summary:
          'Add a recurring line; with catalogId, description, pricing and taxable default to the catalogue item’s; startDate defaults to today',
        requestBody: body(ref('CompanyServiceInput')),
        responses: { 201: ok(ref('CompanyService'), 'Created'), ...errors },
      },
    },
    '/companies/{id}/services/{sid}': {
      parameters: [idParam('id'), idParam('sid')],
      get: {
        operationId: 'getCompanyService',
        summary: 'One recurring line',
        responses: { 200: ok(ref('CompanyService')), ...errors },
      },
      patch: {
        operationId: 'updateCompanyService',
        summary:
          'Change a line (end it with endDate); a new price applies from the next period billed',
        requestBody: body(partial(json(CompanyServiceInput))),
        responses: { 200: ok(ref('CompanyService')), ...errors },
      },
      delete: {
        operationId: 'deleteCompanyService',
        summary: 'Delete a line entered by mistake (409 once billed: end it instead)',
        responses: { 204: { description: 'Deleted' }, ...errors, ...conflict },
      },
    },
  },
};
