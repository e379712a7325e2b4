// Pages of online payments: Settings › Online payments, the staff "Get payment link" page for an
// invoice or a company's balance (and a button other pages place), and the customer's return pages.
import {
  Checkbox,
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../views/components.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import type { Checkout } from './queries.ts';
import type { PublicSettings, SecretState } from './settings.ts';

type Values = Record<string, string | undefined>;
type Errors = Record<string, string>;

function SecretField(p: {
  name: string;
  label: string;
  state: SecretState;
  error?: string;
  help?: string;
  placeholder: string;
}) {
  return (
    <Field
      name={p.name}
      label={p.state.set ? `${p.label}: set (ends in …${p.state.last4})` : `${p.label}: not set`}
      type="password"
      value=""
      error={p.error}
      autocomplete="off"
      help={`${p.state.set ? 'Leave empty to keep the one stored; type a new one to replace it. ' : ''}${p.help ?? ''}`}
      attrs={{ placeholder: p.state.set ? 'Replace…' : p.placeholder }}
    />
  );
}

export function OnlinePaymentSettingsPage(p: {
  csrf: string;
  settings: PublicSettings;
  values: Values;
  errors: Errors;
  publicUrl: string;
}) {
  const s = p.settings;
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <PageHeader
        title="Online payments"
        subtitle="Card payments through Stripe Checkout and PayPal. Keys are stored encrypted and never shown again."
      />
      <form method="post" action="/settings/payments" class="mw-48" novalidate>
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={e} />
        <section class="card card-body mb-3" aria-labelledby="stripe-h">
          <h2 class="h5" id="stripe-h">
            Stripe
          </h2>
          <Checkbox
            name="stripeEnabled"
            label="Offer card payments with Stripe"
            checked={v.stripeEnabled === 'on'}
          />
          <SecretField
            name="stripeSecretKey"
            label="Secret key"
            state={s.stripe.secretKey}
            error={e.stripeSecretKey}
            placeholder="sk_live_…"
            help="Stripe Dashboard › Developers › API keys (a restricted key rk_… with Checkout Sessions write and Payment Intents read is enough)."
          />
          <SecretField
            name="stripeWebhookSecret"
            label="Webhook signing secret"
            state={s.stripe.webhookSecret}
            error={e.stripeWebhookSecret}
            placeholder="whsec_…"
            help={`Add an endpoint ${p.publicUrl}/api/v1/webhooks/stripe for checkout.session.completed, checkout.session.async_payment_succeeded, checkout.session.async_payment_failed, checkout.session.expired and charge.refunded; paste its signing secret here.`}
          />
        </section>
        <section class="card card-body mb-3" aria-labelledby="paypal-h">
          <h2 class="h5" id="paypal-h">
            PayPal
          </h2>
          <Checkbox name="paypalEnabled" label="Offer PayPal" checked={v.paypalEnabled === 'on'} />
          <Select
            name="paypalMode"
            label="Account"
            value={v.paypalMode}
            error={e.paypalMode}
            options={[
              ['sandbox', 'Sandbox (testing)'],
              ['live', 'Live'],
            ]}
          />
          <Field
            name="paypalClientId"
            label="Client ID"
            value={v.paypalClientId}
            error={e.paypalClientId}
            autocomplete="off"
            help="PayPal Developer › Apps & Credentials › your REST app."
          />
          <SecretField
            name="paypalClientSecret"
            label="Client secret"
            state={s.paypal.clientSecret}
            error={e.paypalClientSecret}
            placeholder="Secret from the same app"
          />
          <Field
            name="paypalWebhookId"
            label="Webhook ID"
            value={v.paypalWebhookId}
            error={e.paypalWebhookId}
            autocomplete="off"
            help={`In the same app add a webhook ${p.publicUrl}/api/v1/webhooks/paypal for PAYMENT.CAPTURE.COMPLETED, PAYMENT.CAPTURE.DENIED, PAYMENT.CAPTURE.REFUNDED and PAYMENT.CAPTURE.REVERSED; paste the webhook ID it shows.`}
          />
        </section>
        <div>
          <button type="submit" class="btn btn-primary">
            Save
          </button>
        </div>
      </form>
    </>
  );
}

const STATUS_CLASS: Record<Checkout['status'], string> = {
  open: 'text-bg-primary',
  completed: 'text-bg-success',
  expired: 'text-bg-secondary',
  failed: 'text-bg-danger',
};

