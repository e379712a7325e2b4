// The two payment providers as this app uses them. Stripe through the official `stripe` library
// pointed at STRIPE_API_URL; PayPal Orders v2 through plain fetch against PAYPAL_API_URL (the
// official SDK cannot be pointed anywhere but PayPal's two hosts). Secrets pass through here and are
// never logged: errors carry the provider's message and status, not the request.
import Stripe from 'stripe';

/** Where the providers' APIs are: deps.config carries these (STRIPE_API_URL, PAYPAL_API_URL). */
export type ProviderSettings = { stripeApiUrl: string; paypalApiUrl?: string };

export function stripeClient(settings: ProviderSettings, secretKey: string): Stripe {
  const u = new URL(settings.stripeApiUrl);
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    host: u.hostname,
    port: u.port ? Number(u.port) : protocol === 'https' ? 443 : 80,
    protocol,
    maxNetworkRetries: 0,
    timeout: 20_000,
  });
}

export const PAYPAL_HOSTS = {
  live: 'https://api-m.paypal.com',
  sandbox: 'https://api-m.sandbox.paypal.com',
} as const;

export type PaypalCreds = { baseUrl: string; clientId: string; clientSecret: string };

/** PAYPAL_API_URL when set (a fake in tests, or to force a host); else the host of the chosen mode. */
export const paypalBaseUrl = (settings: ProviderSettings, mode: 'sandbox' | 'live') =>
  settings.paypalApiUrl ?? PAYPAL_HOSTS[mode];

export class PaypalError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly issue: string | null,
  ) {
    super(message);
  }
}

// Access tokens live about nine hours; each process keeps its own until a minute before expiry.
const tokens = new Map<string, { token: string; expiresAt: number }>();

async function accessToken(c: PaypalCreds): Promise<string> {
  const key = `${c.baseUrl}|${c.clientId}`;
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const res = await fetch(`${c.baseUrl}/v1/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: 'grant_type=client_credentials',
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    error_description?: string;
  };
  if (!res.ok || !body.access_token)
    throw new PaypalError(
      `PayPal refused the client ID/secret (${res.status}${body.error_description ? `: ${body.error_description}` : ''})`,
      res.status,
      'AUTHENTICATION_FAILURE',
    );
  tokens.set(key, {
    token: body.access_token,
    expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000,
  });
  return body.access_token;
}

/** Forgets cached tokens (tests, or after the credentials change). */
export const forgetPaypalTokens = () => tokens.clear();

async function paypalCall<T>(
  c: PaypalCreds,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  requestId?: string,
  retried = false,
): Promise<T> {
  const res = await fetch(`${c.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await accessToken(c)}`,
      'content-type': 'application/json',
      accept: 'application/json',
      ...(requestId ? { 'paypal-request-id': requestId } : {}),
    },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  if (res.status === 401 && !retried) {
    tokens.delete(`${c.baseUrl}|${c.clientId}`);
    return paypalCall(c, method, path, body, requestId, true);
  }
  const json = (await res.json().catch(() => ({}))) as T & {
    name?: string;
    message?: string;
    details?: { issue?: string }[];
  };
  if (!res.ok) {
    const issue = json.details?.[0]?.issue ?? json.name ?? null;
    throw new PaypalError(
      `PayPal answered ${res.status}${issue ? ` ${issue}` : ''}${json.message ? `: ${json.message}` : ''}`,
      res.status,
      issue,
    );
  }
  return json;
}

export type PaypalLink = { href: string; rel: string; method?: string };
export type PaypalMoney = { currency_code: string; value: string };
export type PaypalCapture = {
  id: string;
  status: string;
  amount: PaypalMoney;
  custom_id?: string;
  invoice_id?: string;
  final_capture?: boolean;
  seller_receivable_breakdown?: {
    gross_amount?: PaypalMoney;
    paypal_fee?: PaypalMoney;
    net_amount?: PaypalMoney;
  };
  supplementary_data?: { related_ids?: { order_id?: string } };
};
export type PaypalOrder = {
  id: string;
  status: string;
  links?: PaypalLink[];
  purchase_units?: { custom_id?: string; payments?: { captures?: PaypalCapture[] } }[];
};

export type NewOrder = {
  customId: string;
  invoiceId: string;
  description: string;
  currency: string;
  value: string;
  returnUrl: string;
  cancelUrl: string;
  brandName?: string;
};

export function createOrder(c: PaypalCreds, o: NewOrder, requestId: string): Promise<PaypalOrder> {
  const body = {
    intent: 'CAPTURE',
    purchase_units: [
      {
        custom_id: o.customId,
        invoice_id: o.invoiceId,
        description: o.description.slice(0, 127),
        amount: { currency_code: o.currency, value: o.value },
      },
    ],
    application_context: {
      return_url: o.returnUrl,
      cancel_url: o.cancelUrl,
      user_action: 'PAY_NOW',
      shipping_preference: 'NO_SHIPPING',
      ...(o.brandName ? { brand_name: o.brandName.slice(0, 127) } : {}),
    },
  };
  return paypalCall<PaypalOrder>(c, 'POST', '/v2/checkout/orders', JSON.stringify(body), requestId);
}

export const captureOrder = (c: PaypalCreds, orderId: string, requestId: string) =>
  paypalCall<PaypalOrder>(
    c,
    'POST',
    `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`,
    '{}',
    requestId,
  );

export type TransmissionHeaders = {
  authAlgo: string;
  certUrl: string;
  transmissionId: string;
  transmissionSig: string;
  transmissionTime: string;
};

/**
 * Asks PayPal whether a webhook delivery is genuine. The event goes back byte for byte as received
 * (spliced into the request body, not re-serialised), because PayPal signs what it sent.
 */
export async function verifyWebhookSignature(
  c: PaypalCreds,
  h: TransmissionHeaders,
  webhookId: string,
  rawEvent: string,
): Promise<boolean> {
  const head = JSON.stringify({
    auth_algo: h.authAlgo,
    cert_url: h.certUrl,
    transmission_id: h.transmissionId,
    transmission_sig: h.transmissionSig,
    transmission_time: h.transmissionTime,
    webhook_id: webhookId,
  });
  const body = `${head.slice(0, -1)},"webhook_event":${rawEvent}}`;
  const res = await paypalCall<{ verification_status?: string }>(
    c,
    'POST',
    '/v1/notifications/verify-webhook-signature',
    body,
  );
  return res.verification_status === 'SUCCESS';
}
