// The billing run part of the OpenAPI document.
import { body, errors, json, ok, type OpenApiPart } from '../api/openapi-parts.ts';
import { RunBillingInput } from './schemas.ts';

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const PlanLine = {
  type: 'object',
  properties: {
    kind: { enum: ['contract', 'service', 'time', 'part'] },
    description: str,
    quantityThousandths: int,
    unitPriceCents: int,
    taxable: { type: 'boolean' },
    amountCents: int,
    taxCents: int,
    periodStart: nstr,
    periodEnd: nstr,
    serviceId: nstr,
    sourceType: nstr,
    sourceId: nstr,
  },
};
const BillingPlan = {
  type: 'object',
  description: 'One invoice a run would create',
  properties: {
    companyId: str,
    companyName: str,
    runKey: str,
    periodStart: str,
    periodEnd: str,
    subtotalCents: int,
    taxCents: int,
    totalCents: int,
    workItems: int,
    lines: { type: 'array', items: { $ref: '#/components/schemas/BillingPlanLine' } },
  },
};
const BillingRunResult = {
  type: 'object',
  properties: {
    runId: { ...nstr, description: 'null for a dry run' },
    asOf: { type: 'string', format: 'date' },
    dryRun: { type: 'boolean' },
    autoIssue: {
      type: 'boolean',
      description: 'Whether the invoices are issued and emailed (else left as drafts)',
    },
    invoicesCreated: { ...int, description: 'For a dry run: how many it would create' },
    invoiceIds: { type: 'array', items: str, description: 'Empty for a dry run' },
    skipped: { ...int, description: 'Companies already billed for their current period' },
    totalCents: int,
    errors: {
      type: 'array',
      items: { type: 'object', properties: { companyId: str, companyName: str, message: str } },
    },
    sendErrors: {
      type: 'array',
      items: { type: 'object', properties: { invoiceId: str, message: str } },
    },
    emailed: { ...int, description: 'Invoices this run emailed (or logged, without SMTP)' },
    invoices: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          invoiceId: str,
          companyId: str,
          companyName: str,
          periodStart: str,
          periodEnd: str,
          lines: int,
          totalCents: int,
        },
      },
    },
    plans: {
      type: 'array',
      items: { $ref: '#/components/schemas/BillingPlan' },
      description: 'Dry run only',
    },
  },
};
const BillingRun = {
  type: 'object',
  properties: {
    id: str,
    asOf: str,
    triggeredBy: { enum: ['scheduler', 'cli', 'page', 'api'] },
    status: { enum: ['running', 'completed', 'failed'] },
    invoicesCreated: int,
    totalCents: int,
    error: nstr,
    actorLabel: str,
    startedAt: str,
    finishedAt: nstr,
  },
};

export const billingOpenApi: OpenApiPart = {
  schemas: {
    BillingRunInput: json(RunBillingInput),
    BillingRunResult,
    BillingPlan,
    BillingPlanLine: PlanLine,
    BillingRun,
  },
  paths: {
    '/billing/run': {
      post: {
        operationId: 'runBilling',
        summary:
          'Run the monthly billing as of a date (permission billing.run). Idempotent: a company already billed for its period is skipped. A dry run writes nothing and returns the plans.',
        requestBody: body({ $ref: '#/components/schemas/BillingRunInput' }),
        responses: { 200: ok({ $ref: '#/components/schemas/BillingRunResult' }), ...errors },
      },
    },
    '/billing/runs': {
      get: {
        operationId: 'listBillingRuns',
        summary: 'Recent billing runs, newest first',
        parameters: [
          { name: 'page', in: 'query', schema: int },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
        ],
        responses: {
          200: ok({
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/BillingRun' } },
              total: int,
              page: int,
              limit: int,
            },
          }),
          ...errors,
        },
      },
    },
  },
};
