import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  postForm,
  signInAs,
  getPage,
  followRedirect,
  type Agent,
} from '../../../test/support/app.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { company } from '../time/test-helpers.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';
import { render } from 'preact-render-to-string';
import { allocationsForInvoice } from './queries.ts';
import { InvoicePayments } from './views/invoice-payments.tsx';

describe.each(DIALECTS)('payment pages on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let billing: Agent;
  let tech: Agent;
  let readonly: Agent;
  let companyId: string;
  let today: string;
  let older: string;
  let newer: string;
  const get = (url: string, agent: Agent) => getPage(suite.app, agent, url);
  const inv = (id: string) =>
    suite.db
      .selectFrom('invoices')
      .select(['paid_cents', 'balance_cents'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => ({ paid: Number(r.paid_cents), balance: Number(r.balance_cents) }));

  beforeEach(async () => {
    [billing, tech, readonly] = [
      await signInAs(suite.app, suite.deps, 'billing'),
      await signInAs(suite.app, suite.deps, 'technician'),
      await signInAs(suite.app, suite.deps, 'readonly'),
    ];
    companyId = (await company(suite.deps, 'Riverside Dental')).id;
    today = await businessToday(suite.deps);
    older = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00001',
      status: 'issued',
      issue_date: addDaysToDate(today, -45),
      due_date: addDaysToDate(today, -15),
      total_cents: 30000,
      balance_cents: 30000,
    });
    newer = await invoiceRow(suite.t, companyId, {
      number: 'INV-2026-00002',
      status: 'issued',
      issue_date: addDaysToDate(today, -5),
      due_date: addDaysToDate(today, 25),
      total_cents: 20000,
      balance_cents: 20000,
    });
  });

  it('records a partial check oldest first, shows it on the payment page, the list (totals row), deposits and the invoice component', async () => {
    const choose = await get('/payments/new', billing);
    expect(choose.body).toMatch(
      /Companies with open invoices[\s\S]*Riverside Dental[\s\S]*\$500\.00/,
    );
    expect((await get('/payments/new?company=riverside', billing)).headers.location).toBe(
      `/payments/new?companyId=${companyId}`,
    );
    const form = await get(`/payments/new?companyId=${companyId}`, billing);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/INV-2026-00001[\s\S]*INV-2026-00002/);
    expect(form.body).toContain('Allocate automatically (oldest first');
    const res = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '350.00',
      method: 'check',
      reference: '10234',
      receivedOn: today,
      depositBatch: 'B-1',
      memo: 'March',
      mode: 'auto',
    });
    const page = await followRedirect(suite.app, res, billing);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Payment recorded and applied to 2 invoice(s).');
    expect(page.body).toContain('Check 10234');
    expect(page.body).toMatch(
      /INV-2026-00001<\/a>[\s\S]*\$300\.00[\s\S]*INV-2026-00002<\/a>[\s\S]*\$50\.00/,
    );
    expect(await inv(older)).toEqual({ paid: 30000, balance: 0 });
    expect(await inv(newer)).toEqual({ paid: 5000, balance: 15000 });

    const unfiltered = await get('/payments', readonly);
    expect(unfiltered.statusCode).toBe(200);
    expect(/<tfoot>(.*?)<\/tfoot>/s.exec(unfiltered.body)![1]).toContain(
      'filter by company, method, batch or dates to see totals',
    );
    const list = await get('/payments?method=check', readonly);
    expect(list.statusCode).toBe(200);
    const foot = /<tfoot>(.*?)<\/tfoot>/s.exec(list.body)![1];
    expect(foot).toContain('1 payment match');
    expect(foot).toContain('$350.00');
    expect(list.body).not.toContain('Record payment</a>');
    expect((await get('/payments?method=cash', readonly)).body).toContain(
      'No payments match these filters',
    );

    const dep = await get(`/payments/deposits?from=${today}&to=${today}`, readonly);
    expect(dep.body).toContain('Batch B-1');
    expect(dep.body).toMatch(/1 item · \$350\.00/);

    const html = render(
      InvoicePayments({
        allocations: await allocationsForInvoice(suite.db, newer),
        currency: 'USD',
        companyId,
        canWrite: true,
        open: true,
      }),
    );
    expect(html).toContain('Check 10234');
    expect(html).toContain('$50.00');
    expect(html).toContain(`/payments/new?companyId=${companyId}`);
  });

  it('splits by hand, re-renders field errors with the user’s values (422), and the htmx preview shows the credit left', async () => {
    const bad = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '100.00',
      method: 'check',
      reference: '',
      receivedOn: addDaysToDate(today, 2),
      mode: 'manual',
      [`alloc_${newer}`]: '250.00',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Check number is required for a check');
    expect(bad.body).toContain('Date received cannot be in the future');
    expect(bad.body).toContain('value="250.00"');
    const tooMuch = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '300.00',
      method: 'bank',
      reference: 'T1',
      receivedOn: today,
      mode: 'manual',
      [`alloc_${newer}`]: '250.00',
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.body).toMatch(/is-invalid" name="alloc_[^"]+"[^>]*value="250.00"/);
    expect(tooMuch.body).toContain('more than the invoice’s balance');
    const none = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '300.00',
      method: 'bank',
      reference: 'T1',
      receivedOn: today,
      mode: 'manual',
    });
    expect(none.statusCode).toBe(422);

    const pv = await suite.app.inject({
      method: 'POST',
      url: '/payments/preview',
      headers: {
        cookie: billing.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'x-csrf-token': billing.csrf,
        'hx-request': 'true',
      },
      payload: new URLSearchParams({
        companyId,
        amount: '250.00',
        mode: 'manual',
        [`alloc_${newer}`]: '120.00',
      }).toString(),
    });
    expect(pv.statusCode).toBe(200);
    expect(pv.body).toMatch(/data-testid="credit-left">\$130\.00/);
    expect(pv.body).not.toContain('<html');

    const ok = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, '/payments', {
        companyId,
        amount: '250.00',
        method: 'bank',
        reference: 'T1',
        receivedOn: today,
        mode: 'manual',
        [`alloc_${newer}`]: '120.00',
      }),
      billing,
    );
    expect(ok.body).toContain('$130.00 kept as credit');
    expect(await inv(older)).toEqual({ paid: 0, balance: 30000 });
    expect(await inv(newer)).toEqual({ paid: 12000, balance: 8000 });
    expect(ok.body).toContain('Apply credit now');
  });

  it('voids from the payment page (reason required), reopening the invoices and striking the allocations through', async () => {
    const res = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '100.00',
      method: 'cash',
      receivedOn: today,
      mode: 'auto',
    });
    const id = /\/payments\/([^/?]+)$/.exec(res.headers.location as string)![1];
    expect(
      (await postForm(suite.app, billing, `/payments/${id}/void`, { reason: '' })).statusCode,
    ).toBe(422);
    const voided = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/payments/${id}/void`, { reason: 'Recorded twice' }),
      billing,
    );
    expect(voided.body).toContain('The payment was voided');
    expect(voided.body).toContain('Reversed');
    expect(voided.body).toMatch(/<s>\$100\.00<\/s>/);
    expect(await inv(older)).toEqual({ paid: 0, balance: 30000 });
  });

  it('records a dated refund and a dated void from the payment page; a wrong date is shown on its field', async () => {
    const yesterday = addDaysToDate(today, -1);
    const res = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '600.00',
      method: 'check',
      reference: '5150',
      receivedOn: addDaysToDate(today, -3),
      mode: 'auto',
    });
    const id = /\/payments\/([^/?]+)$/.exec(res.headers.location as string)![1];
    const page = await getPage(suite.app, billing, `/payments/${id}`);
    expect(page.body).toContain('name="effectiveOn"');
    expect(page.body).toContain('Record a refund');
    const early = await postForm(suite.app, billing, `/payments/${id}/refund`, {
      refundAmount: '50.00',
      refundOn: addDaysToDate(today, -4),
      refundReason: 'Overpaid',
    });
    expect(early.statusCode).toBe(422);
    expect(early.body).toMatch(/id="f-refundOn-error"[^>]*>Effective date cannot be before/);
    const refunded = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/payments/${id}/refund`, {
        refundAmount: '50.00',
        refundOn: yesterday,
        refundReason: 'Overpaid',
      }),
      billing,
    );
    expect(refunded.body).toContain('The refund was recorded.');
    expect(refunded.body).toContain(`${yesterday}: $50.00 — Overpaid`);
    const refunds = await suite.db.selectFrom('refunds').selectAll().execute();
    expect(refunds.map((r) => [Number(r.amount_cents), r.refunded_on])).toEqual([
      [5000, yesterday],
    ]);
    // Once refunded, the rest is refunded rather than voided: the void form is gone.
    expect(refunded.body).not.toContain('name="effectiveOn"');

    const other = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '20.00',
      method: 'cash',
      receivedOn: addDaysToDate(today, -2),
      mode: 'auto',
    });
    const otherId = /\/payments\/([^/?]+)$/.exec(other.headers.location as string)![1];
    const voided = await followRedirect(
      suite.app,
      await postForm(suite.app, billing, `/payments/${otherId}/void`, {
        reason: 'Counterfeit note',
        effectiveOn: yesterday,
      }),
      billing,
    );
    expect(voided.body).toContain(`Void</strong> from ${yesterday}: Counterfeit note`);
    const row = await suite.db
      .selectFrom('payments')
      .select('voided_on')
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    expect(row.voided_on).toBe(yesterday);
  });

  it('technician and readonly cannot record or void (403); technician cannot see payments; forms need CSRF', async () => {
    const res = await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '10.00',
      method: 'cash',
      receivedOn: today,
      mode: 'auto',
    });
    const id = /\/payments\/([^/?]+)$/.exec(res.headers.location as string)![1];
    for (const who of [tech, readonly]) {
      expect(
        (
          await postForm(suite.app, who, '/payments', {
            companyId,
            amount: '10.00',
            method: 'cash',
            receivedOn: today,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await postForm(suite.app, who, `/payments/${id}/void`, { reason: 'x' })).statusCode,
      ).toBe(403);
      expect((await get(`/payments/new?companyId=${companyId}`, who)).statusCode).toBe(403);
    }
    expect((await get('/payments', tech)).statusCode).toBe(403);
    expect((await get(`/payments/${id}`, readonly)).body).not.toContain('Void payment');
    const noCsrf = await suite.app.inject({
      method: 'POST',
      url: '/payments',
      headers: { cookie: billing.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `companyId=${companyId}&amount=5&method=cash&receivedOn=${today}`,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await suite.db.selectFrom('payments').select('id').execute()).toHaveLength(1);
  });

  it('exports payments as CSV, one row per allocation plus the unapplied rest, formulas neutralised', async () => {
    await postForm(suite.app, billing, '/payments', {
      companyId,
      amount: '600.00',
      method: 'check',
      reference: '=HYPERLINK("x")',
      receivedOn: today,
      mode: 'auto',
    });
    const csv = await get(`/payments/export.csv?from=${today}&to=${today}`, readonly);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('PaymentId,ReceivedOn,Customer');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('INV-2026-00001');
    expect(lines[1]).toMatch(/,300\.00,/);
    expect(lines[3]).toMatch(/,unapplied,,100\.00/);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    const bad = await get(`/payments/export.csv?from=${today}&to=2000-01-01`, readonly);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('To must be on or after From');
    expect((await get('/payments/export', readonly)).statusCode).toBe(200);
  });
});
