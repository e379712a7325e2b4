// The payments part of the OpenAPI document.
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
  PAYMENT_METHODS,
  RecordPaymentInput,
  RefundPaymentInput,
  VoidPaymentInput,
} from './schemas.ts';

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
const problem = { $ref: '#/components/responses/Problem' };

const PaymentAllocation = {
  type: 'object',
  properties: {
    id: str,
    invoiceId: str,
    invoiceNumber: nstr,
    amountCents: int,
    kind: { enum: ['payment', 'manual', 'credit'] },
    createdAt: str,
    effectiveOn: {
      type: 'string',
      format: 'date',
      description:
        'The date it counts from in receivables as of a date: the later of the payment’s received date and the invoice’s issue date',
    },
    reversed: { type: 'boolean' },
    reversedAt: nstr,
    reversedOn: {
      type: ['string', 'null'],
      format: 'date',
      description: 'The date the void or refund that reversed it takes effect',
    },
    reversedReason: nstr,
  },
};
const Payment = {
  type: 'object',
  properties: {
    id: str,
    companyId: str,
    amountCents: int,
    method: { enum: [...PAYMENT_METHODS] },
    reference: nstr,
    receivedOn: { type: 'string', format: 'date' },
    memo: nstr,
    depositBatch: nstr,
    status: { enum: ['recorded', 'void'] },
    appliedCents: int,
    unappliedCents: { ...int, description: 'Credit not yet applied to an invoice' },
    refundedCents: int,
    feeCents: int,
    provider: nstr,
    providerRef: nstr,
    createdByLabel: str,
    createdAt: str,
    voidedAt: nstr,
    voidedOn: {
      type: ['string', 'null'],
      format: 'date',
      description: 'The date the void takes effect (e.g. a bounced check’s return date)',
    },
    voidReason: nstr,
    allocations: { type: 'array', items: ref('PaymentAllocation') },
  },
};
const PaymentRecorded = {
  type: 'object',
  properties: {
    ...Payment.properties,
    allocations: {
      type: 'array',
      items: { type: 'object', properties: { invoiceId: str, amountCents: int } },
    },
  },
};
const idemHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description:
    'Retrying with the same key and body returns the first answer (no second payment); the same key with another body is 422; while the first request is still running, 409. Keys are kept 24 hours.',
};

export const paymentsOpenApi: OpenApiPart = {
  schemas: {
    Payment,
    PaymentAllocation,
    PaymentRecorded,
    PaymentCreate: json(RecordPaymentInput),
    PaymentVoid: json(VoidPaymentInput),
    PaymentRefund: json(RefundPaymentInput),
  },
  paths: {
    '/payments': {
      get: {
        operationId: 'listPayments',
        summary: 'List payments, newest first',
        parameters: [...listParams, { name: 'companyId', in: 'query', schema: str }],
        responses: { 200: ok(page('#/components/schemas/Payment')), ...errors },
      },
      post: {
        operationId: 'recordPayment',
        summary:
          'Record a payment; allocated to the company’s open invoices oldest first (by due date, then number) unless allocations are given; the rest is unapplied credit',
        parameters: [idemHeader],
        requestBody: body(ref('PaymentCreate')),
        responses: {
          201: ok(ref('PaymentRecorded'), 'Recorded'),
          ...errors,
          409: problem,
          422: problem,
        },
      },
    },
    '/payments/export': {
      get: {
        operationId: 'exportPayments',
        summary:
          'CSV of payments received in a date range, one row per allocation plus one for any unapplied remainder',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
        ],
        responses: {
          200: { description: 'CSV', content: { 'text/csv': { schema: str } } },
          ...errors,
        },
      },
    },
    '/payments/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getPayment',
        summary: 'One payment with all its allocations (reversed ones flagged)',
        responses: { 200: ok(ref('Payment')), ...errors },
      },
    },
    '/payments/{id}/void': {
      parameters: [idParam('id')],
      post: {
        operationId: 'voidPayment',
        summary: 'Void a payment: its allocations are reversed and the invoices reopen',
        description:
          '`reason` is required (1–500 characters): without one the answer is 400 naming `reason`. `effectiveOn` (YYYY-MM-DD, optional) is the date the void takes effect, default today in the business time zone; not before the payment’s received date, not after today. Voiding a void or partly refunded payment is 409.',
        requestBody: body(ref('PaymentVoid')),
        responses: { 200: ok(ref('Payment')), ...errors, 409: problem },
      },
    },
    '/payments/{id}/refunds': {
      parameters: [idParam('id')],
      post: {
        operationId: 'refundPayment',
        summary:
          'Record a refund given back by check or transfer: taken from the unapplied credit first, then from the newest allocations (their invoices reopen). `effectiveOn` (YYYY-MM-DD) is the date it takes effect, default today in the business time zone; not before the payment was received or its last refund, not after today. 400 names the field; 409 for a void payment.',
        requestBody: body(ref('PaymentRefund')),
        responses: { 200: ok(ref('Payment')), ...errors, 409: problem },
      },
    },
  },
};
