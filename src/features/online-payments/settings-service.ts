// Settings › Online payments: admins (settings.manage) switch Stripe and PayPal on and give their
// keys. A secret field left empty keeps the stored secret; a new one is sealed before it is written.
// The audit row says which secrets changed, never their values.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import {
  publicSettings,
  readStoredSettings,
  sealSecret,
  writeStoredSettings,
  type PublicSettings,
  type StoredSettings,
} from './settings.ts';

const optional = (re: RegExp, message: string) =>
  z
    .string({ message })
    .trim()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || re.test(v), message);

export const OnlinePaymentSettingsInput = z.object({
  stripeEnabled: z.boolean({ message: 'Choose whether Stripe is on' }),
  /** A new secret key; empty keeps the stored one. */
  stripeSecretKey: optional(
    /^(sk|rk)_[A-Za-z0-9_]{8,250}$/,
    'Stripe secret key must start with sk_ (or rk_ for a restricted key)',
  ),
  stripeWebhookSecret: optional(
    /^whsec_[A-Za-z0-9+/=_-]{8,250}$/,
    'Webhook signing secret must start with whsec_',
  ),
  paypalEnabled: z.boolean({ message: 'Choose whether PayPal is on' }),
  paypalClientId: optional(
    /^[A-Za-z0-9_-]{8,200}$/,
    'PayPal client ID must be letters, digits, - and _',
  ),
  paypalClientSecret: optional(
    /^[A-Za-z0-9_-]{8,200}$/,
    'PayPal client secret must be letters, digits, - and _',
  ),
  paypalWebhookId: optional(
    /^[A-Za-z0-9_-]{4,100}$/,
    'PayPal webhook ID must be letters and digits (e.g. 8PT597110X687430LKGECATA)',
  ),
  paypalMode: z.enum(['sandbox', 'live'], { message: 'Choose sandbox or live' }),
});

export async function onlinePaymentSettings(ctx: Ctx): Promise<PublicSettings> {
  assertCan(ctx.actor, 'settings.manage');
  return publicSettings(await readStoredSettings(ctx.db));
}

export async function saveOnlinePaymentSettings(ctx: Ctx, raw: unknown): Promise<PublicSettings> {
  assertCan(ctx.actor, 'settings.manage');
  const input = parseInput(OnlinePaymentSettingsInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readStoredSettings(trx);
    const next: StoredSettings = {
      stripe: {
        enabled: input.stripeEnabled,
        secretKey: input.stripeSecretKey
          ? sealSecret(ctx.keyring, input.stripeSecretKey)
          : before.stripe.secretKey,
        webhookSecret: input.stripeWebhookSecret
          ? sealSecret(ctx.keyring, input.stripeWebhookSecret)
          : before.stripe.webhookSecret,
      },
      paypal: {
        enabled: input.paypalEnabled,
        clientId: input.paypalClientId ?? before.paypal.clientId,
        clientSecret: input.paypalClientSecret
          ? sealSecret(ctx.keyring, input.paypalClientSecret)
          : before.paypal.clientSecret,
        webhookId: input.paypalWebhookId ?? before.paypal.webhookId,
        mode: input.paypalMode,
      },
    };
    const errors: FieldError[] = [];
    const need = (on: boolean, has: unknown, path: string, message: string) => {
      if (on && !has) errors.push({ path, message });
    };
    need(
      next.stripe.enabled,
      next.stripe.secretKey,
      'stripeSecretKey',
      'Stripe needs its secret key to be switched on',
    );
    need(
      next.stripe.enabled,
      next.stripe.webhookSecret,
      'stripeWebhookSecret',
      'Stripe needs the webhook signing secret to be switched on',
    );
    need(
      next.paypal.enabled,
      next.paypal.clientId,
      'paypalClientId',
      'PayPal needs its client ID to be switched on',
    );
    need(
      next.paypal.enabled,
      next.paypal.clientSecret,
      'paypalClientSecret',
      'PayPal needs its client secret to be switched on',
    );
    need(
      next.paypal.enabled,
      next.paypal.webhookId,
      'paypalWebhookId',
      'PayPal needs the webhook ID to be switched on',
    );
    if (errors.length) throw new ValidationError(errors);
    await writeStoredSettings(trx, next, nowIso());
    const summary: Record<string, unknown> = {};
    const change = (key: string, a: unknown, b: unknown) => {
      if (a !== b) summary[key] = [a, b];
    };
    change('stripeEnabled', before.stripe.enabled, next.stripe.enabled);
    change('paypalEnabled', before.paypal.enabled, next.paypal.enabled);
    change('paypalClientId', before.paypal.clientId, next.paypal.clientId);
    change('paypalWebhookId', before.paypal.webhookId, next.paypal.webhookId);
    change('paypalMode', before.paypal.mode, next.paypal.mode);
    if (input.stripeSecretKey) summary.stripeSecretKey = 'changed';
    if (input.stripeWebhookSecret) summary.stripeWebhookSecret = 'changed';
    if (input.paypalClientSecret) summary.paypalClientSecret = 'changed';
    await audit(trx, ctx, { action: 'settings.online_payments', entityType: 'settings', summary });
    return publicSettings(next);
  });
}
