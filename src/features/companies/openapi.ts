// The companies and contacts part of the OpenAPI document.
import {
  body,
  errors,
  idParam,
  json,
  listParams,
  ok,
  page,
  type OpenApiPart,
} from '../api/openapi-parts.ts';
import { CreateCompanyInput, UpdateCompanyInput } from './schemas.ts';
import { CreateContactInput, UpdateContactInput } from '../contacts/schemas.ts';

const Company = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { enum: ['active', 'inactive'] },
    phone: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    website: { type: ['string', 'null'] },
    billingAddress: { type: ['string', 'null'] },
    billingContactId: { type: ['string', 'null'] },
    monthlyRateCents: { type: 'integer' },
    contractStart: { type: ['string', 'null'], format: 'date' },
    billingDay: { type: 'integer' },
    paymentTermsDays: { type: 'integer' },
    taxExempt: { type: 'boolean' },
    notes: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const Contact = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    companyId: { type: 'string' },
    name: { type: 'string' },
    title: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
    notes: { type: ['string', 'null'] },
    portalAccess: { type: 'boolean' },
    portalBilling: {
      type: 'boolean',
      description: 'Portal shows invoices, payments, statements and paying online',
    },
    portalService: {
      type: 'boolean',
      description: 'Portal shows the company’s assets and work orders',
    },
    emailOptOut: { type: 'boolean' },
    active: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
};

export const companiesOpenApi: OpenApiPart = {
  schemas: {
    Company,
    Contact,
    CompanyCreate: json(CreateCompanyInput),
    CompanyUpdate: json(UpdateCompanyInput),
    ContactCreate: json(CreateContactInput),
    ContactUpdate: json(UpdateContactInput),
  },
  paths: {
    '/companies': {
      get: {
        operationId: 'listCompanies',
        summary: 'List companies',
        parameters: [
          ...listParams,
          { name: 'q', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { enum: ['active', 'inactive', 'all'] } },
        ],
        responses: { 200: ok(page('#/components/schemas/Company')), ...errors },
      },
      post: {
        operationId: 'createCompany',
        summary: 'Create a company',
        requestBody: body({ $ref: '#/components/schemas/CompanyCreate' }),
        responses: { 201: ok({ $ref: '#/components/schemas/Company' }, 'Created'), ...errors },
      },
    },
    '/companies/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getCompany',
        summary: 'One company',
        responses: { 200: ok({ $ref: '#/components/schemas/Company' }), ...errors },
      },
      patch: {
        operationId: 'updateCompany',
        summary: 'Change a company (only the fields sent)',
        requestBody: body({ $ref: '#/components/schemas/CompanyUpdate' }),
        responses: { 200: ok({ $ref: '#/components/schemas/Company' }), ...errors },
      },
    },
    '/companies/{id}/contacts': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listCompanyContacts',
        summary: 'A company’s contacts',
        parameters: listParams,
        responses: { 200: ok(page('#/components/schemas/Contact')), ...errors },
      },
      post: {
        operationId: 'createContact',
        summary: 'Add a contact',
        requestBody: body({ $ref: '#/components/schemas/ContactCreate' }),
        responses: { 201: ok({ $ref: '#/components/schemas/Contact' }, 'Created'), ...errors },
      },
    },
    '/companies/{id}/contacts/{contactId}': {
      parameters: [idParam('id'), idParam('contactId')],
      get: {
        operationId: 'getContact',
        summary: 'One contact',
        responses: { 200: ok({ $ref: '#/components/schemas/Contact' }), ...errors },
      },
      patch: {
        operationId: 'updateContact',
        summary: 'Change a contact; send active: false to deactivate',
        requestBody: body({ $ref: '#/components/schemas/ContactUpdate' }),
        responses: { 200: ok({ $ref: '#/components/schemas/Contact' }), ...errors },
      },
    },
    '/companies/{id}/contacts/{contactId}/portal-invite': {
      parameters: [idParam('id'), idParam('contactId')],
      post: {
        operationId: 'inviteContactToPortal',
        summary:
          'Email the contact a one-time link (valid 72 hours) to set their portal password; a new one replaces the old',
        responses: {
          202: ok(
            {
              type: 'object',
              required: ['sentTo', 'expiresAt'],
              properties: {
                sentTo: { type: 'string' },
                expiresAt: { type: 'string', format: 'date-time' },
              },
            },
            'Accepted: the email is on its way (or, without SMTP, the link is in the server log)',
          ),
          ...errors,
        },
      },
    },
  },
};
