import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../../test/support/db.ts';
import { postForm, seedProfile, signInAs, testApp, testDeps, type Agent } from '../../test/support/app.ts';

// The CSP allows no inline script and no inline style, so markup that relies on either silently
// breaks in the browser. Every page must get by with files from /public and /vendor.
describe('pages need no inline script or style', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: Agent;
  let companyId: string;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    const deps = testDeps(t.db, 'sqlite');
    app = await testApp(deps);
    await seedProfile(t.db);
    admin = await signInAs(app, deps, 'admin');
    const res = await postForm(app, admin, '/companies', { name: 'Inline Co' });
    companyId = res.headers.location!.toString().split('/').pop()!;
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const pages = () => [
    '/', '/companies', '/companies/new', `/companies/${companyId}`, `/companies/${companyId}/edit`, `/companies/${companyId}/contacts/new`,
    '/settings', '/settings/users', '/settings/api-keys', '/settings/profile', '/settings/audit', '/account', '/account/2fa', '/search?q=inline', '/assets',
  ];

  it('has no style attributes, inline scripts or event-handler attributes', async () => {
    for (const url of pages()) {
      const res = await app.inject({ url, headers: { cookie: admin.cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/\sstyle="/);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/\son[a-z]+="/);
    }
    const login = await app.inject({ url: '/login' });
    expect(login.body).not.toMatch(/\sstyle="/);
  });
});
