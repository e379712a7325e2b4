import { beforeAll, describe, expect, it } from 'vitest';
import { useAppSuite } from '../../test/support/suite.ts';
import { postForm, signInAs, type Agent } from '../../test/support/app.ts';

// The CSP allows no inline script and no inline style, so markup that relies on either silently
// breaks in the browser. Every page must get by with files from /public and /vendor.
describe('pages need no inline script or style', () => {
  const suite = useAppSuite('sqlite', { reset: 'once' });
  let admin: Agent;
  let companyId: string;

  beforeAll(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    const res = await postForm(suite.app, admin, '/companies', { name: 'Inline Co' });
    companyId = res.headers.location!.toString().split('/').pop()!;
  });

  const pages = () => [
    '/',
    '/companies',
    '/companies/new',
    `/companies/${companyId}`,
    `/companies/${companyId}/edit`,
    `/companies/${companyId}/contacts/new`,
    '/settings',
    '/settings/users',
    '/settings/api-keys',
    '/settings/profile',
    '/settings/audit',
    '/account',
    '/account/2fa',
    '/search?q=inline',
    '/assets',
  ];

  it('has no style attributes, inline scripts or event-handler attributes', async () => {
    for (const url of pages()) {
      const res = await suite.app.inject({ url, headers: { cookie: admin.cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/\sstyle="/);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/\son[a-z]+="/);
    }
    const login = await suite.app.inject({ url: '/login' });
    expect(login.body).not.toMatch(/\sstyle="/);
  });
});
