// A local PayPal (REST, Orders v2) for tests: OAuth client-credentials with Basic auth, orders with
// PayPal-Request-Id replay and unique invoice_id, approval (done by the test, standing in for the
// buyer), capture with the seller's fee, and verify-webhook-signature answering SUCCESS unless the
// test says otherwise. Every request is recorded so tests can assert on what was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// PayPal objects are loose JSON here; the tests read whichever fields they assert on.
// biome-ignore lint/suspicious/noExplicitAny: loose JSON, see above
type Obj = Record<string, any>;
export type PaypalRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Obj | null;
};

export type FakePaypal = {
  url: string;
  requests: PaypalRequest[];
  orders: Map<string, Obj>;
  /** What verify-webhook-signature answers. */
  verification: 'SUCCESS' | 'FAILURE';
  /** The fee PayPal keeps on each capture, as a decimal string. */
  fee: string;
  tokensIssued: number;
  /** The buyer approves the order on PayPal's page. */
  approve(orderId: string): void;
  /** An event envelope as PayPal sends it, and the transmission headers that go with it. */
  event(eventType: string, resource: Obj, id?: string): Obj;
  headers(): Record<string, string>;
  /** A refund resource of a capture (what PAYMENT.CAPTURE.REFUNDED carries). */
  refundOf(captureId: string, value: string, currency?: string): Obj;
  close(): Promise<void>;
};

let seq = 0;
const next = (prefix: string) =>
  `${prefix}${Date.now().toString(36).toUpperCase()}${(++seq).toString().padStart(5, '0')}`;

