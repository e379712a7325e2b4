// Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that
// has signed in to an account gets a signed cookie naming that account (as a keyed hash, never the
// email), a random device id and the time it was issued. During an account-wide slowdown such a
// browser is still let in (platform/throttle.ts); its own failures are counted under its device id.
// The signature is HMAC-SHA256 under a key derived with HKDF from the vault key ring (no new
// secret to configure); any key of the ring verifies, so rotating the vault key keeps cookies good.
// Anything malformed, forged, expired or for another account reads as "no device cookie".
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../lib/crypto.ts';
import type { PrincipalType } from './sessions.ts';

/** One cookie per kind of principal, so a staff device cookie never counts on the portal. */
export const DEVICE_COOKIE: Record<PrincipalType, string> = {
  staff: 'st_device',
  contact: 'st_portal_device',
};

export const DEVICE_COOKIE_DAYS = 365;
const DAY_SECONDS = 24 * 60 * 60;
/** Clocks of several app instances may differ a little; a cookie from the future beyond this is refused. */
const SKEW_SECONDS = 5 * 60;

const derived = new WeakMap<Buffer, Buffer>();
function macKey(key: Buffer): Buffer {
  let k = derived.get(key);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', key, '', 'supporttracker device cookie v1', 32));
    derived.set(key, k);
  }
  return k;
}

const mac = (key: Buffer, text: string) =>
  createHmac('sha256', macKey(key)).update(text).digest('base64url');

/** The account as the cookie names it: keyed, so the cookie does not reveal the email. */
const accountTag = (key: Buffer, kind: PrincipalType, account: string) =>
  mac(key, `account\0${kind}\0${account}`).slice(0, 22);

function sign(key: Buffer, kind: PrincipalType, account: string, device: string, issued: number) {
  const body = `v1.${accountTag(key, kind, account)}.${device}.${issued.toString(36)}`;
  return `${body}.${mac(key, `${kind}\0${body}`)}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A cookie value for this account. Pass the device id of the cookie the browser already holds to
 * keep it (its expiry starts again); otherwise a new random device id is made.
 */
export function issueDeviceCookie(
  ring: Keyring,
  kind: PrincipalType,
  account: string,
  device: string | null = null,
): string {
  const key = ring.keys.get(ring.currentId)!;
  return sign(key, kind, account, device ?? randomBytes(16).toString('base64url'), nowSeconds());
}

/** The device id of a valid, unexpired cookie issued for this account, else null. */
export function readDeviceCookie(
  ring: Keyring,
  kind: PrincipalType,
  account: string,
  value: string | undefined,
): string | null {
  const m = value ? /^v1\.[\w-]{22}\.([\w-]{22})\.([0-9a-z]{1,10})\.[\w-]{43}$/.exec(value) : null;
  if (!value || !m) return null;
  const issued = Number.parseInt(m[2], 36);
  const age = nowSeconds() - issued;
  if (age > DEVICE_COOKIE_DAYS * DAY_SECONDS || age < -SKEW_SECONDS) return null;
  const given = Buffer.from(value);
  for (const key of ring.keys.values()) {
    const expected = Buffer.from(sign(key, kind, account, m[1], issued));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return m[1];
  }
  return null;
}
