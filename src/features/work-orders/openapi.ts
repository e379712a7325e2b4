// The work orders and comments part of the OpenAPI document.
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
import {
  CommentInput,
  CreateWorkOrderInput,
  StatusInput,
  UpdateWorkOrderInput,
} from './schemas.ts';
import { WO_BILLING, WO_PRIORITIES, WO_STATUSES } from './transitions.ts';

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const ndate = { type: ['string', 'null'], format: 'date' };
const WorkOrder = {
  type: 'object',
  properties: {
    id: str,
    number: { type: 'integer', description: 'Gapless; shown as WO-00001' },
    companyId: str,
    contactId: nstr,
    title: str,
    description: nstr,
    priority: { enum: [...WO_PRIORITIES] },
    status: { enum: [...WO_STATUSES] },
    assignedToId: nstr,
    scheduledFor: ndate,
    dueOn: ndate,
    source: { enum: ['staff', 'portal', 'email'] },
    billing: { enum: [...WO_BILLING] },
    createdByLabel: str,
    createdAt: str,
    updatedAt: str,
    resolvedAt: nstr,
    closedAt: nstr,
    assetIds: { type: 'array', items: str },
  },
};
const WorkOrderComment = {
  type: 'object',
  properties: {
    id: str,
    workOrderId: str,
    authorType: { enum: ['staff', 'contact'] },
    authorId: nstr,
    authorName: str,
    visibility: { enum: ['internal', 'public'] },
    body: str,
    createdAt: str,
  },
};
const q = (name: string, schema: object = str) => ({ name, in: 'query', schema });
const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
const conflict = { 409: { $ref: '#/components/responses/Problem' } };

export const workOrdersOpenApi: OpenApiPart = {
  schemas: {
    WorkOrder,
    WorkOrderComment,
    WorkOrderCreate: json(CreateWorkOrderInput),
    WorkOrderUpdate: json(UpdateWorkOrderInput),
    WorkOrderStatus: json(StatusInput),
    WorkOrderCommentCreate: json(CommentInput),
  },
  paths: {
    '/work-orders': {
      get: {
        operationId: 'listWorkOrders',
        summary: 'List work orders (oldest first), filtered',
        parameters: [
          ...listParams,
          q('companyId'),
          q('status', { enum: ['open', 'all', ...WO_STATUSES] }),
          q('assignedTo', { type: 'string', description: 'A user id, or none' }),
          q('q', { type: 'string', description: 'Number or title contains' }),
        ],
        responses: { 200: ok(page('#/components/schemas/WorkOrder')), ...errors },
      },
      post: {
        operationId: 'createWorkOrder',
        summary:
          'Create a work order (billing defaults from the company: contract with a monthly rate, else billable)',
        requestBody: body(ref('WorkOrderCreate')),
        responses: { 201: ok(ref('WorkOrder'), 'Created'), ...errors },
      },
    },
    '/work-orders/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getWorkOrder',
        summary: 'One work order',
        responses: { 200: ok(ref('WorkOrder')), ...errors },
      },
      patch: {
        operationId: 'updateWorkOrder',
        summary: 'Change fields (not the status)',
        requestBody: body(ref('WorkOrderUpdate')),
        responses: { 200: ok(ref('WorkOrder')), ...errors },
      },
    },
    '/work-orders/{id}/status': {
      parameters: [idParam('id')],
      post: {
        operationId: 'changeWorkOrderStatus',
        summary:
          'Change the status; a transition the life cycle does not allow is 409 naming both statuses',
        requestBody: body(ref('WorkOrderStatus')),
        responses: { 200: ok(ref('WorkOrder')), ...errors, ...conflict },
      },
    },
    '/work-orders/{id}/comments': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listWorkOrderComments',
        summary: 'Comments, oldest first',
        responses: { 200: ok(page('#/components/schemas/WorkOrderComment')), ...errors },
      },
      post: {
        operationId: 'addWorkOrderComment',
        summary:
          'Add an internal note or a public reply (emailed to the requester unless opted out)',
        requestBody: body(ref('WorkOrderCommentCreate')),
        responses: { 201: ok(ref('WorkOrderComment'), 'Created'), ...errors },
      },
    },
  },
};
