// The portal's service pages in use (issue 12): a request with two devices and a file lands in the
// staff queue with source portal and emails staff; the thread shows public replies and the
// customer's own, never an internal note; the customer's reply is author type contact and puts a
// work order waiting on them back in progress; close and reopen within PORTAL_REOPEN_DAYS; status
// and reply emails respect the contact's choice; assets and services show what a customer may see.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { csrfFor, getPage, signInAs } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { createSession } from '../../platform/sessions.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/dates.ts';
import { createCompany } from '../companies/service.ts';
import { createContact } from '../contacts/service.ts';
import { createAsset } from '../assets/service.ts';
import { changeStatus, createWorkOrder } from '../work-orders/service.ts';
import { addComment } from '../work-orders/comments.ts';

describe.each(DIALECTS)('portal service pages on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  const system = () => withActor(suite.deps, { type: 'system', label: 'test' });

  async function setUp() {
    // First a staff user: with none, every page sends the browser to /setup.
    const staff = await signInAs(suite.app, suite.deps, 'admin');
    const company = await createCompany(system(), {
      name: 'Dental Co',
      monthlyRateCents: 45_000,
      billingDay: 5,
    });
    const location = newId();
    await suite.db
      .insertInto('locations')
      .values({
        id: location,
        company_id: company.id,
        name: 'Back office',
        name_sort: 'back office',
        address: null,
        notes: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const pc = await createAsset(system(), company.id, {
      categoryId: 'cat-computers',
      name: 'Reception PC',
      serial: 'SN-4711',
      warrantyExpires: '2099-03-01',
    });
    const laptop = await createAsset(system(), company.id, {
      categoryId: 'cat-computers',
      name: 'Dentist laptop',
      assetTag: 'LT-22',
    });
    await suite.db
      .updateTable('assets')
      .set({
        location_id: location,
        notes: 'admin password on sticky',
        purchase_price_cents: 123_456,
      })
      .where('id', '=', pc.id)
      .execute();
    const contact = await createContact(system(), company.id, {
      name: 'Pat Office',
      email: 'pat@dental.test',
      portalAccess: true,
      portalService: true,
    });
    const token = await createSession(suite.db, {
      principalType: 'contact',
      principalId: contact.id,
      ttlHours: 1,
    });
    const session = `st_portal=${token}`;
    const { csrf, csrfCookie } = await csrfFor(suite.app, session, '/portal/account');
    const agent = { cookie: `${session}; ${csrfCookie}`, csrf };
    const admin = withActor(suite.deps, {
      type: 'staff',
      userId: staff.userId,
      name: 'Alex Admin',
      email: 'alex@msp.test',
      role: 'admin',
    });
    return { company, pc, laptop, contact, agent, staff, admin };
  }

  const multipart = async (
    agent: { cookie: string; csrf: string },
    url: string,
    fields: [string, string][],
    file?: { name: string; text: string },
  ) => {
    const fd = new FormData();
    fd.append('_csrf', agent.csrf);
    for (const [k, v] of fields) fd.append(k, v);
    if (file)
      fd.append(
        'file',
        new Blob([new Uint8Array(Buffer.from(file.text))], { type: 'text/plain' }),
        file.name,
      );
    const body = new Response(fd);
    return suite.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'content-type': body.headers.get('content-type')! },
      payload: Buffer.from(await body.arrayBuffer()),
    });
  };
  const form = (agent: { cookie: string; csrf: string }, url: string, f: Record<string, string>) =>
    suite.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: agent.csrf, ...f }).toString(),
    });
  const emails = (kind: string) =>
    suite.db.selectFrom('email_log').selectAll().where('kind', '=', kind).execute();

  it('a request with two devices and a file lands in the staff queue with source portal; staff are emailed', async () => {
    const s = await setUp();
    const res = await multipart(
      s.agent,
      '/portal/work-orders/new',
      [
        ['assetIds', s.pc.id],
        ['assetIds', s.laptop.id],
        ['title', 'Printer <b>offline</b>'],
        ['description', 'Since this morning.\nError 49.'],
        ['priority', 'high'],
      ],
      { name: 'error.txt', text: 'error 49 log' },
    );
    expect(res.statusCode).toBe(302);
    const wo = await suite.db.selectFrom('work_orders').selectAll().executeTakeFirstOrThrow();
    expect(res.headers.location).toBe(`/portal/work-orders/${wo.id}`);
    expect(wo).toMatchObject({
      source: 'portal',
      contact_id: s.contact.id,
      company_id: s.company.id,
      priority: 'high',
      status: 'new',
      billing: 'contract',
    });
    const links = await suite.db
      .selectFrom('work_order_assets')
      .select('asset_id')
      .where('work_order_id', '=', wo.id)
      .execute();
    expect(links.map((l) => l.asset_id).sort()).toEqual([s.pc.id, s.laptop.id].sort());
    const doc = await suite.db
      .selectFrom('documents')
      .selectAll()
      .where('work_order_id', '=', wo.id)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ filename: 'error.txt', comment_id: null, uploaded_by_id: null });
    const staffMail = await emails('work_order.portal');
    const admin = await suite.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', s.staff.userId)
      .executeTakeFirstOrThrow();
    expect(staffMail.map((m) => m.to_address)).toContain(admin.email);
    expect(staffMail[0].subject).toContain('New request from the portal');
    // The staff queue shows it; the portal page shows it escaped, with its file.
    const queue = await getPage(suite.app, s.staff, '/work-orders');
    expect(queue.body).toContain('Printer &lt;b>offline&lt;/b>');
    const page = await getPage(suite.app, s.agent, `/portal/work-orders/${wo.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Printer &lt;b>offline&lt;/b>');
    expect(page.body).toContain('Since this morning.<br/>Error 49.');
    const file = await getPage(suite.app, s.agent, `/portal/work-orders/${wo.id}/files/${doc.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('error 49 log');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('no device chosen: 422 naming the field, nothing written; the picker filters by tag and location', async () => {
    const s = await setUp();
    const res = await form(s.agent, '/portal/work-orders/new', { title: 'Help' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose at least one device');
    expect(res.body).toContain('value="Help"');
    expect(await suite.db.selectFrom('work_orders').select('id').execute()).toEqual([]);
    const byTag = await getPage(suite.app, s.agent, '/portal/work-orders/new?q=lt-22');
    expect(byTag.body).toContain('Dentist laptop');
    expect(byTag.body).not.toContain('Reception PC');
    const byPlace = await getPage(
      suite.app,
      s.agent,
      `/portal/work-orders/new?q=back&assetIds=${s.laptop.id}`,
    );
    expect(byPlace.body).toContain('Reception PC');
    expect(byPlace.body).toMatch(new RegExp(`value="${s.laptop.id}" checked`));
  });

  it('one thread of public replies and the customer’s; internal notes never; the reply is author type contact', async () => {
    const s = await setUp();
    const wo = await createWorkOrder(s.admin, {
      companyId: s.company.id,
      contactId: s.contact.id,
      title: 'Slow email',
    });
    await addComment(s.admin, wo.id, { body: 'Can you restart it?', visibility: 'public' });
    await addComment(s.admin, wo.id, { body: 'Customer is difficult', visibility: 'internal' });
    await changeStatus(s.admin, wo.id, { status: 'waiting_customer' });
    const res = await form(s.agent, `/portal/work-orders/${wo.id}/comments`, {
      body: 'Restarted, still slow',
    });
    expect(res.statusCode).toBe(302);
    const c = await suite.db
      .selectFrom('work_order_comments')
      .selectAll()
      .where('body', '=', 'Restarted, still slow')
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      author_type: 'contact',
      author_id: s.contact.id,
      visibility: 'public',
    });
    const after = await suite.db
      .selectFrom('work_orders')
      .select('status')
      .where('id', '=', wo.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('in_progress');
    const page = await getPage(suite.app, s.agent, `/portal/work-orders/${wo.id}`);
    expect(page.body).toContain('Can you restart it?');
    expect(page.body).toContain('Restarted, still slow');
    expect(page.body).not.toContain('Customer is difficult');
    expect(page.body.indexOf('Can you restart it?')).toBeLessThan(
      page.body.indexOf('Restarted, still slow'),
    );
    const empty = await form(s.agent, `/portal/work-orders/${wo.id}/comments`, { body: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Write your message');
  });

  it('close a resolved work order; reopen within the window; not after it', async () => {
    const s = await setUp();
    const wo = await createWorkOrder(s.admin, { companyId: s.company.id, title: 'VPN' });
    await changeStatus(s.admin, wo.id, { status: 'resolved' });
    const status = async () =>
      (
        await suite.db
          .selectFrom('work_orders')
          .select(['status'])
          .where('id', '=', wo.id)
          .executeTakeFirstOrThrow()
      ).status;
    const page = await getPage(suite.app, s.agent, `/portal/work-orders/${wo.id}`);
    expect(page.body).toContain('Yes, it is fixed: close it');
    await form(s.agent, `/portal/work-orders/${wo.id}/close`, {});
    expect(await status()).toBe('closed');
    await form(s.agent, `/portal/work-orders/${wo.id}/reopen`, {});
    expect(await status()).toBe('in_progress');
    await changeStatus(s.admin, wo.id, { status: 'resolved' });
    const old = new Date(Date.now() - 15 * 86_400_000).toISOString();
    await suite.db
      .updateTable('work_orders')
      .set({ resolved_at: old })
      .where('id', '=', wo.id)
      .execute();
    const late = await form(s.agent, `/portal/work-orders/${wo.id}/reopen`, {});
    expect(late.statusCode).toBe(302);
    expect(await status()).toBe('resolved');
    const audit = await suite.db
      .selectFrom('audit_log')
      .select(['actor_type', 'summary'])
      .where('entity_id', '=', wo.id)
      .where('action', '=', 'work_order.status')
      .where('actor_type', '=', 'contact')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('status changes and staff replies email the contact unless they turned work order emails off', async () => {
    const s = await setUp();
    const wo = await createWorkOrder(s.admin, {
      companyId: s.company.id,
      contactId: s.contact.id,
      title: 'Backup',
    });
    await changeStatus(s.admin, wo.id, { status: 'in_progress' });
    await addComment(s.admin, wo.id, { body: 'Checking', visibility: 'public' });
    await addComment(s.admin, wo.id, { body: 'note', visibility: 'internal' });
    expect((await emails('work_order.status')).map((m) => m.to_address)).toEqual([
      'pat@dental.test',
    ]);
    expect((await emails('work_order.reply')).map((m) => m.to_address)).toEqual([
      'pat@dental.test',
    ]);
    // The account page's "Updates on my work orders" off.
    const off = await form(s.agent, '/portal/account/preferences', { invoiceEmails: 'on' });
    expect(off.statusCode).toBe(302);
    await changeStatus(s.admin, wo.id, { status: 'resolved' });
    await addComment(s.admin, wo.id, { body: 'Done', visibility: 'public' });
    expect(await emails('work_order.status')).toHaveLength(1);
    expect(await emails('work_order.reply')).toHaveLength(1);
  });

  it('assets: name, type, location, warranty, status and work orders; never notes or price. Services: the contract and priced lines, never cost', async () => {
    const s = await setUp();
    const wo = await createWorkOrder(s.admin, {
      companyId: s.company.id,
      title: 'Fan noise',
      assetIds: [s.pc.id],
    });
    const list = await getPage(suite.app, s.agent, '/portal/assets');
    expect(list.statusCode).toBe(200);
    for (const text of [
      'Reception PC',
      'Dentist laptop',
      'Back office',
      '2099-03-01',
      'In service',
    ])
      expect(list.body).toContain(text);
    const found = await getPage(suite.app, s.agent, '/portal/assets?q=sn-4711');
    expect(found.body).toContain('Reception PC');
    expect(found.body).not.toContain('Dentist laptop');
    const page = await getPage(suite.app, s.agent, `/portal/assets/${s.pc.id}`);
    expect(page.body).toContain('Fan noise');
    expect(page.body).toContain(`/portal/work-orders/${wo.id}`);
    for (const r of [list, page]) {
      expect(r.body).not.toContain('sticky');
      expect(r.body).not.toContain('1,234.56');
    }
    await suite.db
      .insertInto('company_services')
      .values({
        id: newId(),
        company_id: s.company.id,
        catalog_id: null,
        description: 'Managed backup',
        quantity_thousandths: 3000,
        unit_price_cents: 2_500,
        unit_cost_cents: 1_111,
        markup_bp: 2_500,
        taxable: 1,
        start_date: '2024-01-01',
        end_date: null,
        deleted_at: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const services = await getPage(suite.app, s.agent, '/portal/services');
    expect(services.statusCode).toBe(200);
    for (const text of [
      '$450.00 a month',
      'the 5th of each month',
      'Managed backup',
      '$25.00',
      '$75.00',
    ])
      expect(services.body).toContain(text);
    expect(services.body).not.toContain('11.11');
  });
});
