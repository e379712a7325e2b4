// VAULT_KEY rotation for the PBX API client secrets (called by vault/rotation.ts in its
// transaction): each is opened with the old key ring and sealed with the new current key; a secret
// that cannot be opened throws, so the whole rotation changes nothing.
import type { DbOrTrx } from '../../db/database.ts';
import { open, seal, type Keyring } from '../../lib/crypto.ts';

export async function resealPbxSecrets(
  trx: DbOrTrx,
  oldRing: Keyring,
  newRing: Keyring,
): Promise<number> {
  const rows = await trx
    .selectFrom('pbx_systems')
    .select(['id', 'client_secret_enc'])
    .where('client_secret_enc', 'is not', null)
    .execute();
  for (const r of rows) {
    let plain: string;
    try {
      plain = open(oldRing, r.client_secret_enc!);
    } catch (err) {
      throw new Error(
        `cannot decrypt the API secret of phone system ${r.id} (${(err as Error).message}); nothing was changed`,
      );
    }
    await trx
      .updateTable('pbx_systems')
      .set({ client_secret_enc: seal(newRing, plain) })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}
