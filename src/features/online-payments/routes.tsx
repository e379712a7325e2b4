// Online payments over HTTP: Settings › Online payments, the staff payment-link pages, the customer's
// return pages (/pay/...), the JSON API to start a checkout, and the two provider webhooks. The
// webhooks live in their own encapsulated plugin whose body parser keeps the raw bytes (signatures
// are computed over them); the rest of the app parses JSON and forms as before.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { problem, staffCtx } from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { createCheckout } from './checkout.ts';
import { capturePaypalReturn, handlePaypalWebhook } from './paypal-webhook.ts';
import {
  companyOpenInvoices,
  findCheckout,
  findPayableInvoice,
  recentCheckouts,
  type Checkout,
} from './queries.ts';
import { onlinePaymentSettings, saveOnlinePaymentSettings } from './settings-service.ts';
import { readStoredSettings, type PublicSettings } from './settings.ts';
import { handleStripeWebhook } from './stripe-webhook.ts';
import { OnlinePaymentSettingsPage, PaymentLinkPage, ReturnPage } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id: string };

const formValues = (s: PublicSettings): Form => ({
  stripeEnabled: s.stripe.enabled ? 'on' : '',
  paypalEnabled: s.paypal.enabled ? 'on' : '',
  paypalClientId: s.paypal.clientId ?? '',
  paypalWebhookId: s.paypal.webhookId ?? '',
  paypalMode: s.paypal.mode,
});

/** The checkout as the API shows it. */
export const checkoutJson = (c: Checkout) => ({
  id: c.id,
  provider: c.provider,
  providerId: c.providerId,
  companyId: c.companyId,
  invoiceId: c.invoiceId,
  amountCents: c.amountCents,
  currency: c.currency,
  status: c.status,
  url: c.url,
  createdAt: c.createdAt,
});

