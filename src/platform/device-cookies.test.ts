import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateKeySpec, parseKeyring } from '../lib/crypto.ts';
import { DEVICE_COOKIE, issueDeviceCookie, readDeviceCookie } from './device-cookies.ts';

const ring = parseKeyring(generateKeySpec('k1'));
const email = 'ann@acme.test';

describe('device cookies', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads back the device id of a cookie issued for the same account and kind', () => {
    const value = issueDeviceCookie(ring, 'staff', email);
    const device = readDeviceCookie(ring, 'staff', email, value);
    expect(device).toMatch(/^[\w-]{22}$/);
    // Issuing again for the same device keeps its id; a new cookie gets a new one.
    expect(
      readDeviceCookie(ring, 'staff', email, issueDeviceCookie(ring, 'staff', email, device)),
    ).toBe(device);
    expect(
      readDeviceCookie(ring, 'staff', email, issueDeviceCookie(ring, 'staff', email)),
    ).not.toBe(device);
    // The cookie names the account only as a keyed hash.
    expect(value).not.toContain('ann');
    expect(value).not.toContain(Buffer.from(email).toString('base64url').slice(0, 8));
  });

  it('refuses a forged, altered or malformed cookie', () => {
    const value = issueDeviceCookie(ring, 'staff', email);
    const [v, account, device, issued, sig] = value.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      [v, account, device, issued, flip(sig)],
      [v, account, flip(device), issued, sig],
      [v, flip(account), device, issued, sig],
      [v, account, device, (Number.parseInt(issued, 36) + 1).toString(36), sig],
      ['v2', account, device, issued, sig],
    ])
      expect(readDeviceCookie(ring, 'staff', email, bad.join('.'))).toBeNull();
    for (const junk of [undefined, '', 'x', `${value}.x`, value.slice(0, -1), `${value} `])
      expect(readDeviceCookie(ring, 'staff', email, junk)).toBeNull();
    // Signed with a key this installation does not have.
    const stranger = parseKeyring(generateKeySpec('k1'));
    expect(
      readDeviceCookie(ring, 'staff', email, issueDeviceCookie(stranger, 'staff', email)),
    ).toBeNull();
  });

  it('refuses a cookie issued for another account, or for the other kind of principal', () => {
    const value = issueDeviceCookie(ring, 'staff', email);
    expect(readDeviceCookie(ring, 'staff', 'bob@acme.test', value)).toBeNull();
    expect(readDeviceCookie(ring, 'contact', email, value)).toBeNull();
    const portal = issueDeviceCookie(ring, 'contact', `portal:${email}`);
    expect(readDeviceCookie(ring, 'contact', `portal:${email}`, portal)).not.toBeNull();
    expect(readDeviceCookie(ring, 'staff', `portal:${email}`, portal)).toBeNull();
    expect(DEVICE_COOKIE.staff).not.toBe(DEVICE_COOKIE.contact);
  });

  it('expires after a year, and refuses one dated in the future', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const value = issueDeviceCookie(ring, 'staff', email);
    vi.setSystemTime(new Date('2026-12-31T00:00:00Z'));
    expect(readDeviceCookie(ring, 'staff', email, value)).not.toBeNull();
    vi.setSystemTime(new Date('2027-01-02T00:00:00Z'));
    expect(readDeviceCookie(ring, 'staff', email, value)).toBeNull();
    vi.setSystemTime(new Date('2025-12-31T23:00:00Z'));
    expect(readDeviceCookie(ring, 'staff', email, value)).toBeNull();
  });

  it('stays valid when the vault key is rotated (any key of the ring verifies)', () => {
    const value = issueDeviceCookie(ring, 'staff', email);
    const rotated = parseKeyring(
      `${generateKeySpec('k2')},k1:${ring.keys.get('k1')!.toString('base64')}`,
    );
    expect(readDeviceCookie(rotated, 'staff', email, value)).not.toBeNull();
    expect(readDeviceCookie(parseKeyring(generateKeySpec('k2')), 'staff', email, value)).toBeNull();
  });
});
