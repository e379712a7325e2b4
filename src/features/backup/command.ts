// `supporttracker backup [--to DIR] [--with-key --passphrase-file F]`, `backup verify FILE`,
// `restore FILE [--force] [--data-dir DIR]`. Returns the exit code.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackup } from './backup.ts';
import { restoreBackup, verifyBackup } from './restore.ts';

/** What the commands need from the configuration (cli.ts passes it). */
export type BackupSettings = {
  databaseUrl: string;
  dataDir: string;
  vaultKey?: string;
  /** BACKUP_DIR */
  backupDir?: string;
};

const readPassphrase = (file: string | undefined) => {
  if (file === undefined) return undefined;
  const p = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!p) throw new Error(`--passphrase-file: ${file} is empty`);
  return p;
};

// File sizes for people (not money): one decimal.
const sizeFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});
const mb = (bytes: number) => `${sizeFormat.format(bytes / 1024 / 1024)} MB`;

export async function backupCommand(config: BackupSettings, args: string[]): Promise<number> {
  if (args[0] === 'verify') {
    const { values, positionals } = parseArgs({
      args: args.slice(1),
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' } },
    });
    if (positionals.length !== 1)
      throw new Error('usage: backup verify FILE [--passphrase-file F]');
    const r = await verifyBackup(positionals[0]!, readPassphrase(values['passphrase-file']), (l) =>
      console.log(l),
    );
    console.log(
      `Verified: ${r.tables} tables, ${r.rows} rows and ${r.files} files restored into a scratch database; every checksum matches and the integrity check is ok.`,
    );
    return 0;
  }
  const { values } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      'with-key': { type: 'boolean' },
      'passphrase-file': { type: 'string' },
    },
  });
  const to = path.resolve(values.to ?? config.backupDir ?? path.join(config.dataDir, 'backups'));
  const { file, manifest } = await createBackup({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    vaultKey: config.vaultKey,
    to,
    withKey: values['with-key'],
    passphrase: readPassphrase(values['passphrase-file']),
  });
  const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
  console.log(
    `Backup written: ${file} (${mb(fs.statSync(file).size)}; ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.files.length} files, migration ${manifest.migration}).`,
  );
  console.log(
    manifest.withKey
      ? 'It holds the vault key and is encrypted with your passphrase: without the passphrase it cannot be opened.'
      : 'The vault key is not in it: keep DATA_DIR/vault.key (or VAULT_KEY) safe separately.',
  );
  return 0;
}

export async function restoreCommand(config: BackupSettings, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      force: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new Error('usage: restore FILE [--force] [--data-dir DIR] [--passphrase-file F]');
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : config.dataDir;
  // --data-dir without DATABASE_URL: the SQLite database in that directory.
  const databaseUrl =
    values['data-dir'] && !process.env.DATABASE_URL
      ? `sqlite:${path.join(dataDir, 'supporttracker.db')}`
      : config.databaseUrl;
  const r = await restoreBackup({
    file: positionals[0]!,
    databaseUrl,
    dataDir,
    force: values.force,
    passphrase: readPassphrase(values['passphrase-file']),
    say: (l) => console.log(l),
  });
  console.log(
    `Restored ${r.tables} tables (${r.rows} rows) and ${r.files} files into ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}.`,
  );
  for (const [t, e] of Object.entries(r.manifest.tables))
    if (e.rows) console.log(`  ${t}: ${e.rows}`);
  if (r.migrated.length) console.log(`Migrated up: ${r.migrated.join(', ')}`);
  if (r.keyWritten) console.log(`Vault key written to ${r.keyWritten}.`);
  return 0;
}
