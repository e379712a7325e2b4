// Online payment settings (Stripe and PayPal), one JSON value in app_settings. Secrets (the Stripe
// secret key and webhook signing secret, the PayPal client secret) are sealed with the keyring
// (AES-256-GCM, lib/crypto.ts) before they are written; only their last four characters are kept in
// clear so the page can say which one is set. Nothing here logs or audits a secret value.
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.ts';
import { open, seal, type Keyring } from '../../lib/crypto.ts';
import { readSetting, writeSetting } from '../time/queries.ts';

export const ONLINE_PAYMENTS_KEY = 'payments.online';

const Secret = z.object({ sealed: z.string(), last4: z.string() }).nullable();
/** What is stored: flags, public identifiers in clear, secrets sealed. */
export const StoredSettings = z.object({
  stripe: z.object({ enabled: z.boolean(), secretKey: Secret, webhookSecret: Secret }),
  paypal: z.object({
    enabled: z.boolean(),
    clientId: z.string().nullable(),
    clientSecret: Secret,
    webhookId: z.string().nullable(),
    mode: z.enum(['sandbox', 'live']),
  }),
});
export type StoredSettings = z.infer<typeof StoredSettings>;
export type SecretState = { set: boolean; last4: string | null };

export const DEFAULT_SETTINGS: StoredSettings = {
  stripe: { enabled: false, secretKey: null, webhookSecret: null },
  paypal: { enabled: false, clientId: null, clientSecret: null, webhookId: null, mode: 'sandbox' },
};

/** What the settings page may show: never a secret, only whether one is set and how it ends. */
export type PublicSettings = {
  stripe: { enabled: boolean; secretKey: SecretState; webhookSecret: SecretState };
  paypal: {
    enabled: boolean;
    clientId: string | null;
    clientSecret: SecretState;
    webhookId: string | null;
    mode: 'sandbox' | 'live';
  };
};

export async function readStoredSettings(db: DbOrTrx): Promise<StoredSettings> {
  const parsed = StoredSettings.safeParse(await readSetting(db, ONLINE_PAYMENTS_KEY));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export const writeStoredSettings = (db: DbOrTrx, s: StoredSettings, now: string) =>
  writeSetting(db, ONLINE_PAYMENTS_KEY, s, now);

const state = (s: { last4: string } | null): SecretState => ({
  set: Boolean(s),
  last4: s?.last4 ?? null,
});

export function publicSettings(s: StoredSettings): PublicSettings {
  return {
    stripe: {
      enabled: s.stripe.enabled,
      secretKey: state(s.stripe.secretKey),
      webhookSecret: state(s.stripe.webhookSecret),
    },
    paypal: {
      enabled: s.paypal.enabled,
      clientId: s.paypal.clientId,
      clientSecret: state(s.paypal.clientSecret),
      webhookId: s.paypal.webhookId,
      mode: s.paypal.mode,
    },
  };
}

export const sealSecret = (ring: Keyring, value: string) => ({
  sealed: seal(ring, value),
  last4: value.slice(-4),
});

/**
 * Decrypted, for the services that call the providers. `enabled` governs new checkouts only: webhooks
 * keep being verified and applied while the credentials are there, so a refund made after a provider
 * was switched off still reaches its payment.
 */
export type ProviderConfig = {
  stripe: { enabled: boolean; secretKey: string | null; webhookSecret: string | null };
  paypal: {
    enabled: boolean;
    clientId: string | null;
    clientSecret: string | null;
    webhookId: string | null;
    mode: 'sandbox' | 'live';
  };
};

/** The providers' credentials, decrypted; fails closed (throws) when a sealed value cannot be opened. */
export function providerConfig(ring: Keyring, s: StoredSettings): ProviderConfig {
  const un = (v: { sealed: string } | null) => (v ? open(ring, v.sealed) : null);
  return {
    stripe: {
      enabled: s.stripe.enabled,
      secretKey: un(s.stripe.secretKey),
      webhookSecret: un(s.stripe.webhookSecret),
    },
    paypal: {
      enabled: s.paypal.enabled,
      clientId: s.paypal.clientId,
      clientSecret: un(s.paypal.clientSecret),
      webhookId: s.paypal.webhookId,
      mode: s.paypal.mode,
    },
  };
}

/** Reads and decrypts the settings in one go: what createCheckout and the webhooks use. */
export async function readProviderConfig(deps: {
  db: DbOrTrx;
  keyring: Keyring;
}): Promise<ProviderConfig> {
  return providerConfig(deps.keyring, await readStoredSettings(deps.db));
}

/**
 * Re-seals the stored secrets with the new key ring, for VAULT_KEY rotation (the rotation command
 * should call this inside its transaction). Returns how many values moved; throws, changing nothing,
 * when one cannot be opened.
 */
export async function resealOnlinePaymentSecrets(
  trx: DbOrTrx,
  oldRing: Keyring,
  newRing: Keyring,
  now: string,
): Promise<number> {
  const s = await readStoredSettings(trx);
  let n = 0;
  const re = (v: { sealed: string; last4: string } | null) => {
    if (!v) return null;
    n += 1;
    return { sealed: seal(newRing, open(oldRing, v.sealed)), last4: v.last4 };
  };
  const next: StoredSettings = {
    stripe: {
      ...s.stripe,
      secretKey: re(s.stripe.secretKey),
      webhookSecret: re(s.stripe.webhookSecret),
    },
    paypal: { ...s.paypal, clientSecret: re(s.paypal.clientSecret) },
  };
  if (n) await writeStoredSettings(trx, next, now);
  return n;
}
