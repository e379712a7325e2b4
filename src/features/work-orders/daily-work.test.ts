// Issue 11, parts 4 and 6, over HTTP: time spent in the update box (one transaction with the
// comment), the header timer, status steps as buttons (page and board), the margin only for roles
// that see money, and the list's default urgency order with "N days overdue" — whose SQLite plan
// walks the work_orders_urgency index without sorting.
import { CompiledQuery } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { flashOf, getPage, postForm, signInAs, type Agent } from '../../../test/support/app.ts';
import { customer } from './test-helpers.ts';
import { ListWorkOrdersQuery } from './schemas.ts';
import { pageIdsQuery, type ListOrder } from './queries.ts';

describe.each(DIALECTS)('daily work on a work order on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  let tech: Agent;
  const get = (url: string, agent: Agent = admin) => getPage(suite.app, agent, url);
  const create = async (fields: Record<string, string>) => {
    const res = await postForm(suite.app, admin, '/work-orders', fields);
    if (res.statusCode !== 302)
      throw new Error(`create answered ${res.statusCode}: ${res.body.slice(0, 1500)}`);
    return res.headers.location!.toString().split('/').pop()!;
  };
  const counts = async () => ({
    comments: Number(
      (
        await suite.db
          .selectFrom('work_order_comments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    entries: Number(
      (
        await suite.db
          .selectFrom('time_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    tech = await signInAs(suite.app, suite.deps, 'technician');
  });

  it('posts an update with 30 minutes: the comment and a 30-minute entry, billable as chosen', async () => {
    // A company without a monthly rate: its work orders are billable, so the box starts ticked.
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Printer offline' });
    const page = (await get(`/work-orders/${id}`, tech)).body;
    expect(page).toContain('name="timeSpent"');
    expect(page).toMatch(/name="billable" value="true" id="f-billable" checked/);

    // Unticked: the checkbox sends nothing, billableShown says it was there.
    const res = await postForm(suite.app, tech, `/work-orders/${id}/comments`, {
      body: 'Replaced the toner\nand cleaned the rollers',
      visibility: 'public',
      timeSpent: '30',
      billableShown: '1',
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/work-orders/${id}`);
    expect(flashOf(res)).toEqual({
      kind: 'success',
      message: 'The reply was added, with 0:30 not billable.',
    });
    const entry = await suite.db
      .selectFrom('time_entries')
      .selectAll()
      .where('work_order_id', '=', id)
      .executeTakeFirstOrThrow();
    expect({
      minutes: Number(entry.minutes),
      raw: Number(entry.minutes_raw),
      billable: Number(entry.billable),
      user: entry.user_id,
      description: entry.description,
    }).toEqual({
      minutes: 30,
      raw: 30,
      billable: 0,
      user: tech.userId,
      description: 'Replaced the toner',
    });
    expect(await counts()).toEqual({ comments: 1, entries: 1 });

    // Ticked, as h:mm, on an internal note: billable, and the note's text stays off the entry.
    await postForm(suite.app, tech, `/work-orders/${id}/comments`, {
      body: 'Customer was difficult',
      visibility: 'internal',
      timeSpent: '1:15',
      billableShown: '1',
      billable: 'true',
    });
    const second = await suite.db
      .selectFrom('time_entries')
      .select(['minutes', 'billable', 'description', 'billable_cents'])
      .where('work_order_id', '=', id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect([Number(second.minutes), Number(second.billable), second.description]).toEqual([
      75,
      1,
      null,
    ]);
    expect(Number(second.billable_cents)).toBe(15625); // 1:15 at the default $125/h
    expect(await counts()).toEqual({ comments: 2, entries: 2 });
    // Without time spent it is only a comment.
    await postForm(suite.app, tech, `/work-orders/${id}/comments`, { body: 'Just a note' });
    expect(await counts()).toEqual({ comments: 3, entries: 2 });
    // The Time tab shows them as h:mm.
    const time = (await get(`/work-orders/${id}/time`, tech)).body;
    expect(time).toContain('0:30');
    expect(time).toContain('1:15');
    expect(time).toContain('1:45 (1:15 billable)');
  });

  it('refuses "1:75" with an error at the field and writes neither the comment nor the time', async () => {
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Printer offline' });
    const res = await postForm(suite.app, tech, `/work-orders/${id}/comments`, {
      body: 'Swapped the fuser',
      timeSpent: '1:75',
      billableShown: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      'Time spent “1:75” is not h:mm: the minutes after the colon must be 00–59 (did you mean 2:15?)',
    );
    expect(res.body).toMatch(/id="f-timeSpent" name="timeSpent" value="1:75"/);
    expect(res.body).toMatch(/class="form-control form-control-sm is-invalid" id="f-timeSpent"/);
    // What was typed is kept, and the billable box stays as it was left (unticked).
    expect(res.body).toContain('Swapped the fuser</textarea>');
    expect(res.body).not.toMatch(/id="f-billable" checked/);
    expect(await counts()).toEqual({ comments: 0, entries: 0 });
    // An empty comment with good time is refused too, naming the comment.
    const empty = await postForm(suite.app, tech, `/work-orders/${id}/comments`, {
      body: '',
      timeSpent: '30',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Write something');
    expect(await counts()).toEqual({ comments: 0, entries: 0 });
  });

  it('a role without time logging (billing) gets the plain comment box and cannot post time', async () => {
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Printer offline' });
    const page = (await get(`/work-orders/${id}`, billing)).body;
    expect(page).not.toContain('name="timeSpent"');
    expect(page).not.toContain('Start timer');
    const res = await postForm(suite.app, billing, `/work-orders/${id}/comments`, {
      body: 'Called about the bill',
      timeSpent: '30',
    });
    expect(res.statusCode).toBe(403);
    expect(await counts()).toEqual({ comments: 0, entries: 0 });
  });

  it('starts and stops the timer from the work order header, showing the elapsed time', async () => {
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Printer offline' });
    const other = await create({ companyId: c.company.id, title: 'Wi-Fi drops' });
    const page = (await get(`/work-orders/${id}`, tech)).body;
    expect(page).toMatch(
      new RegExp(
        `<form method="post" action="/work-orders/${id}/timer/start" class="[^"]*wo-timer`,
      ),
    );
    expect(page).toContain(`name="back" value="/work-orders/${id}"`);
    const start = await postForm(suite.app, tech, `/work-orders/${id}/timer/start`, {
      back: `/work-orders/${id}`,
    });
    expect(start.headers.location).toBe(`/work-orders/${id}`);
    await suite.db
      .updateTable('time_entries')
      .set({ started_at: new Date(Date.now() - 12 * 60_000 - 5_000).toISOString() })
      .execute();
    const running = (await get(`/work-orders/${id}`, tech)).body;
    expect(running).toContain(`action="/work-orders/${id}/timer/stop"`);
    expect(running).toMatch(/<span data-timer-start="[^"]+">0:12<\/span>/);
    expect(running).toContain('Stop timer');
    // Another work order's header points at the running timer instead of offering a second one.
    const elsewhere = (await get(`/work-orders/${other}`, tech)).body;
    expect(elsewhere).toContain(`href="/work-orders/${id}"`);
    expect(elsewhere).toContain('Timer runs on WO-00001');
    expect(elsewhere).not.toContain(`/work-orders/${other}/timer/start`);
    // A foreign back is ignored: the Time tab.
    const stop = await postForm(suite.app, tech, `/work-orders/${id}/timer/stop`, {
      back: 'https://evil.test/',
    });
    expect(stop.headers.location).toBe(`/work-orders/${id}/time`);
    expect(flashOf(stop)).toEqual({ kind: 'success', message: 'Timer stopped: 0:15 logged.' });
    const entry = await suite.db
      .selectFrom('time_entries')
      .select(['minutes', 'running_user_id'])
      .executeTakeFirstOrThrow();
    expect([Number(entry.minutes), entry.running_user_id]).toEqual([15, null]);
    expect((await get(`/work-orders/${id}`, tech)).body).toContain('Start timer');
    // The Parts tab has it too, and returns there.
    const parts = (await get(`/work-orders/${id}/parts`, tech)).body;
    expect(parts).toContain(`action="/work-orders/${id}/timer/start"`);
    expect(parts).toContain(`name="back" value="/work-orders/${id}/parts"`);
    const fromParts = await postForm(suite.app, tech, `/work-orders/${id}/timer/start`, {
      back: `/work-orders/${id}/parts`,
    });
    expect(fromParts.headers.location).toBe(`/work-orders/${id}/parts`);
    // The Time tab keeps its own timer card (with a description), not a second one in the header.
    const time = (await get(`/work-orders/${id}/time`, tech)).body;
    expect(time.match(/\/timer\/stop"/g)).toHaveLength(1);
  });

  it('shows the current status and only the allowed next steps as buttons, no status select', async () => {
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Replace UPS battery' });
    for (const status of ['in_progress', 'waiting_parts'])
      await postForm(suite.app, admin, `/work-orders/${id}/status`, { status });
    const page = (await get(`/work-orders/${id}`, tech)).body;
    expect(page).not.toMatch(/<select[^>]*name="status"/);
    expect(page).not.toContain('Change status');
    expect(page).toContain('<span class="badge text-bg-warning fs-6">Waiting on parts</span>');
    const steps = [...page.matchAll(/<button type="submit" name="status" value="([a-z_]+)"/g)].map(
      (m) => m[1],
    );
    expect(steps).toEqual(['in_progress']);
    expect(page).toContain('>Resume work</button>');
    // Cancelling is apart, and asks first.
    expect(page).toMatch(/data-confirm="Cancel WO-00001\?[^"]*"><input type="hidden" name="_csrf"/);
    expect(page).toMatch(/<input type="hidden" name="status" value="cancelled"\/>/);
    // A step with a note: resolving from in progress, the note goes into the history.
    await postForm(suite.app, tech, `/work-orders/${id}/status`, { status: 'in_progress' });
    const inProgress = (await get(`/work-orders/${id}`, tech)).body;
    expect(
      [...inProgress.matchAll(/<button type="submit" name="status" value="([a-z_]+)"/g)].map(
        (m) => m[1],
      ),
    ).toEqual(['scheduled', 'waiting_customer', 'waiting_parts', 'resolved']);
    const resolved = await postForm(suite.app, tech, `/work-orders/${id}/status`, {
      status: 'resolved',
      note: 'New battery fitted',
    });
    expect(flashOf(resolved)?.kind).toBe('success');
    const after = (await get(`/work-orders/${id}`, tech)).body;
    expect(after).toContain('Status In progress → Resolved: New battery fitted');
    // Closed: a technician has no step left; an admin may reopen.
    await postForm(suite.app, tech, `/work-orders/${id}/status`, { status: 'closed' });
    expect((await get(`/work-orders/${id}`, tech)).body).toContain(
      'Closed: only an admin can reopen it.',
    );
    expect((await get(`/work-orders/${id}`, admin)).body).toContain(
      '<button type="submit" name="status" value="in_progress" class="btn btn-sm btn-primary">Reopen</button>',
    );
  });

  it('moves a card to its next step from the board', async () => {
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Wi-Fi drops' });
    const board = (await get('/work-orders/board', tech)).body;
    expect(board).not.toMatch(/<select[^>]*name="status"/);
    const card = board.slice(board.indexOf(`action="/work-orders/${id}/status"`));
    expect(card.slice(0, card.indexOf('</form>'))).toContain(
      'name="back" value="/work-orders/board"',
    );
    expect(
      [
        ...card.slice(0, card.indexOf('</details>')).matchAll(/name="status" value="([a-z_]+)"/g),
      ].map((m) => m[1]),
    ).toEqual(['scheduled', 'in_progress', 'waiting_customer', 'resolved', 'cancelled']);
    const moved = await postForm(suite.app, tech, `/work-orders/${id}/status`, {
      status: 'in_progress',
      back: '/work-orders/board',
    });
    expect(moved.headers.location).toBe('/work-orders/board');
    const after = (await get('/work-orders/board', tech)).body;
    expect(after).toMatch(
      /aria-label="In progress"><h2[^>]*><a[^>]*>In progress<\/a><span class="badge text-bg-secondary">1<\/span>/,
    );
    expect(after).toContain('>Wait on parts</button>');
  });

  it('shows cost and margin on the Time tab only to roles that see money', async () => {
    const c = await customer(suite.deps, 'Harbor Law');
    const id = await create({ companyId: c.company.id, title: 'Printer offline' });
    await postForm(suite.app, tech, `/work-orders/${id}/comments`, {
      body: 'Fixed',
      timeSpent: '30',
    });
    const techPage = (await get(`/work-orders/${id}/time`, tech)).body;
    expect(techPage).not.toContain('Margin');
    expect(techPage).not.toContain('>Cost<');
    expect(techPage).toContain('$62.50'); // what is billed stays visible
    for (const role of ['billing', 'admin', 'readonly'] as const) {
      const agent = role === 'admin' ? admin : await signInAs(suite.app, suite.deps, role);
      const body = (await get(`/work-orders/${id}/time`, agent)).body;
      expect(body, role).toContain('Margin');
      expect(body, role).toContain('>Cost<');
    }
  });

  it('lists by urgency by default — overdue first, then due date, then priority — with "N days overdue"', async () => {
    const c = await customer(suite.deps, 'Harbor Law');
    const made = async (title: string, priority: string, dueOn = '') =>
      create({ companyId: c.company.id, title, priority, dueOn });
    await made('No date urgent', 'urgent');
    await made('Late low', 'low', '2020-01-01');
    await made('Later urgent', 'urgent', '2999-01-01');
    await made('Late urgent', 'urgent', '2020-01-01');
    await made('Earlier late normal', 'normal', '2019-06-01');
    const closed = await made('Closed late', 'urgent', '2018-01-01');
    await postForm(suite.app, admin, `/work-orders/${closed}/status`, { status: 'cancelled' });
    const order = (body: string, titles: string[]) =>
      titles
        .map((t) => [t, body.indexOf(`>${t}</a>`)] as const)
        .filter(([, i]) => i >= 0)
        .sort((a, b) => a[1] - b[1])
        .map(([t]) => t);
    const titles = [
      'No date urgent',
      'Late low',
      'Later urgent',
      'Late urgent',
      'Earlier late normal',
      'Closed late',
    ];
    const list = (await get('/work-orders', tech)).body;
    expect(order(list, titles)).toEqual([
      'Earlier late normal',
      'Late urgent',
      'Late low',
      'Later urgent',
      'No date urgent',
    ]);
    expect(list).toMatch(/2020-01-01 · \d+ days overdue/);
    expect(list).toMatch(/2999-01-01 · due in \d+ days/);
    // The sort is named in the sort select, and said above the table.
    expect(list).toMatch(
      /<option value="urgency" selected(="")?>Urgency \(overdue first\)<\/option>/,
    );
    expect(list).toContain(
      'Most urgent first: overdue, then by due date (none last), then by priority.',
    );
    // All statuses: the open ones first, then the rest; the reverse puts the least urgent first.
    expect(order((await get('/work-orders?status=all', tech)).body, titles).at(-1)).toBe(
      'Closed late',
    );
    expect(order((await get('/work-orders?dir=desc', tech)).body, titles)[0]).toBe(
      'No date urgent',
    );
    // Overdue only, by urgency: the two dates before today, none of the future ones.
    expect(order((await get('/work-orders?overdue=1', tech)).body, titles)).toEqual([
      'Earlier late normal',
      'Late urgent',
      'Late low',
    ]);
    // Another order is chosen in the select; the link back to urgency drops the parameter.
    const byNumber = (await get('/work-orders?sort=number', tech)).body;
    expect(order(byNumber, titles)[0]).toBe('Earlier late normal');
    expect(byNumber).toMatch(/<option value="number" selected(="")?>Newest first<\/option>/);
  });

  it.runIf(dialect === 'sqlite')(
    'serves the default list from the urgency index, in order, without a sort (EXPLAIN QUERY PLAN)',
    async () => {
      const plan = async (query: Record<string, string>, o: Partial<ListOrder> = {}) => {
        const f = { ...ListWorkOrdersQuery.parse(query), today: '2026-11-20' };
        const q = pageIdsQuery(suite.db, f, {
          sort: 'urgency',
          dir: 'asc',
          limit: 50,
          offset: 0,
          ...o,
        }).compile();
        const { rows } = await suite.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
        );
        return rows.map((r) => r.detail).join('\n');
      };
      for (const [query, o] of [
        [{}, {}],
        [{}, { offset: 100 }],
        [{}, { dir: 'desc' }],
        [{ overdue: '1' }, {}],
      ] as [Record<string, string>, Partial<ListOrder>][]) {
        const p = await plan(query, o);
        expect(p, JSON.stringify(query)).toMatch(
          /SEARCH work_orders USING (COVERING )?INDEX work_orders_urgency \(urgency<\?\)/,
        );
        expect(p, JSON.stringify(query)).not.toContain('TEMP B-TREE');
      }
    },
  );
});
