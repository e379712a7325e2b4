// The two cards the company page shows (the lead places them): what they say in each state.
import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { ReminderLogPage, ReminderPauseControl } from './views/pages.tsx';
import { CompanyReceivables } from '../receivables/views/company-receivables.tsx';

describe('company page cards', () => {
  it('pause control: a reason form when active, the reason and Resume when paused, nothing to press without billing.write', () => {
    const active = render(
      <ReminderPauseControl companyId="c1" paused={false} reason={null} csrf="tok" canWrite />,
    );
    expect(active).toContain('action="/companies/c1/reminders/pause"');
    expect(active).toContain('name="_csrf" value="tok"');
    expect(active).toContain('name="reason"');
    const paused = render(
      <ReminderPauseControl companyId="c1" paused reason="Invoice disputed" csrf="tok" canWrite />,
    );
    expect(paused).toContain('Invoice disputed');
    expect(paused).toContain('action="/companies/c1/reminders/resume"');
    expect(
      render(<ReminderPauseControl companyId="c1" paused reason="x" csrf="tok" canWrite={false} />),
    ).not.toContain('<form');
  });
  it('receivables card: balance, credit, past due and the aging row', () => {
    const html = render(
      <CompanyReceivables
        companyId="c1"
        balanceCents={11500}
        openInvoiceCents={13000}
        unappliedCreditCents={1500}
        currency="USD"
        aging={{
          currentCents: 3000,
          days1To30Cents: 10000,
          days31To60Cents: 0,
          days61To90Cents: 0,
          over90Cents: 0,
          totalCents: 13000,
        }}
      />,
    );
    for (const s of [
      '$115.00',
      '$130.00',
      '$15.00',
      'Past due',
      '$100.00',
      '/companies/c1/statement',
      '/reports/aging/c1',
    ])
      expect(html).toContain(s);
  });
  it('reminder log: a row still "sending" 15 minutes after its claim shows as interrupted; a fresh one as sending', () => {
    const now = Date.parse('2026-06-15T12:00:00.000Z');
    const row = (id: string, createdAt: string) => ({
      id,
      createdAt,
      step: 'after-7',
      status: 'sending',
      to: 'ap@alpha.test',
      invoiceId: `inv-${id}`,
      number: `INV-${id}`,
      companyId: 'c1',
      companyName: 'Alpha',
    });
    const html = render(
      <ReminderLogPage
        items={[row('1', '2026-06-15T11:50:00.000Z'), row('2', '2026-06-15T11:30:00.000Z')]}
        total={2}
        query={{ page: 1, size: 50 }}
        companyName={null}
        formatTime={(iso) => iso}
        now={now}
      />,
    );
    expect(html.match(/>sending</g)).toHaveLength(1);
    expect(html.match(/>interrupted</g)).toHaveLength(1);
    expect(html.indexOf('INV-1')).toBeLessThan(html.indexOf('>sending<'));
    expect(html.indexOf('INV-2')).toBeLessThan(html.indexOf('>interrupted<'));
  });
});
