// The multipart set-up shared by every upload form: files still reach routes as Buffers (the logo
// form reads them so), and a file over UPLOAD_MAX_MB is refused naming it, never stored truncated.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/db.ts';
import { useAppSuite } from '../../test/support/suite.ts';
import { signInAs, type Agent } from '../../test/support/app.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR'),
]);
const profile = {
  name: 'Acme IT Services',
  address: '1 Main St',
  email: 'billing@acme.test',
  phone: '',
  timeZone: 'America/Chicago',
  currency: 'USD',
  invoicePrefix: 'INV',
};

describe.each(DIALECTS)('multipart uploads on %s', (dialect) => {
  const suite = useAppSuite(dialect, { deps: { env: { UPLOAD_MAX_MB: '1' } } });
  let admin: Agent;

  const postLogo = async (data: Buffer) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ _csrf: admin.csrf, ...profile })) fd.append(k, v);
    fd.append('logo', new Blob([new Uint8Array(data)], { type: 'image/png' }), 'logo.png');
    const res = new Response(fd);
    return suite.app.inject({
      method: 'POST',
      url: '/settings/profile',
      headers: { cookie: admin.cookie, 'content-type': res.headers.get('content-type')! },
      payload: Buffer.from(await res.arrayBuffer()),
    });
  };
  const logoKey = async () =>
    (await suite.db.selectFrom('business_profile').select('logo_key').executeTakeFirstOrThrow())
      .logo_key;

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('still hands a small file to the route as a Buffer', async () => {
    const res = await postLogo(PNG);
    expect(res.statusCode).toBe(302);
    expect(await logoKey()).toMatch(/^logos\/.+\.png$/);
  });

  it('refuses a file over the limit with a page naming it, and saves nothing', async () => {
    const res = await postLogo(Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('“logo.png” is larger than the upload limit of 1 MB.');
    expect(await logoKey()).toBeNull();
  });
});
