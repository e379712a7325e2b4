// AES-256-GCM for secrets at rest (TOTP seeds now, the credential vault later). Each value carries
// the id of the key that sealed it ("v1:<keyId>:<iv>:<tag>:<ciphertext>", base64url), so keys can
// rotate. Decryption fails closed: a tampered value or an unknown key id throws, never returns junk.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export type Keyring = { currentId: string; keys: Map<string, Buffer> };

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let currentId = '';
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-zA-Z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) throw new Error('each key must look like <id>:<base64 of 32 bytes>');
    const key = Buffer.from(m[2], 'base64');
    if (key.length !== 32) throw new Error(`key ${m[1]} must be 32 bytes (got ${key.length})`);
    keys.set(m[1], key);
    currentId ||= m[1];
  }
  if (!currentId) throw new Error('at least one key is required');
  return { currentId, keys };
}

export const generateKeySpec = (id = 'k1'): string => `${id}:${randomBytes(32).toString('base64')}`;

export function seal(ring: Keyring, plaintext: string): string {
  const key = ring.keys.get(ring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(ring.currentId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const b = (x: Buffer) => x.toString('base64url');
  return `v1:${ring.currentId}:${b(iv)}:${b(cipher.getAuthTag())}:${b(ct)}`;
}

export function open(ring: Keyring, sealed: string): string {
  const [v, keyId, iv, tag, ct] = sealed.split(':');
  if (v !== 'v1' || !keyId || !iv || !tag || ct === undefined)
    throw new Error('not a sealed value');
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`unknown encryption key id ${keyId}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
