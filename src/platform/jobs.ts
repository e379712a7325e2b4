// The in-process scheduler. croner fires each registered job on its cron schedule; before running,
// an instance claims the job's row in job_leases (one conditional UPDATE, or the INSERT of a missing
// row — the primary key lets only one instance win), so any number of app instances sharing the
// database never run the same job at once, and one tick of the schedule runs at most once. The lease
// is extended while the job runs and released with the result when it ends; a crashed holder's lease
// simply expires.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import type { Db } from '../db/database.ts';
import { nowIso } from '../lib/dates.ts';
import type { Logger } from './logger.ts';

export type Job = {
  name: string;
  /** Cron pattern (5 fields, or 6 with seconds first). */
  schedule: string;
  /** IANA time zone the pattern is read in. */
  timeZone: string;
  /** How long a claim lasts without being extended. */
  leaseSeconds?: number;
  /** Does the work; returns a one-line result for job_leases.last_result. */
  run: () => Promise<string>;
};

const isDuplicate = (err: unknown) => {
  const e = err as { code?: string; errno?: number } | null;
  return (
    !!e &&
    (e.code === '23505' ||
      e.code === 'ER_DUP_ENTRY' ||
      e.errno === 1062 ||
      (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')))
  );
};

/**
 * Claims a job for one tick of its schedule. True when this holder may run it: the lease is free
 * (expired) and nobody has started the job since `tick` (the instant the tick was due).
 */
export async function claimLease(
  db: Db,
  name: string,
  holder: string,
  leaseMs: number,
  tick: string,
): Promise<boolean> {
  const now = nowIso();
  const expires = new Date(Date.now() + leaseMs).toISOString();
  const res = await db
    .updateTable('job_leases')
    .set({ holder, expires_at: expires, last_run_at: now })
    .where('name', '=', name)
    .where('expires_at', '<', now)
    .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<', tick)]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return true;
  const exists = await db
    .selectFrom('job_leases')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  if (exists) return false;
  try {
    await db
      .insertInto('job_leases')
      .values({ name, holder, expires_at: expires, last_run_at: now, last_result: null })
      .execute();
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

export async function extendLease(
  db: Db,
  name: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const res = await db
    .updateTable('job_leases')
    .set({ expires_at: new Date(Date.now() + leaseMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function releaseLease(
  db: Db,
  name: string,
  holder: string,
  result: string,
): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ holder: null, expires_at: nowIso(), last_result: result.slice(0, 1000) })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** The instant a tick was due: the start of its minute (or second, for 6-field patterns). */
export function tickOf(schedule: string, at: Date): string {
  const step = schedule.trim().split(/\s+/).length >= 6 ? 1000 : 60_000;
  return new Date(Math.floor(at.getTime() / step) * step).toISOString();
}

export type Scheduler = {
  instanceId: string;
  add(job: Job): void;
  /** Runs a job now through its lease; 'busy' when another holder has it. */
  runOnce(job: Job, tick?: string): Promise<'ran' | 'busy'>;
  /** Stops firing and waits for running jobs to finish. */
  stop(): Promise<void>;
};

export function createScheduler(
  deps: { db: Db; log: Logger },
  opts: { instanceId?: string } = {},
): Scheduler {
  const instanceId =
    opts.instanceId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const crons: Cron[] = [];
  const running = new Set<Promise<unknown>>();

  async function runOnce(job: Job, tick = nowIso()): Promise<'ran' | 'busy'> {
    const leaseMs = (job.leaseSeconds ?? 600) * 1000;
    if (!(await claimLease(deps.db, job.name, instanceId, leaseMs, tick))) return 'busy';
    const keepAlive = setInterval(
      () => void extendLease(deps.db, job.name, instanceId, leaseMs).catch(() => {}),
      Math.max(50, leaseMs / 3),
    );
    keepAlive.unref();
    let result: string;
    try {
      result = await job.run();
      deps.log.info({ job: job.name, result }, 'job finished');
    } catch (err) {
      result = `failed: ${(err as Error).message}`;
      deps.log.error({ job: job.name, err }, 'job failed');
    } finally {
      clearInterval(keepAlive);
    }
    await releaseLease(deps.db, job.name, instanceId, result);
    return 'ran';
  }

  return {
    instanceId,
    runOnce,
    add(job) {
      const cron = new Cron(
        job.schedule,
        { timezone: job.timeZone, protect: true, name: `${job.name}:${instanceId}` },
        async () => {
          const p = runOnce(job, tickOf(job.schedule, new Date())).catch((err) =>
            deps.log.error({ job: job.name, err }, 'job lease failed'),
          );
          running.add(p);
          await p;
          running.delete(p);
        },
      );
      crons.push(cron);
    },
    async stop() {
      for (const c of crons) c.stop();
      await Promise.allSettled([...running]);
    },
  };
}
