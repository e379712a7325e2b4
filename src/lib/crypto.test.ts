import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeySpec, open, parseKeyring, seal } from './crypto.ts';

const ring = parseKeyring(generateKeySpec('k1'));

/** Flips one bit of one base64url-encoded part of a sealed value (0=v, 1=keyId, 2=iv, 3=tag, 4=ct). */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join(':');
}

describe('seal and open (AES-256-GCM)', () => {
  it('round-trips any text, including unicode and the empty string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(open(ring, seal(ring, s))).toBe(s);
      }),
      { numRuns: 300 },
    );
    expect(open(ring, seal(ring, ''))).toBe('');
  });

  it('does not contain the plaintext, and sealing twice gives different values', () => {
    const secret = 'hunter2-the-server-room-password';
    const a = seal(ring, secret);
    const b = seal(ring, secret);
    expect(a).not.toBe(b);
    for (const v of [a, b]) {
      expect(v).not.toContain(secret);
      expect(v).not.toContain(Buffer.from(secret).toString('base64url'));
      expect(v).not.toContain(Buffer.from(secret).toString('base64'));
      expect(v.startsWith('v1:k1:')).toBe(true);
    }
  });

  it('throws when the ciphertext, tag or iv was changed', () => {
    const sealed = seal(ring, 'a secret worth protecting');
    expect(() => open(ring, tamper(sealed, 4))).toThrow();
    expect(() => open(ring, tamper(sealed, 3))).toThrow();
    expect(() => open(ring, tamper(sealed, 2))).toThrow();
    const parts = sealed.split(':');
    expect(() => open(ring, [...parts.slice(0, 4), parts[4].slice(0, -2)].join(':'))).toThrow();
  });

  it('throws for a value that is not sealed at all', () => {
    expect(() => open(ring, 'plain text')).toThrow(/not a sealed value/);
    expect(() => open(ring, 'v2:k1:a:b:c')).toThrow(/not a sealed value/);
  });

  it('throws for an unknown key id, and for a value re-labelled with another key id', () => {
    const other = parseKeyring(generateKeySpec('k2'));
    expect(() => open(other, seal(ring, 'x'))).toThrow(/unknown encryption key id k1/);
    // Both keys known, but the value claims the wrong one: the key id is authenticated data.
    const both = parseKeyring(`${generateKeySpec('k2')},${generateKeySpec('k1')}`);
    const sealed = seal(both, 'y').replace(/^v1:k2:/, 'v1:k1:');
    expect(() => open(both, sealed)).toThrow();
  });

  it('refuses the right key id with the wrong key bytes', () => {
    const impostor = parseKeyring(generateKeySpec('k1'));
    expect(() => open(impostor, seal(ring, 'z'))).toThrow();
  });

  it('after rotation, seals with the new key and still opens values sealed with the old one', () => {
    const oldSpec = generateKeySpec('2025');
    const oldRing = parseKeyring(oldSpec);
    const oldValue = seal(oldRing, 'sealed last year');
    const rotated = parseKeyring(`${generateKeySpec('2026')},${oldSpec}`);
    expect(rotated.currentId).toBe('2026');
    expect(open(rotated, oldValue)).toBe('sealed last year');
    const fresh = seal(rotated, 'sealed this year');
    expect(fresh.startsWith('v1:2026:')).toBe(true);
    expect(() => open(oldRing, fresh)).toThrow(/unknown encryption key id 2026/);
  });
});

describe('parseKeyring', () => {
  it.each(['', 'bad', 'k1:c2hvcnQ=', `has space:${Buffer.alloc(32).toString('base64')}`])(
    'refuses %j',
    (spec) => {
      expect(() => parseKeyring(spec)).toThrow();
    },
  );
  it('takes the first key as current', () => {
    const r = parseKeyring(`${generateKeySpec('a')}, ${generateKeySpec('b')}`);
    expect(r.currentId).toBe('a');
    expect([...r.keys.keys()]).toEqual(['a', 'b']);
  });
});
