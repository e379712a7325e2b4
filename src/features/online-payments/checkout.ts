// Starting an online payment: a Stripe Checkout Session or a PayPal order for one issued invoice's
// balance or for a company's whole open balance. The amount always comes from the stored balances,
// never from the caller. A checkout row is written first (its id travels to the provider as
// client_reference_id / custom_id and as the idempotency key), then the provider is asked; a
// provider failure marks the checkout failed. Money is recorded later, by apply.ts.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { centsToInput } from '../../lib/money.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { createOrder, paypalBaseUrl, stripeClient } from './providers.ts';
import {
  closeCheckout,
  companyOpenInvoices,
  findPayableInvoice,
  insertCheckout,
  setCheckoutProvider,
  type Checkout,
} from './queries.ts';
import { readProviderConfig } from './settings.ts';

export const CreateCheckoutInput = z
  .object({
    provider: z.enum(['stripe', 'paypal'], { message: 'Provider must be stripe or paypal' }),
    invoiceId: z.string().trim().min(1).nullish(),
    companyId: z.string().trim().min(1).nullish(),
    /** With companyId: several of its invoices, paid in this order (the portal's choice). */
    invoiceIds: z.array(z.string().trim().min(1)).max(200).nullish(),
  })
  .refine((v) => Boolean(v.invoiceId) !== Boolean(v.companyId), {
    message: 'Give either an invoiceId (one invoice) or a companyId (the whole open balance)',
    path: ['invoiceId'],
  });

type Target = {
  companyId: string;
  invoiceId: string | null;
  invoiceIds?: string[] | null;
  amountCents: number;
  currency: string;
  name: string;
  ref: string;
};

/** Staff with billing.write; a portal contact only for their own company. Not-yours reads as not found. */
function assertMayPay(ctx: Ctx, companyId: string) {
  if (ctx.actor.type === 'contact') {
    if (ctx.actor.companyId !== companyId) throw new NotFoundError('No such invoice.');
    return;
  }
  assertCan(ctx.actor, 'billing.write');
}

async function target(ctx: Ctx, input: z.infer<typeof CreateCheckoutInput>): Promise<Target> {
  if (input.invoiceId) {
    const inv = await findPayableInvoice(ctx.db, input.invoiceId);
    if (!inv) throw new NotFoundError('No such invoice.');
    assertMayPay(ctx, inv.companyId);
    if (inv.kind !== 'invoice' || inv.status !== 'issued')
      throw new ConflictError('Only an issued invoice can be paid online.');
    if (inv.balanceCents <= 0)
      throw new ConflictError(`Invoice ${inv.number} has nothing left to pay.`);
    return {
      companyId: inv.companyId,
      invoiceId: inv.id,
      amountCents: inv.balanceCents,
      currency: inv.currency,
      name: `Invoice ${inv.number}`,
      ref: inv.number ?? 'INVOICE',
    };
  }
  const companyId = input.companyId!;
  if (input.invoiceIds?.length) return chosenInvoices(ctx, companyId, input.invoiceIds);
  const open = await companyOpenInvoices(ctx.db, companyId);
  if (!open.name) throw new NotFoundError('No such company.');
  assertMayPay(ctx, companyId);
  if (open.balanceCents <= 0) throw new ConflictError(`${open.name} has no open balance.`);
  if (open.currencies.length > 1)
    throw new ConflictError(
      `${open.name} owes in several currencies (${open.currencies.join(', ')}); take a payment per invoice.`,
    );
  return {
    companyId,
    invoiceId: null,
    amountCents: open.balanceCents,
    currency: open.currencies[0],
    name: `Balance of ${open.name} (${open.count} ${open.count === 1 ? 'invoice' : 'invoices'})`,
    ref: 'BALANCE',
  };
}

/** Several invoices of one company, each issued with something left to pay, in the given order. */
async function chosenInvoices(ctx: Ctx, companyId: string, ids: string[]): Promise<Target> {
  assertMayPay(ctx, companyId);
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => findPayableInvoice(ctx.db, id)));
  const invoices = found.map((inv) => {
    if (inv?.companyId !== companyId) throw new NotFoundError('No such invoice.');
    if (inv.kind !== 'invoice' || inv.status !== 'issued' || inv.balanceCents <= 0)
      throw new ConflictError(`Invoice ${inv.number ?? ''} has nothing left to pay.`);
    return inv;
  });
  const currencies = [...new Set(invoices.map((i) => i.currency))];
  if (currencies.length > 1)
    throw new ConflictError('These invoices are in several currencies; pay them one by one.');
  if (invoices.length === 1)
    return {
      companyId,
      invoiceId: invoices[0].id,
      amountCents: invoices[0].balanceCents,
      currency: invoices[0].currency,
      name: `Invoice ${invoices[0].number}`,
      ref: invoices[0].number ?? 'INVOICE',
    };
  return {
    companyId,
    invoiceId: null,
    invoiceIds: invoices.map((i) => i.id),
    amountCents: invoices.reduce((a, i) => a + i.balanceCents, 0),
    currency: currencies[0],
    name: `Invoices ${invoices.map((i) => i.number).join(', ')}`.slice(0, 250),
    ref: 'INVOICES',
  };
}

