// A reminder whose send failed (the SMTP server was down) is sent by the next run while its step is
// still the one due, exactly once even when two runs race for it; a step that went out is never
// sent again; once a later step is due, the failed one is left failed and the later one goes out.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { quietLog } from '../../../test/support/app.ts';
import { withActor, type Ctx } from '../../platform/context.ts';
import { createMailer } from '../../platform/mailer.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { company } from '../time/test-helpers.ts';
import { invoice } from '../receivables/test-fixtures.ts';
import { runReminders } from './run.ts';
import { DEFAULT_REMINDER_SETTINGS, writeReminderSettings } from './settings.ts';

const AS_OF = '2026-06-15';

describe.each(DIALECTS)('a failed reminder is retried on %s', (dialect) => {
  let server: SMTPServer;
  let port: number;
  let received: string[];
  let up: boolean;
  let system: Ctx;
  let invoiceId: string;

  const statuses = async () =>
    (
      await suite.db
        .selectFrom('invoice_reminders')
        .select(['step', 'status'])
        .where('invoice_id', '=', invoiceId)
        .orderBy('step')
        .execute()
    ).map((r) => `${r.step}:${r.status}`);

  beforeAll(async () => {
    // A real SMTP server that refuses every message while `up` is false (a mail server outage).
    server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (!up)
            return callback(Object.assign(new Error('Service unavailable'), { responseCode: 421 }));
          received.push(/^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const suite = useAppSuite(dialect, {
    deps: () => ({
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'Acme IT <billing@acme.test>',
        log: quietLog,
      }),
    }),
    app: false,
  });
  beforeEach(async () => {
    received = [];
    up = false;
    system = withActor(suite.deps, { type: 'system', label: 'test' });
    const co = (await company(suite.deps, 'Alpha Dental')).id;
    await suite.db
      .updateTable('companies')
      .set({ email: 'office@alpha.test' })
      .where('id', '=', co)
      .execute();
    invoiceId = await invoice(suite.db, co, {
      issueDate: addDaysToDate(AS_OF, -37),
      dueDate: addDaysToDate(AS_OF, -7),
      total: 30000,
      number: 'INV-A3',
    });
    await writeReminderSettings(
      suite.db,
      { ...DEFAULT_REMINDER_SETTINGS, enabled: true },
      new Date().toISOString(),
    );
  });

  it('sends the failed step with the next run, once, and never again', async () => {
    expect(await runReminders(system, { asOf: AS_OF })).toMatchObject({ sent: 0, failed: 1 });
    expect(await statuses()).toEqual(['after-7:failed', 'before-3:skipped', 'due:skipped']);
    expect(received).toEqual([]);

    up = true;
    const next = AS_OF.replace(/\d\d$/, '16');
    expect(await runReminders(system, { asOf: next })).toMatchObject({
      sent: 1,
      failed: 0,
      claimedElsewhere: 0,
    });
    expect(received).toEqual(['Overdue: invoice INV-A3 was due on Jun 8, 2026']);
    expect(await statuses()).toEqual(['after-7:sent', 'before-3:skipped', 'due:skipped']);

    expect(await runReminders(system, { asOf: next })).toMatchObject({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
    // Both attempts are in the email log.
    expect(
      (
        await suite.db
          .selectFrom('email_log')
          .select('status')
          .where('entity_id', '=', invoiceId)
          .execute()
      )
        .map((r) => r.status)
        .sort(),
    ).toEqual(['failed', 'sent']);
  });

  it('lets only one of two racing runs retry it', async () => {
    await runReminders(system, { asOf: AS_OF });
    up = true;
    const [a, b] = await Promise.all([
      runReminders(system, { asOf: AS_OF }),
      runReminders(system, { asOf: AS_OF }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(received).toHaveLength(1);
    expect(await statuses()).toContain('after-7:sent');
  });

  it('leaves it failed once a later step is due, and sends that one instead', async () => {
    await runReminders(system, { asOf: AS_OF });
    up = true;
    const fortnight = addDaysToDate(AS_OF, 7); // 14 days late: the after-14 step is due
    expect(await runReminders(system, { asOf: fortnight })).toMatchObject({ sent: 1, failed: 0 });
    expect(received).toEqual(['Overdue: invoice INV-A3 was due on Jun 8, 2026']);
    expect(await statuses()).toEqual([
      'after-14:sent',
      'after-7:failed',
      'before-3:skipped',
      'due:skipped',
    ]);
  });
});
