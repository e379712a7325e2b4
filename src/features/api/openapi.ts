// The OpenAPI 3.1 document at /api/v1/openapi.json, assembled from each feature's part, whose
// request schemas are the same zod schemas the API validates with, so it cannot drift.
import type { FastifyInstance } from 'fastify';
import { ok, type OpenApiPart } from './openapi-parts.ts';
import { billingOpenApi } from '../billing/openapi.ts';
import { companiesOpenApi } from '../companies/openapi.ts';
import { assetsOpenApi } from '../assets/openapi.ts';
import { vaultOpenApi } from '../vault/openapi.ts';
import { documentsOpenApi } from '../documents/openapi.ts';
import { timeOpenApi } from '../time/openapi.ts';
import { workOrdersOpenApi } from '../work-orders/openapi.ts';
import { billingSetupOpenApi } from '../billing-setup/openapi.ts';
import { invoicesOpenApi } from '../invoices/openapi.ts';
import { invoiceExportOpenApi } from '../invoices/export-openapi.ts';
import { paymentsOpenApi } from '../payments/openapi.ts';
import { receivablesOpenApi } from '../receivables/openapi.ts';
import { onlinePaymentsOpenApi } from '../online-payments/openapi.ts';
import { usersOpenApi } from '../users/openapi.ts';
import { telephonyOpenApi } from '../telephony/openapi.ts';
import { pbxOpenApi } from '../pbx/openapi.ts';

// Each feature with API routes adds its part here.
const PARTS: OpenApiPart[] = [
  usersOpenApi,
  companiesOpenApi,
  assetsOpenApi,
  vaultOpenApi,
  documentsOpenApi,
  timeOpenApi,
  workOrdersOpenApi,
  invoicesOpenApi,
  invoiceExportOpenApi,
  paymentsOpenApi,
  billingSetupOpenApi,
  billingOpenApi,
  onlinePaymentsOpenApi,
  receivablesOpenApi,
  telephonyOpenApi,
  pbxOpenApi,
  {
    schemas: {},
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document (no key needed)',
          security: [],
          responses: { 200: ok({ type: 'object' }) },
        },
      },
    },
  },
];

const Problem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'SupportTracker API',
      version: '1',
      description:
        'Money is integer cents (fields ending in Cents); dates are YYYY-MM-DD; lists are paginated with limit and cursor.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key created in Settings → API keys or with `supporttracker apikey create`.',
        },
      },
      schemas: Object.assign({ Problem }, ...PARTS.map((p) => p.schemas)),
      responses: {
        Problem: {
          description: 'Error',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          },
        },
      },
    },
    paths: Object.assign({}, ...PARTS.map((p) => p.paths)),
  };
}

export async function openApiRoutes(app: FastifyInstance) {
  const doc = openApiDocument();
  app.get('/api/v1/openapi.json', async () => doc);
}
