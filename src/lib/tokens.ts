// Random bearer secrets (session cookies, API keys, reset links) and the hash we store instead of
// them: a database leak never yields a usable token. SHA-256 is enough here because the tokens carry
// 256 bits of randomness; passwords use argon2id (platform/passwords.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
