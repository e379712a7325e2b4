// Payment reminders delivered to a real SMTP server on loopback: the latest due step once per
// invoice (older ones skipped), nothing more on a re-run or when two runs race, nothing for a paused
// company or one without an address, the wording's placeholders, the invoice PDF attached; late fees
// once per invoice and rule; the settings page, the log and the pause, with roles; on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { useSmtp } from '../../../test/support/smtp.ts';
import { postForm, signInAs } from '../../../test/support/app.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { withActor, type Ctx } from '../../platform/context.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { createContact } from '../contacts/service.ts';
import { updateCompany } from '../companies/service.ts';
import { DEFAULT_INVOICE_SETTINGS, writeInvoiceSettings } from '../invoices/settings.ts';
import { findInvoice } from '../invoices/queries.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { invoice } from '../receivables/test-fixtures.ts';
import { runLateFees, runReminders } from './run.ts';
import {
  DEFAULT_REMINDER_SETTINGS,
  writeReminderSettings,
  type ReminderSettings,
} from './settings.ts';
import { percentToBp } from './forms.ts';

const toAddress = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const AS_OF = '2026-06-15';

describe.each(DIALECTS)('payment reminders on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, {
    deps: () => ({ mailer: smtp.mailer('Acme IT <billing@acme.test>') }),
  });
  let system: Ctx;
  let ids: Record<string, string>;
  let co: Record<string, string>;

  const settings = (over: Partial<ReminderSettings> = {}) =>
    writeReminderSettings(
      suite.db,
      { ...DEFAULT_REMINDER_SETTINGS, enabled: true, ...over },
      new Date().toISOString(),
    );
  const rows = async () =>
    (
      await suite.db
        .selectFrom('invoice_reminders')
        .select(['invoice_id', 'step', 'status', 'to_address'])
        .execute()
    )
      .map(
        (r) =>
          `${Object.entries(ids).find(([, v]) => v === r.invoice_id)?.[0]}:${r.step}:${r.status}`,
      )
      .sort();
  const inboxKeys = () => smtp.inbox.map((m) => `${toAddress(m)}|${m.subject}`).sort();
  const settle = async (n: number) => {
    for (let i = 0; i < 100 && smtp.inbox.length < n; i++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 50));
  };

  beforeEach(async () => {
    system = withActor(suite.deps, { type: 'system', label: 'test' });
    const admin = await staffCtx(suite.deps, 'admin');
    await writeInvoiceSettings(
      suite.db,
      { ...DEFAULT_INVOICE_SETTINGS, paymentUrl: 'https://pay.acme.test/{number}' },
      new Date().toISOString(),
    );
    co = {
      alpha: (await company(suite.deps, 'Alpha Dental')).id,
      beta: (await company(suite.deps, 'Beta Law')).id,
      gamma: (await company(suite.deps, 'Gamma Farms')).id,
      delta: (await company(suite.deps, 'Delta (no email)')).id,
    };
    // Alpha: a billing contact (wins over the company address); Beta: paused; Gamma: the company address only.
    const contact = await createContact(admin, co.alpha, {
      name: 'Pat Payables',
      email: 'ap@alpha.test',
    });
    await updateCompany(admin, co.alpha, {
      email: 'office@alpha.test',
      billingContactId: contact.id,
    });
    await suite.db
      .updateTable('companies')
      .set({ email: 'office@beta.test', reminders_paused: 1, reminders_paused_reason: 'Disputed' })
      .where('id', '=', co.beta)
      .execute();
    await suite.db
      .updateTable('companies')
      .set({ email: 'office@gamma.test' })
      .where('id', '=', co.gamma)
      .execute();
    const d = (n: number) => addDaysToDate(AS_OF, n);
    ids = {
      a3before: await invoice(suite.db, co.alpha, {
        issueDate: d(-27),
        dueDate: d(3),
        total: 10000,
        number: 'INV-A1',
      }),
      aDue: await invoice(suite.db, co.alpha, {
        issueDate: d(-30),
        dueDate: d(0),
        total: 20000,
        number: 'INV-A2',
      }),
      a7: await invoice(suite.db, co.alpha, {
        issueDate: d(-37),
        dueDate: d(-7),
        total: 30000,
        paid: 5000,
        number: 'INV-A3',
      }),
      a20: await invoice(suite.db, co.alpha, {
        issueDate: d(-50),
        dueDate: d(-20),
        total: 40000,
        number: 'INV-A4',
      }),
      aOld: await invoice(suite.db, co.alpha, {
        issueDate: d(-130),
        dueDate: d(-100),
        total: 50000,
        number: 'INV-A5',
      }),
      aLater: await invoice(suite.db, co.alpha, {
        issueDate: d(-20),
        dueDate: d(10),
        total: 60000,
        number: 'INV-A6',
      }),
      aPaid: await invoice(suite.db, co.alpha, {
        issueDate: d(-37),
        dueDate: d(-7),
        total: 70000,
        paid: 70000,
        number: 'INV-A7',
      }),
      aVoid: await invoice(suite.db, co.alpha, {
        issueDate: d(-37),
        dueDate: d(-7),
        total: 80000,
        status: 'void',
        voidedAt: '2026-06-01T12:00:00.000Z',
        number: 'INV-A8',
      }),
      b7: await invoice(suite.db, co.beta, {
        issueDate: d(-37),
        dueDate: d(-7),
        total: 11000,
        number: 'INV-B1',
      }),
      g1: await invoice(suite.db, co.gamma, {
        issueDate: d(-31),
        dueDate: d(-1),
        total: 12000,
        number: 'INV-G1',
      }),
      d7: await invoice(suite.db, co.delta, {
        issueDate: d(-37),
        dueDate: d(-7),
        total: 13000,
        number: 'INV-D1',
      }),
    };
  });

  it('sends the latest step due once per invoice, skips older ones, and a re-run sends nothing', async () => {
    await settings();
    const r = await runReminders(system, { asOf: AS_OF });
    expect(r).toMatchObject({
      sent: 5,
      failed: 0,
      logged: 0,
      skippedSteps: 7,
      noRecipient: 1,
      claimedElsewhere: 0,
    });
    await settle(5);
    expect(inboxKeys()).toEqual([
      'ap@alpha.test|Invoice INV-A2 is due today',
      'ap@alpha.test|Overdue: invoice INV-A3 was due on Jun 8, 2026',
      'ap@alpha.test|Overdue: invoice INV-A4 was due on May 26, 2026',
      'ap@alpha.test|Reminder: invoice INV-A1 is due on Jun 18, 2026',
      'office@gamma.test|Overdue: invoice INV-G1 was due on Jun 14, 2026',
    ]);
    expect(await rows()).toEqual([
      'a20:after-14:sent',
      'a20:after-7:skipped',
      'a20:before-3:skipped',
      'a20:due:skipped',
      'a3before:before-3:sent',
      'a7:after-7:sent',
      'a7:before-3:skipped',
      'a7:due:skipped',
      'aDue:before-3:skipped',
      'aDue:due:sent',
      'g1:before-3:skipped',
      'g1:due:sent',
    ]);
    const a3 = smtp.inbox.find((m) => m.subject?.includes('INV-A3'))!;
    expect(a3.text).toContain('Hello Alpha Dental');
    expect(a3.text).toContain('is 7 days past due with $250.00 outstanding');
    expect(a3.text).toContain('https://pay.acme.test/INV-A3');
    expect(a3.attachments.map((x) => [x.filename, x.contentType])).toEqual([
      ['INV-A3.pdf', 'application/pdf'],
    ]);
    expect(await pdfText(a3.attachments[0].content)).toContain('INV-A3');
    const log = await suite.db
      .selectFrom('email_log')
      .select(['kind', 'status', 'entity_id'])
      .where('kind', '=', 'reminder')
      .execute();
    expect(log).toHaveLength(5);
    expect(log.every((l) => l.status === 'sent')).toBe(true);

    const again = await runReminders(system, { asOf: AS_OF });
    expect(again).toMatchObject({ sent: 0, skippedSteps: 0 });
    await settle(6);
    expect(smtp.inbox).toHaveLength(5);
  });

  it('two runs at once deliver each step once', async () => {
    await settings();
    const [x, y] = await Promise.all([
      runReminders(system, { asOf: AS_OF }),
      runReminders(system, { asOf: AS_OF }),
    ]);
    expect(x.sent + y.sent).toBe(5);
    await settle(5);
    expect(smtp.inbox).toHaveLength(5);
    // A week later: the next steps, again raced.
    const later = addDaysToDate(AS_OF, 7);
    const [p, q] = await Promise.all([
      runReminders(system, { asOf: later }),
      runReminders(system, { asOf: later }),
    ]);
    expect(p.sent + q.sent).toBe(5);
    await settle(10);
    expect(smtp.inbox).toHaveLength(10);
    const subjects = smtp.inbox
      .slice(5)
      .map((m) => m.subject)
      .sort();
    expect(subjects).toEqual([
      'Overdue: invoice INV-A1 was due on Jun 18, 2026',
      'Overdue: invoice INV-A2 was due on Jun 15, 2026',
      'Overdue: invoice INV-A3 was due on Jun 8, 2026',
      'Overdue: invoice INV-G1 was due on Jun 14, 2026',
      'Reminder: invoice INV-A6 is due on Jun 25, 2026',
    ]);
    const sent = (await rows()).filter((k) => k.endsWith(':sent'));
    expect(sent).toEqual([
      'a20:after-14:sent',
      'a3before:before-3:sent',
      'a3before:due:sent',
      'a7:after-14:sent',
      'a7:after-7:sent',
      'aDue:after-7:sent',
      'aDue:due:sent',
      'aLater:before-3:sent',
      'g1:after-7:sent',
      'g1:due:sent',
    ]);
  });

  it('a paused company gets none until resumed; reminders off sends nothing; pause and resume are audited and need billing.write', async () => {
    await settings({ enabled: false });
    expect((await runReminders(system, { asOf: AS_OF })).sent).toBe(0);
    await settings();
    await runReminders(system, { asOf: AS_OF });
    await settle(5);
    expect(smtp.inbox.some((m) => toAddress(m) === 'office@beta.test')).toBe(false);
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    expect(
      (await postForm(suite.app, tech, `/companies/${co.beta}/reminders/resume`, {})).statusCode,
    ).toBe(403);
    const staff = await signInAs(suite.app, suite.deps, 'billing');
    expect(
      (await postForm(suite.app, staff, `/companies/${co.beta}/reminders/resume`, {})).statusCode,
    ).toBe(302);
    const r = await runReminders(system, { asOf: AS_OF });
    expect(r.sent).toBe(1);
    await settle(6);
    expect(
      smtp.inbox.filter((m) => toAddress(m) === 'office@beta.test').map((m) => m.subject),
    ).toEqual(['Overdue: invoice INV-B1 was due on Jun 8, 2026']);
    expect(
      (await postForm(suite.app, staff, `/companies/${co.gamma}/reminders/pause`, { reason: '' }))
        .statusCode,
    ).toBe(302);
    expect(
      (
        await suite.db
          .selectFrom('companies')
          .select('reminders_paused')
          .where('id', '=', co.gamma)
          .executeTakeFirstOrThrow()
      ).reminders_paused,
    ).toBe(0);
    expect(
      (
        await postForm(suite.app, staff, `/companies/${co.gamma}/reminders/pause`, {
          reason: 'Invoice disputed',
        })
      ).statusCode,
    ).toBe(302);
    const g = await suite.db
      .selectFrom('companies')
      .select(['reminders_paused', 'reminders_paused_reason'])
      .where('id', '=', co.gamma)
      .executeTakeFirstOrThrow();
    expect([Number(g.reminders_paused), g.reminders_paused_reason]).toEqual([
      1,
      'Invoice disputed',
    ]);
    const week = await runReminders(system, { asOf: addDaysToDate(AS_OF, 7) });
    expect(week.sent).toBe(5); // Alpha's four and Beta's; Gamma is paused now
    await settle(11);
    expect(smtp.inbox.filter((m) => toAddress(m) === 'office@gamma.test')).toHaveLength(1);
    const actions = (
      await suite.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'company.reminders_%')
        .execute()
    )
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(['company.reminders_pause', 'company.reminders_resume']);
  });

  it('late fee: once per invoice and rule (re-run and concurrent), on its own issued invoice; off by default', async () => {
    expect((await runLateFees(system, { asOf: AS_OF })).created).toBe(0);
    await settings({
      enabled: false,
      lateFee: {
        enabled: true,
        rule: 'late-30',
        mode: 'flat',
        flatCents: 2500,
        percentBp: 0,
        afterDays: 30,
        effectiveFrom: '2026-01-01',
      },
    });
    const r = await runReminders(system, { asOf: AS_OF });
    expect(r.sent).toBe(0);
    expect(r.lateFees.created).toBe(1); // only INV-A5 is 30+ days overdue
    const fee = (await findInvoice(suite.db, r.lateFees.feeInvoiceIds[0]))!;
    expect(fee).toMatchObject({
      status: 'issued',
      kind: 'invoice',
      companyId: co.alpha,
      totalCents: 2500,
      balanceCents: 2500,
    });
    expect(fee.number).toMatch(/^INV-2026-\d{5}$/);
    expect(fee.lines[0].description).toBe('Late fee on INV-A5 (due Mar 7, 2026)');
    expect((await runLateFees(system, { asOf: AS_OF })).created).toBe(0);
    // 40 days on, INV-A3 (7 days late on AS_OF) and the others cross 30 days: raced, each charged once.
    const later = addDaysToDate(AS_OF, 40);
    const [x, y] = await Promise.all([
      runLateFees(system, { asOf: later }),
      runLateFees(system, { asOf: later }),
    ]);
    const fees = await suite.db
      .selectFrom('late_fees')
      .select(['invoice_id', 'rule', 'amount_cents'])
      .execute();
    expect(x.created + y.created).toBe(fees.length - 1);
    const charged = fees
      .map((f) => Object.entries(ids).find(([, v]) => v === f.invoice_id)?.[0])
      .sort();
    // Not Beta (paused), not the fee invoice itself, not paid or void ones; Delta has no address but is still charged.
    expect(charged).toEqual(['a20', 'a3before', 'a7', 'aDue', 'aLater', 'aOld', 'd7', 'g1']);
    expect(x.errors.concat(y.errors)).toEqual([]);
    // A second rule charges again, as a percentage of the balance.
    await settings({
      enabled: false,
      lateFee: {
        enabled: true,
        rule: 'interest',
        mode: 'percent',
        flatCents: 0,
        percentBp: percentToBp('1.5')!,
        afterDays: 30,
        effectiveFrom: '2026-01-01',
      },
    });
    const pct = await runLateFees(system, { asOf: AS_OF });
    expect(pct.created).toBe(1);
    expect((await findInvoice(suite.db, pct.feeInvoiceIds[0]))!.totalCents).toBe(750); // 1.5% of 50,000
  });

  it('settings page: off by default, saves, validates with field messages; the log page filters; roles', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    const page = await suite.app.inject({
      method: 'GET',
      url: '/settings/reminders',
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/name="enabled"[^>]*checked/);
    expect(page.body).toContain('-3, 0, 7, 14, 30');
    const form = {
      enabled: 'on',
      steps: '−5, 0, 10',
      beforeSubject: 'Soon: {number}',
      beforeBody: 'Pay {balance}',
      dueSubject: 'Today: {number}',
      dueBody: 'Pay {balance}',
      overdueSubject: 'Late: {number}',
      overdueBody: 'Pay {balance} ({daysLate} days)',
      lateFeeRule: 'late-fee',
      lateFeeMode: 'flat',
      lateFeeFlat: '25.00',
      lateFeePercent: '1.5',
      lateFeeAfterDays: '30',
      lateFeeEffectiveFrom: '',
    };
    expect((await postForm(suite.app, admin, '/settings/reminders', form)).statusCode).toBe(302);
    const bad = await postForm(suite.app, admin, '/settings/reminders', {
      ...form,
      steps: '0, 0',
      overdueSubject: '',
      lateFeeFlat: 'abc',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Flat fee must be an amount like 25.00');
    await postForm(suite.app, admin, '/settings/reminders', {
      ...form,
      steps: '0, 0',
      overdueSubject: '',
    }).then((res) => {
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Each day may appear once');
      expect(res.body).toContain('Subject is required');
    });
    // Steps −5, 0, 10: INV-A4 (20 days late) is past the last step's catch-up window and is left alone.
    const r = await runReminders(system, { asOf: AS_OF });
    expect(r.sent).toBe(4);
    await settle(4);
    expect(inboxKeys()).toEqual([
      'ap@alpha.test|Late: INV-A3',
      'ap@alpha.test|Soon: INV-A1',
      'ap@alpha.test|Today: INV-A2',
      'office@gamma.test|Late: INV-G1',
    ]);
    expect(smtp.inbox.find((m) => m.subject === 'Late: INV-A3')!.text?.trim()).toBe(
      'Pay $250.00 (7 days)',
    );
    const staff = await signInAs(suite.app, suite.deps, 'readonly');
    const log = await suite.app.inject({
      method: 'GET',
      url: `/reports/reminders?companyId=${co.gamma}`,
      headers: { cookie: staff.cookie },
    });
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('INV-G1');
    expect(log.body).not.toContain('INV-A3');
    const skipped = await suite.app.inject({
      method: 'GET',
      url: '/reports/reminders?status=skipped',
      headers: { cookie: staff.cookie },
    });
    expect(skipped.body).toContain('INV-A3');
    expect(skipped.body).not.toContain('INV-A1<');
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    for (const url of ['/settings/reminders', '/reports/reminders'])
      expect(
        (await suite.app.inject({ method: 'GET', url, headers: { cookie: tech.cookie } }))
          .statusCode,
      ).toBe(403);
    expect(
      (
        await suite.app.inject({
          method: 'GET',
          url: '/settings/reminders',
          headers: { cookie: staff.cookie },
        })
      ).statusCode,
    ).toBe(403);
    expect((await postForm(suite.app, tech, '/settings/reminders', form)).statusCode).toBe(403);
  });
});
