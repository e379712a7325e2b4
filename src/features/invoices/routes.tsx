// Invoice pages: the list (all, and a company's tab), one invoice with its actions by state, the
// void and credit note confirmation pages, a manual invoice, and ad-hoc billing from a company's
// Ready to bill page or from a work order. The rules live in service.ts; these handlers parse the
// form, call one use case and render or redirect.
import type { VNode } from 'preact';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import { formatInstant } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import { businessToday } from '../assets/service.ts';
import { findCompany } from '../companies/queries.ts';
import { CompanyHeader } from '../companies/views/tabs.tsx';
import { getProfileCached } from '../settings/profile-cache.ts';
import { readUnbilled } from '../time/billing.ts';
import { findWorkOrder } from '../work-orders/queries.ts';
import {
  browseInvoices,
  companiesNamed,
  companyOpenBalance,
  creditNotesFor,
  emailLogFor,
  invoiceHistory,
  relatedInvoice,
} from './list.ts';
import {
  formToCreate,
  formToCredit,
  formToItems,
  formToLine,
  formToSend,
  formToVoid,
  toFormErrors,
} from './forms.ts';
import {
  addDraftLine,
  createCreditNote,
  createInvoice,
  deleteDraft,
  getInvoice,
  issueInvoice,
  removeDraftLine,
  voidInvoice,
} from './service.ts';
import { invoicePdf } from './pdf.ts';
import { sendInvoice } from './send.ts';
import { InvoiceListPage } from './views/list.tsx';
import { InvoicePage } from './views/invoice-page.tsx';
import { allocationsForInvoice } from '../payments/queries.ts';
import { canCredit, voidBlocker, type FormName } from './views/actions.tsx';
import { CreditNoteConfirmPage, VoidConfirmPage } from './views/confirm.tsx';
import { ChooseCompanyPage, NewInvoicePage } from './views/new-invoice.tsx';
import { invoiceTitle } from './views/status.tsx';

type Form = Record<string, string | string[] | undefined>;
type Params = { id: string; lineId?: string };
const body = (req: FastifyRequest) => (req.body ?? {}) as Form;

