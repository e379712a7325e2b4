// Start: config -> db -> migrate -> app -> listen. On SIGTERM/SIGINT: stop accepting, finish
// in-flight requests, close the database, exit 0.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDeps, createLogger } from './deps.ts';
import { migrateToLatest } from './db/migrate.ts';
import { purgeExpiredSessions } from './platform/sessions.ts';
import { createScheduler } from './platform/jobs.ts';
import { getProfileCached } from './features/settings/profile-cache.ts';
import { billingJob } from './features/billing/job.ts';
import { remindersJob } from './features/reminders/job.ts';
import { telephonySyncJob } from './features/telephony/job.ts';
import { backupJob } from './features/backup/job.ts';
import { runningMessage } from './listen-urls.ts';

export async function serve(config: Config) {
  const log = createLogger(config);
  const deps = createDeps(config, log);
  const applied = await migrateToLatest(deps.db);
  if (applied.length) log.info({ applied }, 'database migrated');
  await purgeExpiredSessions(deps.db);
  const app = await buildApp(deps, {
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  await app.listen({ port: config.port, host: config.host });
  // Where it really listens (the bound address and port), not where it might be reached from.
  log.info(runningMessage(app.addresses(), { publicUrl: config.publicUrl, dialect: deps.dialect }));
  // Scheduled jobs (SCHEDULER=off on extra instances is optional: leases keep them from overlapping).
  const scheduler = createScheduler(deps);
  if (config.scheduler) {
    const timeZone = (await getProfileCached(deps.db))?.timeZone ?? 'UTC';
    scheduler.add(billingJob(deps, config.billingSchedule, timeZone));
    scheduler.add(remindersJob(deps, config.reminderSchedule, timeZone));
    // Phone services: each linked company's Twilio numbers and usage, daily (05:30).
    scheduler.add(telephonySyncJob(deps, undefined, timeZone));
    if (config.backup.schedule)
      scheduler.add(
        backupJob({ ...config, ...config.backup, schedule: config.backup.schedule }, timeZone),
      );
    log.info(
      {
        billing: config.billingSchedule,
        reminders: config.reminderSchedule,
        timeZone,
        instance: scheduler.instanceId,
      },
      'billing run and payment reminders scheduled',
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await app.close();
    await deps.db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}
