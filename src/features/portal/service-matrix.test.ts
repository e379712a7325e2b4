// The portal's service pages (issue 12): an authorization matrix over every route they add — who
// (contacts of company A with the service flag, billing only or neither, a contact of company B, a
// deactivated contact, a staff session, no session) × what (company A's object, company B's, a
// missing id) — with the expected outcome of each cell in a table; zero cross-company 2xx; no
// internal note, its file, a credential, cost or asset note in any portal response. Then the
// behaviour: a request lands in the staff queue with source portal and emails staff; the customer's
// reply has author type contact; close and reopen within the window; emails respect the preference.
import { describe, expect, it, beforeAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { csrfFor, signInAs } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { createSession } from '../../platform/sessions.ts';
import { newId } from '../../lib/ids.ts';
import { createCompany } from '../companies/service.ts';
import { createContact, updateContact } from '../contacts/service.ts';
import { createAsset } from '../assets/service.ts';
import { createWorkOrder } from '../work-orders/service.ts';
import { addComment } from '../work-orders/comments.ts';

type Who = 'svcA' | 'billA' | 'noneA' | 'svcB' | 'inactiveA' | 'staff' | 'anon';
type Obj = 'A' | 'B' | 'missing';
/** ok: 2xx, or a redirect that is not to the sign-in; login: sent to /portal/login. */
type Outcome = 'ok' | 'login' | '404' | '422';

const WHO: Who[] = ['svcA', 'billA', 'noneA', 'svcB', 'inactiveA', 'staff', 'anon'];
const companyOf: Partial<Record<Who, 'A' | 'B'>> = {
  svcA: 'A',
  billA: 'A',
  noneA: 'A',
  svcB: 'B',
};

const SECRET = 'INTERNAL-NOTE-SECRET-7731';
const SECRET_FILE = 'internal-only-file.txt';
const ASSET_NOTE = 'ASSET-NOTE-SECRET-5520';

// Rows: route; columns: who; cells: one outcome, or [A's object, B's object, missing id].
// Work order A is requested by noneA: a contact without the service flag sees their own work
// orders only (billA sees none of A's), a contact with it all of the company's.
type Cell = Outcome | [Outcome, Outcome, Outcome];
const L: Cell = 'login';
const NF: Cell = '404';
const EXPECTED: Record<string, Record<Who, Cell>> = {
  'GET /work-orders': {
    svcA: 'ok',
    billA: 'ok',
    noneA: 'ok',
    svcB: 'ok',
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'GET /work-orders/new': {
    svcA: 'ok',
    billA: NF,
    noneA: NF,
    svcB: 'ok',
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'GET /work-orders/:id': {
    svcA: ['ok', '404', '404'],
    billA: ['404', '404', '404'],
    noneA: ['ok', '404', '404'],
    svcB: ['404', 'ok', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'GET /work-orders/:id/files/:doc': {
    svcA: ['ok', '404', '404'],
    billA: ['404', '404', '404'],
    noneA: ['ok', '404', '404'],
    svcB: ['404', 'ok', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'GET /work-orders/:id/files/:internal-doc': {
    svcA: ['404', '404', '404'],
    billA: ['404', '404', '404'],
    noneA: ['404', '404', '404'],
    svcB: ['404', '404', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'GET /assets': { svcA: 'ok', billA: NF, noneA: NF, svcB: 'ok', inactiveA: L, staff: L, anon: L },
  'GET /assets/:id': {
    svcA: ['ok', '404', '404'],
    billA: NF,
    noneA: NF,
    svcB: ['404', 'ok', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'GET /services': {
    svcA: 'ok',
    billA: NF,
    noneA: NF,
    svcB: 'ok',
    inactiveA: L,
    staff: L,
    anon: L,
  },
  // A new request naming an asset: another company's asset (or none that exists) is refused.
  'POST /work-orders/new (asset)': {
    svcA: ['ok', '422', '422'],
    billA: NF,
    noneA: NF,
    svcB: ['422', 'ok', '422'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'POST /work-orders/:id/comments': {
    svcA: ['ok', '404', '404'],
    billA: ['404', '404', '404'],
    noneA: ['ok', '404', '404'],
    svcB: ['404', 'ok', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  // Neither work order is resolved: the contact's own gets a redirect with the reason (ok).
  'POST /work-orders/:id/close': {
    svcA: ['ok', '404', '404'],
    billA: ['404', '404', '404'],
    noneA: ['ok', '404', '404'],
    svcB: ['404', 'ok', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
  'POST /work-orders/:id/reopen': {
    svcA: ['ok', '404', '404'],
    billA: ['404', '404', '404'],
    noneA: ['ok', '404', '404'],
    svcB: ['404', 'ok', '404'],
    inactiveA: L,
    staff: L,
    anon: L,
  },
};

const outcome = (res: LightMyRequestResponse): Outcome | string => {
  if (res.statusCode === 302 || res.statusCode === 303)
    return String(res.headers.location).startsWith('/portal/login') ? 'login' : 'ok';
  if (res.statusCode >= 200 && res.statusCode < 300) return 'ok';
  return String(res.statusCode);
};

describe.each(DIALECTS)('portal service pages: authorization matrix on %s', (dialect) => {
  const suite = useAppSuite(dialect, { reset: 'once' });
  const system = () => withActor(suite.deps, { type: 'system', label: 'test' });
  const agents = {} as Record<Who, { cookie: string; csrf: string }>;
  const ids = {} as Record<string, Record<Obj, string>>;

  async function company(name: string) {
    const c = await createCompany(system(), { name, monthlyRateCents: 50_000 });
    const asset = await createAsset(system(), c.id, {
      categoryId: 'cat-computers',
      name: `${name} Front desk PC`,
      assetTag: `TAG-${name}`,
    });
    await suite.db
      .updateTable('assets')
      .set({ notes: ASSET_NOTE, purchase_price_cents: 987_654 })
      .where('id', '=', asset.id)
      .execute();
    const contact = (flags: { billing?: boolean; service?: boolean }, who: string) =>
      createContact(system(), c.id, {
        name: `${who} ${name}`,
        email: `${who.toLowerCase()}@${name.toLowerCase()}.test`,
        portalAccess: true,
        portalBilling: flags.billing ?? false,
        portalService: flags.service ?? false,
      });
    return { c, asset, contact };
  }
  async function portalAgent(contactId: string) {
    const token = await createSession(suite.db, {
      principalType: 'contact',
      principalId: contactId,
      ttlHours: 1,
    });
    const cookie = `st_portal=${token}`;
    const { csrf, csrfCookie } = await csrfFor(suite.app, cookie, '/portal/account');
    return { cookie: `${cookie}; ${csrfCookie}`, csrf };
  }

  beforeAll(async () => {
    const a = await company('Alpha');
    const b = await company('Bravo');
    const svcA = await a.contact({ service: true }, 'Sam');
    const billA = await a.contact({ billing: true }, 'Bill');
    const noneA = await a.contact({}, 'Nora');
    const inactiveA = await a.contact({ service: true, billing: true }, 'Ian');
    const svcB = await b.contact({ service: true }, 'Sue');
    const staff = await signInAs(suite.app, suite.deps, 'admin');
    const admin = withActor(suite.deps, {
      type: 'staff',
      userId: staff.userId,
      name: 'Admin',
      email: 'admin@test',
      role: 'admin',
    });
    const woA = await createWorkOrder(admin, {
      companyId: a.c.id,
      contactId: noneA.id,
      title: 'Alpha printer jams',
      assetIds: [a.asset.id],
    });
    const woB = await createWorkOrder(admin, {
      companyId: b.c.id,
      contactId: svcB.id,
      title: 'Bravo server down',
      assetIds: [b.asset.id],
    });
    const file = (name: string, text: string) => ({
      field: 'file',
      filename: name,
      mimetype: 'text/plain',
      data: Buffer.from(text),
    });
    const docOf = async (commentId: string) =>
      (
        await suite.db
          .selectFrom('documents')
          .select('id')
          .where('comment_id', '=', commentId)
          .executeTakeFirstOrThrow()
      ).id;
    const pubA = await addComment(
      admin,
      woA.id,
      { body: 'We are on it', visibility: 'public' },
      file('a.txt', 'A'),
    );
    const pubB = await addComment(
      admin,
      woB.id,
      { body: 'Rebooting', visibility: 'public' },
      file('b.txt', 'B'),
    );
    const noteA = await addComment(
      admin,
      woA.id,
      { body: SECRET, visibility: 'internal' },
      file(SECRET_FILE, 'x'),
    );
    const noteB = await addComment(
      admin,
      woB.id,
      { body: SECRET, visibility: 'internal' },
      file(SECRET_FILE, 'y'),
    );
    ids.wo = { A: woA.id, B: woB.id, missing: newId() };
    ids.doc = { A: await docOf(pubA.id), B: await docOf(pubB.id), missing: newId() };
    ids.internalDoc = { A: await docOf(noteA.id), B: await docOf(noteB.id), missing: newId() };
    ids.asset = { A: a.asset.id, B: b.asset.id, missing: newId() };

    agents.svcA = await portalAgent(svcA.id);
    agents.billA = await portalAgent(billA.id);
    agents.noneA = await portalAgent(noneA.id);
    agents.svcB = await portalAgent(svcB.id);
    await updateContact(system(), a.c.id, inactiveA.id, { active: false });
    // A session left over (or forged) for a deactivated contact still opens nothing.
    agents.inactiveA = await portalAgent(inactiveA.id).catch(async () => {
      const token = await createSession(suite.db, {
        principalType: 'contact',
        principalId: inactiveA.id,
        ttlHours: 1,
      });
      const { csrf, csrfCookie } = await csrfFor(suite.app, '', '/portal/login');
      return { cookie: `st_portal=${token}; ${csrfCookie}`, csrf };
    });
    agents.staff = staff;
    const anon = await csrfFor(suite.app, '', '/portal/login');
    agents.anon = { cookie: anon.csrfCookie, csrf: anon.csrf };
  });

  const get = (who: Who, url: string) =>
    suite.app.inject({ url: `/portal${url}`, headers: { cookie: agents[who].cookie } });
  const post = (who: Who, url: string, fields: Record<string, string>) =>
    suite.app.inject({
      method: 'POST',
      url: `/portal${url}`,
      headers: {
        cookie: agents[who].cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: agents[who].csrf, ...fields }).toString(),
    });

  /** The request for a route and object (lists ignore the object). */
  function request(route: string, who: Who, o: Obj) {
    switch (route) {
      case 'GET /work-orders':
        return get(who, '/work-orders?status=all');
      case 'GET /work-orders/new':
        return get(who, '/work-orders/new');
      case 'GET /work-orders/:id':
        return get(who, `/work-orders/${ids.wo[o]}`);
      case 'GET /work-orders/:id/files/:doc':
        // The file of B's work order asked for under B's id (a mix is covered by 404 of A-under-B).
        return get(who, `/work-orders/${ids.wo[o]}/files/${ids.doc[o]}`);
      case 'GET /work-orders/:id/files/:internal-doc':
        return get(who, `/work-orders/${ids.wo[o]}/files/${ids.internalDoc[o]}`);
      case 'GET /assets':
        return get(who, '/assets');
      case 'GET /assets/:id':
        return get(who, `/assets/${ids.asset[o]}`);
      case 'GET /services':
        return get(who, '/services');
      case 'POST /work-orders/new (asset)':
        return post(who, '/work-orders/new', {
          assetIds: ids.asset[o],
          title: `Matrix ${who} ${o}`,
          priority: 'high',
        });
      case 'POST /work-orders/:id/comments':
        return post(who, `/work-orders/${ids.wo[o]}/comments`, { body: `Matrix ${who}` });
      case 'POST /work-orders/:id/close':
        return post(who, `/work-orders/${ids.wo[o]}/close`, {});
      case 'POST /work-orders/:id/reopen':
        return post(who, `/work-orders/${ids.wo[o]}/reopen`, {});
      default:
        throw new Error(route);
    }
  }

  it('every route × every principal × A’s, B’s and a missing object gives the expected outcome; no cross-company 2xx, no internal note anywhere', async () => {
    const actual: Record<string, Record<string, Cell>> = {};
    const leaks: string[] = [];
    for (const [route, row] of Object.entries(EXPECTED)) {
      actual[route] = {};
      for (const who of WHO) {
        const perObject = route.includes(':') || route.includes('(asset)');
        const objs: Obj[] = perObject ? ['A', 'B', 'missing'] : ['A'];
        const got: Outcome[] = [];
        for (const o of objs) {
          const res = await request(route, who, o);
          const out = outcome(res) as Outcome;
          got.push(out);
          if (res.body.includes(SECRET) || res.body.includes(SECRET_FILE))
            leaks.push(`${route} ${who} ${o}: internal note`);
          if (res.body.includes(ASSET_NOTE) || res.body.includes('9,876.54'))
            leaks.push(`${route} ${who} ${o}: asset note or price`);
          const mine = companyOf[who];
          if (perObject && out === 'ok' && o !== mine)
            leaks.push(`${route} ${who} ${o}: cross-company ${res.statusCode}`);
          const other = mine === 'A' ? 'Bravo' : mine === 'B' ? 'Alpha' : null;
          if (other && res.body.includes(other)) leaks.push(`${route} ${who} ${o}: shows ${other}`);
          if (!mine && out === 'ok') leaks.push(`${route} ${who} ${o}: ${res.statusCode} unsigned`);
        }
        const expected = row[who];
        actual[route][who] =
          Array.isArray(expected) || !got.every((g) => g === got[0])
            ? (got as [Outcome, Outcome, Outcome])
            : got[0];
      }
    }
    expect(leaks).toEqual([]);
    expect(actual).toEqual(EXPECTED);
  });

  it('a request naming another company’s asset writes nothing, and the form says which field', async () => {
    const before = await suite.db.selectFrom('work_orders').select('id').execute();
    const res = await post('svcA', '/work-orders/new', {
      assetIds: ids.asset.B,
      title: 'Sneaky',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose only your own devices');
    expect(res.body).not.toContain('Bravo Front desk PC');
    const after = await suite.db.selectFrom('work_orders').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});
