// `supporttracker backup`: one archive with the database's rows (NDJSON per table), DATA_DIR/files
// and a manifest, made while the app keeps serving. SQLite: the online backup API copies a
// consistent snapshot first; PostgreSQL / MySQL: every table read in one REPEATABLE READ, read-only
// transaction (one snapshot), so no pg_dump / mysqldump is needed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tar from 'tar';
import { connect, dialectOf } from '../../db/connect.ts';
import type { Database, Db, Dialect } from '../../db/database.ts';
import { openSqlite } from '../../db/sqlite-driver.ts';
import type { Transaction } from 'kysely';
import {
  appTables,
  encryptFile,
  MANIFEST_FORMAT,
  migrationLevel,
  portable,
  sha256File,
  TableChecksum,
  tableRows,
  type FileEntry,
  type Manifest,
} from './format.ts';

export type BackupOptions = {
  databaseUrl: string;
  dataDir: string;
  /** VAULT_KEY when set; otherwise DATA_DIR/vault.key is read (only with withKey). */
  vaultKey?: string;
  to: string;
  /** Adds the vault key; requires a passphrase, and the archive is then encrypted. */
  withKey?: boolean;
  passphrase?: string;
  now?: Date;
};

export const appVersion = (): string =>
  JSON.parse(
    fs.readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'),
  ).version;

async function writeLine(out: fs.WriteStream, line: string) {
  if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
}

/** Writes tables/<name>.ndjson for every app table, read through `trx`; returns counts and sums. */
async function dumpTables(trx: Db | Transaction<Database>, dialect: Dialect, dir: string) {
  const tables: Manifest['tables'] = {};
  fs.mkdirSync(dir, { recursive: true });
  for (const table of await appTables(trx, dialect)) {
    const sum = new TableChecksum();
    const out = fs.createWriteStream(path.join(dir, `${table}.ndjson`));
    for await (const row of tableRows(trx, dialect, table)) {
      sum.add(row);
      const encoded: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) encoded[k] = portable(v);
      await writeLine(out, `${JSON.stringify(encoded)}\n`);
    }
    await new Promise<void>((resolve, reject) => out.end(resolve).on('error', reject));
    tables[table] = { rows: sum.rows, sha256: sum.digest() };
  }
  return { tables, migration: await migrationLevel(trx) };
}

/** Every file under `root`, relative paths with '/' separators, sorted. */
export function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function keySpec(opts: BackupOptions): string {
  if (opts.vaultKey) return opts.vaultKey;
  const file = path.join(opts.dataDir, 'vault.key');
  if (!fs.existsSync(file)) throw new Error(`--with-key: there is no VAULT_KEY and no ${file}`);
  return fs.readFileSync(file, 'utf8').trim();
}

export async function createBackup(
  opts: BackupOptions,
): Promise<{ file: string; manifest: Manifest }> {
  if (opts.withKey && !opts.passphrase)
    throw new Error('--with-key needs --passphrase-file: the vault key is only stored encrypted');
  const dialect = dialectOf(opts.databaseUrl);
  const createdAt = (opts.now ?? new Date()).toISOString();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'st-backup-'));
  const stage = path.join(tmp, 'stage');
  try {
    let dumped: Awaited<ReturnType<typeof dumpTables>>;
    if (dialect === 'sqlite') {
      const file = opts.databaseUrl.slice('sqlite:'.length);
      if (file === ':memory:') throw new Error('an in-memory SQLite database cannot be backed up');
      if (!fs.existsSync(file)) throw new Error(`no SQLite database at ${file}`);
      const snapshot = path.join(tmp, 'snapshot.db');
      const live = openSqlite(file);
      try {
        // All pages in one step, i.e. one read transaction: copied in steps, the backup starts
        // over whenever another connection writes, and under a steady write load never ends.
        // In WAL mode writers carry on meanwhile.
        await live.backup(snapshot, { progress: () => 2 ** 30 });
      } finally {
        live.close();
      }
      const { db } = connect(`sqlite:${snapshot}`);
      try {
        dumped = await dumpTables(db, dialect, path.join(stage, 'tables'));
      } finally {
        await db.destroy();
      }
    } else {
      const { db } = connect(opts.databaseUrl);
      try {
        dumped = await db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute((trx) => dumpTables(trx, dialect, path.join(stage, 'tables')));
      } finally {
        await db.destroy();
      }
    }

    // Documents and attachments are written once and never changed in place, so a copy after the
    // database snapshot holds every file the snapshot refers to.
    const filesDir = path.join(opts.dataDir, 'files');
    const files: FileEntry[] = [];
    for (const rel of listFiles(filesDir)) {
      const src = path.join(filesDir, rel);
      const dest = path.join(stage, 'files', rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src, dest);
      files.push({ path: rel, bytes: fs.statSync(dest).size, sha256: await sha256File(dest) });
    }
    const entries = ['manifest.json', 'tables'];
    if (files.length) entries.push('files');
    if (opts.withKey) {
      fs.writeFileSync(path.join(stage, 'vault.key'), `${keySpec(opts)}\n`, { mode: 0o600 });
      entries.push('vault.key');
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      appVersion: appVersion(),
      migration: dumped.migration,
      dialect,
      createdAt,
      tables: dumped.tables,
      files,
      withKey: Boolean(opts.withKey),
    };
    fs.writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    fs.mkdirSync(opts.to, { recursive: true });
    const name = `supporttracker-${createdAt.replace(/[:.]/g, '-')}.tar.gz${opts.withKey ? '.enc' : ''}`;
    const final = path.join(opts.to, name);
    const partial = `${final}.partial`;
    const archive = path.join(tmp, 'backup.tar.gz');
    await tar.c({ gzip: true, file: archive, cwd: stage, portable: true }, entries);
    if (opts.withKey) await encryptFile(archive, partial, opts.passphrase!);
    else fs.copyFileSync(archive, partial);
    fs.renameSync(partial, final); // a half-written backup never carries the final name
    return { file: final, manifest };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
