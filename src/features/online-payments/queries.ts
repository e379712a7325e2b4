// Every SQL statement of online payments: checkouts, the webhook event log, and the few reads of
// invoices and payments the checkout and the webhooks need. Rows stay here.
import type { DbOrTrx, OnlineCheckoutsTable } from '../../db/database.ts';

export type Provider = 'stripe' | 'paypal';
export type CheckoutStatus = 'open' | 'completed' | 'expired' | 'failed';
export type Checkout = {
  id: string;
  provider: Provider;
  providerId: string | null;
  companyId: string;
  invoiceId: string | null;
  /** Several chosen invoices, paid in this order (the portal); null for one invoice or the balance. */
  invoiceIds?: string[] | null;
  /** Whom the receipt goes to once the payment is recorded (the portal contact), if anyone. */
  receiptTo?: string | null;
  amountCents: number;
  currency: string;
  status: CheckoutStatus;
  url: string | null;
  paymentId: string | null;
  createdByLabel: string;
  createdAt: string;
  completedAt: string | null;
};

const toCheckout = (r: OnlineCheckoutsTable): Checkout => ({
  id: r.id,
  provider: r.provider as Provider,
  providerId: r.provider_id,
  companyId: r.company_id,
  invoiceId: r.invoice_id,
  invoiceIds: r.invoice_ids ? (JSON.parse(r.invoice_ids) as string[]) : null,
  receiptTo: r.receipt_to ?? null,
  amountCents: Number(r.amount_cents),
  currency: r.currency,
  status: r.status as CheckoutStatus,
  url: r.url,
  paymentId: r.payment_id,
  createdByLabel: r.created_by_label,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

export async function insertCheckout(db: DbOrTrx, c: Checkout) {
  await db
    .insertInto('online_checkouts')
    .values({
      id: c.id,
      provider: c.provider,
      provider_id: c.providerId,
      company_id: c.companyId,
      invoice_id: c.invoiceId,
      ...(c.invoiceIds?.length ? { invoice_ids: JSON.stringify(c.invoiceIds) } : {}),
      ...(c.receiptTo ? { receipt_to: c.receiptTo } : {}),
      amount_cents: c.amountCents,
      currency: c.currency,
      status: c.status,
      url: c.url,
      payment_id: c.paymentId,
      created_by_label: c.createdByLabel,
      created_at: c.createdAt,
      completed_at: c.completedAt,
    })
    .execute();
}

export async function setCheckoutProvider(
  db: DbOrTrx,
  id: string,
  providerId: string,
  url: string | null,
) {
  await db
    .updateTable('online_checkouts')
    .set({ provider_id: providerId, url })
    .where('id', '=', id)
    .execute();
}

/** Moves an open checkout on; returns false when it was not open any more. */
export async function closeCheckout(
  db: DbOrTrx,
  id: string,
  status: Exclude<CheckoutStatus, 'open'>,
  now: string,
  paymentId: string | null = null,
): Promise<boolean> {
  const res = await db
    .updateTable('online_checkouts')
    .set({ status, completed_at: now, ...(paymentId ? { payment_id: paymentId } : {}) })
    .where('id', '=', id)
    .where('status', 'in', ['open', 'expired', 'failed'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function findCheckout(db: DbOrTrx, id: string): Promise<Checkout | null> {
  const r = await db
    .selectFrom('online_checkouts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toCheckout(r) : null;
}

export async function findCheckoutByProviderId(
  db: DbOrTrx,
  provider: Provider,
  providerId: string,
): Promise<Checkout | null> {
  const r = await db
    .selectFrom('online_checkouts')
    .selectAll()
    .where('provider_id', '=', providerId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return r ? toCheckout(r) : null;
}

/** The latest checkouts of an invoice (or of a company's balance when invoiceId is null). */
export async function recentCheckouts(
  db: DbOrTrx,
  companyId: string,
  invoiceId: string | null,
  limit = 10,
): Promise<Checkout[]> {
  let q = db.selectFrom('online_checkouts').selectAll().where('company_id', '=', companyId);
  q = invoiceId ? q.where('invoice_id', '=', invoiceId) : q.where('invoice_id', 'is', null);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(
    toCheckout,
  );
}

export type PayableInvoice = {
  id: string;
  companyId: string;
  number: string | null;
  status: string;
  kind: string;
  currency: string;
  balanceCents: number;
  companyName: string;
};

export async function findPayableInvoice(db: DbOrTrx, id: string): Promise<PayableInvoice | null> {
  const r = await db
    .selectFrom('invoices')
    .innerJoin('companies', 'companies.id', 'invoices.company_id')
    .select([
      'invoices.id',
      'invoices.company_id',
      'invoices.number',
      'invoices.status',
      'invoices.kind',
      'invoices.currency',
      'invoices.balance_cents',
      'companies.name',
    ])
    .where('invoices.id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        companyId: r.company_id,
        number: r.number,
        status: r.status,
        kind: r.kind,
        currency: r.currency,
        balanceCents: Number(r.balance_cents),
        companyName: r.name,
      }
    : null;
}

/** A company's open balance: the sum of its issued invoices' balances, with their currencies. */
export async function companyOpenInvoices(
  db: DbOrTrx,
  companyId: string,
): Promise<{ name: string | null; count: number; balanceCents: number; currencies: string[] }> {
  const company = await db
    .selectFrom('companies')
    .select('name')
    .where('id', '=', companyId)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('invoices')
    .select((eb) => [
      'currency',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('balance_cents').as('b'),
    ])
    .where('company_id', '=', companyId)
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .groupBy('currency')
    .execute();
  return {
    name: company?.name ?? null,
    count: rows.reduce((a, r) => a + Number(r.n), 0),
    balanceCents: rows.reduce((a, r) => a + Number(r.b ?? 0), 0),
    currencies: rows.map((r) => r.currency),
  };
}

export async function invoiceBalance(db: DbOrTrx, id: string): Promise<number> {
  const r = await db
    .selectFrom('invoices')
    .select('balance_cents')
    .where('id', '=', id)
    .where('status', '=', 'issued')
    .executeTakeFirst();
  return r ? Number(r.balance_cents) : 0;
}

// ---- webhook events

export async function eventSeen(
  db: DbOrTrx,
  provider: Provider,
  eventId: string,
): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('webhook_events')
      .select('id')
      .where('provider', '=', provider)
      .where('event_id', '=', eventId)
      .executeTakeFirst(),
  );
}

/** Throws a unique violation when the event was already recorded: that is what makes it at-most-once. */
export async function insertEvent(
  db: DbOrTrx,
  row: {
    id: string;
    provider: Provider;
    eventId: string;
    type: string;
    receivedAt: string;
    result: string;
  },
) {
  await db
    .insertInto('webhook_events')
    .values({
      id: row.id,
      provider: row.provider,
      event_id: row.eventId,
      type: row.type.slice(0, 100),
      received_at: row.receivedAt,
      result: row.result.slice(0, 1000),
    })
    .execute();
}

// ---- payments the providers told us about

export type ProviderPayment = {
  id: string;
  companyId: string;
  amountCents: number;
  refundedCents: number;
  status: string;
};

export async function paymentByProviderRef(
  db: DbOrTrx,
  providerRef: string,
): Promise<ProviderPayment | null> {
  const r = await db
    .selectFrom('payments')
    .select(['id', 'company_id', 'amount_cents', 'refunded_cents', 'status'])
    .where('provider_ref', '=', providerRef)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        companyId: r.company_id,
        amountCents: Number(r.amount_cents),
        refundedCents: Number(r.refunded_cents),
        status: r.status,
      }
    : null;
}

export async function refundRecorded(db: DbOrTrx, providerRef: string): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('refunds')
      .select('id')
      .where('provider_ref', '=', providerRef)
      .executeTakeFirst(),
  );
}

/** What has been refunded on a payment so far, from the refund rows (the provider's figures are cumulative). */
export async function refundedSoFar(db: DbOrTrx, paymentId: string): Promise<number> {
  const r = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.sum<number>('amount_cents').as('s'))
    .where('payment_id', '=', paymentId)
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}
