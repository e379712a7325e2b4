// The company page's activity in words: every common audit action reads as a sentence with who did
// it, money only for staff who see billing, and an unknown action still reads as words.
import { describe, expect, it } from 'vitest';
import { activitySentence, actorName, type ActivityRow } from './activity.ts';

const ann = { actorType: 'staff', actorLabel: 'Ann Lee <ann@acme.test>' };
const row = (
  action: string,
  summary: Record<string, unknown> | null,
  over: Partial<ActivityRow> = {},
): ActivityRow => ({
  action,
  ...ann,
  entityType: action.split('.')[0],
  entityId: 'e1',
  summary: summary ? JSON.stringify(summary) : null,
  ...over,
});
const say = (r: ActivityRow, names: Record<string, string> = {}, showMoney = true) =>
  activitySentence(r, { currency: 'USD', showMoney, names: new Map(Object.entries(names)) });

describe('activity sentences', () => {
  it('names the actor without the email; customers and system actors say what they are', () => {
    expect(actorName(ann)).toBe('Ann Lee');
    expect(actorName({ actorType: 'contact', actorLabel: 'Beth Morgan <beth@x.test>' })).toBe(
      'Beth Morgan (customer)',
    );
    expect(actorName({ actorType: 'system', actorLabel: 'billing run' })).toBe('the billing run');
    expect(actorName({ actorType: 'system', actorLabel: 'Stripe webhook' })).toBe('Stripe webhook');
    expect(actorName({ actorType: 'staff', actorLabel: 'Kim (API key)' })).toBe('Kim (API key)');
  });

  it('money: payments, invoices, credit notes, refunds, reminders, statements', () => {
    expect(
      say(
        row('payment.record', {
          amountCents: 50_000,
          method: 'check',
          reference: '9740',
          feeCents: 0,
          provider: null,
          allocations: [{ invoice: 'INV-2026-00012', amountCents: 50_000 }],
        }),
      ),
    ).toBe('Payment of $500.00 (check 9740) recorded by Ann Lee, applied to INV-2026-00012');
    expect(
      say(
        row('payment.record', {
          amountCents: 12_345,
          method: 'cash',
          reference: null,
          allocations: [
            { invoice: 'A', amountCents: 1 },
            { invoice: 'B', amountCents: 2 },
          ],
        }),
      ),
    ).toBe('Payment of $123.45 (cash) recorded by Ann Lee, applied to 2 invoices');
    expect(say(row('payment.void', { amountCents: 50_000, reason: 'bounced' }))).toBe(
      'Payment of $500.00 voided by Ann Lee: bounced',
    );
    expect(say(row('payment.refund', { amountCents: 2_500 }))).toBe(
      'Refund of $25.00 issued by Ann Lee',
    );
    expect(say(row('payment.apply_credit', { usedCents: 1_000, allocations: [] }))).toBe(
      'Credit of $10.00 applied to open invoices by Ann Lee',
    );
    expect(
      say(
        row('invoice.issue', {
          number: 'INV-2026-00012',
          totalCents: 123_400,
          dueDate: '2026-12-31',
        }),
      ),
    ).toBe('Invoice INV-2026-00012 issued by Ann Lee: $1,234.00, due 2026-12-31');
    expect(
      say(
        row(
          'invoice.create',
          { billingRunId: 'r', totalCents: 145_000 },
          { actorType: 'system', actorLabel: 'billing run' },
        ),
      ),
    ).toBe('Draft invoice for $1,450.00 created by the billing run');
    expect(say(row('invoice.void', { number: 'INV-7', reason: 'duplicate' }))).toBe(
      'Invoice INV-7 voided by Ann Lee: duplicate',
    );
    expect(say(row('credit_note.issue', { number: 'CN-3', totalCents: 5_000 }))).toBe(
      'Credit note CN-3 of $50.00 issued by Ann Lee',
    );
    expect(say(row('credit_note.void', { number: 'CN-3' }))).toBe(
      'Credit note CN-3 voided by Ann Lee',
    );
    // invoice.send names no number: it comes from the invoice the row points at.
    expect(say(row('invoice.send', { to: 'office@x.test', status: 'sent' }), { e1: 'INV-9' })).toBe(
      'Invoice INV-9 emailed to office@x.test by Ann Lee',
    );
    expect(
      say(row('invoice.send', { to: 'office@x.test', status: 'failed', error: 'x' }), {
        e1: 'INV-9',
      }),
    ).toBe('Invoice INV-9 could not be emailed to office@x.test');
    expect(
      say(
        row(
          'invoice.reminder',
          { step: 'after-7', to: 'office@x.test', status: 'sent' },
          { actorType: 'system', actorLabel: 'scheduler' },
        ),
        { e1: 'INV-9' },
      ),
    ).toBe('Payment reminder for INV-9 emailed to office@x.test');
    expect(say(row('statement.send', { to: 'ap@x.test', status: 'sent' }))).toBe(
      'Statement emailed to ap@x.test by Ann Lee',
    );
    expect(say(row('invoice.late_fee', { amountCents: 2_500 }), { e1: 'INV-9' })).toBe(
      'Late fee of $25.00 charged on INV-9',
    );
  });

  it('leaves amounts out for staff who do not see billing', () => {
    const r = row('payment.record', { amountCents: 50_000, method: 'check', reference: '1' });
    expect(say(r, {}, false)).toBe('Payment (check 1) recorded by Ann Lee');
    expect(
      say(row('invoice.issue', { number: 'INV-1', totalCents: 1, dueDate: 'D' }), {}, false),
    ).toBe('Invoice INV-1 issued by Ann Lee: due D');
    expect(say(row('payment.refund', { amountCents: 1 }), {}, false)).toBe(
      'Refund issued by Ann Lee',
    );
  });

  it('work: work orders, time, parts', () => {
    expect(
      say(
        row(
          'work_order.create',
          { number: 1042, title: 'Printer offline', source: 'portal' },
          { actorType: 'contact', actorLabel: 'Beth Morgan <beth@x.test>' },
        ),
      ),
    ).toBe('Work order WO-01042 “Printer offline” opened by Beth Morgan (customer) in the portal');
    const wo = { e1: 'WO-01042 “Printer offline”' };
    expect(say(row('work_order.status', { from: 'in_progress', to: 'waiting_parts' }), wo)).toBe(
      'Work order WO-01042 “Printer offline” moved from In progress to Waiting on parts by Ann Lee',
    );
    expect(say(row('work_order.update', { assignedToId: [null, 'u2'] }), wo)).toBe(
      'Work order WO-01042 “Printer offline” reassigned by Ann Lee',
    );
    expect(
      say(
        row('work_order.update', { dueOn: [null, '2026-12-01'], priority: ['normal', 'high'] }),
        wo,
      ),
    ).toBe('Work order WO-01042 “Printer offline” updated by Ann Lee: due on and priority');
    expect(say(row('work_order.reply', { visibility: 'public', length: 12 }), wo)).toBe(
      'Reply to the customer on work order WO-01042 “Printer offline” by Ann Lee',
    );
    expect(say(row('work_order.note', { visibility: 'internal' }), wo)).toBe(
      'Internal note on work order WO-01042 “Printer offline” by Ann Lee',
    );
    const t = { entityType: 'time_entry' };
    expect(say(row('time.create', { workOrder: 'WO-01042', minutes: 75 }, t))).toBe(
      '1:15 logged on work order WO-01042 by Ann Lee',
    );
    expect(say(row('time.start', { workOrder: 'WO-01042' }, t))).toBe(
      'Timer started on work order WO-01042 by Ann Lee',
    );
    expect(say(row('time.stop', { workOrder: 'WO-01042', minutes: 30 }, t))).toBe(
      'Timer stopped on work order WO-01042 by Ann Lee: 0:30',
    );
    expect(say(row('time.delete', { minutes: 45 }, t))).toBe(
      'Time entry of 0:45 deleted by Ann Lee',
    );
    expect(
      say(
        row(
          'part.create',
          { workOrder: 'WO-01042', description: 'Toner' },
          { entityType: 'work_order_part' },
        ),
      ),
    ).toBe('Part “Toner” added to work order WO-01042 by Ann Lee');
  });

  it('estate: assets, vault, documents, contacts, the company itself', () => {
    expect(say(row('asset.create', { name: 'Front desk PC', category: 'Computers' }))).toBe(
      'Asset “Front desk PC” added by Ann Lee',
    );
    expect(say(row('asset.update', { serial: ['A', 'B'] }), { e1: 'Front desk PC' })).toBe(
      'Asset “Front desk PC” updated by Ann Lee: serial',
    );
    expect(
      say(row('asset.status', { status: ['in_service', 'retired'] }), { e1: 'Front desk PC' }),
    ).toBe('Asset “Front desk PC” marked retired by Ann Lee');
    expect(say(row('asset.import', { count: 12, file: 'assets.csv' }))).toBe(
      '12 assets imported from assets.csv by Ann Lee',
    );
    expect(say(row('credential.reveal', { label: 'Router admin', field: 'password' }))).toBe(
      'Password of “Router admin” revealed by Ann Lee',
    );
    expect(say(row('credential.copy', { label: 'Router admin', field: 'totp' }))).toBe(
      'One-time code of “Router admin” copied by Ann Lee',
    );
    expect(say(row('credential.reveal', { label: 'Router admin' }))).toBe(
      'Credential “Router admin” revealed by Ann Lee',
    );
    expect(say(row('credential.create', { label: 'Wi-Fi', password: 'set' }))).toBe(
      'Credential “Wi-Fi” added by Ann Lee',
    );
    expect(say(row('document.upload', { filename: 'contract.pdf', sizeBytes: 10 }))).toBe(
      'Document “contract.pdf” uploaded by Ann Lee',
    );
    expect(say(row('contact.create', { name: 'Beth Morgan', email: 'b@x.test' }))).toBe(
      'Contact Beth Morgan added by Ann Lee',
    );
    expect(say(row('company.create', { name: 'Riverside', monthlyRateCents: 1 }))).toBe(
      'Company added by Ann Lee',
    );
    expect(
      say(
        row('company.update', { phone: ['1', '2'], billingDay: [1, 5], monthlyRateCents: [1, 2] }),
      ),
    ).toBe('Company details updated by Ann Lee: phone, billing day and monthly rate');
    expect(say(row('company.reminders_pause', { reason: 'disputed' }))).toBe(
      'Payment reminders paused by Ann Lee: disputed',
    );
    expect(say(row('company.hourly_rate', { hourlyRateCents: 12_500 }))).toBe(
      'Hourly rate set to $125.00 by Ann Lee',
    );
    expect(say(row('company_service.create', { description: 'Backup', unitPriceCents: 1 }))).toBe(
      'Service “Backup” added by Ann Lee',
    );
  });

  it('falls back to words for an action it does not know, and survives a bad summary', () => {
    expect(say(row('widget.frob_hard', { a: 1 }))).toBe('Widget frob hard by Ann Lee');
    expect(say(row('work_order.escalate', null), { e1: 'WO-00001 “X”' })).toBe(
      'Work order WO-00001 “X” escalate by Ann Lee',
    );
    expect(say(row('payment.record', null, { summary: '{not json' }))).toBe(
      'Payment recorded by Ann Lee',
    );
    expect(say(row('invoice.issue', null), {})).toBe('Invoice issued by Ann Lee');
    // Nothing from a summary is ever shown as JSON.
    expect(say(row('company.update', { notes: ['a', { b: 1 }] }))).not.toContain('{');
  });
});
