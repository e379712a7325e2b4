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
