// The accounting export's part of the OpenAPI document.
import { errors, type OpenApiPart } from '../api/openapi-parts.ts';
import { DATE_FORMATS, EXPORT_LAYOUTS } from './export.ts';

const q = (name: string, schema: object, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  schema,
  description,
});

export const invoiceExportOpenApi: OpenApiPart = {
  schemas: {},
  paths: {
    '/invoices/export': {
      get: {
        operationId: 'exportInvoices',
        summary:
          'Accounting export: issued invoices and credit notes issued in [from, to] as CSV, one row per line (billing.read)',
        description:
          'Columns follow the QuickBooks Online invoice import (`quickbooks`) or the Xero sales invoice import template (`xero`). Amounts are decimals with two places; in a mixed file credit notes are negative; with kind=credit_notes and the xero layout they are positive under CreditNoteNumber/CreditNoteDate, as Xero’s credit note import expects. Void invoices are left out unless includeVoid is set (then marked VOID in Memo / Reference). Streams; no pagination.',
        parameters: [
          q('from', { type: 'string', format: 'date' }, 'First issue date (inclusive)', true),
          q('to', { type: 'string', format: 'date' }, 'Last issue date (inclusive)', true),
          q('layout', { enum: [...EXPORT_LAYOUTS], default: 'quickbooks' }, 'Column layout'),
          q(
            'dateFormat',
            { enum: [...DATE_FORMATS] },
            'Default MM/DD/YYYY for quickbooks, DD/MM/YYYY for xero',
          ),
          q(
            'kind',
            { enum: ['all', 'invoices', 'credit_notes'], default: 'all' },
            'Which documents',
          ),
          q(
            'includeVoid',
            { type: 'boolean', default: false },
            'Include void invoices and credit notes, marked VOID',
          ),
          q('accountCode', { type: 'string', default: '200' }, 'Xero AccountCode for every line'),
        ],
        responses: {
          200: { description: 'CSV file', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errors,
        },
      },
    },
  },
};
