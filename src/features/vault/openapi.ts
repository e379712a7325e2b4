// The vault part of the OpenAPI document.
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
import { CreateCredentialInput, RevealInput, UpdateCredentialInput } from './schemas.ts';

const Credential = {
  type: 'object',
  description: 'Metadata only: secrets are never listed or read, only revealed.',
  properties: {
    id: { type: 'string' },
    companyId: { type: 'string' },
    assetId: { type: ['string', 'null'] },
    assetName: { type: ['string', 'null'] },
    kind: { enum: ['login', 'note'] },
    label: { type: 'string' },
    username: { type: ['string', 'null'] },
    url: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
    hasPassword: { type: 'boolean' },
    hasTotp: { type: 'boolean' },
    hasNotes: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const Revealed = {
  type: 'object',
  properties: {
    password: { type: ['string', 'null'] },
    totpCode: { type: ['string', 'null'], description: 'The current 6-digit code' },
    totpSecondsLeft: { type: ['integer', 'null'] },
    notes: { type: ['string', 'null'] },
  },
};
const create = json(CreateCredentialInput) as {
  properties?: Record<string, object>;
  required?: string[];
};
const CredentialCreate = {
  ...create,
  properties: { companyId: { type: 'string' }, ...create.properties },
  required: ['companyId', ...(create.required ?? [])],
};

export const vaultOpenApi: OpenApiPart = {
  schemas: {
    Credential,
    CredentialRevealed: Revealed,
    CredentialCreate,
    CredentialUpdate: json(UpdateCredentialInput),
    CredentialReveal: json(RevealInput),
  },
  paths: {
    '/credentials': {
      get: {
        operationId: 'listCredentials',
        summary: 'List vault entries (metadata only)',
        parameters: [
          ...listParams,
          { name: 'companyId', in: 'query', schema: { type: 'string' } },
          { name: 'assetId', in: 'query', schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: ok(page('#/components/schemas/Credential')), ...errors },
      },
      post: {
        operationId: 'createCredential',
        summary: 'Create a vault entry on a company or one of its assets',
        requestBody: body({ $ref: '#/components/schemas/CredentialCreate' }),
        responses: { 201: ok({ $ref: '#/components/schemas/Credential' }, 'Created'), ...errors },
      },
    },
    '/credentials/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getCredential',
        summary: 'One vault entry (metadata only)',
        responses: { 200: ok({ $ref: '#/components/schemas/Credential' }), ...errors },
      },
      patch: {
        operationId: 'updateCredential',
        summary: 'Change an entry; a secret sent as null is removed',
        requestBody: body({ $ref: '#/components/schemas/CredentialUpdate' }),
        responses: { 200: ok({ $ref: '#/components/schemas/Credential' }), ...errors },
      },
      delete: {
        operationId: 'deleteCredential',
        summary: 'Delete an entry (soft; its history is kept)',
        responses: { 204: { description: 'Deleted' }, ...errors },
      },
    },
    '/credentials/{id}/reveal': {
      parameters: [idParam('id')],
      post: {
        operationId: 'revealCredential',
        summary: 'Reveal the secrets (admin and technician keys only; audited)',
        requestBody: {
          required: false,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CredentialReveal' } },
          },
        },
        responses: { 200: ok({ $ref: '#/components/schemas/CredentialRevealed' }), ...errors },
      },
    },
  },
};
