// Key rotation: re-seals every sealed value (vault secrets, deleted entries included, and users'
// TOTP seeds) with the new key in ONE transaction, checking each new value opens with the new key
// alone before commit. Either every value moves to the new key or none does.
import type { Db, DbOrTrx } from '../../db/database.ts';
import { open, seal, type Keyring } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { resealOnlinePaymentSecrets } from '../online-payments/settings.ts';
import { resealTelephonySecrets } from '../telephony/settings.ts';
import { resealPbxSecrets } from '../pbx/rotation.ts';

/** settings: sealed values in app settings (the online payment providers' keys). */
export type RotationResult = {
  credentials: number;
  values: number;
  users: number;
  settings: number;
};

const BATCH = 500;

function reseal(
  oldRing: Keyring,
  newRing: Keyring,
  newOnly: Keyring,
  v: string | null,
  what: string,
): string | null {
  if (v === null) return null;
  let plain: string;
  try {
    plain = open(oldRing, v);
  } catch (err) {
    throw new Error(
      `cannot decrypt ${what} with the current key ring (${(err as Error).message}); nothing was changed`,
    );
  }
  const out = seal(newRing, plain);
  if (open(newOnly, out) !== plain)
    throw new Error(`re-sealed ${what} did not verify; nothing was changed`);
  return out;
}

async function rotateCredentials(
  trx: DbOrTrx,
  oldRing: Keyring,
  newRing: Keyring,
  newOnly: Keyring,
  r: RotationResult,
) {
  for (let after = ''; ; ) {
    const rows = await trx
      .selectFrom('credentials')
      .select(['id', 'password_enc', 'totp_enc', 'notes_enc'])
      .where('id', '>', after)
      .where((eb) =>
        eb.or([
          eb('password_enc', 'is not', null),
          eb('totp_enc', 'is not', null),
          eb('notes_enc', 'is not', null),
        ]),
      )
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const what = `vault entry ${row.id}`;
      const set = {
        password_enc: reseal(oldRing, newRing, newOnly, row.password_enc, what),
        totp_enc: reseal(oldRing, newRing, newOnly, row.totp_enc, what),
        notes_enc: reseal(oldRing, newRing, newOnly, row.notes_enc, what),
      };
      await trx.updateTable('credentials').set(set).where('id', '=', row.id).execute();
      r.credentials++;
      r.values += [set.password_enc, set.totp_enc, set.notes_enc].filter((x) => x !== null).length;
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Re-seals everything from oldRing (all keys that may have sealed a value) to newRing's current
 * key. Throws, changing nothing, if any value cannot be opened.
 */
export async function rotateVaultKey(
  db: Db,
  oldRing: Keyring,
  newRing: Keyring,
): Promise<RotationResult> {
  const newKey = newRing.keys.get(newRing.currentId)!;
  const newOnly: Keyring = {
    currentId: newRing.currentId,
    keys: new Map([[newRing.currentId, newKey]]),
  };
  const r: RotationResult = { credentials: 0, values: 0, users: 0, settings: 0 };
  await db.transaction().execute(async (trx) => {
    await rotateCredentials(trx, oldRing, newRing, newOnly, r);
    const users = await trx
      .selectFrom('users')
      .select(['id', 'totp_secret_enc'])
      .where('totp_secret_enc', 'is not', null)
      .execute();
    for (const u of users) {
      await trx
        .updateTable('users')
        .set({
          totp_secret_enc: reseal(
            oldRing,
            newRing,
            newOnly,
            u.totp_secret_enc,
            `two-factor secret of user ${u.id}`,
          ),
        })
        .where('id', '=', u.id)
        .execute();
      r.users++;
    }
    // Stripe and PayPal keys are sealed with the same keyring.
    r.settings = await resealOnlinePaymentSecrets(trx, oldRing, newRing, nowIso());
    // The Twilio main account's and subaccounts' auth tokens (phone services) too.
    r.settings += await resealTelephonySecrets(trx, oldRing, newRing, nowIso());
    // The FreePBX API client secrets.
    r.settings += await resealPbxSecrets(trx, oldRing, newRing);
  });
  return r;
}
