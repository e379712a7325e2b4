// `supporttracker restore FILE` and `backup verify FILE`. A restore checks the archive (manifest,
// per-table row counts and checksums, file checksums), brings the target to the backup's migration
// level, refuses a target that holds data unless forced, loads every table in one transaction with
// the foreign-key checks off, checks the loaded rows against the manifest again before committing,
// then migrates up to this version.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Migrator, sql, type Transaction } from 'kysely';
import * as tar from 'tar';
import { connect, dialectOf } from '../../db/connect.ts';
import type { Database, Db, Dialect } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { listFiles } from './backup.ts';
import {
  appTables,
  byCodeUnit,
  decryptFile,
  isEncrypted,
  MANIFEST_FORMAT,
  migrationLevel,
  generatedColumns,
  sha256File,
  TableChecksum,
  tableRows,
  type Manifest,
} from './format.ts';

export class BackupError extends Error {}

export type RestoreOptions = {
  file: string;
  databaseUrl: string;
  dataDir: string;
  passphrase?: string;
  force?: boolean;
  say?: (line: string) => void;
};

export type RestoreResult = {
  manifest: Manifest;
  rows: number;
  tables: number;
  files: number;
  migrated: string[];
  keyWritten?: string;
};

function decode(v: unknown): unknown {
  if (v && typeof v === 'object' && '$base64' in v)
    return Buffer.from(String((v as { $base64: string }).$base64), 'base64');
  return v;
}

async function* ndjson(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line);
}

/** Unpacks (and decrypts) the archive into `dir` and checks it against its manifest. */
export async function openArchive(file: string, dir: string, passphrase?: string) {
  if (!fs.existsSync(file)) throw new BackupError(`no such file: ${file}`);
  let archive = file;
  if (await isEncrypted(file)) {
    if (!passphrase)
      throw new BackupError(
        'this backup is encrypted (it holds the vault key): give --passphrase-file',
      );
    archive = path.join(dir, 'backup.tar.gz');
    await decryptFile(file, archive, passphrase).catch((err) => {
      throw new BackupError((err as Error).message);
    });
  }
  const out = path.join(dir, 'archive');
  fs.mkdirSync(out);
  try {
    await tar.x({ file: archive, cwd: out, strict: true });
  } catch (err) {
    throw new BackupError(
      `the archive is damaged or not a SupportTracker backup: ${(err as Error).message}`,
    );
  }
  const mfile = path.join(out, 'manifest.json');
  if (!fs.existsSync(mfile))
    throw new BackupError('the archive has no manifest.json: not a SupportTracker backup');
  const manifest = JSON.parse(fs.readFileSync(mfile, 'utf8')) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT)
    throw new BackupError(
      `unknown backup format ${manifest.format} (this version reads ${MANIFEST_FORMAT})`,
    );
  const problems: string[] = [];
  for (const [table, want] of Object.entries(manifest.tables)) {
    const f = path.join(out, 'tables', `${table}.ndjson`);
    if (!fs.existsSync(f)) {
      problems.push(`table ${table}: missing from the archive`);
      continue;
    }
    const sum = new TableChecksum();
    for await (const row of ndjson(f)) {
      const decoded: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) decoded[k] = decode(v);
      sum.add(decoded);
    }
    if (sum.rows !== want.rows)
      problems.push(`table ${table}: ${sum.rows} rows, the manifest says ${want.rows}`);
    else if (sum.digest() !== want.sha256)
      problems.push(`table ${table}: checksum mismatch (a row was changed or damaged)`);
  }
  for (const f of manifest.files) {
    const p = path.join(out, 'files', f.path);
    if (!fs.existsSync(p)) problems.push(`file ${f.path}: missing from the archive`);
    else if ((await sha256File(p)) !== f.sha256) problems.push(`file ${f.path}: checksum mismatch`);
  }
  if (problems.length)
    throw new BackupError(`the backup does not match its manifest:\n  ${problems.join('\n  ')}`);
  return { manifest, dir: out };
}

async function migrateTo(db: Db, level: string) {
  const r = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  }).migrateTo(level);
  if (r.error)
    throw new Error(`migrating the target to ${level} failed: ${String(r.error)}`, {
      cause: r.error,
    });
}

/** Tables that a fresh migration to `level` fills (asset categories…): not "data" in the target. */
async function seededTables(level: string): Promise<Set<string>> {
  const { db } = connect('sqlite::memory:');
  try {
    await migrateTo(db, level);
    const seeded = new Set<string>();
    for (const t of await appTables(db, 'sqlite')) {
      const r = await sql.raw<{ n: number }>(`SELECT count(*) AS n FROM ${t}`).execute(db);
      if (Number(r.rows[0]?.n) > 0) seeded.add(t);
    }
    return seeded;
  } finally {
    await db.destroy();
  }
}

const quote = (dialect: Dialect, name: string) =>
  dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;

