// The invoices part of the OpenAPI document; request bodies are the zod schemas the API validates with.
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
import { CreateInvoiceInput, CreditNoteInput, DraftLineInput, VoidInput } from './schemas.ts';
import { LIST_STATUSES } from './list.ts';

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const ndate = { type: ['string', 'null'], format: 'date' };
const InvoiceLine = {
  type: 'object',
  properties: {
    id: str,
    position: int,
    kind: { enum: ['contract', 'service', 'time', 'part', 'manual', 'credit'] },
    description: str,
    quantityThousandths: { type: 'integer', description: '1.5 = 1500' },
    unitPriceCents: int,
    amountCents: int,
    taxRateId: nstr,
    taxName: nstr,
    taxRatePpm: { type: 'integer', description: 'Parts per million: 88750 = 8.875%' },
    taxCents: int,
    periodStart: ndate,
    periodEnd: ndate,
    serviceId: nstr,
    workOrderId: nstr,
    sourceType: { enum: ['time_entry', 'part', 'invoice_line', null] },
    sourceId: nstr,
  },
};
const Invoice = {
  type: 'object',
  properties: {
    id: str,
    number: { type: ['string', 'null'], description: 'INV-2026-00001; null while a draft' },
    companyId: str,
    kind: { enum: ['invoice', 'credit_note'] },
    status: { enum: ['draft', 'issued', 'void'] },
    issueDate: ndate,
    dueDate: ndate,
    termsDays: int,
    periodStart: ndate,
    periodEnd: ndate,
    currency: str,
    billToName: str,
    billToAddress: nstr,
    billToEmail: nstr,
    subtotalCents: int,
    taxCents: int,
    totalCents: int,
    paidCents: int,
    creditedCents: int,
    balanceCents: { type: 'integer', description: 'totalCents − paidCents − creditedCents' },
    creditForInvoiceId: nstr,
    source: { enum: ['manual', 'billing_run', 'work_order'] },
    notes: nstr,
    footer: nstr,
    createdByLabel: str,
    createdAt: str,
    updatedAt: str,
    issuedAt: nstr,
    voidedAt: nstr,
    voidReason: nstr,
    sentAt: nstr,
    autoSentAt: nstr,
    lines: { type: 'array', items: { $ref: '#/components/schemas/InvoiceLine' } },
  },
};
const SendResult = {
  type: 'object',
  properties: { to: nstr, status: { enum: ['sent', 'logged', 'failed', 'skipped'] }, detail: str },
};
const q = (name: string, schema: object = str) => ({ name, in: 'query', schema });
const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
const conflict = { 409: { $ref: '#/components/responses/Problem' } };
const one = (operationId: string, summary: string, extra: object = {}) => ({
  operationId,
  summary,
  responses: { 200: ok(ref('Invoice')), ...errors, ...conflict },
  ...extra,
});

export const invoicesOpenApi: OpenApiPart = {
  schemas: {
    Invoice,
    InvoiceLine,
    InvoiceSendResult: SendResult,
    InvoiceCreate: json(CreateInvoiceInput),
    InvoiceLineCreate: json(DraftLineInput),
    InvoiceVoid: json(VoidInput),
    InvoiceCreditNote: json(CreditNoteInput),
    InvoiceSend: {
      type: 'object',
      properties: {
        to: { type: 'string', format: 'email', description: 'Defaults to the billing contact' },
      },
    },
  },
  paths: {
    '/invoices': {
      get: {
        operationId: 'listInvoices',
        summary: 'List invoices and credit notes (by id, oldest first), each with its lines',
        parameters: [
          ...listParams,
          q('companyId'),
          q('status', {
            enum: [...LIST_STATUSES],
            description: 'open = issued with a balance; overdue = open and past its due date',
          }),
          q('kind', { enum: ['invoice', 'credit_note'] }),
        ],
        responses: { 200: ok(page('#/components/schemas/Invoice')), ...errors },
      },
      post: {
        operationId: 'createInvoice',
        summary:
          'Create an invoice by hand from lines and/or ready-to-bill items (a draft unless issue is true)',
        requestBody: body(ref('InvoiceCreate')),
        responses: { 201: ok(ref('Invoice'), 'Created'), ...errors, ...conflict },
      },
    },
    '/invoices/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getInvoice',
        summary: 'One invoice with its lines',
        responses: { 200: ok(ref('Invoice')), ...errors },
      },
      delete: {
        operationId: 'deleteInvoice',
        summary: 'Delete a draft (its work items return to ready to bill)',
        responses: { 204: { description: 'Deleted' }, ...errors, ...conflict },
      },
    },
    '/invoices/{id}/pdf': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getInvoicePdf',
        summary: 'The invoice as a PDF',
        responses: {
          200: {
            description: 'PDF',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errors,
        },
      },
    },
    '/invoices/{id}/issue': {
      parameters: [idParam('id')],
      post: one(
        'issueInvoice',
        'Issue a draft: takes the next gapless number, sets the issue and due dates',
      ),
    },
    '/invoices/{id}/void': {
      parameters: [idParam('id')],
      post: one('voidInvoice', 'Void an issued invoice with nothing paid or credited', {
        requestBody: body(ref('InvoiceVoid')),
      }),
    },
    '/invoices/{id}/send': {
      parameters: [idParam('id')],
      post: {
        operationId: 'sendInvoice',
        summary:
          'Email the invoice with its PDF (logged; written to the log when SMTP is not configured)',
        requestBody: body(ref('InvoiceSend')),
        responses: { 200: ok(ref('InvoiceSendResult')), ...errors, ...conflict },
      },
    },
    '/invoices/{id}/credit-notes': {
      parameters: [idParam('id')],
      post: {
        operationId: 'createCreditNote',
        summary: 'Issue a credit note against an issued invoice: full, or an amount',
        requestBody: body(ref('InvoiceCreditNote')),
        responses: { 201: ok(ref('Invoice'), 'The credit note'), ...errors, ...conflict },
      },
    },
    '/invoices/{id}/lines': {
      parameters: [idParam('id')],
      post: {
        operationId: 'addInvoiceLine',
        summary: 'Add a line to a draft',
        requestBody: body(ref('InvoiceLineCreate')),
        responses: { 201: ok(ref('Invoice')), ...errors, ...conflict },
      },
    },
    '/invoices/{id}/lines/{lineId}': {
      parameters: [idParam('id'), idParam('lineId')],
      delete: one('deleteInvoiceLine', 'Remove a line from a draft'),
    },
  },
};
