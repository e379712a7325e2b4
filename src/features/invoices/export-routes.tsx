// The accounting export: a small form (/invoices/export), the download it submits to
// (/invoices/export.csv) and the same file from the API (/api/v1/invoices/export). Permission
// billing.read; the query is checked before the first byte streams.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { Checkbox, Field, FormErrorSummary, PageHeader, Select } from '../../views/components.tsx';
import { businessToday } from '../assets/service.ts';
import {
  DATE_FORMATS,
  exportCsv,
  exportFilename,
  prepareExport,
  type ExportOptions,
} from './export.ts';

type Query = Record<string, string | undefined>;

function ExportPage({ values, errors }: { values: Query; errors: Record<string, string> }) {
  return (
    <>
      <PageHeader
        title="Accounting export"
        subtitle="Issued invoices and credit notes as CSV, one row per line, for QuickBooks Online or Xero"
      >
        <a class="btn btn-outline-secondary" href="/invoices">
          Invoices
        </a>
      </PageHeader>
      <FormErrorSummary errors={errors} />
      <form method="get" action="/invoices/export.csv" class="card card-body col-lg-8">
        <div class="row">
          <div class="col-sm-6">
            <Field
              name="from"
              label="Issued from"
              type="date"
              value={values.from}
              error={errors.from}
              required
            />
          </div>
          <div class="col-sm-6">
            <Field
              name="to"
              label="Issued to (inclusive)"
              type="date"
              value={values.to}
              error={errors.to}
              required
            />
          </div>
        </div>
        <div class="row">
          <div class="col-sm-6">
            <Select
              name="layout"
              label="Layout"
              value={values.layout ?? 'quickbooks'}
              error={errors.layout}
              options={[
                ['quickbooks', 'QuickBooks Online (invoice import)'],
                ['xero', 'Xero (sales invoice import)'],
              ]}
            />
          </div>
          <div class="col-sm-6">
            <Select
              name="dateFormat"
              label="Date format"
              value={values.dateFormat ?? ''}
              error={errors.dateFormat}
              options={[
                ['', 'Usual for the layout'],
                ...DATE_FORMATS.map((f): [string, string] => [f, f]),
              ]}
              help="Usual: MM/DD/YYYY for QuickBooks, DD/MM/YYYY for Xero. A US Xero organisation uses MM/DD/YYYY."
            />
          </div>
        </div>
        <div class="row">
          <div class="col-sm-6">
            <Select
              name="kind"
              label="Documents"
              value={values.kind ?? 'all'}
              error={errors.kind}
              options={[
                ['all', 'Invoices and credit notes'],
                ['invoices', 'Invoices only'],
                ['credit_notes', 'Credit notes only'],
              ]}
              help="Together, credit notes are negative. Alone, in the Xero layout, they are positive for Xero’s credit note import."
            />
          </div>
          <div class="col-sm-6">
            <Field
              name="accountCode"
              label="Xero account code"
              value={values.accountCode ?? '200'}
              error={errors.accountCode}
              help="Xero only: the revenue account every line is coded to."
            />
          </div>
        </div>
        <Checkbox
          name="includeVoid"
          label="Include void invoices (marked VOID in the memo / reference)"
          checked={values.includeVoid === 'on' || values.includeVoid === '1'}
        />
        <div>
          <button class="btn btn-primary" type="submit">
            Download CSV
          </button>
        </div>
      </form>
      <p class="text-body-secondary small mt-3">
        Amounts are the invoices’ own figures as decimals (1234.50), without currency symbols. See
        the user guide, “Accounting export”, for how each program imports the file.
      </p>
    </>
  );
}

function sendCsv(reply: FastifyReply, deps: Deps, opts: ExportOptions) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${exportFilename(opts)}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(exportCsv(deps, opts)));
}

export async function invoiceExportRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/invoices/export', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    // Last calendar month in the business time zone, the usual thing to hand to the accountant.
    const today = await businessToday(ctx);
    const firstOfMonth = `${today.slice(0, 8)}01`;
    const from = `${addDaysToDate(firstOfMonth, -1).slice(0, 8)}01`;
    const values = { from, to: addDaysToDate(firstOfMonth, -1), ...(req.query as Query) };
    return reply.page('Accounting export', <ExportPage values={values} errors={{}} />);
  });

  app.get('/invoices/export.csv', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    try {
      return sendCsv(reply, deps, prepareExport(ctx, req.query));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        'Accounting export',
        <ExportPage values={req.query as Query} errors={fieldErrors(err)} />,
        422,
      );
    }
  });

  app.get('/api/v1/invoices/export', async (req, reply) =>
    sendCsv(reply, deps, prepareExport(staffCtx(req, deps), req.query)),
  );
}
