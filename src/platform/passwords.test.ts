import { describe, expect, it } from 'vitest';
import { hashOptions, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('uses argon2id at the library defaults outside the test runner, a small cost only under it', () => {
    expect(hashOptions({})).toEqual({ type: 2 });
    expect(hashOptions({ VITEST: 'true' })).toMatchObject({
      type: 2,
      memoryCost: 4096,
      timeCost: 1,
    });
  });

  it('verifies what it hashed, and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery staple')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
