import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../../test/support/db.ts';
import { createStaff, csrfFor, testApp, testDeps } from '../../test/support/app.ts';

// Behind a reverse proxy the client address comes from X-Forwarded-For. Only the hop the proxy
// itself added may be believed, or a client could dodge per-IP throttling and forge audit IPs.
describe('TRUST_PROXY', () => {
  let t: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    app = await testApp(testDeps(t.db, 'sqlite', { env: { TRUST_PROXY: 'true' } }));
    await createStaff(t.db, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('records the address the proxy saw, not one the client wrote into the header', async () => {
    const { csrf, csrfCookie } = await csrfFor(app, '', '/login');
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '127.0.0.1',
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '6.6.6.6, 203.0.113.9' },
      payload: new URLSearchParams({ _csrf: csrf, email: 'nobody@acme.test', password: 'wrong password' }).toString(),
    });
    expect(res.statusCode).toBe(422);
    const failure = await t.db.selectFrom('login_failures').select('ip').executeTakeFirstOrThrow();
    expect(failure.ip).toBe('203.0.113.9');
  });
});
