// A local Stripe for tests: a node:http server speaking the parts of the Stripe API this app uses,
// as the real one does (form bodies in bracket notation parsed with qs, Bearer auth, Idempotency-Key
// replay, expand[]), recording every request so tests can assert on what was sent. The real `stripe`
// library talks to it through STRIPE_API_URL. Tests drive the customer's side with pay() / refund()
// and sign events with the library's generateTestHeaderString.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';

export type StripeRequest = {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  body: Obj;
};
// Stripe objects are loose JSON here; the tests read whichever fields they assert on.
// biome-ignore lint/suspicious/noExplicitAny: loose JSON, see above
type Obj = Record<string, any>;

export type FakeStripe = {
  url: string;
  requests: StripeRequest[];
  sessions: Map<string, Obj>;
  intents: Map<string, Obj>;
  charges: Map<string, Obj>;
  /** The customer pays a session: a payment intent, a charge and its balance transaction with this fee. */
  pay(sessionId: string, opts?: { feeCents?: number }): { session: Obj; intent: Obj; charge: Obj };
  /** A refund on a charge; returns the charge with amount_refunded as the running total. */
  refund(chargeId: string, amountCents: number): Obj;
  /** An event envelope as Stripe sends it. */
  event(type: string, object: Obj, id?: string): Obj;
  close(): Promise<void>;
};

let seq = 0;
const next = (prefix: string) =>
  `${prefix}_test_${Date.now().toString(36)}${(++seq).toString(36).padStart(4, '0')}`;

/** `checkoutBase`: where the sessions' hosted pages are said to be (default https://checkout.stripe.test). */
export async function startFakeStripe(opts: {
  secretKey: string;
  checkoutBase?: string;
}): Promise<FakeStripe> {
  const requests: StripeRequest[] = [];
  const sessions = new Map<string, Obj>();
  const intents = new Map<string, Obj>();
  const charges = new Map<string, Obj>();
  const txns = new Map<string, Obj>();
  const replays = new Map<string, { status: number; body: Obj }>();

  const error = (status: number, message: string, param?: string, code?: string) => ({
    status,
    body: {
      error: {
        type: 'invalid_request_error',
        message,
        ...(param ? { param } : {}),
        ...(code ? { code } : {}),
      },
    },
  });

  function createSession(b: Obj) {
    const item = b.line_items?.[0];
    const unit = Number(item?.price_data?.unit_amount);
    const qty = Number(item?.quantity ?? 1);
    if (b.mode !== 'payment') return error(400, 'mode must be payment', 'mode');
    if (!Number.isInteger(unit) || unit <= 0)
      return error(
        400,
        'Invalid integer: line_items[0][price_data][unit_amount]',
        'line_items[0][price_data][unit_amount]',
      );
    if (!b.success_url) return error(400, 'Missing required param: success_url.', 'success_url');
    const id = next('cs');
    const s = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: unit * qty,
      amount_subtotal: unit * qty,
      currency: item.price_data.currency,
      client_reference_id: b.client_reference_id ?? null,
      metadata: b.metadata ?? {},
      payment_intent: null,
      success_url: b.success_url,
      cancel_url: b.cancel_url ?? null,
      url: `${opts.checkoutBase ?? 'https://checkout.stripe.test'}/c/pay/${id}`,
      expires_at: Math.floor(Date.now() / 1000) + 86400,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      _intent_metadata: b.payment_intent_data?.metadata ?? {},
    };
    sessions.set(id, s);
    return { status: 200, body: publicOf(s) };
  }
  const publicOf = (o: Obj) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_')));

  function expandIntent(pi: Obj, expand: string[]) {
    const out = { ...pi };
    if (expand.includes('latest_charge') || expand.includes('latest_charge.balance_transaction')) {
      const ch = { ...charges.get(pi.latest_charge)! };
      if (expand.includes('latest_charge.balance_transaction'))
        ch.balance_transaction = txns.get(ch.balance_transaction);
      out.latest_charge = ch;
    }
    return out;
  }

  function route(
    method: string,
    path: string,
    query: Obj,
    body: Obj,
  ): { status: number; body: Obj } {
    if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(body);
    const session = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && session) {
      const s = sessions.get(session[1]);
      return s
        ? { status: 200, body: publicOf(s) }
        : error(404, `No such checkout.session: '${session[1]}'`, 'id', 'resource_missing');
    }
    const m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const pi = intents.get(m[1]);
      const expand = ([] as string[]).concat((query.expand as string[] | string | undefined) ?? []);
      return pi
        ? { status: 200, body: expandIntent(pi, expand) }
        : error(404, `No such payment_intent: '${m[1]}'`, 'id', 'resource_missing');
    }
    return error(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [path, search = ''] = (req.url ?? '/').split('?');
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = qs.parse(raw) as Obj;
      const query = qs.parse(search) as Obj;
      requests.push({ method: req.method ?? 'GET', path, query, headers: req.headers, body });
      const send = (status: number, b: Obj) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++seq}` });
        res.end(JSON.stringify(b));
      };
      if (req.headers.authorization !== `Bearer ${opts.secretKey}`)
        return send(401, {
          error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
        });
      const key = req.method === 'POST' ? req.headers['idempotency-key'] : undefined;
      if (typeof key === 'string' && replays.has(key))
        return send(replays.get(key)!.status, replays.get(key)!.body);
      const out = route(req.method ?? 'GET', path, query, body);
      if (typeof key === 'string') replays.set(key, out);
      send(out.status, out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    intents,
    charges,
    pay(sessionId, o = {}) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`fake stripe: no session ${sessionId}`);
      const fee = o.feeCents ?? Math.round(s.amount_total * 0.029) + 30;
      const txn = {
        id: next('txn'),
        object: 'balance_transaction',
        amount: s.amount_total,
        fee,
        net: s.amount_total - fee,
        currency: s.currency,
        type: 'charge',
      };
      const pi = {
        id: next('pi'),
        object: 'payment_intent',
        amount: s.amount_total,
        amount_received: s.amount_total,
        currency: s.currency,
        status: 'succeeded',
        metadata: s._intent_metadata,
        latest_charge: '',
      };
      const ch = {
        id: next('ch'),
        object: 'charge',
        amount: s.amount_total,
        amount_captured: s.amount_total,
        amount_refunded: 0,
        refunded: false,
        currency: s.currency,
        payment_intent: pi.id,
        metadata: s._intent_metadata,
        balance_transaction: txn.id,
        paid: true,
        status: 'succeeded',
      };
      pi.latest_charge = ch.id;
      txns.set(txn.id, txn);
      intents.set(pi.id, pi);
      charges.set(ch.id, ch);
      Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: pi.id });
      return { session: publicOf(s), intent: { ...pi }, charge: { ...ch } };
    },
    refund(chargeId, amountCents) {
      const ch = charges.get(chargeId);
      if (!ch) throw new Error(`fake stripe: no charge ${chargeId}`);
      if (ch.amount_refunded + amountCents > ch.amount)
        throw new Error('fake stripe: refund larger than the charge');
      ch.amount_refunded += amountCents;
      ch.refunded = ch.amount_refunded === ch.amount;
      return { ...ch };
    },
    event(type, object, id = next('evt')) {
      return {
        id,
        object: 'event',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
