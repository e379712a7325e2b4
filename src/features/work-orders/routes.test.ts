import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, flashOf, type Agent } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { customer } from './test-helpers.ts';
import { useSmtp } from '../../../test/support/smtp.ts';

describe.each(DIALECTS)('work order pages and API on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, {
    deps: () => ({ mailer: smtp.mailer('SupportTracker <no-reply@acme.test>') }),
  });
  let admin: Agent;
  const get = (url: string, agent: Agent = admin) => getPage(suite.app, agent, url);
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const create = async (fields: Record<string, string>, agent: Agent = admin) => {
    const res = await postForm(suite.app, agent, '/work-orders', fields);
    if (res.statusCode !== 302)
      throw new Error(`create answered ${res.statusCode}: ${res.body.slice(0, 1500)}`);
    return res.headers.location!.toString().split('/').pop()!;
  };

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('creates from the form with the company’s pickers, lists it, and shows the page', async () => {
    const c = await customer(suite.deps, 'Riverside Dental', { monthlyRateCents: 90000 });
    const other = await customer(suite.deps, 'Other Co');
    const form = await get(`/work-orders/new?companyId=${c.company.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Riverside Dental PC');
    expect(form.body).not.toContain('Other Co PC');
    expect(form.body).toContain('This company’s default: Covered by contract.');
    const quick = await get(`/work-orders/new?assetId=${c.asset.id}`);
    expect(quick.body).toMatch(new RegExp(`value="${c.asset.id}"[^>]*checked`));
    const id = await create({
      companyId: c.company.id,
      title: 'Printer offline',
      priority: 'high',
      contactId: c.contact.id,
      assetIds: c.asset.id,
      dueOn: '2020-01-01',
    });
    const page = await get(`/work-orders/${id}`);
    expect(page.statusCode).toBe(200);
    for (const s of [
      'WO-00001',
      'Printer offline',
      'Covered by contract',
      'Riverside Dental PC',
      'Created',
    ])
      expect(page.body).toContain(s);
    expect(page.body).toMatch(/2020-01-01 · \d+ days overdue/);
    const list = await get('/work-orders');
    expect(list.body).toContain('Printer offline');
    expect(list.body).toContain('class="table-danger"');
    const companyList = (await get(`/companies/${c.company.id}/work-orders`)).body;
    expect(companyList).toContain('Printer offline');
    expect(companyList).toMatch(
      /class="nav-link active" aria-current="page" href="\/companies\/[^"]+\/work-orders">Work orders</,
    );
    expect((await get(`/companies/${other.company.id}/work-orders`)).body).not.toContain(
      'Printer offline',
    );
    expect((await get(`/assets/${c.asset.id}/work-orders`)).body).toContain('Printer offline');
    expect((await get('/work-orders/board')).body).toContain('Printer offline');
    // The CSP allows no inline script, style or event handler (as src/platform/csp.test.ts checks for other pages).
    for (const url of [
      '/work-orders',
      '/work-orders?mine=1',
      '/work-orders/board',
      '/work-orders/new',
      `/work-orders/new?companyId=${c.company.id}`,
      `/work-orders/${id}`,
      `/companies/${c.company.id}/work-orders`,
      `/assets/${c.asset.id}/work-orders`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/\sstyle="/);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/\son[a-z]+="/);
    }
    const bad = await postForm(suite.app, admin, '/work-orders', {
      companyId: c.company.id,
      title: '',
      assetIds: other.asset.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Title is required');
  });

  it('shows my work with overdue first and only my work orders', async () => {
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const c = await customer(suite.deps, 'Alpha');
    await create({
      companyId: c.company.id,
      title: 'Later job',
      priority: 'urgent',
      assignedToId: tech.userId,
      dueOn: '2999-01-01',
    });
    await create({
      companyId: c.company.id,
      title: 'Late job',
      priority: 'low',
      assignedToId: tech.userId,
      dueOn: '2020-01-01',
    });
    await create({ companyId: c.company.id, title: 'Someone else job' });
    const mine = await get('/work-orders?mine=1', tech);
    expect(mine.body).not.toContain('Someone else job');
    expect(mine.body.indexOf('Late job')).toBeLessThan(mine.body.indexOf('Later job'));
  });

  it('refuses a disallowed transition with a flash naming both statuses; the API answers 409 and 400', async () => {
    const c = await customer(suite.deps, 'Alpha');
    const id = await create({ companyId: c.company.id, title: 'X' });
    const res = await postForm(suite.app, admin, `/work-orders/${id}/status`, { status: 'closed' });
    expect(res.statusCode).toBe(302);
    expect(flashOf(res)).toMatchObject({
      kind: 'danger',
      message: expect.stringContaining('cannot go from New to Closed'),
    });
    const ok = await postForm(suite.app, admin, `/work-orders/${id}/status`, {
      status: 'in_progress',
    });
    expect(flashOf(ok)?.kind).toBe('success');
    const headers = await bearer('technician');
    const conflict = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/status`,
      headers,
      payload: { status: 'new' },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toContain('from In progress to New');
    const invalid = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/status`,
      headers,
      payload: { status: 'done' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0].path).toBe('status');
    const page = await get(`/work-orders/${id}`);
    expect(page.body).toContain('Status New → In progress');
  });

  it('API: create (201), list with filters and cursor, get, patch, comments; read-only cannot create', async () => {
    const c = await customer(suite.deps, 'Alpha');
    const headers = await bearer('technician');
    const created = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers,
      payload: { companyId: c.company.id, title: 'From API', assetIds: [c.asset.id] },
    });
    expect(created.statusCode).toBe(201);
    const wo = created.json();
    expect(wo).toMatchObject({
      number: 1,
      status: 'new',
      billing: 'billable',
      assetIds: [c.asset.id],
    });
    await suite.app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers,
      payload: { companyId: c.company.id, title: 'Second' },
    });
    const page1 = (
      await suite.app.inject({
        url: `/api/v1/work-orders?companyId=${c.company.id}&limit=1`,
        headers,
      })
    ).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (
      await suite.app.inject({
        url: `/api/v1/work-orders?limit=1&cursor=${page1.nextCursor}`,
        headers,
      })
    ).json();
    expect(page2.items[0].title).toBe('Second');
    expect(
      (await suite.app.inject({ url: '/api/v1/work-orders?q=from%20api', headers }))
        .json()
        .items.map((w: { title: string }) => w.title),
    ).toEqual(['From API']);
    const patched = await suite.app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${wo.id}`,
      headers,
      payload: { priority: 'urgent' },
    });
    expect(patched.json().priority).toBe('urgent');
    const comment = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${wo.id}/comments`,
      headers,
      payload: { body: 'Note', visibility: 'internal' },
    });
    expect(comment.statusCode).toBe(201);
    expect(
      (await suite.app.inject({ url: `/api/v1/work-orders/${wo.id}/comments`, headers })).json()
        .items,
    ).toHaveLength(1);
    const ro = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: await bearer('readonly'),
      payload: { companyId: c.company.id, title: 'No' },
    });
    expect(ro.statusCode).toBe(403);
    const roUser = await signInAs(suite.app, suite.deps, 'readonly');
    expect(
      (await postForm(suite.app, roUser, '/work-orders', { companyId: c.company.id, title: 'No' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await suite.app.inject({ url: '/api/v1/openapi.json', headers })).json().paths[
        '/work-orders/{id}/status'
      ],
    ).toBeDefined();
  });

  it('another company’s asset and contact are refused (400 naming both); an unknown work order is 404', async () => {
    const a = await customer(suite.deps, 'Alpha');
    const b = await customer(suite.deps, 'Beta');
    const headers = await bearer('admin');
    const res = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers,
      payload: {
        companyId: a.company.id,
        title: 'X',
        assetIds: [b.asset.id],
        contactId: b.contact.id,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['assetIds', 'contactId']);
    expect((await get(`/companies/${b.company.id}/work-orders`)).statusCode).toBe(200);
    expect((await get('/api/v1/work-orders/nope')).statusCode).toBe(401);
    expect((await suite.app.inject({ url: '/api/v1/work-orders/nope', headers })).statusCode).toBe(
      404,
    );
  });

  it('a public reply is emailed to the requester over SMTP and logged; an internal note sends nothing; opt-out is respected', async () => {
    const c = await customer(suite.deps, 'Alpha', { email: 'pat@alpha.test' });
    const id = await create({
      companyId: c.company.id,
      title: 'Printer jam',
      contactId: c.contact.id,
    });
    await postForm(suite.app, admin, `/work-orders/${id}/comments`, {
      body: 'Internal only',
      visibility: 'internal',
    });
    expect(smtp.inbox).toHaveLength(0);
    const res = await postForm(suite.app, admin, `/work-orders/${id}/comments`, {
      body: 'We will replace the roller today.',
      visibility: 'public',
    });
    expect(flashOf(res)?.kind).toBe('success');
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0];
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('pat@alpha.test');
    expect(mail.subject).toBe('[WO-00001] Printer jam');
    expect(mail.text).toContain('We will replace the roller today.');
    expect(mail.text).not.toContain('Internal only');
    const log = await suite.db.selectFrom('email_log').selectAll().execute();
    expect(log.map((l) => [l.to_address, l.kind, l.status, l.entity_id])).toEqual([
      ['pat@alpha.test', 'work_order.reply', 'sent', id],
    ]);
    await suite.db
      .updateTable('contacts')
      .set({ email_opt_out: 1 })
      .where('id', '=', c.contact.id)
      .execute();
    await postForm(suite.app, admin, `/work-orders/${id}/status`, { status: 'in_progress' });
    await postForm(suite.app, admin, `/work-orders/${id}/comments`, {
      body: 'Again',
      visibility: 'public',
    });
    expect(smtp.inbox).toHaveLength(1);
  });

  it('attaches a file to a comment as a document of the work order, downloadable from the thread', async () => {
    const c = await customer(suite.deps, 'Alpha');
    const id = await create({ companyId: c.company.id, title: 'Scan error' });
    const fd = new FormData();
    fd.append('_csrf', admin.csrf);
    fd.append('body', 'Screenshot of the error');
    fd.append('visibility', 'internal');
    fd.append(
      'file',
      new Blob([new Uint8Array(Buffer.from('error log line'))], { type: 'text/plain' }),
      'error.txt',
    );
    const body = new Response(fd);
    const res = await suite.app.inject({
      method: 'POST',
      url: `/work-orders/${id}/comments`,
      headers: { cookie: admin.cookie, 'content-type': body.headers.get('content-type')! },
      payload: Buffer.from(await body.arrayBuffer()),
    });
    expect(res.statusCode).toBe(302);
    expect(flashOf(res)?.kind).toBe('success');
    const doc = await suite.db
      .selectFrom('documents')
      .selectAll()
      .where('work_order_id', '=', id)
      .executeTakeFirstOrThrow();
    const comment = await suite.db
      .selectFrom('work_order_comments')
      .select('id')
      .where('work_order_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      filename: 'error.txt',
      company_id: c.company.id,
      comment_id: comment.id,
    });
    const page = await get(`/work-orders/${id}`);
    expect(page.body).toContain(`href="/documents/${doc.id}/download">error.txt</a>`);
    expect((await get(`/documents/${doc.id}/download`)).body).toBe('error log line');
  });

  it('filters overdue, sorts by priority both ways, and moves a card from the board back to the board', async () => {
    const c = await customer(suite.deps, 'Alpha');
    await create({
      companyId: c.company.id,
      title: 'Low late',
      priority: 'low',
      dueOn: '2020-01-01',
    });
    const urgent = await create({
      companyId: c.company.id,
      title: 'Urgent later',
      priority: 'urgent',
      dueOn: '2999-01-01',
    });
    const overdue = await get('/work-orders?overdue=1');
    expect(overdue.body).toContain('Low late');
    expect(overdue.body).not.toContain('Urgent later');
    const byPriority = (await get('/work-orders?sort=priority&dir=desc')).body;
    expect(byPriority.indexOf('Urgent later')).toBeLessThan(byPriority.indexOf('Low late'));
    const lowFirst = (await get('/work-orders?sort=priority&dir=asc')).body;
    expect(lowFirst.indexOf('Low late')).toBeLessThan(lowFirst.indexOf('Urgent later'));
    const moved = await postForm(suite.app, admin, `/work-orders/${urgent}/status`, {
      status: 'in_progress',
      back: '/work-orders/board',
    });
    expect(moved.headers.location).toBe('/work-orders/board');
    const evil = await postForm(suite.app, admin, `/work-orders/${urgent}/status`, {
      status: 'waiting_parts',
      back: 'https://evil.test/',
    });
    expect(evil.headers.location).toBe(`/work-orders/${urgent}`);
    const board = (await get('/work-orders/board')).body;
    expect(board).toMatch(
      /aria-label="Waiting on parts"><h2[^>]*><a[^>]*>Waiting on parts<\/a><span class="badge text-bg-secondary">1<\/span>/,
    );
  });

  it('saves the current filters as a named view per user', async () => {
    const res = await postForm(suite.app, admin, '/work-orders/views', {
      name: 'Urgent open',
      query: 'priority=urgent&evil=1',
    });
    expect(res.statusCode).toBe(302);
    const list = await get('/work-orders');
    expect(list.body).toContain('href="/work-orders?priority=urgent">Urgent open</a>');
    const other = await signInAs(suite.app, suite.deps, 'technician');
    expect((await get('/work-orders', other)).body).not.toContain('Urgent open');
  });
});
