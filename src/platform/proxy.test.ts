import { beforeAll, describe, expect, it } from 'vitest';
import { useAppSuite } from '../../test/support/suite.ts';
import { createStaff, csrfFor } from '../../test/support/app.ts';

// Behind a reverse proxy the client address comes from X-Forwarded-For. Only the hop the proxy
// itself added may be believed, or a client could dodge per-IP throttling and forge audit IPs.
describe('TRUST_PROXY', () => {
  const suite = useAppSuite('sqlite', {
    deps: { env: { TRUST_PROXY: 'true' } },
    reset: 'once',
    profile: false,
  });

  beforeAll(async () => {
    await createStaff(suite.db, 'admin');
  });

  it('records the address the proxy saw, not one the client wrote into the header', async () => {
    const { csrf, csrfCookie } = await csrfFor(suite.app, '', '/login');
    const res = await suite.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '127.0.0.1',
      headers: {
        cookie: csrfCookie,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '6.6.6.6, 203.0.113.9',
      },
      payload: new URLSearchParams({
        _csrf: csrf,
        email: 'nobody@acme.test',
        password: 'wrong password',
      }).toString(),
    });
    expect(res.statusCode).toBe(422);
    const failure = await suite.db
      .selectFrom('login_failures')
      .select('ip')
      .executeTakeFirstOrThrow();
    expect(failure.ip).toBe('203.0.113.9');
  });
});
