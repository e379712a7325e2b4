// The MSP's main Twilio account: one JSON value in app_settings. The auth token is sealed with the key
// ring (AES-256-GCM, lib/crypto.ts) before it is written; only its last four characters stay in clear
// so the page can say one is set. Nothing here logs, audits or returns the token.
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.ts';
import { open, seal, type Keyring } from '../../lib/crypto.ts';
import { readSetting, writeSetting } from '../time/queries.ts';

export const TELEPHONY_KEY = 'telephony.twilio';

const Stored = z.object({
  accountSid: z.string(),
  authToken: z.object({ sealed: z.string(), last4: z.string() }),
});
export type StoredTelephony = z.infer<typeof Stored>;
export type PublicTelephony = {
  accountSid: string | null;
  tokenSet: boolean;
  tokenLast4: string | null;
};

export async function readStoredTelephony(db: DbOrTrx): Promise<StoredTelephony | null> {
  const parsed = Stored.safeParse(await readSetting(db, TELEPHONY_KEY));
  return parsed.success ? parsed.data : null;
}

export const writeStoredTelephony = (db: DbOrTrx, s: StoredTelephony, now: string) =>
  writeSetting(db, TELEPHONY_KEY, s, now);

export const sealToken = (ring: Keyring, token: string) => ({
  sealed: seal(ring, token),
  last4: token.slice(-4),
});

export const publicTelephony = (s: StoredTelephony | null): PublicTelephony => ({
  accountSid: s?.accountSid ?? null,
  tokenSet: Boolean(s),
  tokenLast4: s?.authToken.last4 ?? null,
});

/** The main account's credentials, decrypted for a call; null when not configured. */
export async function mainCredentials(deps: {
  db: DbOrTrx;
  keyring: Keyring;
}): Promise<{ accountSid: string; authToken: string } | null> {
  const s = await readStoredTelephony(deps.db);
  return s ? { accountSid: s.accountSid, authToken: open(deps.keyring, s.authToken.sealed) } : null;
}

/**
 * Re-seals the telephony secrets (the main account's token, each subaccount's token) with the new key
 * ring, for VAULT_KEY rotation inside its transaction. Returns how many values moved; throws,
 * changing nothing once the transaction rolls back, when one cannot be opened.
 */
export async function resealTelephonySecrets(
  trx: DbOrTrx,
  oldRing: Keyring,
  newRing: Keyring,
  now: string,
): Promise<number> {
  let n = 0;
  const s = await readStoredTelephony(trx);
  if (s) {
    const sealed = seal(newRing, open(oldRing, s.authToken.sealed));
    await writeStoredTelephony(trx, { ...s, authToken: { ...s.authToken, sealed } }, now);
    n += 1;
  }
  const rows = await trx
    .selectFrom('telephony_accounts')
    .select(['id', 'auth_token_enc'])
    .where('auth_token_enc', 'is not', null)
    .execute();
  for (const r of rows) {
    await trx
      .updateTable('telephony_accounts')
      .set({ auth_token_enc: seal(newRing, open(oldRing, r.auth_token_enc!)) })
      .where('id', '=', r.id)
      .execute();
    n += 1;
  }
  return n;
}
