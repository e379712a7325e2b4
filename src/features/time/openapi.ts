// The time, parts and ready-to-bill part of the OpenAPI document.
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
import { PartInput, TimeEntryInput, UpdateTimeEntryInput } from './schemas.ts';

const str = { type: 'string' };
const int = { type: 'integer' };
const TimeEntry = {
  type: 'object',
  description:
    '`minutes` is the rounded (billed) duration, `minutesRaw` the worked one; rates and amounts are computed by the server and fixed when the entry is stopped or saved.',
  properties: {
    id: str,
    workOrderId: str,
    companyId: str,
    userId: str,
    userName: str,
    running: { type: 'boolean' },
    startedAt: { type: ['string', 'null'] },
    endedAt: { type: ['string', 'null'] },
    workDate: { type: 'string', format: 'date' },
    minutesRaw: int,
    minutes: int,
    description: { type: ['string', 'null'] },
    billable: { type: 'boolean' },
    rateCents: int,
    costRateCents: int,
    billableCents: int,
    costCents: int,
    invoiceId: { type: ['string', 'null'] },
    invoicedAt: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const Part = {
  type: 'object',
  properties: {
    id: str,
    workOrderId: str,
    companyId: str,
    description: str,
    quantityThousandths: int,
    unitCostCents: int,
    unitPriceCents: int,
    markupBp: { type: ['integer', 'null'] },
    billable: { type: 'boolean' },
    totalCostCents: int,
    totalPriceCents: int,
    invoiceId: { type: ['string', 'null'] },
    invoicedAt: { type: ['string', 'null'] },
  },
};
const UnbilledItem = {
  type: 'object',
  properties: {
    kind: { enum: ['time', 'part'] },
    id: str,
    workOrderId: str,
    workOrderNumber: str,
    description: str,
    date: { type: 'string', format: 'date' },
    minutes: { type: ['integer', 'null'] },
    quantityThousandths: { type: ['integer', 'null'] },
    unitCents: int,
    amountCents: int,
  },
};
const create = json(TimeEntryInput) as { properties?: Record<string, object>; required?: string[] };
const TimeEntryCreate = {
  ...create,
  properties: { workOrderId: str, ...create.properties },
  required: ['workOrderId', ...(create.required ?? [])],
};
const conflict = { 409: { $ref: '#/components/responses/Problem' } };
const dateParam = (name: string) => ({
  name,
  in: 'query',
  schema: { type: 'string', format: 'date' },
});

export const timeOpenApi: OpenApiPart = {
  schemas: {
    TimeEntry,
    TimeEntryCreate,
    TimeEntryUpdate: json(UpdateTimeEntryInput),
    Part,
    PartCreate: json(PartInput),
    UnbilledItem,
  },
  paths: {
    '/time-entries': {
      get: {
        operationId: 'listTimeEntries',
        summary: 'List time entries',
        parameters: [
          ...listParams,
          { name: 'workOrderId', in: 'query', schema: str },
          { name: 'userId', in: 'query', schema: str },
          dateParam('from'),
          dateParam('to'),
        ],
        responses: { 200: ok(page('#/components/schemas/TimeEntry')), ...errors },
      },
      post: {
        operationId: 'createTimeEntry',
        summary: 'Log time (duration or start/end); another technician’s only with an admin key',
        requestBody: body({ $ref: '#/components/schemas/TimeEntryCreate' }),
        responses: { 201: ok({ $ref: '#/components/schemas/TimeEntry' }, 'Created'), ...errors },
      },
    },
    '/time-entries/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getTimeEntry',
        summary: 'One time entry',
        responses: { 200: ok({ $ref: '#/components/schemas/TimeEntry' }), ...errors },
      },
      patch: {
        operationId: 'updateTimeEntry',
        summary: 'Change an entry (not once invoiced: 409)',
        requestBody: body({ $ref: '#/components/schemas/TimeEntryUpdate' }),
        responses: { 200: ok({ $ref: '#/components/schemas/TimeEntry' }), ...errors, ...conflict },
      },
      delete: {
        operationId: 'deleteTimeEntry',
        summary: 'Delete an entry (not once invoiced: 409)',
        responses: { 204: { description: 'Deleted' }, ...errors, ...conflict },
      },
    },
    '/work-orders/{id}/timer/start': {
      parameters: [idParam('id')],
      post: {
        operationId: 'startTimer',
        summary: 'Start the key owner’s timer on the work order; 409 when one already runs',
        requestBody: {
          required: false,
          content: {
            'application/json': { schema: { type: 'object', properties: { description: str } } },
          },
        },
        responses: {
          201: ok({ $ref: '#/components/schemas/TimeEntry' }, 'Started'),
          ...errors,
          ...conflict,
        },
      },
    },
    '/work-orders/{id}/timer/stop': {
      parameters: [idParam('id')],
      post: {
        operationId: 'stopTimer',
        summary: 'Stop the running timer: rounds the minutes and fixes the rate and amounts',
        responses: { 200: ok({ $ref: '#/components/schemas/TimeEntry' }), ...errors },
      },
    },
    '/work-orders/{id}/parts': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listWorkOrderParts',
        summary: 'Parts and expenses of a work order',
        responses: { 200: ok(page('#/components/schemas/Part')), ...errors },
      },
      post: {
        operationId: 'addWorkOrderPart',
        summary: 'Add a part or expense (unit price, or markup in basis points over unit cost)',
        requestBody: body({ $ref: '#/components/schemas/PartCreate' }),
        responses: { 201: ok({ $ref: '#/components/schemas/Part' }, 'Created'), ...errors },
      },
    },
    '/companies/{id}/unbilled': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listUnbilledItems',
        summary: 'Ready to bill: billable time and parts not yet invoiced',
        responses: {
          200: ok({
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/UnbilledItem' } },
              totalCents: int,
            },
          }),
          ...errors,
        },
      },
    },
  },
};
