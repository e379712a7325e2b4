// Payment pages: the list, record a payment (with the htmx allocation preview), one payment with
// void and apply-credit, the deposit view, and the accounting export (form, CSV). Handlers parse,
// call one use case, and render or redirect; the rules live in service.ts.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { can, assertCan } from '../../platform/permissions.ts';
import { fieldErrors, parseInput } from '../../platform/validation.ts';
import { renderFragment, staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import { addDaysToDate, formatInstant } from '../../lib/dates.ts';
import { centsToInput, formatMoney } from '../../lib/money.ts';
import { Field, FormErrorSummary, PageHeader } from '../../views/components.tsx';
import { businessToday } from '../assets/service.ts';
import { findCompany } from '../companies/queries.ts';
import { companiesNamed } from '../invoices/list.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { browsePayments, deposits, paymentDetail } from './browse.ts';
import {
  exportFilename,
  exportPaymentsCsv,
  prepareExport,
  type PaymentExportOptions,
} from './export.ts';
import { ALLOC_PREFIX, formToPayment, formToRefund, formValues, type Form } from './forms.ts';
import { companiesOwing, openInvoicesForForm, unappliedCreditOf } from './queries.ts';
import { DepositsQuery } from './schemas.ts';
import { applyCredit, recordPayment, refundPayment, voidPayment } from './service.ts';
import { DepositsPage } from './views/deposits.tsx';
import { PaymentListPage } from './views/list.tsx';
import { PaymentPage } from './views/payment-page.tsx';
import { paymentLabel } from './views/parts.tsx';
import { ChooseCompanyPage, PreviewBox, RecordPaymentPage, preview } from './views/record.tsx';

type Params = { id: string };
type Query = Record<string, string | undefined>;
const body = (req: FastifyRequest) => (req.body ?? {}) as Form;

function ExportPage({ values, errors }: { values: Query; errors: Record<string, string> }) {
  return (
    <>
      <PageHeader
        title="Payments export"
        subtitle="Payments received in a date range as CSV, one row per allocation to an invoice, plus a row for any unapplied credit"
      >
        <a class="btn btn-outline-secondary" href="/payments">
          Payments
        </a>
      </PageHeader>
      <FormErrorSummary errors={errors} />
      <form method="get" action="/payments/export.csv" class="card card-body col-lg-6">
        <div class="row">
          <div class="col-sm-6">
            <Field
              name="from"
              label="Received from"
              type="date"
              value={values.from}
              error={errors.from}
              required
            />
          </div>
          <div class="col-sm-6">
            <Field
              name="to"
              label="Received to (inclusive)"
              type="date"
              value={values.to}
              error={errors.to}
              required
            />
          </div>
        </div>
        <div>
          <button class="btn btn-primary" type="submit">
            Download CSV
          </button>
        </div>
      </form>
      <p class="text-body-secondary small mt-3">
        The rows of one payment add up to what was received (less refunds). Void payments are listed
        with amount 0 so the check numbers stay accounted for. Amounts are plain decimals (1234.50).
      </p>
    </>
  );
}

export async function paymentRoutes(app: FastifyInstance, deps: Deps) {
  const currency = async () => (await getProfileCached(deps.db))?.currency ?? 'USD';
  const timeFormatter = async () => {
    const tz = (await getProfileCached(deps.db))?.timeZone ?? 'UTC';
    return (iso: string) => formatInstant(iso, tz);
  };

  app.get('/payments', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const data = await browsePayments(ctx, withRememberedPageSize(req, reply));
    return reply.page(
      'Payments',
      <PaymentListPage
        {...data}
        canWrite={can(ctx.actor, 'billing.write')}
        currency={await currency()}
      />,
    );
  });

  // ---- record
  const recordForm = async (
    ctx: Ctx,
    reply: FastifyReply,
    companyId: string,
    values: Record<string, string>,
    errors: Record<string, string>,
    invoiceId?: string,
  ) => {
    const company = await findCompany(ctx.db, companyId);
    if (!company) throw new NotFoundError('No such company.');
    const [open, credit, today] = await Promise.all([
      openInvoicesForForm(ctx.db, company.id),
      unappliedCreditOf(ctx.db, company.id),
      businessToday(ctx),
    ]);
    // ?invoiceId= (the invoice page's Record payment): its balance, split by hand to that invoice.
    // An id that is not one of this company's open invoices is ignored.
    const pre = invoiceId ? open.find((i) => i.id === invoiceId) : undefined;
    const v = pre
      ? {
          ...values,
          mode: 'manual',
          amount: centsToInput(pre.balanceCents),
          [`${ALLOC_PREFIX}${pre.id}`]: centsToInput(pre.balanceCents),
        }
      : values;
    return reply.page(
      `Record payment · ${company.name}`,
      <RecordPaymentPage
        company={{ id: company.id, name: company.name }}
        open={open}
        values={v}
        errors={errors}
        csrf={reply.generateCsrf()}
        currency={await currency()}
        today={today}
        creditCents={credit}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/payments/new', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const q = req.query as Query;
    if (q.companyId)
      return recordForm(
        ctx,
        reply,
        q.companyId,
        { method: 'check', mode: 'auto' },
        {},
        q.invoiceId,
      );
    const name = (q.company ?? '').trim().slice(0, 100);
    const companies = name ? await companiesNamed(ctx.db, name, 25) : [];
    if (companies.length === 1) return reply.redirect(`/payments/new?companyId=${companies[0].id}`);
    const owing = name ? [] : await companiesOwing(ctx.db);
    return reply.page(
      'Record payment',
      <ChooseCompanyPage
        q={name}
        companies={companies}
        owing={owing}
        currency={await currency()}
      />,
    );
  });
  app.post('/payments/preview', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const values = formValues(body(req));
    const open = values.companyId ? await openInvoicesForForm(ctx.db, values.companyId) : [];
    return renderFragment(
      reply,
      <PreviewBox p={preview(values, open)} currency={await currency()} />,
    );
  });
  app.post('/payments', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const f = body(req);
    const { input, manual, rename } = formToPayment(f);
    try {
      if (manual && !input.allocations?.length)
        throw new ValidationError([
          {
            path: 'allocations',
            message:
              'Enter an amount for at least one invoice, or choose to allocate automatically',
          },
        ]);
      const r = await recordPayment(ctx, input);
      const credit = r.unappliedCents
        ? ` ${formatMoney(r.unappliedCents, await currency())} kept as credit.`
        : '';
      return reply
        .flash(
          'success',
          `Payment recorded and applied to ${r.allocations.length} invoice(s).${credit}`,
        )
        .redirect(`/payments/${r.id}`);
    } catch (err) {
      if (
        !(err instanceof ValidationError) ||
        !input.companyId ||
        !(await findCompany(ctx.db, input.companyId))
      )
        throw err;
      const errors = Object.fromEntries(
        Object.entries(fieldErrors(err)).map(([k, v]) => [rename(k), v]),
      );
      return recordForm(ctx, reply, input.companyId, formValues(f), errors);
    }
  });

  // ---- deposits and export (before /payments/:id)
  app.get('/payments/deposits', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const today = await businessToday(ctx);
    const raw = { from: addDaysToDate(today, -30), to: today, ...(req.query as Query) };
    try {
      const data = await deposits(ctx, raw);
      return reply.page(
        'Deposits',
        <DepositsPage {...data} currency={await currency()} errors={{}} />,
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      assertCan(ctx.actor, 'billing.read');
      const fallback = parseInput(DepositsQuery, {});
      return reply.page(
        'Deposits',
        <DepositsPage
          batches={[]}
          query={{ ...fallback, ...(req.query as Query), batch: '' }}
          currency={await currency()}
          errors={fieldErrors(err)}
        />,
        422,
      );
    }
  });
  const sendCsv = (reply: FastifyReply, opts: PaymentExportOptions) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFilename(opts)}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(exportPaymentsCsv(deps, opts)));
  app.get('/payments/export', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const today = await businessToday(ctx);
    const firstOfMonth = `${today.slice(0, 8)}01`;
    const values = {
      from: `${addDaysToDate(firstOfMonth, -1).slice(0, 8)}01`,
      to: addDaysToDate(firstOfMonth, -1),
      ...(req.query as Query),
    };
    return reply.page('Payments export', <ExportPage values={values} errors={{}} />);
  });
  app.get('/payments/export.csv', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    try {
      return sendCsv(reply, prepareExport(ctx, req.query));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        'Payments export',
        <ExportPage values={req.query as Query} errors={fieldErrors(err)} />,
        422,
      );
    }
  });

  // ---- one payment
  const paymentPage = async (
    ctx: Ctx,
    reply: FastifyReply,
    id: string,
    form?: { values: Record<string, string>; errors: Record<string, string> },
  ) => {
    const d = await paymentDetail(ctx, id);
    const open =
      d.payment.unappliedCents > 0
        ? (await openInvoicesForForm(ctx.db, d.payment.companyId)).length
        : 0;
    return reply.page(
      `${paymentLabel(d.payment)} · ${d.companyName}`,
      <PaymentPage
        {...d}
        canWrite={can(ctx.actor, 'billing.write')}
        csrf={reply.generateCsrf()}
        currency={await currency()}
        formatTime={await timeFormatter()}
        openInvoiceCount={open}
        today={await businessToday(ctx)}
        form={form}
      />,
      form ? 422 : 200,
    );
  };
  app.get('/payments/:id', async (req, reply) =>
    paymentPage(staffCtx(req, deps, 'billing.read'), reply, (req.params as Params).id),
  );
  app.post('/payments/:id/void', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as Params;
    try {
      const { reason = '', effectiveOn } = formValues(body(req));
      await voidPayment(ctx, id, { reason, effectiveOn });
      return reply
        .flash('success', 'The payment was voided; its invoices are open again.')
        .redirect(`/payments/${id}`);
    } catch (err) {
      if (err instanceof ValidationError)
        return paymentPage(ctx, reply, id, {
          values: formValues(body(req)),
          errors: fieldErrors(err),
        });
      if (err instanceof ConflictError)
        return reply.flash('danger', err.message).redirect(`/payments/${id}`);
      throw err;
    }
  });
  app.post('/payments/:id/refund', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as Params;
    const { input, rename } = formToRefund(body(req));
    try {
      await refundPayment(ctx, id, input);
      return reply.flash('success', 'The refund was recorded.').redirect(`/payments/${id}`);
    } catch (err) {
      if (err instanceof ValidationError)
        return paymentPage(ctx, reply, id, {
          values: formValues(body(req)),
          errors: Object.fromEntries(
            Object.entries(fieldErrors(err)).map(([k, v]) => [rename(k), v]),
          ),
        });
      if (err instanceof ConflictError)
        return reply.flash('danger', err.message).redirect(`/payments/${id}`);
      throw err;
    }
  });
  app.post('/payments/:id/apply-credit', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as Params;
    const d = await paymentDetail(ctx, id);
    await applyCredit(ctx, d.payment.companyId);
    return reply
      .flash(
        'success',
        'The company’s unapplied credit was applied to its open invoices, oldest first.',
      )
      .redirect(`/payments/${id}`);
  });
}
