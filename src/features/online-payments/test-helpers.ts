// Set-up shared by the online payment tests: issued invoices to pay, the settings switched on, and
// reads of what was recorded.
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { createInvoice } from '../invoices/service.ts';
import { saveOnlinePaymentSettings } from './settings-service.ts';

export const STRIPE_KEY = 'sk_test_51FakeKeyForTests4242';
export const STRIPE_WHSEC = 'whsec_fakeSigningSecretForTests9876';
export const PAYPAL = {
  clientId: 'AZfakeClientId_0123456789',
  clientSecret: 'EFfakeClientSecret_abcdefXYZ7',
  webhookId: '8PT597110X687430LKGECATA',
};

/** An issued invoice of one untaxed line, total `cents`. */
export async function issued(
  ctx: Ctx,
  companyId: string,
  cents: number,
  description = 'Network audit',
): Promise<string> {
  const inv = await createInvoice(ctx, {
    companyId,
    issue: true,
    lines: [{ description, quantityThousandths: 1000, unitPriceCents: cents, taxable: false }],
  });
  return inv.id;
}

export async function switchOn(admin: Ctx, which: { stripe?: boolean; paypal?: boolean }) {
  await saveOnlinePaymentSettings(admin, {
    stripeEnabled: Boolean(which.stripe),
    stripeSecretKey: which.stripe ? STRIPE_KEY : null,
    stripeWebhookSecret: which.stripe ? STRIPE_WHSEC : null,
    paypalEnabled: Boolean(which.paypal),
    paypalClientId: which.paypal ? PAYPAL.clientId : null,
    paypalClientSecret: which.paypal ? PAYPAL.clientSecret : null,
    paypalWebhookId: which.paypal ? PAYPAL.webhookId : null,
    paypalMode: 'sandbox',
  });
}

export async function invoiceFigures(db: Db, id: string) {
  const r = await db
    .selectFrom('invoices')
    .select(['total_cents', 'paid_cents', 'balance_cents', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    totalCents: Number(r.total_cents),
    paidCents: Number(r.paid_cents),
    balanceCents: Number(r.balance_cents),
    status: r.status,
  };
}

export async function paymentsOf(db: Db, companyId: string) {
  const rows = await db
    .selectFrom('payments')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amountCents: Number(r.amount_cents),
    feeCents: Number(r.fee_cents),
    method: r.method,
    provider: r.provider,
    providerRef: r.provider_ref,
    refundedCents: Number(r.refunded_cents),
    unappliedCents: Number(r.unapplied_cents),
    status: r.status,
  }));
}

export async function liveAllocations(db: Db, paymentId: string) {
  const rows = await db
    .selectFrom('payment_allocations')
    .select(['invoice_id', 'amount_cents'])
    .where('payment_id', '=', paymentId)
    .where('reversed_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ invoiceId: r.invoice_id, amountCents: Number(r.amount_cents) }));
}

export async function refundsOf(db: Db, paymentId: string) {
  const rows = await db
    .selectFrom('refunds')
    .select(['amount_cents', 'provider_ref'])
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ amountCents: Number(r.amount_cents), providerRef: r.provider_ref }));
}

export async function count(
  db: Db,
  table: 'payments' | 'refunds' | 'webhook_events' | 'online_checkouts',
) {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('c'))
    .executeTakeFirstOrThrow();
  return Number(r.c);
}
