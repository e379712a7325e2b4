// The receivables part of the OpenAPI document: a company's balance and the aging report.
import { errors, idParam, ok, type OpenApiPart } from '../api/openapi-parts.ts';

const int = { type: 'integer' };
const bucketProps = {
  currentCents: { type: 'integer', description: 'Not yet due (due today is current)' },
  days1To30Cents: int,
  days31To60Cents: int,
  days61To90Cents: int,
  over90Cents: int,
  totalCents: int,
};

export const receivablesOpenApi: OpenApiPart = {
  schemas: {
    CompanyBalance: {
      type: 'object',
      properties: {
        balanceCents: { type: 'integer', description: 'openInvoiceCents − unappliedCreditCents' },
        openInvoiceCents: int,
        unappliedCreditCents: int,
      },
    },
    AgingTotals: { type: 'object', properties: bucketProps },
    AgingReport: {
      type: 'object',
      properties: {
        asOf: { type: 'string', format: 'date' },
        totals: { $ref: '#/components/schemas/AgingTotals' },
        companies: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              companyId: { type: 'string' },
              companyName: { type: 'string' },
              ...bucketProps,
            },
          },
        },
      },
    },
  },
  paths: {
    '/companies/{id}/balance': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getCompanyBalance',
        summary: 'What a company owes: its open invoice amounts less its unapplied credit',
        responses: { 200: ok({ $ref: '#/components/schemas/CompanyBalance' }), ...errors },
      },
    },
    '/reports/aging': {
      get: {
        operationId: 'getAgingReport',
        summary:
          'Accounts-receivable aging per company and in total, as of a date (default today in the business time zone): what customers owed on that date by the documents’ own dates (payments by date received, voids and refunds by their effective dates)',
        parameters: [{ name: 'asOf', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: { 200: ok({ $ref: '#/components/schemas/AgingReport' }), ...errors },
      },
    },
  },
};