export async function invoiceRoutes(app: FastifyInstance, deps: Deps) {
  const currency = async () => (await getProfileCached(deps.db))?.currency ?? 'USD';
  const timeFormatter = async () => {
    const tz = (await getProfileCached(deps.db))?.timeZone ?? 'UTC';
    return (iso: string) => formatInstant(iso, tz);
  };

  const list = async (req: FastifyRequest, reply: FastifyReply, scopeCompanyId?: string) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const data = await browseInvoices(ctx, withRememberedPageSize(req, reply), {
      companyId: scopeCompanyId,
    });
    const canWrite = can(ctx.actor, 'billing.write');
    const cur = await currency();
    let heading: VNode | null = null;
    if (scopeCompanyId && data.company) {
      const open = await companyOpenBalance(ctx.db, data.company.id);
      heading = (
        <CompanyHeader
          company={data.company}
          active="invoices"
          actions={
            <>
              <a
                class="btn btn-sm btn-outline-secondary"
                href={`/companies/${data.company.id}/invoices?status=open`}
              >
                Open balance {formatMoney(open.balanceCents, cur)} · {open.count} open
              </a>
              {canWrite ? (
                <a
                  class="btn btn-sm btn-primary"
                  href={`/invoices/new?companyId=${data.company.id}`}
                >
                  New invoice
                </a>
              ) : null}
            </>
          }
        />
      );
    }
    const base = scopeCompanyId ? `/companies/${scopeCompanyId}/invoices` : '/invoices';
    const title = scopeCompanyId && data.company ? `${data.company.name} — invoices` : 'Invoices';
    return reply.page(
      title,
      <InvoiceListPage
        base={base}
        title={title}
        heading={heading}
        {...data}
        scoped={Boolean(scopeCompanyId)}
        canWrite={canWrite}
        currency={cur}
      />,
    );
  };
  app.get('/invoices', async (req, reply) => list(req, reply));
  app.get('/companies/:id/invoices', async (req, reply) =>
    list(req, reply, (req.params as Params).id),
  );

  // ---- one invoice ----
  const invoicePage = async (
    ctx: Ctx,
    reply: FastifyReply,
    id: string,
    form?: { which: FormName; values: Form; errors: Record<string, string> },
  ) => {
    const inv = await getInvoice(ctx, id);
    const [company, creditNotes, creditFor, emails, history, today, formatTime, allocations] =
      await Promise.all([
        findCompany(ctx.db, inv.companyId),
        creditNotesFor(ctx.db, inv),
        inv.creditForInvoiceId ? relatedInvoice(ctx.db, inv.creditForInvoiceId) : null,
        emailLogFor(ctx.db, id),
        invoiceHistory(ctx.db, id),
        businessToday(ctx),
        timeFormatter(),
        allocationsForInvoice(ctx.db, id),
      ]);
    const values = form
      ? Object.fromEntries(
          Object.entries(form.values).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
        )
      : {};
    return reply.page(
      `${invoiceTitle(inv)} · ${company?.name ?? ''}`,
      <InvoicePage
        invoice={inv}
        companyName={company?.name ?? inv.billToName}
        today={today}
        csrf={reply.generateCsrf()}
        canWrite={can(ctx.actor, 'billing.write')}
        creditNotes={creditNotes}
        creditFor={creditFor}
        emails={emails}
        history={history}
        formatTime={formatTime}
        allocations={allocations}
        form={form ? { which: form.which, values, errors: form.errors } : undefined}
      />,
      form ? 422 : 200,
    );
  };
  app.get('/invoices/:id', async (req, reply) =>
    invoicePage(staffCtx(req, deps, 'billing.read'), reply, (req.params as Params).id),
  );

  // ---- void and credit note: a page that spells out the consequence before anything happens ----
  const confirmPage = async (
    ctx: Ctx,
    reply: FastifyReply,
    id: string,
    which: 'void' | 'credit',
    form?: { values: Form; errors: Record<string, string> },
  ) => {
    const inv = await getInvoice(ctx, id);
    const refusal =
      which === 'void'
        ? voidBlocker(inv)
        : canCredit(inv)
          ? null
          : 'Credit notes are made against an issued invoice with a balance due.';
    if (refusal && !form) return reply.flash('warning', refusal).redirect(`/invoices/${id}`);
    const [company, creditFor, today] = await Promise.all([
      findCompany(ctx.db, inv.companyId),
      inv.creditForInvoiceId ? relatedInvoice(ctx.db, inv.creditForInvoiceId) : null,
      businessToday(ctx),
    ]);
    const values = Object.fromEntries(
      Object.entries(form?.values ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
    );
    const Page = which === 'void' ? VoidConfirmPage : CreditNoteConfirmPage;
    return reply.page(
      `${which === 'void' ? 'Void' : 'Credit note'} · ${invoiceTitle(inv)}`,
      <Page
        invoice={inv}
        companyName={company?.name ?? inv.billToName}
        today={today}
        csrf={reply.generateCsrf()}
        creditFor={creditFor}
        form={form ? { which, values, errors: form.errors } : undefined}
      />,
      form ? 422 : 200,
    );
  };
  app.get('/invoices/:id/void', async (req, reply) =>
    confirmPage(staffCtx(req, deps, 'billing.write'), reply, (req.params as Params).id, 'void'),
  );
  app.get('/invoices/:id/credit-note', async (req, reply) =>
    confirmPage(staffCtx(req, deps, 'billing.write'), reply, (req.params as Params).id, 'credit'),
  );

  /**
   * Runs an action on the invoice: success redirects with a flash; a bad form re-renders the page
   * with that form open and its field messages (422); a state conflict comes back as a danger flash.
   */
  const act = async (
    req: FastifyRequest,
    reply: FastifyReply,
    which: FormName | null,
    run: (
      ctx: Ctx,
      id: string,
    ) => Promise<{ to?: string; flash: string; kind?: 'success' | 'warning' | 'danger' }>,
    rename?: (p: string) => string,
  ) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as Params;
    try {
      const r = await run(ctx, id);
      return reply.flash(r.kind ?? 'success', r.flash).redirect(r.to ?? `/invoices/${id}`);
    } catch (err) {
      if (err instanceof ValidationError && which) {
        const form = { values: body(req), errors: toFormErrors(fieldErrors(err), rename) };
        return which === 'void' || which === 'credit'
          ? confirmPage(ctx, reply, id, which, form)
          : invoicePage(ctx, reply, id, { which, ...form });
      }
      if (err instanceof ValidationError || err instanceof ConflictError)
        return reply
          .flash(
            'danger',
            err instanceof ValidationError
              ? err.errors.map((e) => e.message).join(' ')
              : err.message,
          )
          .redirect(`/invoices/${id}`);
      throw err;
    }
  };

  /** A void or credit note posted without its confirmation page: nothing done, the page next. */
  const unconfirmed = (id: string, page: string, what: string) => ({
    to: `/invoices/${id}/${page}`,
    flash: `${what}: confirm on this page first.`,
    kind: 'warning' as const,
  });

  app.post('/invoices/:id/lines', async (req, reply) =>
    act(req, reply, 'line', async (ctx, id) => {
      await addDraftLine(ctx, id, formToLine(body(req)));
      return { flash: 'The line was added.' };
    }),
  );
  app.post('/invoices/:id/lines/:lineId/delete', async (req, reply) =>
    act(req, reply, null, async (ctx, id) => {
      await removeDraftLine(ctx, id, (req.params as Params).lineId!);
      return { flash: 'The line was removed.' };
    }),
  );
  app.post('/invoices/:id/issue', async (req, reply) =>
    act(req, reply, null, async (ctx, id) => {
      const inv = await issueInvoice(ctx, id);
      return {
        flash: `${inv.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${inv.number} was issued.`,
      };
    }),
  );
  app.post('/invoices/:id/delete', async (req, reply) =>
    act(req, reply, null, async (ctx, id) => {
      const inv = await getInvoice(ctx, id);
      await deleteDraft(ctx, id);
      return {
        flash: 'The draft was deleted; its work items are back on Ready to bill.',
        to: `/companies/${inv.companyId}/invoices`,
      };
    }),
  );
  app.post('/invoices/:id/void', async (req, reply) =>
    act(req, reply, 'void', async (ctx, id) => {
      if (body(req).confirm !== 'void') return unconfirmed(id, 'void', 'Nothing was voided');
      const inv = await voidInvoice(ctx, id, formToVoid(body(req)));
      return { flash: `${inv.number} was voided.` };
    }),
  );
  app.post('/invoices/:id/credit-notes', async (req, reply) =>
    act(req, reply, 'credit', async (ctx, id) => {
      if (body(req).confirm !== 'credit')
        return unconfirmed(id, 'credit-note', 'No credit note was issued');
      const note = await createCreditNote(ctx, id, formToCredit(body(req)));
      return {
        flash: `Credit note ${note.number} was issued for ${formatMoney(note.totalCents, note.currency)}.`,
        to: `/invoices/${note.id}`,
      };
    }),
  );
  app.post('/invoices/:id/send', async (req, reply) =>
    act(req, reply, 'send', async (ctx, id) => {
      const { to } = formToSend(body(req));
      const r = await sendInvoice(ctx, id, { to });
      if (r.status === 'sent') return { flash: `The invoice was emailed to ${r.to}.` };
      if (r.status === 'logged')
        return {
          flash: `SMTP is not configured: the email to ${r.to ?? 'the customer'} was written to the log instead of being sent.`,
          kind: 'warning',
        };
      if (r.status === 'skipped')
        return { flash: `Not sent${r.detail ? `: ${r.detail}` : '.'}`, kind: 'warning' };
      return {
        flash: `Sending to ${r.to ?? 'the customer'} failed${r.detail ? `: ${r.detail}` : '.'}`,
        kind: 'danger',
      };
    }),
  );

  app.get('/invoices/:id/pdf', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const { id } = req.params as Params;
    const pdf = await invoicePdf(ctx, id);
    const inline = (req.query as Record<string, string | undefined>).inline === '1';
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename="${pdf.filename.replace(/["\\\r\n]/g, '')}"`,
      )
      .send(pdf.bytes);
  });

  // ---- new invoices ----
  const newPage = async (
    ctx: Ctx,
    reply: FastifyReply,
    companyId: string,
    values: Form = {},
    errors: Record<string, string> = {},
  ) => {
    const company = await findCompany(ctx.db, companyId);
    if (!company) throw new NotFoundError('No such company.');
    const unbilled = await readUnbilled(ctx.db, company.id);
    const v = Object.fromEntries(
      Object.entries(values).map(([k, x]) => [k, Array.isArray(x) ? x[0] : x]),
    );
    return reply.page(
      `New invoice · ${company.name}`,
      <NewInvoicePage
        company={company}
        csrf={reply.generateCsrf()}
        values={v}
        errors={errors}
        unbilledCount={unbilled.items.length}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/invoices/new', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const q = req.query as Record<string, string | undefined>;
    if (q.companyId) return newPage(ctx, reply, q.companyId);
    const search = (q.company ?? '').slice(0, 200);
    return reply.page(
      'New invoice',
      <ChooseCompanyPage q={search} companies={await companiesNamed(ctx.db, search, 25)} />,
    );
  });
  app.post('/invoices', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const f = body(req);
    const { input, rename } = formToCreate(f);
    try {
      const inv = await createInvoice(ctx, input);
      return reply
        .flash(
          'success',
          inv.status === 'issued'
            ? `Invoice ${inv.number} was issued.`
            : 'The draft invoice was created: review it, then issue it.',
        )
        .redirect(`/invoices/${inv.id}`);
    } catch (err) {
      if (
        !(err instanceof ValidationError) ||
        typeof f.companyId !== 'string' ||
        !f.companyId ||
        fieldErrors(err).companyId
      )
        throw err;
      return newPage(ctx, reply, f.companyId, f, toFormErrors(fieldErrors(err), rename));
    }
  });

  /** Ad-hoc billing of ready-to-bill items: a draft to review (or issued at once), shown next. */
  const invoiceItems = async (
    ctx: Ctx,
    reply: FastifyReply,
    companyId: string,
    items: { kind: 'time' | 'part'; id: string }[],
    issue: boolean,
    back: string,
  ) => {
    if (items.length === 0)
      return reply.flash('warning', 'Tick the items to invoice first.').redirect(back);
    try {
      const inv = await createInvoice(ctx, { companyId, items, issue });
      return reply
        .flash(
          'success',
          inv.status === 'issued'
            ? `Invoice ${inv.number} was issued for ${formatMoney(inv.totalCents, inv.currency)}.`
            : `A draft invoice for ${formatMoney(inv.totalCents, inv.currency)} was created: review it, then issue it.`,
        )
        .redirect(`/invoices/${inv.id}`);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof ConflictError) {
        return reply
          .flash(
            'danger',
            `${err instanceof ValidationError ? err.errors[0].message : err.message} Reload the list and try again.`,
          )
          .redirect(back);
      }
      throw err;
    }
  };
  app.post('/companies/:id/unbilled/invoice', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const { id } = req.params as Params;
    const f = body(req);
    if (!(await findCompany(ctx.db, id))) throw new NotFoundError('No such company.');
    const scope = typeof f.scope === 'string' ? f.scope : 'selected';
    const items = scope.startsWith('all')
      ? (await readUnbilled(ctx.db, id)).items.map((i) => ({ kind: i.kind, id: i.id }))
      : formToItems(f);
    return invoiceItems(
      ctx,
      reply,
      id,
      items,
      scope.endsWith('-issue') || f.issue === '1',
      `/companies/${id}/unbilled`,
    );
  });
  app.post('/work-orders/:id/invoice', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const wo = await findWorkOrder(ctx.db, (req.params as Params).id);
    if (!wo) throw new NotFoundError('No such work order.');
    const items = (await readUnbilled(ctx.db, wo.companyId)).items
      .filter((i) => i.workOrderId === wo.id)
      .map((i) => ({ kind: i.kind, id: i.id }));
    if (items.length === 0)
      return reply
        .flash('warning', 'This work order has nothing ready to bill.')
        .redirect(`/work-orders/${wo.id}`);
    return invoiceItems(
      ctx,
      reply,
      wo.companyId,
      items,
      body(req).issue === '1',
      `/work-orders/${wo.id}`,
    );
  });
}