/** Runs `fn` in one transaction with foreign-key checks off (rows go in table by table). */
async function withoutForeignKeys<T>(
  db: Db,
  dialect: Dialect,
  fn: (trx: Transaction<Database>) => Promise<T>,
) {
  if (dialect === 'postgres')
    return db.transaction().execute(async (trx) => {
      // Needs a superuser or the database owner with that right; see docs/operations.md.
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      return fn(trx);
    });
  return db.connection().execute(async (conn) => {
    const off =
      dialect === 'mysql' ? sql`SET FOREIGN_KEY_CHECKS = 0` : sql`PRAGMA foreign_keys = OFF`;
    const on =
      dialect === 'mysql' ? sql`SET FOREIGN_KEY_CHECKS = 1` : sql`PRAGMA foreign_keys = ON`;
    await off.execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await on.execute(conn);
    }
  });
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const say = opts.say ?? (() => {});
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'st-restore-'));
  try {
    const { manifest, dir } = await openArchive(opts.file, tmp, opts.passphrase);
    say(
      `Backup of ${manifest.createdAt} (SupportTracker ${manifest.appVersion}, ${manifest.dialect}, migration ${manifest.migration}): checksums match.`,
    );
    const level = manifest.migration;
    if (!level || !(level in migrations))
      throw new BackupError(
        `the backup is at migration ${level}, which this version does not know: upgrade SupportTracker first`,
      );
    const dialect = dialectOf(opts.databaseUrl);
    const { db } = connect(opts.databaseUrl);
    try {
      const current = await migrationLevel(db);
      if (current && current > level)
        throw new BackupError(
          `the target database is at migration ${current}, newer than the backup's ${level}: restore into a new, empty database`,
        );
      await migrateTo(db, level);

      const seeded = await seededTables(level);
      const tables = Object.keys(manifest.tables);
      const present = new Set(await appTables(db, dialect));
      const missing = tables.filter((t) => !present.has(t));
      if (missing.length) throw new BackupError(`the target has no table ${missing.join(', ')}`);
      const holding: string[] = [];
      for (const t of present) {
        if (seeded.has(t)) continue;
        const r = await sql
          .raw<{ n: number }>(`SELECT count(*) AS n FROM ${quote(dialect, t)}`)
          .execute(db);
        const n = Number(r.rows[0]?.n);
        if (n > 0) holding.push(`${t} (${n})`);
      }
      const filesDir = path.join(opts.dataDir, 'files');
      // Files the backup holds byte for byte are not in the way (a move to another database
      // restores into the same DATA_DIR); any other file is data.
      const inBackup = new Map(manifest.files.map((f) => [f.path, f.sha256]));
      const otherFiles: string[] = [];
      for (const rel of listFiles(filesDir))
        if (inBackup.get(rel) !== (await sha256File(path.join(filesDir, rel))))
          otherFiles.push(rel);
      if (otherFiles.length) holding.push(`${otherFiles.length} other files in ${filesDir}`);
      if (holding.length && !opts.force)
        throw new BackupError(
          `the target already holds data: ${holding.join(', ')}. Restore into an empty database, or add --force to replace it`,
        );

      let rows = 0;
      await withoutForeignKeys(db, dialect, async (trx) => {
        for (const t of [...present].sort(byCodeUnit))
          await sql.raw(`DELETE FROM ${quote(dialect, t)}`).execute(trx);
        for (const t of tables) {
          const file = path.join(dir, 'tables', `${t}.ndjson`);
          const computed = await generatedColumns(trx, dialect, t);
          let batch: Record<string, unknown>[] = [];
          const flush = async () => {
            if (!batch.length) return;
            await trx
              .insertInto(t as never)
              .values(batch as never)
              .execute();
            rows += batch.length;
            batch = [];
          };
          for await (const row of ndjson(file)) {
            const decoded: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(row)) if (!computed.has(k)) decoded[k] = decode(v);
            batch.push(decoded);
            if (batch.length * Object.keys(decoded).length >= 8000) await flush();
          }
          await flush();
        }
        // What went in, read back through this database's driver, must give the manifest's sums.
        for (const t of tables) {
          const sum = new TableChecksum();
          for await (const row of tableRows(trx, dialect, t)) sum.add(row);
          const want = manifest.tables[t]!;
          if (sum.rows !== want.rows || sum.digest() !== want.sha256)
            throw new BackupError(
              `table ${t}: the restored rows do not match the backup's checksum`,
            );
        }
      });

      if (otherFiles.length) fs.rmSync(filesDir, { recursive: true, force: true });
      if (manifest.files.length) fs.cpSync(path.join(dir, 'files'), filesDir, { recursive: true });

      let keyWritten: string | undefined;
      const keyFile = path.join(dir, 'vault.key');
      if (fs.existsSync(keyFile)) {
        const spec = fs.readFileSync(keyFile, 'utf8');
        const target = path.join(opts.dataDir, 'vault.key');
        const same =
          fs.existsSync(target) && fs.readFileSync(target, 'utf8').trim() === spec.trim();
        keyWritten = fs.existsSync(target) && !same ? `${target}.restored` : target;
        if (!same) {
          fs.mkdirSync(opts.dataDir, { recursive: true });
          fs.writeFileSync(keyWritten, spec, { mode: 0o600 });
        }
      }

      const migrated = await migrateToLatest(db);
      return {
        manifest,
        rows,
        tables: tables.length,
        files: manifest.files.length,
        migrated,
        keyWritten,
      };
    } finally {
      await db.destroy();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The restore drill: restores into a scratch SQLite database in a temp dir, checks it, removes it. */
export async function verifyBackup(
  file: string,
  passphrase?: string,
  say?: (line: string) => void,
) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'st-verify-'));
  try {
    const result = await restoreBackup({
      file,
      passphrase,
      databaseUrl: `sqlite:${path.join(scratch, 'verify.db')}`,
      dataDir: path.join(scratch, 'data'),
      say,
    });
    const { db } = connect(`sqlite:${path.join(scratch, 'verify.db')}`);
    try {
      const r = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
      const status = r.rows.map((x) => x.integrity_check).join('; ');
      if (status !== 'ok')
        throw new BackupError(`integrity check of the restored database: ${status}`);
    } finally {
      await db.destroy();
    }
    return result;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
