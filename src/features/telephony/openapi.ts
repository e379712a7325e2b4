// Phone services' part of the OpenAPI document (the Twilio half of issue 13).
import { body, errors, idParam, json, ok, type OpenApiPart } from '../api/openapi-parts.ts';
import { LinkInput, TelephonySettingsInput } from './service.ts';

const bad = { $ref: '#/components/responses/Problem' };

export const telephonyOpenApi: OpenApiPart = {
  schemas: {
    TelephonySettingsInput: json(TelephonySettingsInput),
    TelephonySettings: {
      type: 'object',
      properties: {
        accountSid: { type: ['string', 'null'] },
        tokenSet: { type: 'boolean' },
        tokenLast4: { type: ['string', 'null'], description: 'The token itself is never returned' },
      },
    },
    TelephonyLinkInput: json(LinkInput),
    TelephonyAccount: {
      type: 'object',
      properties: {
        companyId: { type: 'string' },
        twilioAccountSid: { type: 'string' },
        friendlyName: { type: 'string' },
        lastSyncAt: { type: ['string', 'null'] },
        lastSyncOutcome: { type: ['string', 'null'] },
      },
    },
    TelephonySyncResult: {
      type: 'object',
      required: ['added', 'changed', 'released', 'usageRows'],
      properties: {
        added: { type: 'integer' },
        changed: { type: 'integer' },
        released: { type: 'integer' },
        usageRows: { type: 'integer' },
      },
    },
    PhoneNumber: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        companyId: { type: 'string' },
        phoneNumber: { type: 'string', description: 'E.164' },
        friendlyName: { type: 'string' },
        status: { type: 'string', description: 'Twilio’s status (e.g. in-use), or released' },
        source: { enum: ['twilio', 'manual'] },
        type: { type: ['string', 'null'] },
        capabilities: { type: 'array', items: { type: 'string' } },
        voiceUrl: { type: ['string', 'null'] },
        trunkSid: { type: ['string', 'null'] },
        dateAdded: { type: ['string', 'null'] },
        releasedAt: { type: ['string', 'null'] },
      },
    },
  },
  paths: {
    '/settings/telephony': {
      put: {
        operationId: 'putTelephonySettings',
        summary: 'Set the main Twilio account: Account SID and auth token (settings.manage)',
        description:
          'The token is stored encrypted and never returned; omit it to keep the stored one.',
        requestBody: body({ $ref: '#/components/schemas/TelephonySettingsInput' }),
        responses: { 200: ok({ $ref: '#/components/schemas/TelephonySettings' }), ...errors },
      },
    },
    '/companies/{id}/telephony': {
      put: {
        operationId: 'linkCompanyTelephony',
        summary: 'Link a company to a Twilio subaccount of the main account (telephony.write)',
        parameters: [idParam('id')],
        requestBody: body({ $ref: '#/components/schemas/TelephonyLinkInput' }),
        responses: {
          200: ok({ $ref: '#/components/schemas/TelephonyAccount' }),
          409: bad,
          502: bad,
          ...errors,
        },
      },
    },
    '/companies/{id}/telephony/sync': {
      post: {
        operationId: 'syncCompanyTelephony',
        summary:
          'Pull the company’s numbers and its usage for last month and this month now (telephony.write)',
        description:
          'Numbers gone from Twilio are marked released, never deleted; usage rows are unique on (account, category, period) and updated in place. 502 when Twilio fails; nothing is changed then.',
        parameters: [idParam('id')],
        responses: {
          200: ok({ $ref: '#/components/schemas/TelephonySyncResult' }),
          409: bad,
          502: bad,
          ...errors,
        },
      },
    },
    '/phone-numbers': {
      get: {
        operationId: 'listPhoneNumbers',
        summary: 'A company’s phone numbers, synced and kept by hand (telephony.read)',
        parameters: [
          { name: 'companyId', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: {
          200: ok({
            type: 'object',
            required: ['items'],
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/PhoneNumber' } },
            },
          }),
          ...errors,
        },
      },
    },
  },
};