/** Where the payment-link page is for an invoice: the invoice page places this button. */
export function PaymentLinkButton(p: { invoiceId: string; balanceCents: number; class?: string }) {
  if (p.balanceCents <= 0) return null;
  return (
    <a
      class={p.class ?? 'btn btn-sm btn-outline-primary'}
      href={`/invoices/${p.invoiceId}/payment-link`}
    >
      Get payment link
    </a>
  );
}

export function PaymentLinkPage(p: {
  title: string;
  back: { href: string; label: string };
  action: string;
  amountCents: number;
  currency: string;
  csrf: string;
  providers: { stripe: boolean; paypal: boolean };
  checkouts: Checkout[];
  fresh: string | null;
  canManage: boolean;
  timeZone: string;
}) {
  const none = !p.providers.stripe && !p.providers.paypal;
  return (
    <>
      <PageHeader
        title={p.title}
        subtitle={
          <>
            <a href={p.back.href}>{p.back.label}</a> · amount due{' '}
            {formatMoney(p.amountCents, p.currency)}
          </>
        }
      />
      {none ? (
        <EmptyState title="No online payment provider is switched on">
          {p.canManage ? (
            <>
              Switch on Stripe or PayPal in{' '}
              <a href="/settings/payments">Settings › Online payments</a>.
            </>
          ) : (
            'Ask an administrator to switch on Stripe or PayPal.'
          )}
        </EmptyState>
      ) : p.amountCents <= 0 ? (
        <p class="text-body-secondary">Nothing is left to pay.</p>
      ) : (
        <form method="post" action={p.action} class="d-flex gap-2 mb-3 align-items-center">
          <CsrfField token={p.csrf} />
          <span>Create a link for {formatMoney(p.amountCents, p.currency)}:</span>
          {p.providers.stripe ? (
            <button type="submit" class="btn btn-primary" name="provider" value="stripe">
              Card (Stripe)
            </button>
          ) : null}
          {p.providers.paypal ? (
            <button type="submit" class="btn btn-outline-primary" name="provider" value="paypal">
              PayPal
            </button>
          ) : null}
        </form>
      )}
      <h2 class="h6 text-uppercase text-body-secondary">Links</h2>
      {p.checkouts.length === 0 ? (
        <p class="text-body-secondary">
          No links yet. Each link is for the amount due when it was made; the payment is recorded
          when the provider confirms it.
        </p>
      ) : (
        <table class="table table-sm align-middle">
          <thead>
            <tr>
              <th>Created</th>
              <th>Provider</th>
              <th class="text-end">Amount</th>
              <th>Status</th>
              <th class="w-50">Link to send the customer</th>
            </tr>
          </thead>
          <tbody>
            {p.checkouts.map((c) => (
              <tr class={c.id === p.fresh ? 'table-info' : undefined}>
                <td class="text-nowrap">
                  {formatInstant(c.createdAt, p.timeZone)}
                  <div class="small text-body-secondary">{c.createdByLabel}</div>
                </td>
                <td>{c.provider === 'stripe' ? 'Stripe' : 'PayPal'}</td>
                <td class="text-end">{formatMoney(c.amountCents, c.currency)}</td>
                <td>
                  <span class={`badge ${STATUS_CLASS[c.status]}`}>{c.status}</span>
                </td>
                <td>
                  {c.url && c.status === 'open' ? (
                    <input
                      class="form-control form-control-sm font-monospace"
                      readonly
                      value={c.url}
                      aria-label="Payment link"
                    />
                  ) : (
                    <span class="text-body-secondary">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ReturnPage(p: { outcome: 'paid' | 'pending' | 'cancelled'; businessName: string }) {
  const text = {
    paid: ['Thank you', 'Your payment has been received. You may close this page.'],
    pending: [
      'Thank you',
      'Your payment is being processed; it will show on your account shortly. You may close this page.',
    ],
    cancelled: [
      'Payment not completed',
      'No payment was taken. You can use the same link again, or contact us if you need help.',
    ],
  }[p.outcome];
  return (
    <div class="card card-body mw-48 mx-auto mt-4 text-center">
      <h1 class="h4">{text[0]}</h1>
      <p class="mb-0">{text[1]}</p>
      <p class="text-body-secondary small mt-3 mb-0">{p.businessName}</p>
    </div>
  );
}