export async function onlinePaymentRoutes(app: FastifyInstance, deps: Deps) {
  const publicUrl = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;

  // ---- Settings › Online payments
  const settingsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors: Record<string, string> = {},
  ) => {
    const s = await onlinePaymentSettings(staffCtx(req, deps, 'settings.manage'));
    return reply.page(
      'Online payments',
      <OnlinePaymentSettingsPage
        csrf={reply.generateCsrf()}
        settings={s}
        values={values ?? formValues(s)}
        errors={errors}
        publicUrl={publicUrl}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/settings/payments', async (req, reply) => settingsPage(req, reply));
  app.post('/settings/payments', async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    try {
      await saveOnlinePaymentSettings(staffCtx(req, deps, 'settings.manage'), {
        ...form,
        stripeEnabled: form.stripeEnabled === 'on',
        paypalEnabled: form.paypalEnabled === 'on',
      });
      return reply
        .flash('success', 'Online payment settings saved.')
        .redirect('/settings/payments');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return settingsPage(req, reply, form, fieldErrors(err));
    }
  });

  // ---- staff: get a payment link for an invoice or a company's balance
  const linkPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    scope: 'invoice' | 'company',
  ) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    const id = (req.params as Params).id;
    const stored = await readStoredSettings(ctx.db);
    const providers = { stripe: stored.stripe.enabled, paypal: stored.paypal.enabled };
    const fresh =
      typeof (req.query as Form).checkout === 'string' ? (req.query as Form).checkout! : null;
    const timeZone = (await getProfileCached(ctx.db))?.timeZone ?? 'UTC';
    const common = {
      csrf: reply.generateCsrf(),
      providers,
      fresh,
      canManage: can(ctx.actor, 'settings.manage'),
      timeZone,
    };
    if (scope === 'invoice') {
      const inv = await findPayableInvoice(ctx.db, id);
      if (inv?.kind !== 'invoice') return reply.callNotFound();
      const amount = inv.status === 'issued' ? inv.balanceCents : 0;
      return reply.page(
        `Payment link — ${inv.number ?? 'draft'}`,
        <PaymentLinkPage
          {...common}
          title={`Payment link for invoice ${inv.number ?? '(draft)'}`}
          back={{
            href: `/invoices/${inv.id}`,
            label: `${inv.companyName} · invoice ${inv.number ?? '(draft)'}`,
          }}
          action={`/invoices/${inv.id}/payment-link`}
          amountCents={amount}
          currency={inv.currency}
          checkouts={await recentCheckouts(ctx.db, inv.companyId, inv.id)}
        />,
      );
    }
    const open = await companyOpenInvoices(ctx.db, id);
    if (!open.name) return reply.callNotFound();
    const currency = open.currencies[0] ?? (await getProfileCached(ctx.db))?.currency ?? 'USD';
    return reply.page(
      `Payment link — ${open.name}`,
      <PaymentLinkPage
        {...common}
        title={`Payment link for ${open.name}’s balance`}
        back={{
          href: `/companies/${id}/invoices?status=open`,
          label: `${open.count} open ${open.count === 1 ? 'invoice' : 'invoices'}`,
        }}
        action={`/companies/${id}/payment-link`}
        amountCents={open.balanceCents}
        currency={currency}
        checkouts={await recentCheckouts(ctx.db, id, null)}
      />,
    );
  };
  const createLink = async (
    req: FastifyRequest,
    reply: FastifyReply,
    scope: 'invoice' | 'company',
  ) => {
    const id = (req.params as Params).id;
    const back =
      scope === 'invoice' ? `/invoices/${id}/payment-link` : `/companies/${id}/payment-link`;
    const provider = ((req.body ?? {}) as Form).provider;
    try {
      const c = await createCheckout(staffCtx(req, deps, 'billing.write'), {
        provider,
        ...(scope === 'invoice' ? { invoiceId: id } : { companyId: id }),
      });
      return reply
        .flash(
          'success',
          `Link created for ${c.provider === 'stripe' ? 'Stripe' : 'PayPal'}: copy it from the highlighted row and send it to the customer.`,
        )
        .redirect(`${back}?checkout=${c.id}`);
    } catch (err) {
      // Not switched on, nothing to pay, the provider said no: back to the page with the reason.
      if (!(err instanceof AppError) || ![400, 409, 502].includes(err.status)) throw err;
      return reply
        .flash(
          'danger',
          err instanceof ValidationError ? Object.values(fieldErrors(err)).join(' ') : err.message,
        )
        .redirect(back);
    }
  };
  app.get('/invoices/:id/payment-link', async (req, reply) => linkPage(req, reply, 'invoice'));
  app.post('/invoices/:id/payment-link', async (req, reply) => createLink(req, reply, 'invoice'));
  app.get('/companies/:id/payment-link', async (req, reply) => linkPage(req, reply, 'company'));
  app.post('/companies/:id/payment-link', async (req, reply) => createLink(req, reply, 'company'));

  // ---- the customer's way back from the provider (no sign-in: the checkout id is the only key)
  const returnPage = async (reply: FastifyReply, outcome: 'paid' | 'pending' | 'cancelled') =>
    reply.page(
      outcome === 'cancelled' ? 'Payment not completed' : 'Thank you',
      <ReturnPage outcome={outcome} businessName={(await getProfileCached(deps.db))?.name ?? ''} />,
    );
  app.get('/pay/:id/done', async (req, reply) => {
    const c = await findCheckout(deps.db, (req.params as Params).id);
    return returnPage(reply, c?.status === 'completed' ? 'paid' : 'pending');
  });
  app.get('/pay/:id/cancelled', async (_req, reply) => returnPage(reply, 'cancelled'));
  app.get('/pay/:id/paypal-return', async (req, reply) =>
    returnPage(
      reply,
      await capturePaypalReturn(deps, (req.params as Params).id, (req.query as Form).token),
    ),
  );

  // ---- JSON API
  app.post('/api/v1/online-checkouts', async (req, reply) => {
    const c = await createCheckout(staffCtx(req, deps), req.body ?? {});
    return reply.status(201).send(checkoutJson(c));
  });

  // ---- webhooks: raw bodies, this plugin only
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin's promise
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    const answer = (reply: FastifyReply, a: { status: number; result: string }) =>
      a.status < 300
        ? reply.status(a.status).send({ received: true, result: a.result })
        : problem(reply, a.status, a.status === 503 ? 'Not configured' : 'Bad request', a.result);
    const raw = (req: FastifyRequest) => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    hooks.post('/api/v1/webhooks/stripe', async (req, reply) =>
      answer(
        reply,
        await handleStripeWebhook(
          deps,
          raw(req),
          req.headers['stripe-signature'] as string | undefined,
        ),
      ),
    );
    hooks.post('/api/v1/webhooks/paypal', async (req, reply) =>
      answer(reply, await handlePaypalWebhook(deps, raw(req), req.headers)),
    );
  });
}
