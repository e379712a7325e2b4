import { beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  postForm,
  signInAs,
  getPage,
  followRedirect,
  type Agent,
} from '../../../test/support/app.ts';
import { createSession } from '../../platform/sessions.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { createContact } from '../contacts/service.ts';
import { company, systemCtx, workOrder } from '../time/test-helpers.ts';
import { useSmtp } from '../../../test/support/smtp.ts';
import { invoiceRow } from './invoice-rows.test-support.ts';

describe.each(DIALECTS)('invoice pages on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, {
    deps: () => ({ mailer: smtp.mailer('Acme IT <billing@acme.test>') }),
  });
  let billing: Agent;
  let admin: Agent;
  let tech: Agent;
  let readonly: Agent;
  let companyId: string;
  let today: string;
  const get = (url: string, agent: Agent | null) => getPage(suite.app, agent, url);
  /** Follows a redirect the way a browser would, carrying the flash cookie. */
  const post = (agent: Agent, url: string, pairs: [string, string][]) =>
    suite.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', agent.csrf], ...pairs]).toString(),
    });
  const idFrom = (res: LightMyRequestResponse) =>
    /^\/invoices\/([^/?]+)$/.exec(res.headers.location as string)![1];
  const row = (id: string) =>
    suite.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** A billable work order with 1 h of time ($125) and a part (2 × $30), logged through the pages. */
  const readyWork = async (n: number) => {
    const wo = await workOrder(suite.db, companyId, 'billable', n);
    expect(
      (
        await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
          workDate: today,
          duration: '60',
          description: 'Replaced switch',
        })
      ).statusCode,
    ).toBe(302);
    expect(
      (
        await postForm(suite.app, tech, `/work-orders/${wo}/parts`, {
          description: 'Patch cable',
          quantity: '2',
          unitCost: '10',
          unitPrice: '30.00',
          billable: 'on',
        })
      ).statusCode,
    ).toBe(302);
    const time = await suite.db
      .selectFrom('time_entries')
      .select('id')
      .where('work_order_id', '=', wo)
      .executeTakeFirstOrThrow();
    const part = await suite.db
      .selectFrom('work_order_parts')
      .select('id')
      .where('work_order_id', '=', wo)
      .executeTakeFirstOrThrow();
    return { wo, time: time.id, part: part.id };
  };

  beforeEach(async () => {
    [billing, admin, tech, readonly] = [
      await signInAs(suite.app, suite.deps, 'billing'),
      await signInAs(suite.app, suite.deps, 'admin'),
      await signInAs(suite.app, suite.deps, 'technician'),
      await signInAs(suite.app, suite.deps, 'readonly'),
    ];
    companyId = (await company(suite.deps, 'Riverside Dental')).id;
    today = await businessToday(suite.deps);
  });

  it('lists invoices with filters, "Draft" for drafts, days late, badges and a totals row; readonly views, technicians and strangers do not', async () => {
    const other = (await company(suite.deps, 'Oakwood Law')).id;
    await invoiceRow(suite.t, companyId, { total_cents: 5000, balance_cents: 5000 });
    await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00001',
      status: 'issued',
      issue_date: addDaysToDate(today, -40),
      due_date: addDaysToDate(today, -10),
      total_cents: 30000,
      balance_cents: 30000,
    });
    await invoiceRow(suite.t, other, {
      number: 'INV-2026-00002',
      status: 'issued',
      issue_date: addDaysToDate(today, -2),
      due_date: addDaysToDate(today, 28),
      total_cents: 20000,
      paid_cents: 5000,
      balance_cents: 15000,
    });
    await invoiceRow(suite.t, other, {
      number: 'INV-2026-00003',
      status: 'issued',
      issue_date: addDaysToDate(today, -2),
      due_date: addDaysToDate(today, 28),
      total_cents: 1000,
      paid_cents: 1000,
      balance_cents: 0,
    });
    const page = await get('/invoices?status=all', readonly);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('>Draft</a>');
    // Days overdue in its own column; the row highlighted.
    expect(page.body).toContain(
      '<td class="invoice-overdue"><span class="text-danger fw-semibold">10 days overdue</span></td>',
    );
    expect(page.body).toMatch(/table-danger[\s\S]*INV-2026-00001/);
    for (const badge of ['Overdue', 'Partially paid', 'Paid', 'Draft'])
      expect(page.body).toContain(`">${badge}</span>`);
    const summary = (html: string) =>
      /data-testid="invoice-summary">(.*?)<\/p>/s
        .exec(html)![1]
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    // Every status: 50 + 300 + 200 + 10 invoiced, 50 + 300 + 150 owed.
    expect(summary(page.body)).toBe(
      '4 invoices · Total $560.00 · Balance due $500.00 (credit notes subtract; void ones count nothing)',
    );
    // The list opens on the open invoices, with their totals (no filter needed).
    const first = await get('/invoices', readonly);
    expect(summary(first.body)).toBe('2 open invoices · Total $500.00 · Balance due $450.00');
    expect(first.body).toContain('INV-2026-00002');
    expect(first.body).not.toContain('INV-2026-00003');
    expect(first.body).toMatch(/<option value="open" selected[^>]*>Open \(balance due\)/);
    // A filter: the totals follow it.
    expect(summary((await get('/invoices?status=all&company=oakwood', readonly)).body)).toBe(
      '2 invoices · Total $210.00 · Balance due $150.00 (credit notes subtract; void ones count nothing)',
    );
    expect(summary((await get('/invoices?status=overdue', readonly)).body)).toBe(
      '1 overdue invoice · Total $300.00 · Balance due $300.00',
    );
    expect(page.body).not.toContain('New invoice');
    const overdue = await get('/invoices?status=overdue&company=river', billing);
    expect(overdue.body).toContain('INV-2026-00001');
    expect(overdue.body).not.toContain('INV-2026-00002');
    expect(overdue.body).toMatch(
      /name="companyId" value="[^"]+"\/><span class="badge[^"]*">Riverside Dental <a/,
    );
    expect(overdue.body).toContain('href="/invoices/new?companyId=');
    const sorted = await get('/invoices?status=all&sort=total&dir=asc', billing);
    expect(sorted.body).toContain('aria-sort="ascending"');
    expect(sorted.body.indexOf('INV-2026-00003')).toBeLessThan(
      sorted.body.indexOf('INV-2026-00001'),
    );
    // The page size is remembered.
    const sized = await get('/invoices?size=25', billing);
    expect(sized.cookies.find((c) => c.name === 'st_page_size')?.value).toBe('25');
    expect((await get('/invoices', tech)).statusCode).toBe(403);
    expect((await get('/invoices', null)).statusCode).toBe(302);
    expect((await get('/invoices?status=lost', billing)).statusCode).toBe(400);
  });

  it('shows a company’s Invoices tab with only its invoices and its open balance', async () => {
    const other = (await company(suite.deps, 'Oakwood Law')).id;
    await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00001',
      status: 'issued',
      issue_date: today,
      due_date: addDaysToDate(today, 30),
      total_cents: 12345,
      balance_cents: 12345,
    });
    await invoiceRow(suite.t, other, {
      number: 'INV-2026-00002',
      status: 'issued',
      issue_date: today,
      due_date: addDaysToDate(today, 30),
      total_cents: 999,
      balance_cents: 999,
    });
    const tab = await get(`/companies/${companyId}/invoices`, billing);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).toMatch(/nav-link active[^>]*href="\/companies\/[^"]+\/invoices"/);
    expect(tab.body).toContain('INV-2026-00001');
    expect(tab.body).not.toContain('INV-2026-00002');
    expect(tab.body).toContain('Open balance $123.45 · 1 open');
    expect((await get('/companies/nope/invoices', billing)).statusCode).toBe(404);
  });

  it('creates a manual invoice (422 on a bad line), edits the draft, issues it and shows it issued; roles and CSRF are enforced', async () => {
    const form = await get(`/invoices/new?companyId=${companyId}`, billing);
    expect(form.statusCode).toBe(200);
    const bad = await postForm(suite.app, billing, '/invoices', {
      companyId,
      description_0: 'Consulting',
      quantity_0: 'two',
      unitPrice_0: '150',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/name="quantity_0"[^>]*is-invalid|is-invalid[^>]*name="quantity_0"/);
    expect(bad.body).toContain('Quantity must be a number');
    expect(bad.body).toContain('value="Consulting"');
    const empty = await postForm(suite.app, billing, '/invoices', { companyId });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Add at least one line');
    const created = await postForm(suite.app, billing, '/invoices', {
      companyId,
      description_0: 'Consulting',
      quantity_0: '1.5',
      unitPrice_0: '150',
      taxable_0: 'on',
      description_2: 'Discount',
      quantity_2: '1',
      unitPrice_2: '-25.00',
    });
    const id = idFrom(created);
    const draft = await followRedirect(suite.app, created, billing);
    expect(draft.body).toContain('The draft invoice was created');
    expect(draft.body).toContain('(draft — numbered when issued)');
    expect(draft.body).toContain('Consulting');
    expect(draft.body).toContain('>1.5<');
    expect(draft.body).toContain('$200.00'); // 225 − 25, no tax rate set up
    expect(draft.body).toContain(`action="/invoices/${id}/issue"`);
    expect(draft.body).toContain('Delete draft');
    expect(draft.body).toContain(`href="/invoices/${id}/pdf?inline=1"`);
    const preview = await get(`/invoices/${id}/pdf?inline=1`, billing);
    expect(preview.headers['content-disposition']).toBe(`inline; filename="draft-${id}.pdf"`);
    // Add a line (and a bad one), remove one.
    const badLine = await postForm(suite.app, billing, `/invoices/${id}/lines`, {
      description: '',
      quantity: '1',
      unitPrice: '10',
    });
    expect(badLine.statusCode).toBe(422);
    expect(badLine.body).toContain('Description is required');
    expect(
      (
        await postForm(suite.app, billing, `/invoices/${id}/lines`, {
          description: 'Travel',
          quantity: '1',
          unitPrice: '40.00',
        })
      ).statusCode,
    ).toBe(302);
    const discount = await suite.db
      .selectFrom('invoice_lines')
      .select('id')
      .where('invoice_id', '=', id)
      .where('description', '=', 'Discount')
      .executeTakeFirstOrThrow();
    expect(
      (await postForm(suite.app, billing, `/invoices/${id}/lines/${discount.id}/delete`, {}))
        .statusCode,
    ).toBe(302);
    expect(Number((await row(id)).total_cents)).toBe(26500);
    // Readonly sees the draft without any action; technician and readonly are refused; a missing CSRF token too.
    const ro = await get(`/invoices/${id}`, readonly);
    expect(ro.statusCode).toBe(200);
    expect(ro.body).not.toContain('/issue"');
    expect(ro.body).not.toContain('Add line');
    expect((await postForm(suite.app, tech, `/invoices/${id}/issue`, {})).statusCode).toBe(403);
    expect((await postForm(suite.app, readonly, `/invoices/${id}/issue`, {})).statusCode).toBe(403);
    expect((await get(`/invoices/${id}`, tech)).statusCode).toBe(403);
    const noCsrf = await suite.app.inject({
      method: 'POST',
      url: `/invoices/${id}/issue`,
      headers: { cookie: billing.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await row(id)).status).toBe('draft');
    // Issue.
    const issued = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/issue`, {}),
      billing,
    );
    const number = `INV-${today.slice(0, 4)}-00001`;
    expect(issued.body).toContain(`Invoice ${number} was issued`);
    expect(issued.body).toContain('Download PDF');
    expect(issued.body).toContain('Send by email');
    expect(issued.body).toContain('Credit note…');
    expect(issued.body).toContain('Void this invoice…');
    expect(issued.body).not.toContain('Add line');
    expect(issued.body).toContain('id="h-payments"');
    expect(issued.body).toMatch(/Issued[^<]*as INV-/);
    expect((await row(id)).due_date).toBe(addDaysToDate(today, 30));
    // An issued invoice cannot take lines: a danger flash, nothing changed.
    const refused = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/lines`, {
        description: 'Late',
        quantity: '1',
        unitPrice: '1',
      }),
      billing,
    );
    expect(refused.body).toContain('Only a draft can be changed');
    expect((await get(`/invoices/${id}`, readonly)).body).not.toContain('Send by email');
    expect((await get('/invoices', billing)).body).toContain(number);
    // No inline script or style on any invoice page (the CSP forbids them).
    for (const url of [
      '/invoices',
      `/invoices/${id}`,
      `/invoices/${id}/void`,
      `/invoices/${id}/credit-note`,
      `/invoices/new?companyId=${companyId}`,
      '/invoices/new',
      `/companies/${companyId}/invoices`,
      `/companies/${companyId}/unbilled`,
    ]) {
      const res = await get(url, billing);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/\sstyle="|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+="/);
    }
  });

  it('deletes a draft and puts its work back on Ready to bill', async () => {
    const w = await readyWork(7);
    const created = await post(billing, `/companies/${companyId}/unbilled/invoice`, [
      ['scope', 'all'],
    ]);
    const id = idFrom(created);
    expect((await get(`/companies/${companyId}/unbilled`, billing)).body).not.toContain(
      'Replaced switch',
    );
    const res = await postForm(suite.app, billing, `/invoices/${id}/delete`, {});
    expect(res.headers.location).toBe(`/companies/${companyId}/invoices`);
    expect(
      await suite.db.selectFrom('invoices').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    const back = await get(`/companies/${companyId}/unbilled`, billing);
    expect(back.body).toContain('Replaced switch');
    expect(back.body).toContain(`value="time:${w.time}"`);
  });

  it('invoices selected or all ready-to-bill items from the company page (draft or issued), and they leave the list', async () => {
    const w = await readyWork(11);
    const page = await get(`/companies/${companyId}/unbilled`, billing);
    expect(page.body).toContain(`value="time:${w.time}"`);
    expect(page.body).toContain(`value="part:${w.part}"`);
    expect(page.body).toContain('Invoice selected now');
    expect(page.body).toContain('Invoice all now');
    const techPage = await get(`/companies/${companyId}/unbilled`, tech);
    expect(techPage.body).not.toContain('Invoice selected now');
    expect(techPage.body).not.toContain('type="checkbox" name="item"');
    expect(
      (
        await post(tech, `/companies/${companyId}/unbilled/invoice`, [
          ['scope', 'selected'],
          ['item', `time:${w.time}`],
        ])
      ).statusCode,
    ).toBe(403);
    // Nothing ticked: back with a warning.
    const none = await followRedirect(
      suite.app,
      await post(billing, `/companies/${companyId}/unbilled/invoice`, [['scope', 'selected']]),
      billing,
    );
    expect(none.body).toContain('Tick the items to invoice first');
    // The part only: a draft of $60.00.
    const one = await post(billing, `/companies/${companyId}/unbilled/invoice`, [
      ['scope', 'selected'],
      ['item', `part:${w.part}`],
    ]);
    const draft = await followRedirect(suite.app, one, billing);
    expect(draft.body).toContain('A draft invoice for $60.00 was created');
    const inv = await row(idFrom(one));
    expect([inv.status, Number(inv.total_cents)]).toEqual(['draft', 6000]);
    const left = await get(`/companies/${companyId}/unbilled`, billing);
    expect(left.body).not.toContain(`part:${w.part}`);
    expect(left.body).toContain(`time:${w.time}`);
    // The same part again (a stale page): refused, nothing made.
    const stale = await followRedirect(
      suite.app,
      await post(billing, `/companies/${companyId}/unbilled/invoice`, [
        ['scope', 'selected'],
        ['item', `part:${w.part}`],
      ]),
      billing,
    );
    expect(stale.body).toContain('not ready to bill');
    // All the rest, issued at once: the time, $125.00.
    const all = await post(billing, `/companies/${companyId}/unbilled/invoice`, [
      ['scope', 'all-issue'],
    ]);
    const issued = await row(idFrom(all));
    expect([issued.status, Number(issued.total_cents), issued.number]).toEqual([
      'issued',
      12500,
      `INV-${today.slice(0, 4)}-00001`,
    ]);
    expect(
      (
        await suite.db
          .selectFrom('time_entries')
          .select('invoice_id')
          .where('id', '=', w.time)
          .executeTakeFirstOrThrow()
      ).invoice_id,
    ).toBe(issued.id);
    expect((await get(`/companies/${companyId}/unbilled`, billing)).body).toContain(
      'Nothing waiting to be billed',
    );
  });

  it('invoices a work order’s ready-to-bill items from its page', async () => {
    const w = await readyWork(21);
    const other = await readyWork(22);
    const page = await get(`/work-orders/${w.wo}`, billing);
    expect(page.body).toContain('Invoice now');
    expect(page.body).toContain('2 items, $185.00');
    expect((await get(`/work-orders/${w.wo}`, tech)).body).not.toContain('Invoice now');
    expect((await postForm(suite.app, tech, `/work-orders/${w.wo}/invoice`, {})).statusCode).toBe(
      403,
    );
    const res = await postForm(suite.app, billing, `/work-orders/${w.wo}/invoice`, {});
    const inv = await row(idFrom(res));
    expect([inv.status, Number(inv.total_cents), inv.source]).toEqual([
      'draft',
      18500,
      'work_order',
    ]);
    const lines = await suite.db
      .selectFrom('invoice_lines')
      .select(['work_order_id'])
      .where('invoice_id', '=', inv.id)
      .execute();
    expect(lines.map((l) => l.work_order_id)).toEqual([w.wo, w.wo]);
    expect((await get(`/work-orders/${w.wo}`, billing)).body).not.toContain('Invoice now');
    const unbilled = await get(`/companies/${companyId}/unbilled`, billing);
    expect(unbilled.body).toContain(`time:${other.time}`);
    expect(unbilled.body).not.toContain(`time:${w.time}`);
    const again = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/work-orders/${w.wo}/invoice`, {}),
      billing,
    );
    expect(again.body).toContain('nothing ready to bill');
  });

  it('credits, voids (reason required) and shows the credit note linked both ways', async () => {
    const created = await postForm(suite.app, billing, '/invoices', {
      companyId,
      description_0: 'Project',
      quantity_0: '1',
      unitPrice_0: '500',
      issue: '1',
    });
    const id = idFrom(created);
    expect((await row(id)).status).toBe('issued');
    const badCredit = await postForm(suite.app, billing, `/invoices/${id}/credit-notes`, {
      confirm: 'credit',
      amount: '',
      description: '',
    });
    expect(badCredit.statusCode).toBe(422);
    expect(badCredit.body).toContain('Amount is required');
    expect(badCredit.body).toContain('Credit note against INV-'); // back on the confirmation page
    const tooMuch = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/credit-notes`, {
        confirm: 'credit',
        amount: '600',
        description: 'Too much',
      }),
      billing,
    );
    expect(tooMuch.body).toContain('more than the invoice');
    const credit = await postForm(suite.app, billing, `/invoices/${id}/credit-notes`, {
      confirm: 'credit',
      amount: '100.00',
      description: 'Goodwill',
      reason: 'Late delivery',
    });
    const noteId = idFrom(credit);
    const note = await followRedirect(suite.app, credit, billing);
    expect(note.body).toContain(`Credit for <a href="/invoices/${id}`);
    expect(note.body).toContain('Goodwill');
    const inv = await get(`/invoices/${id}`, billing);
    expect(inv.body).toContain(`href="/invoices/${noteId}"`);
    expect(inv.body).toMatch(/data-testid="balance-due"><span[^>]*>\$400\.00/);
    expect(inv.body).toContain('">Partially paid</span>');
    // Voiding is refused while a credit is applied; void the credit note first, then the invoice.
    const refused = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/void`, {
        confirm: 'void',
        reason: 'Wrong',
      }),
      billing,
    );
    expect(refused.body).toContain('Credit notes are applied');
    expect(
      (
        await postForm(suite.app, billing, `/invoices/${noteId}/void`, {
          confirm: 'void',
          reason: 'Issued by mistake',
        })
      ).statusCode,
    ).toBe(302);
    const noReason = await postForm(suite.app, billing, `/invoices/${id}/void`, {
      confirm: 'void',
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Say why the invoice is voided');
    expect(noReason.body).toContain('What voiding does');
    expect(
      (
        await postForm(suite.app, readonly, `/invoices/${id}/void`, {
          confirm: 'void',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const voided = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/void`, {
        confirm: 'void',
        reason: 'Billed the wrong company',
        rebill: 'on',
      }),
      billing,
    );
    expect(voided.body).toContain('Billed the wrong company');
    expect(voided.body).toContain('">Void</span>');
    expect(voided.body).not.toContain('Send by email');
    expect(voided.body).toContain('Voided');
    expect((await row(id)).status).toBe('void');
  });

  it('puts Record payment and Send beside the balance, Void and Credit note in More, each behind a confirmation page', async () => {
    const id = idFrom(
      await postForm(suite.app, billing, '/invoices', {
        companyId,
        description_0: 'Project',
        quantity_0: '1',
        unitPrice_0: '500',
        issue: '1',
      }),
    );
    await suite.db
      .updateTable('invoices')
      .set({ issue_date: addDaysToDate(today, -42), due_date: addDaysToDate(today, -12) })
      .where('id', '=', id)
      .execute();
    const page = (await get(`/invoices/${id}`, billing)).body;
    const at = (needle: string) => {
      const i = page.indexOf(needle);
      expect(i, needle).toBeGreaterThan(-1);
      return i;
    };
    // Balance, status and due date, then the two everyday actions, all before the line items.
    const lines = at('class="table table-sm align-middle invoice-lines"');
    const payHref = `/payments/new?companyId=${encodeURIComponent(companyId)}&amp;invoiceId=${encodeURIComponent(id)}`;
    for (const needle of [
      'data-testid="balance-due"',
      '">Overdue</span>',
      '12 days late',
      `href="${payHref}">Record payment</a>`,
      '>Send</button>',
      `action="/invoices/${id}/send"`,
    ])
      expect(at(needle), needle).toBeLessThan(lines);
    expect(at('data-testid="balance-due"')).toBeLessThan(at('>Record payment</a>'));
    expect(page.match(/>Record payment</g)).toHaveLength(1); // not again above the payments list
    // Credit note and Void only inside the More menu, as links to their confirmation pages.
    const more = /data-testid="more-menu">(.*?)<\/ul>/s.exec(page)![1];
    expect(more).toContain(`href="/invoices/${id}/credit-note">Credit note…</a>`);
    expect(more).toContain(`href="/invoices/${id}/void">Void this invoice…</a>`);
    const outside = page.replace(more, '');
    expect(outside).not.toContain(`/invoices/${id}/void"`);
    expect(outside).not.toContain(`/invoices/${id}/credit-notes"`);
    expect(page).not.toContain('data-confirm'); // no JS confirm() on an issued invoice

    // The void confirmation page spells out the consequence and asks for the reason.
    const confirm = await get(`/invoices/${id}/void`, billing);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('What voiding does');
    expect(confirm.body).toContain('It is no longer owed: its balance of');
    expect(confirm.body).toMatch(/name="reason"[^>]*required/);
    expect(confirm.body).toContain('name="confirm" value="void"');
    expect((await get(`/invoices/${id}/void`, readonly)).statusCode).toBe(403);
    // Posted without the confirmation (an old form, a script): nothing happens, the page is next.
    const skipped = await postForm(suite.app, billing, `/invoices/${id}/void`, {
      reason: 'Duplicate',
    });
    expect(skipped.statusCode).toBe(302);
    expect(skipped.headers.location).toBe(`/invoices/${id}/void`);
    expect((await row(id)).status).toBe('issued');
    const noCredit = await postForm(suite.app, billing, `/invoices/${id}/credit-notes`, {
      amount: '10',
      description: 'Goodwill',
    });
    expect(noCredit.headers.location).toBe(`/invoices/${id}/credit-note`);
    expect(
      await suite.db
        .selectFrom('invoices')
        .select('id')
        .where('credit_for_invoice_id', '=', id)
        .execute(),
    ).toEqual([]);
    // Confirmed without a reason: the confirmation page again, with the message (422).
    const blank = await postForm(suite.app, billing, `/invoices/${id}/void`, {
      confirm: 'void',
      reason: '',
    });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('Say why the invoice is voided');
    expect((await row(id)).status).toBe('issued');
    // Confirmed with a reason: void.
    const done = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/void`, {
        confirm: 'void',
        reason: 'Duplicate of INV-1',
      }),
      billing,
    );
    expect(done.body).toContain('was voided');
    expect((await row(id)).status).toBe('void');
    expect((await row(id)).void_reason).toBe('Duplicate of INV-1');
    // A void invoice has nothing left to void or pay.
    expect(done.body).not.toContain('data-testid="more-menu"');
    expect(done.body).not.toContain('>Record payment</a>');
    const again = await get(`/invoices/${id}/void`, billing);
    expect(again.statusCode).toBe(302);
  });

  it('opens Record payment on the payment form with this invoice and its balance preselected', async () => {
    const older = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00001',
      status: 'issued',
      issue_date: addDaysToDate(today, -60),
      due_date: addDaysToDate(today, -30),
      total_cents: 10000,
      balance_cents: 10000,
    });
    const id = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00002',
      status: 'issued',
      issue_date: addDaysToDate(today, -20),
      due_date: addDaysToDate(today, -5),
      total_cents: 25050,
      paid_cents: 5000,
      balance_cents: 20050,
    });
    const href = /href="(\/payments\/new\?[^"]+)">Record payment</
      .exec((await get(`/invoices/${id}`, billing)).body)![1]
      .replace(/&amp;/g, '&');
    const form = await get(href, billing);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="amount"[^>]*value="200.50"/);
    expect(form.body).toMatch(/id="mode-manual" value="manual" checked/);
    expect(form.body).toContain(`name="alloc_${id}" value="200.50"`);
    expect(form.body).toContain(`name="alloc_${older}" value inputmode`); // the older one is left blank
    expect(form.body).toContain('INV-2026-00002: $200.50 (paid in full)');
    // An invoice that is not open for this company is ignored: the plain form.
    const plain = await get(`/payments/new?companyId=${companyId}&invoiceId=nope`, billing);
    expect(plain.body).toMatch(/id="mode-auto" value="auto" checked/);
  });

  it('emails an issued invoice with its PDF over SMTP and logs it; serves the PDF as attachment or inline', async () => {
    const contact = await createContact(systemCtx(suite.deps), companyId, {
      name: 'Beth Morgan',
      email: 'beth@riverside.test',
    });
    await suite.db
      .updateTable('companies')
      .set({ billing_contact_id: contact.id })
      .where('id', '=', companyId)
      .execute();
    const id = idFrom(
      await postForm(suite.app, billing, '/invoices', {
        companyId,
        description_0: 'Project',
        quantity_0: '1',
        unitPrice_0: '500',
        issue: '1',
      }),
    );
    const page = await get(`/invoices/${id}`, billing);
    expect(page.body).toContain('value="beth@riverside.test"');
    const badTo = await postForm(suite.app, billing, `/invoices/${id}/send`, {
      to: 'not-an-address',
    });
    expect(badTo.statusCode).toBe(422);
    expect((await postForm(suite.app, tech, `/invoices/${id}/send`, {})).statusCode).toBe(403);
    const sent = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/invoices/${id}/send`, { to: '' }),
      billing,
    );
    expect(sent.body).toContain('emailed to beth@riverside.test');
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0].to).toMatchObject({ text: 'beth@riverside.test' });
    expect(smtp.inbox[0].attachments.map((a) => a.contentType)).toContain('application/pdf');
    expect(sent.body).toContain('beth@riverside.test · <span class="text-success">sent</span>');
    const pdf = await get(`/invoices/${id}/pdf`, readonly);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await get(`/invoices/${id}/pdf?inline=1`, billing)).headers['content-disposition'],
    ).toMatch(/^inline; /);
    expect((await get(`/invoices/${id}/pdf`, tech)).statusCode).toBe(403);
    expect((await get('/invoices/nope/pdf', billing)).statusCode).toBe(404);
  });

  it('gives a portal contact’s session nothing on the staff invoice pages', async () => {
    const contact = await createContact(systemCtx(suite.deps), companyId, {
      name: 'Portal User',
      email: 'portal@riverside.test',
    });
    const token = await createSession(suite.db, {
      principalType: 'contact',
      principalId: contact.id,
      ttlHours: 1,
    });
    const id = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00009',
      status: 'issued',
      issue_date: today,
      due_date: today,
    });
    for (const url of [
      '/invoices',
      `/invoices/${id}`,
      `/invoices/${id}/pdf`,
      `/companies/${companyId}/invoices`,
    ]) {
      const res = await suite.app.inject({ url, headers: { cookie: `st_portal=${token}` } });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location).toMatch(/^\/login/);
    }
    expect((await get('/invoices/nope', admin)).statusCode).toBe(404);
  });
});
