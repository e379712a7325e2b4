// The OpenAPI 3.1 document at /api/v1/openapi.json, built from the same zod schemas the API
// validates with, so the document cannot drift from what the server accepts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateCompanyInput, UpdateCompanyInput } from '../companies/schemas.ts';
import { CreateContactInput, UpdateContactInput } from '../contacts/schemas.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

const Company = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, status: { enum: ['active', 'inactive'] }, phone: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] }, website: { type: ['string', 'null'] }, billingAddress: { type: ['string', 'null'] },
    billingContactId: { type: ['string', 'null'] }, monthlyRateCents: { type: 'integer' }, contractStart: { type: ['string', 'null'], format: 'date' },
    billingDay: { type: 'integer' }, paymentTermsDays: { type: 'integer' }, taxExempt: { type: 'boolean' }, notes: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  },
};
const Contact = {
  type: 'object',
  properties: {
    id: { type: 'string' }, companyId: { type: 'string' }, name: { type: 'string' }, title: { type: ['string', 'null'] }, email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] }, notes: { type: ['string', 'null'] }, portalAccess: { type: 'boolean' }, active: { type: 'boolean' },
    createdAt: { type: 'string' }, updatedAt: { type: 'string' },
  },
};
const Problem = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } },
};

const page = (ref: string) => ({ type: 'object', properties: { items: { type: 'array', items: { $ref: ref } }, nextCursor: { type: ['string', 'null'] } } });
const ok = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = { 400: { $ref: '#/components/responses/Problem' }, 401: { $ref: '#/components/responses/Problem' }, 403: { $ref: '#/components/responses/Problem' }, 404: { $ref: '#/components/responses/Problem' } };
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const listParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'SupportTracker API', version: '1', description: 'Money is integer cents (fields ending in Cents); dates are YYYY-MM-DD; lists are paginated with limit and cursor.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key created in Settings → API keys or with `supporttracker apikey create`.' } },
      schemas: { Company, Contact, Problem, CompanyCreate: json(CreateCompanyInput), CompanyUpdate: json(UpdateCompanyInput), ContactCreate: json(CreateContactInput), ContactUpdate: json(UpdateContactInput) },
      responses: { Problem: { description: 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
    },
    paths: {
      '/companies': {
        get: { summary: 'List companies', parameters: [...listParams, { name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'status', in: 'query', schema: { enum: ['active', 'inactive', 'all'] } }], responses: { 200: ok(page('#/components/schemas/Company')), ...errors } },
        post: { summary: 'Create a company', requestBody: body({ $ref: '#/components/schemas/CompanyCreate' }), responses: { 201: ok({ $ref: '#/components/schemas/Company' }, 'Created'), ...errors } },
      },
      '/companies/{id}': {
        parameters: [idParam('id')],
        get: { summary: 'One company', responses: { 200: ok({ $ref: '#/components/schemas/Company' }), ...errors } },
        patch: { summary: 'Change a company (only the fields sent)', requestBody: body({ $ref: '#/components/schemas/CompanyUpdate' }), responses: { 200: ok({ $ref: '#/components/schemas/Company' }), ...errors } },
      },
      '/companies/{id}/contacts': {
        parameters: [idParam('id')],
        get: { summary: 'A company’s contacts', parameters: listParams, responses: { 200: ok(page('#/components/schemas/Contact')), ...errors } },
        post: { summary: 'Add a contact', requestBody: body({ $ref: '#/components/schemas/ContactCreate' }), responses: { 201: ok({ $ref: '#/components/schemas/Contact' }, 'Created'), ...errors } },
      },
      '/companies/{id}/contacts/{contactId}': {
        parameters: [idParam('id'), idParam('contactId')],
        get: { summary: 'One contact', responses: { 200: ok({ $ref: '#/components/schemas/Contact' }), ...errors } },
        patch: { summary: 'Change a contact; send active: false to deactivate', requestBody: body({ $ref: '#/components/schemas/ContactUpdate' }), responses: { 200: ok({ $ref: '#/components/schemas/Contact' }), ...errors } },
      },
    },
  };
}

export async function openApiRoutes(app: FastifyInstance) {
  const doc = openApiDocument();
  app.get('/api/v1/openapi.json', async () => doc);
}