/** Where the customer comes back to; PUBLIC_URL on a real install. */
const baseUrl = (ctx: Ctx) => ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`;

/** The portal's options: its own return pages and the contact who gets the receipt. */
export type CheckoutOptions = {
  successUrl?: (checkoutId: string) => string;
  cancelUrl?: (checkoutId: string) => string;
  paypalReturnUrl?: (checkoutId: string) => string;
  receiptTo?: string | null;
};

export async function createCheckout(
  ctx: Ctx,
  raw: unknown,
  opts: CheckoutOptions = {},
): Promise<Checkout> {
  const input = parseInput(CreateCheckoutInput, raw);
  const t = await target(ctx, input);
  const cfg = await readProviderConfig(ctx);
  const label = input.provider === 'stripe' ? 'Stripe' : 'PayPal';
  const stripeKey = cfg.stripe.enabled ? cfg.stripe.secretKey : null;
  const paypal =
    cfg.paypal.enabled && cfg.paypal.clientId && cfg.paypal.clientSecret ? cfg.paypal : null;
  if (input.provider === 'stripe' ? !stripeKey : !paypal)
    throw new ConflictError(`${label} is not switched on (Settings › Online payments).`);

  const checkout: Checkout = {
    id: newId(),
    provider: input.provider,
    providerId: null,
    companyId: t.companyId,
    invoiceId: t.invoiceId,
    invoiceIds: t.invoiceIds ?? null,
    receiptTo: opts.receiptTo ?? null,
    amountCents: t.amountCents,
    currency: t.currency,
    status: 'open',
    url: null,
    paymentId: null,
    createdByLabel: actorLabel(ctx.actor),
    createdAt: nowIso(),
    completedAt: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCheckout(trx, checkout);
    await audit(trx, ctx, {
      action: 'checkout.create',
      entityType: 'online_checkout',
      entityId: checkout.id,
      companyId: t.companyId,
      summary: {
        provider: input.provider,
        invoiceId: t.invoiceId,
        ...(t.invoiceIds ? { invoiceIds: t.invoiceIds } : {}),
        amountCents: t.amountCents,
        currency: t.currency,
      },
    });
  });

  const base = baseUrl(ctx);
  const successUrl = opts.successUrl?.(checkout.id) ?? `${base}/pay/${checkout.id}/done`;
  const cancelUrl = opts.cancelUrl?.(checkout.id) ?? `${base}/pay/${checkout.id}/cancelled`;
  const metadata: Record<string, string> = {
    checkout_id: checkout.id,
    company_id: t.companyId,
    ...(t.invoiceId ? { invoice_id: t.invoiceId } : {}),
  };
  let providerId: string;
  let url: string | null;
  try {
    if (input.provider === 'stripe') {
      const session = await stripeClient(ctx.config, stripeKey!).checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              price_data: {
                currency: t.currency.toLowerCase(),
                unit_amount: t.amountCents,
                product_data: { name: t.name },
              },
              quantity: 1,
            },
          ],
          client_reference_id: checkout.id,
          metadata,
          payment_intent_data: { metadata, description: t.name },
          success_url: successUrl,
          cancel_url: cancelUrl,
        },
        { idempotencyKey: `checkout-${checkout.id}` },
      );
      providerId = session.id;
      url = session.url;
    } else {
      const profile = await getProfileCached(ctx.db);
      const order = await createOrder(
        {
          baseUrl: paypalBaseUrl(ctx.config, paypal!.mode),
          clientId: paypal!.clientId!,
          clientSecret: paypal!.clientSecret!,
        },
        {
          customId: checkout.id,
          // PayPal refuses an invoice_id it has seen before: unique per attempt.
          invoiceId: `${t.ref}-${checkout.id}`,
          description: t.name,
          currency: t.currency.toUpperCase(),
          value: centsToInput(t.amountCents),
          returnUrl:
            opts.paypalReturnUrl?.(checkout.id) ?? `${base}/pay/${checkout.id}/paypal-return`,
          cancelUrl,
          brandName: profile?.name,
        },
        `checkout-${checkout.id}`,
      );
      providerId = order.id;
      url = order.links?.find((l) => l.rel === 'approve' || l.rel === 'payer-action')?.href ?? null;
    }
  } catch (err) {
    await closeCheckout(ctx.db, checkout.id, 'failed', nowIso());
    ctx.log.warn(
      { checkoutId: checkout.id, provider: input.provider, err: (err as Error).message },
      'payment provider refused a checkout',
    );
    throw new AppError(
      `${label} could not start the payment: ${(err as Error).message}`,
      502,
      'Payment provider error',
    );
  }
  if (!url)
    throw new ValidationError([
      { path: 'provider', message: `${label} gave no payment page address` },
    ]);
  await setCheckoutProvider(ctx.db, checkout.id, providerId, url);
  return { ...checkout, providerId, url };
}
