// The run's emails through a real SMTP server: each invoice is received exactly once, and an
// invoice a run issued but could not email is sent by the next run.
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { useSmtp } from '../../../test/support/smtp.ts';
import { quietLog, testDeps } from '../../../test/support/app.ts';
import { withActor, type Deps } from '../../platform/context.ts';
import { createMailer } from '../../platform/mailer.ts';
import { runBilling } from './run.ts';
import { billedCompany } from './test-helpers.ts';

/** A loopback port with nothing listening (connections are refused). */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.each(DIALECTS)('billing run emails on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, { app: false });
  let working: Deps;
  let broken: Deps;
  const from = 'Acme IT <billing@acme.test>';

  beforeAll(async () => {
    working = testDeps(suite.db, dialect, { mailer: smtp.mailer(from) });
    broken = testDeps(suite.db, dialect, {
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${await deadPort()}`,
        from,
        log: quietLog,
      }),
    });
  });

  it('emails each issued invoice once, even when run again; one not emailed by a failed send goes out with the next run', async () => {
    for (const [i, name] of ['North Clinic', 'South Clinic', 'East Clinic'].entries()) {
      const id = await billedCompany(working, name);
      await suite.db
        .updateTable('companies')
        .set({ email: `ap${i}@clinic${i}.test` })
        .where('id', '=', id)
        .execute();
    }
    // The mail server is unreachable: invoices are issued, each failure reported, none lost.
    const first = await runBilling(withActor(broken, { type: 'system', label: 'scheduler' }), {
      asOf: '2026-12-01',
      trigger: 'scheduler',
    });
    expect(first.invoicesCreated).toBe(3);
    expect(first.sendErrors).toHaveLength(3);
    expect(first.emailed).toBe(0);
    expect(smtp.inbox).toHaveLength(0);
    // The next run creates nothing but sends the three it could not.
    const second = await runBilling(withActor(working, { type: 'system', label: 'scheduler' }), {
      asOf: '2026-12-01',
      trigger: 'scheduler',
    });
    expect(second).toMatchObject({ invoicesCreated: 0, skipped: 3, sendErrors: [], emailed: 3 });
    expect(smtp.inbox.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text).sort()).toEqual([
      'ap0@clinic0.test',
      'ap1@clinic1.test',
      'ap2@clinic2.test',
    ]);
    expect(
      smtp.inbox.every((m) => m.attachments.some((a) => a.contentType === 'application/pdf')),
    ).toBe(true);
    // Next month's run emails its own invoices only.
    const third = await runBilling(withActor(working, { type: 'system', label: 'scheduler' }), {
      asOf: '2027-01-01',
      trigger: 'scheduler',
    });
    expect(third).toMatchObject({ invoicesCreated: 3, emailed: 3 });
    const again = await runBilling(withActor(working, { type: 'system', label: 'scheduler' }), {
      asOf: '2027-01-01',
      trigger: 'scheduler',
    });
    expect(again).toMatchObject({ invoicesCreated: 0, emailed: 0 });
    expect(smtp.inbox).toHaveLength(6);
    const subjects = smtp.inbox.map((m) => m.subject);
    expect(new Set(subjects).size).toBe(6);
  }, 60_000);
});
