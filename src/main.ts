// Start: config -> db -> migrate -> app -> listen. On SIGTERM/SIGINT: stop accepting, finish
// in-flight requests, close the database, exit 0.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDeps, createLogger } from './deps.ts';
import { migrateToLatest } from './db/migrate.ts';
import { purgeExpiredSessions } from './platform/sessions.ts';

export async function serve(config: Config) {
  const log = createLogger(config);
  const deps = createDeps(config, log);
  const applied = await migrateToLatest(deps.db);
  if (applied.length) log.info({ applied }, 'database migrated');
  await purgeExpiredSessions(deps.db);
  const app = await buildApp(deps, { logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] } });
  await app.listen({ port: config.port, host: config.host });
  log.info(`SupportTracker is running at ${config.publicUrl ?? `http://localhost:${config.port}`} (database: ${deps.dialect})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
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
