// Builds the app's collaborators from the configuration: database, mailer, file storage, keys.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Config } from './config.ts';
import { connect } from './db/connect.ts';
import { generateKeySpec, parseKeyring, type Keyring } from './lib/crypto.ts';
import type { Deps, Logger } from './platform/context.ts';
import { createMailer } from './platform/mailer.ts';
import { localDiskStorage } from './platform/storage.ts';

/**
 * VAULT_KEY when set; otherwise a key generated once into DATA_DIR/vault.key (mode 600)
 * so that `npm start` needs no set-up. Back that file up: without it, sealed secrets are lost.
 */
export function loadKeyring(config: Config, log: Logger): Keyring {
  if (config.vaultKey) return parseKeyring(config.vaultKey);
  const file = path.join(config.dataDir, 'vault.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${generateKeySpec()}\n`, { mode: 0o600, flag: 'wx' });
    log.warn(
      { file },
      'generated a new encryption key; back this file up with the database (or set VAULT_KEY)',
    );
  }
  return parseKeyring(fs.readFileSync(file, 'utf8').trim());
}

export function createLogger(config: Config) {
  return pino({ level: config.logLevel, redact: ['password', '*.password', 'key', 'token'] });
}

export function createDeps(config: Config, log: Logger = createLogger(config)): Deps {
  const { db, dialect } = connect(config.databaseUrl, (err) =>
    log.warn({ err }, 'database connection lost; it will be replaced'),
  );
  return {
    config,
    db,
    dialect,
    log,
    keyring: loadKeyring(config, log),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    storage: localDiskStorage(path.join(config.dataDir, 'files')),
  };
}
