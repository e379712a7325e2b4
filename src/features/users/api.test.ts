import { beforeEach, describe, expect, it } from 'vitest';
import { createStaff } from '../../../test/support/app.ts';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { withActor } from '../../platform/context.ts';
import { whoAmI } from './directory.ts';

describe.each(DIALECTS)('users and me JSON API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: { id: string; email: string; name: string };
  let techs: { id: string; email: string }[];
  let billing: { id: string };

  const keyFor = async (role: Role, createdBy: string | null = null) => {
    const k = await insertApiKey(suite.db, { name: `${role} sync`, role, createdBy });
    return { headers: { authorization: `Bearer ${k.key}` }, ...k };
  };
  const get = async (url: string, headers: Record<string, string>) =>
    suite.app.inject({ url: `/api/v1${url}`, headers });

  beforeEach(async () => {
    admin = (await createStaff(suite.db, 'admin')).user;
    techs = [
      (await createStaff(suite.db, 'technician')).user,
      (await createStaff(suite.db, 'technician')).user,
      (await createStaff(suite.db, 'technician')).user,
    ];
    billing = (await createStaff(suite.db, 'billing')).user;
    await suite.db.updateTable('users').set({ active: 0 }).where('id', '=', techs[2].id).execute();
  });

  it('lists staff to every role, oldest first, with emails only for admin keys', async () => {
    const tech = await keyFor('technician');
    const res = await get('/users', tech.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((u: { id: string }) => u.id)).toEqual([
      admin.id,
      ...techs.map((t) => t.id),
      billing.id,
    ]);
    expect(body.items[1]).toEqual({
      id: techs[0].id,
      name: expect.any(String),
      email: null,
      role: 'technician',
      active: true,
    });
    for (const role of ['readonly', 'billing'] as const)
      expect((await get('/users', (await keyFor(role)).headers)).json().items[0].email).toBeNull();

    const asAdmin = (await get('/users', (await keyFor('admin')).headers)).json();
    expect(asAdmin.items[0].email).toBe(admin.email);
    expect(asAdmin.items[1].email).toBe(techs[0].email);
  });

  it('filters by role and by active, and pages with limit and cursor', async () => {
    const { headers } = await keyFor('readonly');
    const ids = async (q: string) =>
      (await get(`/users?${q}`, headers)).json().items.map((u: { id: string }) => u.id);
    expect(await ids('role=technician&active=true')).toEqual([techs[0].id, techs[1].id]);
    expect(await ids('active=false')).toEqual([techs[2].id]);
    expect(await ids('role=billing')).toEqual([billing.id]);

    const first = (await get('/users?limit=2', headers)).json();
    expect(first.items.map((u: { id: string }) => u.id)).toEqual([admin.id, techs[0].id]);
    expect(first.nextCursor).toBe(techs[0].id);
    const second = (await get(`/users?limit=2&cursor=${first.nextCursor}`, headers)).json();
    expect(second.items.map((u: { id: string }) => u.id)).toEqual([techs[1].id, techs[2].id]);
    const third = (await get(`/users?limit=2&cursor=${second.nextCursor}`, headers)).json();
    expect(third).toEqual({
      items: [expect.objectContaining({ id: billing.id })],
      nextCursor: null,
    });
  });

  it('answers 400 naming a bad filter, and 401 without a key', async () => {
    const { headers } = await keyFor('technician');
    const bad = await get('/users?role=owner&active=yes&limit=0', headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['active', 'limit', 'role']);
    expect((await get('/users', {})).statusCode).toBe(401);
    expect((await get('/me', {})).statusCode).toBe(401);
  });

  it('says who an API key is: the user who created it, the key’s own role and permissions', async () => {
    const key = await keyFor('billing', admin.id);
    const res = await get('/me', key.headers);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toEqual({
      kind: 'apiKey',
      userId: admin.id,
      name: admin.name,
      email: admin.email,
      role: 'billing',
      permissions: expect.arrayContaining(['billing.write', 'users.read', 'companies.read']),
      apiKey: {
        id: key.id,
        name: 'billing sync',
        prefix: key.prefix,
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
      },
    });
    expect(me.permissions).not.toContain('users.manage');
    expect(me.permissions).toEqual([...me.permissions].sort());
  });

  it('a key created on the command line acts as no user', async () => {
    const me = (await get('/me', (await keyFor('readonly')).headers)).json();
    expect(me).toMatchObject({ kind: 'apiKey', userId: null, name: null, email: null });
    expect(me.role).toBe('readonly');
    expect(me.permissions).not.toContain('billing.write');
  });

  it('a signed-in session is its own user', async () => {
    const ctx = withActor(suite.deps, {
      type: 'staff',
      userId: billing.id,
      name: 'Bea Billing',
      email: 'bea@acme.test',
      role: 'billing',
    });
    expect(await whoAmI(ctx)).toMatchObject({
      kind: 'session',
      userId: billing.id,
      name: 'Bea Billing',
      email: 'bea@acme.test',
      role: 'billing',
      apiKey: null,
    });
  });
});
