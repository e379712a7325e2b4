// The portal's billing pages (flag: billing) and the pay-link pages (no sign-in: the token opens
// one invoice). Handlers are short: portalCtx (the company rule), one service call, render. The
// pay-link pages never take a company or invoice id from the request: the token's row names them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../platform/context.ts';
import { withActor } from '../../platform/context.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { capturePaypalReturn } from '../online-payments/paypal-webhook.ts';
import { createCheckout } from '../online-payments/checkout.ts';
import {
  companyCheckout,
  PayInput,
  payLinkCheckout,
  portalInvoice,
  portalInvoicePdf,
  portalInvoices,
  portalPayments,
  portalReturn,
  portalStatementPdf,
  startPortalPayment,
} from './billing-service.ts';
import { portalCtx } from './context.ts';
import { portalBaseUrl } from './links-service.ts';
import { openPayLink } from './pay-links.ts';
import { portalPage } from './render.tsx';
import {
  CheckoutStatusPage,
  PortalInvoiceDetail,
  PortalInvoicesPage,
  PortalPaymentsPage,
} from './views/billing.tsx';

type Id = { id: string };
type Token = { token: string };
type Q = Record<string, string | undefined>;

const pdfReply = (reply: FastifyReply, pdf: { filename: string; bytes: Buffer }) =>
  reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${pdf.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(pdf.bytes);

/** A refused payment start (not switched on, nothing to pay, the provider said no) goes back with why. */
function payRefused(reply: FastifyReply, err: unknown, back: string) {
  if (!(err instanceof AppError) || ![400, 409, 502].includes(err.status)) throw err;
  const msg =
    err instanceof ValidationError ? Object.values(fieldErrors(err)).join(' ') : err.message;
  return reply.flash('danger', msg).redirect(back, 303);
}

export async function portalBillingRoutes(scope: FastifyInstance, deps: Deps) {
  scope.get('/invoices', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    const data = await portalInvoices(p, req.query);
    return portalPage(
      reply,
      deps.db,
      'Invoices',
      <PortalInvoicesPage data={data} csrf={reply.generateCsrf()} />,
    );
  });
  scope.get('/invoices/:id', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    const v = await portalInvoice(p.ctx, p.companyId, (req.params as Id).id);
    return portalPage(
      reply,
      deps.db,
      `Invoice ${v.invoice.number ?? ''}`,
      <PortalInvoiceDetail
        v={v}
        csrf={reply.generateCsrf()}
        pdfHref={`/portal/invoices/${v.invoice.id}/pdf`}
        payAction="/portal/payments/pay"
      />,
    );
  });
  scope.get('/invoices/:id/pdf', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    return pdfReply(
      reply,
      await portalInvoicePdf(p.ctx, p.companyId, (req.params as Id).id, 'portal'),
    );
  });

  const paymentsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
  ) => {
    const p = portalCtx(req, deps, 'billing');
    const data = await portalPayments(p, (req.query as Q).page);
    const q = req.query as Q;
    return portalPage(
      reply,
      deps.db,
      'Payments',
      <PortalPaymentsPage
        data={data}
        csrf={reply.generateCsrf()}
        errors={errors}
        range={errors ? { from: q.from ?? '', to: q.to ?? '' } : undefined}
      />,
      errors ? 422 : 200,
    );
  };
  scope.get('/payments', async (req, reply) => paymentsPage(req, reply));
  scope.get('/payments/statement.pdf', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    try {
      return pdfReply(reply, await portalStatementPdf(p, req.query));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return paymentsPage(req, reply, fieldErrors(err));
    }
  });
  scope.post('/payments/pay', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    try {
      const c = await startPortalPayment(p, req.body ?? {});
      return reply.redirect(c.url!, 303);
    } catch (err) {
      return payRefused(reply, err, refererPath(req));
    }
  });
  scope.get('/payments/checkout/:id', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    const c = await companyCheckout(p.ctx, p.companyId, (req.params as Id).id);
    return portalPage(
      reply,
      deps.db,
      c.status === 'completed' ? 'Payment received' : 'Processing payment',
      <CheckoutStatusPage
        checkout={c}
        cancelled={(req.query as Q).cancelled === '1'}
        back="/portal/payments"
        selfHref={`/portal/payments/checkout/${c.id}`}
      />,
    );
  });
  scope.get('/payments/checkout/:id/paypal-return', async (req, reply) => {
    const p = portalCtx(req, deps, 'billing');
    const c = await companyCheckout(p.ctx, p.companyId, (req.params as Id).id);
    await capturePaypalReturn(deps, c.id, (req.query as Q).token);
    return reply.redirect(`/portal/payments/checkout/${c.id}`, 303);
  });

  // ---- pay links from invoice emails: no sign-in, the token alone
  const linkCtx = (req: FastifyRequest): Ctx =>
    withActor(deps, { type: 'system', label: 'Pay link' }, req.ip);
  const tokenOf = (req: FastifyRequest) => (req.params as Token).token;
  scope.get('/pay/:token', async (req, reply) => {
    const link = await openPayLink(deps, tokenOf(req), req.ip, 'view');
    const v = await portalInvoice(linkCtx(req), link.companyId, link.invoice.id);
    const base = `/portal/pay/${encodeURIComponent(tokenOf(req))}`;
    return portalPage(
      reply,
      deps.db,
      `Invoice ${v.invoice.number ?? ''}`,
      <PortalInvoiceDetail
        v={v}
        csrf={reply.generateCsrf()}
        pdfHref={`${base}/pdf`}
        payAction={`${base}/pay`}
        invoiceHref={() => null}
      />,
    );
  });
  scope.get('/pay/:token/pdf', async (req, reply) => {
    const link = await openPayLink(deps, tokenOf(req), req.ip, 'pdf');
    return pdfReply(
      reply,
      await portalInvoicePdf(linkCtx(req), link.companyId, link.invoice.id, 'pay link'),
    );
  });
  scope.post('/pay/:token/pay', async (req, reply) => {
    const link = await openPayLink(deps, tokenOf(req), req.ip, 'pay');
    const base = `/portal/pay/${encodeURIComponent(tokenOf(req))}`;
    try {
      const input = PayInput.parse({ ...(req.body as object), scope: 'invoices' });
      const c = await createCheckout(
        linkCtx(req),
        { provider: input.provider, invoiceId: link.invoice.id },
        portalReturn(portalBaseUrl(deps), `${base}/checkout`),
      );
      return reply.redirect(c.url!, 303);
    } catch (err) {
      if ((err as { name?: string }).name === 'ZodError')
        return reply.flash('danger', 'Choose how to pay: card or PayPal').redirect(base, 303);
      return payRefused(reply, err, base);
    }
  });
  scope.get('/pay/:token/checkout/:id', async (req, reply) => {
    const link = await openPayLink(deps, tokenOf(req), req.ip, 'view');
    const c = await payLinkCheckout(linkCtx(req), link, (req.params as Id).id);
    const base = `/portal/pay/${encodeURIComponent(tokenOf(req))}`;
    return portalPage(
      reply,
      deps.db,
      c.status === 'completed' ? 'Payment received' : 'Processing payment',
      <CheckoutStatusPage
        checkout={c}
        cancelled={(req.query as Q).cancelled === '1'}
        back={base}
        selfHref={`${base}/checkout/${c.id}`}
      />,
    );
  });
  scope.get('/pay/:token/checkout/:id/paypal-return', async (req, reply) => {
    const link = await openPayLink(deps, tokenOf(req), req.ip, 'pay');
    const c = await payLinkCheckout(linkCtx(req), link, (req.params as Id).id);
    await capturePaypalReturn(deps, c.id, (req.query as Q).token);
    return reply.redirect(`/portal/pay/${encodeURIComponent(tokenOf(req))}/checkout/${c.id}`, 303);
  });
}

/** The portal page the form was posted from (same origin only), for a refused payment. */
function refererPath(req: FastifyRequest): string {
  try {
    const u = new URL(req.headers.referer ?? '');
    return u.pathname.startsWith('/portal/') ? `${u.pathname}${u.search}` : '/portal/invoices';
  } catch {
    return '/portal/invoices';
  }
}
