// The users part of the OpenAPI document: the staff directory and who the caller is.
import { errors, listParams, ok, page, type OpenApiPart } from '../api/openapi-parts.ts';
import { ROLES } from '../../platform/actor.ts';
import { PERMISSIONS } from '../../platform/permissions.ts';

const role = { enum: [...ROLES] };
const nstr = { type: ['string', 'null'] };

const StaffUser = {
  type: 'object',
  required: ['id', 'name', 'email', 'role', 'active'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { ...nstr, description: 'null unless the key may manage users (admin)' },
    role,
    active: { type: 'boolean', description: 'false: deactivated, cannot sign in or be assigned' },
  },
};
const Me = {
  type: 'object',
  required: ['kind', 'userId', 'name', 'email', 'role', 'permissions', 'apiKey'],
  properties: {
    kind: { enum: ['apiKey', 'session'] },
    userId: {
      ...nstr,
      description:
        'The staff user acted as: the signed-in user, or the user who created the key (null for a key created on the command line)',
    },
    name: { ...nstr, description: 'That user’s name' },
    email: { ...nstr, description: 'That user’s email' },
    role: { ...role, description: 'The role whose permissions apply: for a key, the key’s own' },
    permissions: {
      type: 'array',
      items: { enum: Object.keys(PERMISSIONS).sort((a, b) => (a < b ? -1 : 1)) },
      description: 'What this role may do; keys have no scopes beyond their role',
    },
    apiKey: {
      type: ['object', 'null'],
      required: ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string', description: 'The name the audit log shows, as “name (API key)”' },
        prefix: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        lastUsedAt: { ...nstr, format: 'date-time' },
      },
    },
  },
};

export const usersOpenApi: OpenApiPart = {
  schemas: { StaffUser, Me },
  paths: {
    '/users': {
      get: {
        operationId: 'listUsers',
        summary:
          'Staff (oldest first): the ids that time entries and work order assignments take. Any role; emails for admin keys only',
        parameters: [
          ...listParams,
          { name: 'role', in: 'query', schema: role },
          { name: 'active', in: 'query', schema: { enum: ['true', 'false'] } },
        ],
        responses: { 200: ok(page('#/components/schemas/StaffUser')), ...errors },
      },
    },
    '/me': {
      get: {
        operationId: 'getMe',
        summary: 'Who this API key is: its user, role, permissions and the key itself',
        responses: { 200: ok({ $ref: '#/components/schemas/Me' }), ...errors },
      },
    },
  },
};
