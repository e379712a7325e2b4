// `supporttracker vault rotate-key`. With the generated key file, the file holds "new,old" while the
// database is re-sealed (a crash at any point leaves a ring that opens every value), and only the new
// key afterwards. With VAULT_KEY, the new value is printed BEFORE anything changes, so it cannot be lost.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import { generateKeySpec, parseKeyring, type Keyring } from '../../lib/crypto.ts';
import { rotateVaultKey, type RotationResult } from './rotation.ts';

/** A key id not yet in the ring: k1, k2, ... one past the highest. */
export function nextKeyId(ring: Keyring): string {
  let n = 0;
  for (const id of ring.keys.keys()) {
    const m = /^k(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  let id = `k${n + 1}`;
  while (ring.keys.has(id)) id = `k${++n + 1}`;
  return id;
}

/** Writes the file atomically (temp file, fsync, rename) with mode 600. */
export function writeKeyFile(file: string, spec: string): void {
  const tmp = path.join(path.dirname(file), `.vault.key.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${spec}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** The new key must be one key with an id the current ring does not use. */
export function checkNewKey(current: Keyring, spec: string): Keyring {
  let ring: Keyring;
  try {
    ring = parseKeyring(spec);
  } catch (err) {
    throw new Error(`--new-key: ${(err as Error).message}`);
  }
  if (ring.keys.size !== 1)
    throw new Error('--new-key must be exactly one key: <id>:<base64 of 32 bytes>');
  if (current.keys.has(ring.currentId))
    throw new Error(`--new-key: key id ${ring.currentId} is already in use; choose another id`);
  return ring;
}

export type Say = (line: string) => void;

export async function rotateKeyFile(
  db: Db,
  file: string,
  newSpec: string | undefined,
  say: Say,
): Promise<RotationResult> {
  const oldSpec = fs.readFileSync(file, 'utf8').trim();
  const oldRing = parseKeyring(oldSpec);
  const newRing = checkNewKey(oldRing, newSpec ?? generateKeySpec(nextKeyId(oldRing)));
  const newKeySpec =
    newSpec?.trim() ??
    `${newRing.currentId}:${newRing.keys.get(newRing.currentId)!.toString('base64')}`;
  writeKeyFile(file, `${newKeySpec},${oldSpec}`);
  const result = await rotateVaultKey(db, oldRing, newRing);
  writeKeyFile(file, newKeySpec);
  say(
    `Re-encrypted ${result.values} secrets in ${result.credentials} vault entries, ${result.users} two-factor secrets and ${result.settings} payment provider keys with key ${newRing.currentId}.`,
  );
  say(
    `${file} now holds only the new key. Restart the app so it loads it, and replace the key in your backups.`,
  );
  return result;
}

export async function rotateEnvKey(
  db: Db,
  currentSpec: string,
  newSpec: string | undefined,
  say: Say,
): Promise<RotationResult> {
  const oldRing = parseKeyring(currentSpec);
  const spec = newSpec?.trim() ?? generateKeySpec(nextKeyId(oldRing));
  const newRing = checkNewKey(oldRing, spec);
  if (!newSpec) {
    say(`New key (save it now; it is shown only here):\n\nVAULT_KEY=${spec}\n`);
  }
  const result = await rotateVaultKey(db, oldRing, newRing);
  say(
    `Re-encrypted ${result.values} secrets in ${result.credentials} vault entries, ${result.users} two-factor secrets and ${result.settings} payment provider keys with key ${newRing.currentId}.`,
  );
  say(
    'Now replace VAULT_KEY with the new value everywhere the app runs and restart it: the old key no longer opens anything.',
  );
  return result;
}
