// "My work" and the choice of home page over HTTP on every dialect: a technician signing in lands on
// their work by urgency, a billing user on the office dashboard; the choice persists; the timer
// starts and stops from home; no work leads somewhere; and the page's queries do not grow per row.
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  createStaff,
  csrfFor,
  flashOf,
  followRedirect,
  getPage,
  postForm,
  signInAs,
  type Agent,
} from '../../../test/support/app.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../platform/actor.ts';
import { withActor } from '../../platform/context.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { businessToday } from '../assets/service.ts';
import { company, workOrder } from '../time/test-helpers.ts';
import { myWork } from './service.ts';

const PASSWORD = 'correct horse battery';
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Signs in through the real form, as a browser would; returns the agent and where it landed. */
async function signInForm(app: FastifyInstance, email: string) {
  const { csrf, csrfCookie } = await csrfFor(app, '', '/login');
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  });
  expect(res.statusCode).toBe(302);
  const session = res.cookies.find((c) => c.name === 'st_session')!;
  const cookie = `st_session=${session.value}; ${csrfCookie}`;
  return { agent: { cookie, csrf }, location: res.headers.location as string };
}

/** The groups on the page, in order, with the count each heading shows. */
const groupsOn = (body: string) =>
  [...body.matchAll(/<tbody id="group-([a-z]+)"[\s\S]*?data-count="(\d+)"/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
/** The work order ids of one group's rows, in order. */
const rowsOf = (body: string, group: string) =>
  [
    ...body.matchAll(
      new RegExp(`<tr[^>]*data-group="${group}"[\\s\\S]*?href="/work-orders/([0-9a-f-]{36})"`, 'g'),
    ),
  ].map((m) => m[1]);

/** Each row of one group, as HTML. */
const rowHtml = (body: string, group: string) =>
  [...body.matchAll(new RegExp(`<tr[^>]*data-group="${group}"[\\s\\S]*?</tr>`, 'g'))].map(
    (m) => m[0],
  );

describe.each(DIALECTS)('my work on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let today: string;
  let companyId: string;

  const set = (
    id: string,
    v: {
      status?: string;
      due_on?: string | null;
      assigned_to_id?: string | null;
      priority?: string;
      created_at?: string;
    },
  ) => suite.db.updateTable('work_orders').set(v).where('id', '=', id).execute();
  const comment = (workOrderId: string, authorType: 'staff' | 'contact', at: string) =>
    suite.db
      .insertInto('work_order_comments')
      .values({
        id: newId(),
        work_order_id: workOrderId,
        author_type: authorType,
        author_id: null,
        author_name: authorType === 'contact' ? 'Dana Customer' : 'Terry Tech',
        visibility: 'public',
        body: 'Any news?',
        created_at: at,
      })
      .execute();
  const statusChanged = (workOrderId: string, at: string) =>
    suite.db
      .insertInto('audit_log')
      .values({
        id: newId(),
        at,
        actor_type: 'staff',
        actor_id: null,
        actor_label: 'Terry Tech',
        action: 'work_order.status',
        entity_type: 'work_order',
        entity_id: workOrderId,
        company_id: companyId,
        summary: '{}',
        ip: null,
      })
      .execute();
  /** An open work order assigned to `userId`, set up as `v` says. */
  const assigned = async (userId: string, v: Parameters<typeof set>[1] = {}) => {
    const id = await workOrder(suite.db, companyId);
    await set(id, { assigned_to_id: userId, ...v });
    return id;
  };

  beforeEach(async () => {
    today = await businessToday(suite.deps);
    companyId = (await company(suite.deps, 'Alpha Dental')).id;
  });

  it('lands a technician who signs in on their work, grouped by urgency with the right counts', async () => {
    const { user } = await createStaff(suite.db, 'technician');
    const other = (await createStaff(suite.db, 'technician')).user;
    const d = (n: number) => addDaysToDate(today, n);
    const late5 = await assigned(user.id, { due_on: d(-5), status: 'waiting_parts' });
    const late1 = await assigned(user.id, { due_on: d(-1) });
    await assigned(user.id, { due_on: d(-9), status: 'closed' }); // closed: never shown
    await assigned(user.id, { due_on: d(-3), status: 'resolved' }); // resolved: not open
    const dueToday = await assigned(user.id, { due_on: today, status: 'scheduled' });
    const fresh = await assigned(user.id, { status: 'new' });
    const stale = await assigned(user.id, { status: 'in_progress', due_on: d(7) });
    await statusChanged(stale, ago(3 * DAY + 3_600_000));
    const replied = await assigned(user.id, { status: 'waiting_customer' });
    await comment(replied, 'staff', ago(2 * DAY));
    await comment(replied, 'contact', ago(DAY));
    const answered = await assigned(user.id, { status: 'waiting_customer' });
    await comment(answered, 'contact', ago(2 * DAY));
    await comment(answered, 'staff', ago(DAY));
    const later = await assigned(user.id, { status: 'scheduled', due_on: d(3) });
    await assigned(other.id, { due_on: d(-2) }); // someone else's
    await assigned(other.id, { status: 'new' });

    const { agent, location } = await signInForm(suite.app, user.email);
    expect(location).toBe('/');
    const res = await getPage(suite.app, agent, '/');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<h1 class="h3 mb-0">My work</h1>');
    expect(groupsOn(body)).toEqual(['overdue 2', 'today 1', 'waiting 2', 'customer 1', 'rest 2']);
    expect(rowsOf(body, 'overdue')).toEqual([late5, late1]);
    expect(rowsOf(body, 'today')).toEqual([dueToday]);
    expect(rowsOf(body, 'waiting')).toEqual([stale, fresh]);
    expect(rowsOf(body, 'customer')).toEqual([replied]);
    expect(rowsOf(body, 'rest')).toEqual([later, answered]);
    expect(body).toContain('5 days overdue');
    expect(body).toContain('1 day overdue');
    expect(body).toContain('Waiting 3 days');
    expect(body).toContain('Customer wrote 1 day ago');
    expect(body).toContain('8 open');
    // Only exceptions are coloured: the overdue rows' figures, nothing in any other group.
    expect(rowHtml(body, 'overdue')).toHaveLength(2);
    expect(rowHtml(body, 'rest')).toHaveLength(2);
    for (const row of rowHtml(body, 'overdue')) expect(row).toContain('text-danger');
    for (const g of ['today', 'waiting', 'customer', 'rest'])
      for (const row of rowHtml(body, g)) expect(row).not.toMatch(/text-danger|table-danger/);
    // "All my open work" is the list filtered by assignee, and it lists the same eight.
    const all = `/work-orders?status=open&amp;assignedTo=${user.id}`;
    expect(body).toContain(`href="${all}"`);
    const list = (await getPage(suite.app, agent, all.replace(/&amp;/g, '&'))).body;
    expect(new Set(list.match(/href="\/work-orders\/[0-9a-f-]{36}"/g) ?? []).size).toBe(8);
    // The office dashboard is a link away, and offers itself as home.
    expect(body).toContain('href="/dashboard"');
    expect(body).not.toContain('Make this my home');
    const office = (await getPage(suite.app, agent, '/dashboard')).body;
    expect(office).toContain('Make this my home');
    expect(office).toContain('href="/my-work"');
  });

  it('caps each group and links to the rest', async () => {
    const { user } = await createStaff(suite.db, 'technician');
    for (let i = 0; i < 13; i++) await assigned(user.id, { due_on: addDaysToDate(today, -1 - i) });
    const { agent } = await signInForm(suite.app, user.email);
    const body = (await getPage(suite.app, agent, '/')).body;
    expect(groupsOn(body)).toEqual(['overdue 13']);
    expect(rowsOf(body, 'overdue')).toHaveLength(10);
    expect(body).toContain(
      `href="/work-orders?status=open&amp;assignedTo=${user.id}&amp;overdue=1">and 3 more overdue`,
    );
  });

  it('lands a billing user on the office dashboard, with a link to My work once work is assigned', async () => {
    const { user } = await createStaff(suite.db, 'billing');
    const { agent, location } = await signInForm(suite.app, user.email);
    expect(location).toBe('/');
    let body = (await getPage(suite.app, agent, '/')).body;
    expect(body).toContain('Receivables');
    expect(body).not.toContain('<h1 class="h3 mb-0">My work</h1>');
    expect(body).not.toContain('href="/my-work"');
    await assigned(user.id, { status: 'new' });
    await assigned(user.id, { status: 'in_progress' });
    body = (await getPage(suite.app, agent, '/')).body;
    expect(body).toContain('Receivables');
    expect(body).toMatch(/href="\/my-work">My work · 2 open</);
  });

  it('keeps the home each user picks, from the page, the account page or an admin', async () => {
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const home = async (a: Agent) => (await getPage(suite.app, a, '/')).body;
    const isOffice = (body: string) => body.includes('Hello, ');
    expect(isOffice(await home(tech))).toBe(false);

    // "Make this my home" on the office dashboard.
    const res = await postForm(suite.app, tech, '/account/home', { home: 'office', back: '/' });
    expect(res.headers.location).toBe('/');
    expect(flashOf(res)?.message).toBe('Office dashboard is your home page.');
    const row = await suite.db
      .selectFrom('users')
      .select('home')
      .where('id', '=', tech.userId)
      .executeTakeFirstOrThrow();
    expect(row.home).toBe('office');
    expect(isOffice(await home(tech))).toBe(true);
    expect((await getPage(suite.app, tech, '/my-work')).body).toContain('Make this my home');

    // The account page shows the choice and sets it back to the role's default.
    const account = (await getPage(suite.app, tech, '/account')).body;
    expect(account).toMatch(
      /<option value="office" selected="">Office dashboard<\/option>|<option value="office" selected>Office dashboard<\/option>/,
    );
    const back = await postForm(suite.app, tech, '/account/home', { home: '', back: '/account' });
    expect(back.headers.location).toBe('/account');
    expect(flashOf(back)?.message).toBe('My work is your home page (the default for your role).');
    expect(isOffice(await home(tech))).toBe(false);

    // An admin sets a billing user's home to My work; nonsense is refused, nothing saved.
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    expect(isOffice(await home(billing))).toBe(true);
    const set = await postForm(suite.app, admin, `/settings/users/${billing.userId}/home`, {
      home: 'work',
    });
    expect(flashOf(set)?.message).toMatch(/home page is My work\.$/);
    expect(isOffice(await home(billing))).toBe(false);
    const bad = await postForm(suite.app, billing, '/account/home', { home: 'reports' });
    expect(flashOf(bad)).toMatchObject({ kind: 'danger' });
    expect(isOffice(await home(billing))).toBe(false);
    expect(
      (await postForm(suite.app, billing, `/settings/users/${admin.userId}/home`, { home: 'work' }))
        .statusCode,
    ).toBe(403);
    expect((await getPage(suite.app, admin, '/settings/users')).body).toContain(
      `id="home-${billing.userId}"`,
    );
  });

  it('starts and stops the timer from home, showing which one runs', async () => {
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const a = await assigned(tech.userId, { status: 'in_progress' });
    const b = await assigned(tech.userId, { status: 'new' });
    let body = (await getPage(suite.app, tech, '/')).body;
    expect(body).toContain(`action="/my-work/${a}/timer/start"`);
    expect(body).toContain(`action="/my-work/${b}/timer/start"`);

    const started = await postForm(suite.app, tech, `/my-work/${a}/timer/start`, { back: '/' });
    expect(started.headers.location).toBe('/');
    expect(flashOf(started)?.message).toBe('Timer started.');
    const running = await suite.db
      .selectFrom('time_entries')
      .select(['work_order_id', 'running_user_id'])
      .executeTakeFirstOrThrow();
    expect(running).toEqual({ work_order_id: a, running_user_id: tech.userId });

    body = (await followRedirect(suite.app, started, tech)).body;
    expect(body).toContain('Timer started.');
    expect(body).toContain(`action="/my-work/${a}/timer/stop"`);
    expect(body).toMatch(/Timer running on[\s\S]*WO-/);
    // One timer at a time: the other row offers no start while it runs.
    expect(body).not.toContain(`action="/my-work/${b}/timer/start"`);
    const second = await postForm(suite.app, tech, `/my-work/${b}/timer/start`, {
      back: '/my-work',
    });
    expect(second.headers.location).toBe('/my-work');
    expect(flashOf(second)).toMatchObject({ kind: 'danger' });

    const stopped = await postForm(suite.app, tech, `/my-work/${a}/timer/stop`, {
      back: '/my-work',
    });
    expect(stopped.headers.location).toBe('/my-work');
    expect(flashOf(stopped)?.message).toMatch(/^Timer stopped: \d+ minutes logged\.$/);
    const entry = await suite.db
      .selectFrom('time_entries')
      .select(['running_user_id', 'ended_at'])
      .executeTakeFirstOrThrow();
    expect(entry.running_user_id).toBeNull();
    expect(entry.ended_at).not.toBeNull();
    body = (await getPage(suite.app, tech, '/my-work')).body;
    expect(body).toContain(`action="/my-work/${a}/timer/start"`);
    // Anywhere else is not a place to come back to.
    const elsewhere = await postForm(suite.app, tech, `/my-work/${a}/timer/start`, {
      back: 'https://evil.example/',
    });
    expect(elsewhere.headers.location).toBe('/');
    // Roles that do not log time get no timer, and cannot start one.
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    await assigned(billing.userId, { status: 'new' });
    expect((await getPage(suite.app, billing, '/my-work')).body).not.toContain('/timer/');
    expect((await postForm(suite.app, billing, `/my-work/${a}/timer/start`, {})).statusCode).toBe(
      403,
    );
  });

  it('leads a user with no work somewhere', async () => {
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const free = await workOrder(suite.db, companyId);
    await set(free, { status: 'new' });
    const body = (await getPage(suite.app, tech, '/')).body;
    expect(body).toContain('No open work is assigned to you');
    expect(body).toContain('href="/work-orders?status=open&amp;assignedTo=none"');
    expect(body).toContain('Pick up the unassigned work order');
    await set(await workOrder(suite.db, companyId), { status: 'in_progress' });
    const two = (await getPage(suite.app, tech, '/')).body;
    expect(two).toContain('Pick up one of the 2 unassigned work orders');
    expect(body).toContain('href="/work-orders/new"');
  });

  it('reads the same number of statements for 3 work orders as for 40', async () => {
    const { user } = await createStaff(suite.db, 'technician');
    const ctx = (db: Db) =>
      withActor(
        { ...suite.deps, db },
        {
          type: 'staff',
          userId: user.id,
          name: user.name,
          email: user.email,
          role: 'technician' as Role,
        },
      );
    const counted = () => {
      let n = 0;
      const plugin: KyselyPlugin = {
        transformQuery: (args) => {
          n += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      return { db: suite.db.withPlugin(plugin), count: () => n };
    };
    const statements = async () => {
      const c = counted();
      const data = await myWork(ctx(c.db));
      return { n: c.count(), shown: data.groups.reduce((s, g) => s + g.items.length, 0) };
    };
    const add = async (k: number) => {
      for (let i = 0; i < k; i++) {
        const id = await assigned(user.id, {
          status: i % 2 ? 'new' : 'waiting_customer',
          due_on: addDaysToDate(today, (i % 7) - 3),
        });
        await comment(id, 'contact', ago(DAY));
        await statusChanged(id, ago(2 * DAY));
      }
    };
    await add(3);
    await statements(); // warms the business profile cache
    const few = await statements();
    await add(37);
    const many = await statements();
    expect([few.shown, many.shown]).toEqual([3, 40]);
    expect(many.n).toBe(few.n);
    expect(few.n).toBeLessThanOrEqual(3);
  });
});
