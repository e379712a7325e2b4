// Settings › Online payments: admins only; secrets sealed at rest (the raw row never holds them),
// never shown back or audited; empty secret fields keep the stored value; a provider cannot be
// switched on without its credentials.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs } from '../../../test/support/app.ts';
import { generateKeySpec, parseKeyring } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { readProviderConfig, resealOnlinePaymentSecrets, ONLINE_PAYMENTS_KEY } from './settings.ts';
import { PAYPAL, STRIPE_KEY, STRIPE_WHSEC } from './test-helpers.ts';

describe.each(DIALECTS)('online payment settings on %s', (dialect) => {
  const suite = useAppSuite(dialect, {
    deps: { env: { PUBLIC_URL: 'https://support.example.test' } },
  });

  const full = {
    stripeEnabled: 'on',
    stripeSecretKey: STRIPE_KEY,
    stripeWebhookSecret: STRIPE_WHSEC,
    paypalEnabled: 'on',
    paypalClientId: PAYPAL.clientId,
    paypalClientSecret: PAYPAL.clientSecret,
    paypalWebhookId: PAYPAL.webhookId,
    paypalMode: 'live',
  };
  const rawRow = async () =>
    (
      await suite.db
        .selectFrom('app_settings')
        .select('value')
        .where('key', '=', ONLINE_PAYMENTS_KEY)
        .executeTakeFirstOrThrow()
    ).value;

  it('stores secrets sealed, shows only their last four characters, audits without values, and decrypts for the services', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    const saved = await postForm(suite.app, admin, '/settings/payments', full);
    expect(saved.statusCode).toBe(302);
    const raw = await rawRow();
    for (const secret of [STRIPE_KEY, STRIPE_WHSEC, PAYPAL.clientSecret])
      expect(raw).not.toContain(secret);
    expect(raw).toMatch(/"sealed":"v1:/);
    const page = await suite.app.inject({
      method: 'GET',
      url: '/settings/payments',
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    for (const secret of [STRIPE_KEY, STRIPE_WHSEC, PAYPAL.clientSecret])
      expect(page.body).not.toContain(secret);
    expect(page.body).toContain(`set (ends in …${STRIPE_KEY.slice(-4)})`);
    expect(page.body).toContain(`set (ends in …${PAYPAL.clientSecret.slice(-4)})`);
    expect(page.body).toContain('https://support.example.test/api/v1/webhooks/stripe');
    // The CSP allows no inline style or script.
    expect(page.body).not.toMatch(/\sstyle="|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+="/);
    const audit = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'settings.online_payments')
      .executeTakeFirstOrThrow();
    for (const secret of [STRIPE_KEY, STRIPE_WHSEC, PAYPAL.clientSecret])
      expect(audit.summary).not.toContain(secret);
    expect(JSON.parse(audit.summary!)).toMatchObject({
      stripeEnabled: [false, true],
      stripeSecretKey: 'changed',
      paypalClientSecret: 'changed',
      paypalMode: ['sandbox', 'live'],
    });
    expect(await readProviderConfig(suite.deps)).toEqual({
      stripe: { enabled: true, secretKey: STRIPE_KEY, webhookSecret: STRIPE_WHSEC },
      paypal: {
        enabled: true,
        clientId: PAYPAL.clientId,
        clientSecret: PAYPAL.clientSecret,
        webhookId: PAYPAL.webhookId,
        mode: 'live',
      },
    });
  });

  it('keeps a stored secret when its field is left empty, and replaces it when a new one is typed', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    await postForm(suite.app, admin, '/settings/payments', full);
    await postForm(suite.app, admin, '/settings/payments', {
      ...full,
      stripeSecretKey: '',
      stripeWebhookSecret: '',
      paypalClientSecret: '',
      paypalEnabled: '',
    });
    let cfg = await readProviderConfig(suite.deps);
    expect(cfg.stripe.secretKey).toBe(STRIPE_KEY);
    expect(cfg.paypal).toMatchObject({ enabled: false, clientSecret: PAYPAL.clientSecret });
    await postForm(suite.app, admin, '/settings/payments', {
      ...full,
      stripeSecretKey: 'rk_live_restrictedKey0001',
      stripeWebhookSecret: '',
      paypalClientSecret: '',
    });
    cfg = await readProviderConfig(suite.deps);
    expect(cfg.stripe).toEqual({
      enabled: true,
      secretKey: 'rk_live_restrictedKey0001',
      webhookSecret: STRIPE_WHSEC,
    });
  });

  it('refuses to switch a provider on without its credentials, naming the fields, and refuses malformed keys', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    const res = await postForm(suite.app, admin, '/settings/payments', {
      stripeEnabled: 'on',
      paypalEnabled: 'on',
      paypalMode: 'sandbox',
      stripeSecretKey: 'pk_live_publishableKey12',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Stripe secret key must start with sk_');
    const res2 = await postForm(suite.app, admin, '/settings/payments', {
      stripeEnabled: 'on',
      paypalEnabled: 'on',
      paypalMode: 'sandbox',
    });
    expect(res2.statusCode).toBe(422);
    expect(res2.body).toContain('Stripe needs the webhook signing secret to be switched on');
    expect(res2.body).toContain('PayPal needs the webhook ID to be switched on');
    expect(
      await suite.db
        .selectFrom('app_settings')
        .select('key')
        .where('key', '=', ONLINE_PAYMENTS_KEY)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('is for admins only', async () => {
    for (const role of ['billing', 'technician', 'readonly'] as const) {
      const agent = await signInAs(suite.app, suite.deps, role);
      expect(
        (
          await suite.app.inject({
            method: 'GET',
            url: '/settings/payments',
            headers: { cookie: agent.cookie },
          })
        ).statusCode,
      ).toBe(403);
      expect((await postForm(suite.app, agent, '/settings/payments', full)).statusCode).toBe(403);
    }
    expect(
      await suite.db
        .selectFrom('app_settings')
        .select('key')
        .where('key', '=', ONLINE_PAYMENTS_KEY)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('re-seals the secrets with a new key for VAULT_KEY rotation', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    await postForm(suite.app, admin, '/settings/payments', full);
    const newRing = parseKeyring(generateKeySpec('k2'));
    expect(await resealOnlinePaymentSecrets(suite.db, suite.deps.keyring, newRing, nowIso())).toBe(
      3,
    );
    expect(await rawRow()).toMatch(/"sealed":"v1:k2:/);
    expect(await readProviderConfig({ db: suite.db, keyring: newRing })).toMatchObject({
      stripe: { secretKey: STRIPE_KEY, webhookSecret: STRIPE_WHSEC },
      paypal: { clientSecret: PAYPAL.clientSecret },
    });
  });
});
