// The PBX systems part of the OpenAPI document.
import { body, errors, idParam, json, ok, type OpenApiPart } from '../api/openapi-parts.ts';
import { CreatePbxApiInput, UpdatePbxInput } from './schemas.ts';

const nullable = { type: ['string', 'null'] };
const PbxSystem = {
  type: 'object',
  description:
    'The API client secret is write-only: never returned (hasClientSecret says if one is stored).',
  properties: {
    id: { type: 'string' },
    companyId: { type: 'string' },
    name: { type: 'string' },
    hostUrl: { type: 'string' },
    version: nullable,
    asteriskVersion: nullable,
    locationId: nullable,
    notes: nullable,
    clientId: nullable,
    hasClientSecret: { type: 'boolean' },
    lastSyncAt: nullable,
    lastSyncOutcome: nullable,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const PbxSnapshot = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    takenAt: { type: 'string', format: 'date-time' },
    takenByLabel: { type: 'string' },
    contentHash: { type: 'string' },
  },
};
const list = (ref: string) => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { $ref: ref } } },
});
const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
const pbxErrors = { ...errors, 502: { $ref: '#/components/responses/Problem' } };

export const pbxOpenApi: OpenApiPart = {
  schemas: {
    PbxSystem,
    PbxSnapshot,
    PbxSystemCreate: json(CreatePbxApiInput),
    PbxSystemUpdate: json(UpdatePbxInput),
  },
  paths: {
    '/pbx-systems': {
      get: {
        operationId: 'listPbxSystems',
        summary: 'A company’s phone systems (FreePBX)',
        tags: ['Phone systems'],
        parameters: [
          { name: 'companyId', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { 200: ok(list('#/components/schemas/PbxSystem')), ...errors },
      },
      post: {
        operationId: 'createPbxSystem',
        summary: 'Record a phone system (technician, admin); the client secret is stored encrypted',
        tags: ['Phone systems'],
        requestBody: body(ref('PbxSystemCreate')),
        responses: { 201: ok(ref('PbxSystem'), 'Created'), ...errors },
      },
    },
    '/pbx-systems/{id}': {
      get: {
        operationId: 'getPbxSystem',
        summary: 'One phone system',
        tags: ['Phone systems'],
        parameters: [idParam('id')],
        responses: { 200: ok(ref('PbxSystem')), ...errors },
      },
      patch: {
        operationId: 'updatePbxSystem',
        summary: 'Change a phone system; an absent or empty clientSecret keeps the stored one',
        tags: ['Phone systems'],
        parameters: [idParam('id')],
        requestBody: body(ref('PbxSystemUpdate')),
        responses: { 200: ok(ref('PbxSystem')), ...errors },
      },
    },
    '/pbx-systems/{id}/snapshots': {
      get: {
        operationId: 'listPbxSnapshots',
        summary: 'The system’s configuration snapshots, newest first (one per change)',
        tags: ['Phone systems'],
        parameters: [idParam('id')],
        responses: { 200: ok(list('#/components/schemas/PbxSnapshot')), ...errors },
      },
    },
    '/pbx-systems/{id}/snapshots/{snapshotId}': {
      get: {
        operationId: 'getPbxSnapshot',
        summary:
          'One snapshot with its content (versions, modules, extensions, inbound routes, backups)',
        tags: ['Phone systems'],
        parameters: [idParam('id'), idParam('snapshotId')],
        responses: {
          200: ok({
            allOf: [
              ref('PbxSnapshot'),
              { type: 'object', properties: { content: { type: 'object' } } },
            ],
          }),
          ...errors,
        },
      },
    },
    '/pbx-systems/{id}/sync': {
      post: {
        operationId: 'syncPbxSystem',
        summary: 'Read the configuration now; a snapshot is stored only when it changed',
        description: 'A FreePBX error answers 502 with FreePBX’s message, and nothing is recorded.',
        tags: ['Phone systems'],
        parameters: [idParam('id')],
        responses: {
          200: ok({
            type: 'object',
            properties: {
              outcome: { enum: ['snapshot', 'unchanged'] },
              snapshotId: nullable,
              changes: { type: 'array', items: { type: 'string' } },
            },
          }),
          ...pbxErrors,
        },
      },
    },
  },
};