export async function startFakePaypal(opts: {
  clientId: string;
  clientSecret: string;
}): Promise<FakePaypal> {
  const requests: PaypalRequest[] = [];
  const orders = new Map<string, Obj>();
  const tokens = new Set<string>();
  const replays = new Map<string, { status: number; body: Obj }>();
  const invoiceIds = new Set<string>();
  let base = '';

  const issue = (status: number, name: string, issueName: string, message: string) => ({
    status,
    body: {
      name,
      message,
      debug_id: 'fake',
      details: [{ issue: issueName, description: message }],
    },
  });

  function createOrder(b: Obj | null) {
    const pu = b?.purchase_units?.[0];
    if (b?.intent !== 'CAPTURE' || !pu)
      return issue(
        400,
        'INVALID_REQUEST',
        'MISSING_REQUIRED_PARAMETER',
        'intent and purchase_units are required',
      );
    if (
      !/^\d+(\.\d{2})?$/.test(String(pu.amount?.value)) ||
      !/^[A-Z]{3}$/.test(String(pu.amount?.currency_code))
    )
      return issue(
        422,
        'UNPROCESSABLE_ENTITY',
        'DECIMAL_PRECISION',
        'amount.value must be a decimal string',
      );
    if (pu.invoice_id && invoiceIds.has(pu.invoice_id))
      return issue(
        422,
        'UNPROCESSABLE_ENTITY',
        'DUPLICATE_INVOICE_ID',
        'Duplicate Invoice ID detected.',
      );
    if (pu.invoice_id) invoiceIds.add(pu.invoice_id);
    const id = next('5O');
    const order = {
      id,
      status: 'CREATED',
      intent: 'CAPTURE',
      purchase_units: [{ reference_id: 'default', ...pu }],
      application_context: b.application_context,
      create_time: new Date().toISOString(),
    };
    orders.set(id, order);
    return { status: 201, body: { id, status: 'CREATED', links: links(id) } };
  }
  const links = (id: string) => [
    { href: `${base}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
    {
      href: `https://www.sandbox.paypal.test/checkoutnow?token=${id}`,
      rel: 'approve',
      method: 'GET',
    },
    { href: `${base}/v2/checkout/orders/${id}/capture`, rel: 'capture', method: 'POST' },
  ];

  function capture(id: string) {
    const o = orders.get(id);
    if (!o)
      return issue(
        404,
        'RESOURCE_NOT_FOUND',
        'INVALID_RESOURCE_ID',
        'Specified resource ID does not exist.',
      );
    if (o.status === 'COMPLETED')
      return issue(
        422,
        'UNPROCESSABLE_ENTITY',
        'ORDER_ALREADY_CAPTURED',
        'Order already captured.',
      );
    if (o.status !== 'APPROVED')
      return issue(
        422,
        'UNPROCESSABLE_ENTITY',
        'ORDER_NOT_APPROVED',
        'Payer has not yet approved the Order for payment.',
      );
    const pu = o.purchase_units[0];
    const feeCents = Math.round(Number(fake.fee) * 100);
    const grossCents = Math.round(Number(pu.amount.value) * 100);
    const money = (c: number) => ({
      currency_code: pu.amount.currency_code,
      value: `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`,
    });
    const cap = {
      id: next('CAP'),
      status: 'COMPLETED',
      amount: pu.amount,
      final_capture: true,
      custom_id: pu.custom_id,
      invoice_id: pu.invoice_id,
      seller_protection: { status: 'ELIGIBLE' },
      seller_receivable_breakdown: {
        gross_amount: pu.amount,
        paypal_fee: money(feeCents),
        net_amount: money(grossCents - feeCents),
      },
      supplementary_data: { related_ids: { order_id: id } },
      create_time: new Date().toISOString(),
      update_time: new Date().toISOString(),
      links: [{ href: `${base}/v2/payments/captures/CAP`, rel: 'self', method: 'GET' }],
    };
    o.status = 'COMPLETED';
    pu.payments = { captures: [cap] };
    return {
      status: 201,
      body: {
        id,
        status: 'COMPLETED',
        purchase_units: [{ reference_id: 'default', payments: { captures: [cap] } }],
        links: [{ href: `${base}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' }],
      },
    };
  }

  function route(
    method: string,
    path: string,
    req: http.IncomingMessage,
    raw: string,
    body: Obj | null,
  ): { status: number; body: Obj } {
    if (method === 'POST' && path === '/v1/oauth2/token') {
      const expected = `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
        };
      if (new URLSearchParams(raw).get('grant_type') !== 'client_credentials')
        return {
          status: 400,
          body: { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' },
        };
      const token = `A21AA${next('T')}`;
      tokens.add(token);
      fake.tokensIssued += 1;
      return {
        status: 200,
        body: {
          scope: 'https://uri.paypal.com/services/payments/payment',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-FAKE',
          expires_in: 32400,
          nonce: next('N'),
        },
      };
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7)))
      return {
        status: 401,
        body: { error: 'invalid_token', error_description: 'Token signature verification failed' },
      };
    if (method === 'POST' && path === '/v2/checkout/orders') return createOrder(body);
    const captureOf = /^\/v2\/checkout\/orders\/([^/]+)\/capture$/.exec(path);
    if (method === 'POST' && captureOf) return capture(decodeURIComponent(captureOf[1]));
    const orderOf = /^\/v2\/checkout\/orders\/([^/]+)$/.exec(path);
    if (method === 'GET' && orderOf) {
      const o = orders.get(decodeURIComponent(orderOf[1]));
      return o
        ? { status: 200, body: o }
        : issue(
            404,
            'RESOURCE_NOT_FOUND',
            'INVALID_RESOURCE_ID',
            'Specified resource ID does not exist.',
          );
    }
    if (method === 'POST' && path === '/v1/notifications/verify-webhook-signature') {
      const need = [
        'auth_algo',
        'cert_url',
        'transmission_id',
        'transmission_sig',
        'transmission_time',
        'webhook_id',
        'webhook_event',
      ];
      if (!body || need.some((k) => !body[k]))
        return issue(
          400,
          'VALIDATION_ERROR',
          'MISSING_REQUIRED_PARAMETER',
          'Missing verification fields',
        );
      return { status: 200, body: { verification_status: fake.verification } };
    }
    return issue(404, 'NOT_FOUND', 'NOT_FOUND', `No route ${method} ${path}`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Obj | null = null;
      if ((req.headers['content-type'] ?? '').includes('json') && raw) {
        try {
          body = JSON.parse(raw) as Obj;
        } catch {
          body = null;
        }
      }
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, raw, body });
      const key = req.method === 'POST' ? req.headers['paypal-request-id'] : undefined;
      const out =
        typeof key === 'string' && replays.has(`${path}|${key}`)
          ? replays.get(`${path}|${key}`)!
          : route(req.method ?? 'GET', path, req, raw, body);
      if (typeof key === 'string') replays.set(`${path}|${key}`, out);
      res.writeHead(out.status, { 'content-type': 'application/json', 'paypal-debug-id': 'fake' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakePaypal = {
    url: base,
    requests,
    orders,
    verification: 'SUCCESS',
    fee: '3.47',
    tokensIssued: 0,
    approve(orderId) {
      const o = orders.get(orderId);
      if (!o) throw new Error(`fake paypal: no order ${orderId}`);
      o.status = 'APPROVED';
    },
    event(eventType, resource, id = `WH-${next('E')}`) {
      return {
        id,
        event_version: '1.0',
        create_time: new Date().toISOString(),
        resource_type:
          eventType.includes('REFUND') || eventType.includes('REVERSED') ? 'refund' : 'capture',
        resource_version: '2.0',
        event_type: eventType,
        summary: eventType,
        resource,
        links: [],
      };
    },
    headers: () => ({
      'paypal-transmission-id': next('tx-'),
      'paypal-transmission-time': new Date().toISOString(),
      'paypal-transmission-sig': Buffer.from(next('sig')).toString('base64'),
      'paypal-cert-url':
        'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270',
      'paypal-auth-algo': 'SHA256withRSA',
    }),
    refundOf(captureId, value, currency = 'USD') {
      return {
        id: next('RF'),
        status: 'COMPLETED',
        amount: { currency_code: currency, value },
        create_time: new Date().toISOString(),
        links: [
          { href: `${base}/v2/payments/refunds/x`, rel: 'self', method: 'GET' },
          { href: `${base}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' },
        ],
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
