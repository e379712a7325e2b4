import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/db.ts';
import { useAppSuite } from '../../test/support/suite.ts';
import { quietLog } from '../../test/support/app.ts';
import { claimLease, createScheduler, releaseLease, tickOf, type Job } from './jobs.ts';
import { isValidSchedule } from './schedule.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('schedules', () => {
  it('validates patterns and computes the tick', () => {
    expect(isValidSchedule('15 6 * * *')).toBe(true);
    expect(isValidSchedule('61 6 * * *')).toBe(false);
    expect(isValidSchedule('daily')).toBe(false);
    expect(tickOf('15 6 * * *', new Date('2026-12-01T06:15:42.123Z'))).toBe(
      '2026-12-01T06:15:00.000Z',
    );
    expect(tickOf('* * * * * *', new Date('2026-12-01T06:15:42.123Z'))).toBe(
      '2026-12-01T06:15:42.000Z',
    );
  });
});

describe.each(DIALECTS)('job leases on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false, profile: false });

  it('lets one holder claim a tick; a held lease blocks others; an expired one does not', async () => {
    const tick = new Date().toISOString();
    const [a, b] = await Promise.all([
      claimLease(suite.db, 'job', 'A', 60_000, tick),
      claimLease(suite.db, 'job', 'B', 60_000, tick),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    // Released, the same tick is not run again by anyone.
    await releaseLease(suite.db, 'job', a ? 'A' : 'B', 'done');
    expect(await claimLease(suite.db, 'job', 'C', 60_000, tick)).toBe(false);
    const row = await suite.db.selectFrom('job_leases').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ holder: null, last_result: 'done' });
    // A later tick can be claimed once the lease is free.
    await sleep(5);
    expect(await claimLease(suite.db, 'job', 'C', 50, new Date().toISOString())).toBe(true);
    await sleep(5);
    expect(await claimLease(suite.db, 'job', 'D', 60_000, new Date().toISOString())).toBe(false); // C holds it
    await sleep(80); // C crashed: its lease expires
    expect(await claimLease(suite.db, 'job', 'D', 60_000, new Date().toISOString())).toBe(true);
  });

  it('two schedulers firing the same job: one runs each tick, never both at once, result recorded', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const job: Job = {
      name: 'every-second',
      schedule: '* * * * * *',
      timeZone: 'UTC',
      leaseSeconds: 30,
      run: async () => {
        active += 1;
        runs += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(200);
        active -= 1;
        return `run ${runs}`;
      },
    };
    const s1 = createScheduler({ db: suite.db, log: quietLog }, { instanceId: 'one' });
    const s2 = createScheduler({ db: suite.db, log: quietLog }, { instanceId: 'two' });
    s1.add(job);
    s2.add(job);
    const started = Date.now();
    await sleep(3200);
    await Promise.all([s1.stop(), s2.stop()]);
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(seconds + 1);
    const row = await suite.db
      .selectFrom('job_leases')
      .selectAll()
      .where('name', '=', 'every-second')
      .executeTakeFirstOrThrow();
    expect(row.holder).toBeNull();
    expect(row.last_result).toMatch(/^run \d+$/);
  });

  it('extends the lease while a job outlasts it, so no other instance takes it over', async () => {
    let done!: () => void;
    const long: Job = {
      name: 'long',
      schedule: '0 0 * * *',
      timeZone: 'UTC',
      leaseSeconds: 0.3,
      run: () =>
        new Promise((r) => {
          done = () => r('finished');
        }),
    };
    const a = createScheduler({ db: suite.db, log: quietLog }, { instanceId: 'a' });
    const b = createScheduler({ db: suite.db, log: quietLog }, { instanceId: 'b' });
    const first = a.runOnce(long);
    for (let i = 0; i < 4; i++) {
      await sleep(250);
      expect(await b.runOnce(long, new Date().toISOString())).toBe('busy');
    }
    done();
    await first;
    const row = await suite.db
      .selectFrom('job_leases')
      .selectAll()
      .where('name', '=', 'long')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ holder: null, last_result: 'finished' });
  });

  it('runOnce reports busy while another instance holds the job, and records failures', async () => {
    let release!: () => void;
    const slow: Job = {
      name: 'slow',
      schedule: '0 0 * * *',
      timeZone: 'UTC',
      run: () =>
        new Promise((r) => {
          release = () => r('ok');
        }),
    };
    const a = createScheduler({ db: suite.db, log: quietLog }, { instanceId: 'a' });
    const b = createScheduler({ db: suite.db, log: quietLog }, { instanceId: 'b' });
    const first = a.runOnce(slow);
    await sleep(50);
    expect(await b.runOnce(slow)).toBe('busy');
    release();
    expect(await first).toBe('ran');
    const failing: Job = {
      name: 'failing',
      schedule: '0 0 * * *',
      timeZone: 'UTC',
      run: async () => {
        throw new Error('boom');
      },
    };
    expect(await b.runOnce(failing)).toBe('ran');
    const row = await suite.db
      .selectFrom('job_leases')
      .selectAll()
      .where('name', '=', 'failing')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ holder: null, last_result: 'failed: boom' });
  });
});
