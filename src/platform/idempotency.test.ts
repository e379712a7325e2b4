// The request fingerprint behind Idempotency-Key. The behaviour over HTTP (replay, 422, 409, takeover,
// purge, concurrent duplicates) is tested on three dialects in src/features/payments/api.test.ts.
import { describe, expect, it } from 'vitest';
import { requestHash } from './idempotency.ts';

describe('requestHash', () => {
  it('is a SHA-256 of method, path and body: equal for the same request, different for any change', () => {
    const h = requestHash('post', '/api/v1/payments', { a: 1 });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('POST', '/api/v1/payments', { a: 1 })).toBe(h);
    expect(requestHash('POST', '/api/v1/payments', { a: 2 })).not.toBe(h);
    expect(requestHash('POST', '/api/v1/payments/x/void', { a: 1 })).not.toBe(h);
    expect(requestHash('PUT', '/api/v1/payments', { a: 1 })).not.toBe(h);
  });
});
