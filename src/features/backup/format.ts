// The pieces of a backup that do not depend on where it comes from: which tables, how a row is
// encoded and checksummed (the same on every dialect), how tables are read in one snapshot, and the
// passphrase encryption of a backup that carries the vault key. Format: docs/operations.md#backups.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sql, type Transaction } from 'kysely';
import type { Database, Db, Dialect } from '../../db/database.ts';

/** Plain code-unit order, the same on every machine (no locale). */
export const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const MANIFEST_FORMAT = 'supporttracker-backup/1';

export type TableEntry = { rows: number; sha256: string };
export type FileEntry = { path: string; bytes: number; sha256: string };
export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  appVersion: string;
  migration: string | null;
  dialect: Dialect;
  createdAt: string;
  tables: Record<string, TableEntry>;
  files: FileEntry[];
  withKey: boolean;
};

/**
 * The app's own tables. Left out: Kysely's migration bookkeeping (the manifest carries the level),
 * SQLite's FTS5 search tables and their key tables, which triggers rebuild from the base tables.
 */
export async function appTables(db: Db | Transaction<Database>, dialect: Dialect) {
  const q =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%_search_keys'
          and name not in (select name from pragma_table_list where type in ('virtual', 'shadow'))`
      : dialect === 'postgres'
        ? sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`
        : sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = database() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`;
  return (await q.execute(db)).rows.map((r) => String(r.name)).sort(byCodeUnit);
}

/** Columns the database computes (work_orders.urgency): dumped and summed, never inserted. */
export async function generatedColumns(
  db: Db | Transaction<Database>,
  dialect: Dialect,
  table: string,
): Promise<Set<string>> {
  const q =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_table_xinfo(${table}) where hidden in (2, 3)`
      : dialect === 'postgres'
        ? sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table} and is_generated = 'ALWAYS'`
        : sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_schema = database() and table_name = ${table} and extra like '%GENERATED%'`;
  return new Set((await q.execute(db)).rows.map((r) => String(r.name)));
}

/** The last migration applied, or null for a database the app never migrated. */
export async function migrationLevel(db: Db | Transaction<Database>): Promise<string | null> {
  try {
    const rows = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows;
    return (
      rows
        .map((r) => r.name)
        .sort()
        .at(-1) ?? null
    );
  } catch {
    return null;
  }
}

/** A value as a dialect-neutral JSON value: ISO text for instants, strings for big integers. */
export function portable(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array)
    return { $base64: Buffer.from(v).toString('base64') };
  return v;
}

/**
 * A row's canonical text: columns sorted by name, every value as text (null stays null), so that
 * 12 from MySQL and 12 from SQLite, or a PostgreSQL Date and SQLite's ISO text, give the same bytes.
 */
export function canonicalRow(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort(byCodeUnit);
  return JSON.stringify(
    keys.map((k) => {
      const v = portable(row[k]);
      return [k, v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v)];
    }),
  );
}

/** A table's checksum: SHA-256 over its rows' SHA-256s in sorted order (independent of row order). */
export class TableChecksum {
  private hashes: string[] = [];
  add(row: Record<string, unknown>) {
    this.hashes.push(createHash('sha256').update(canonicalRow(row)).digest('hex'));
  }
  get rows() {
    return this.hashes.length;
  }
  digest(): string {
    return createHash('sha256').update(this.hashes.sort(byCodeUnit).join('\n')).digest('hex');
  }
}

/**
 * Reads every row of `table` in batches inside an open transaction. PostgreSQL through a
 * server-side cursor (pg has no streaming without pg-cursor); SQLite and MySQL through Kysely's
 * stream. Memory stays at one batch.
 */
export async function* tableRows(
  trx: Db | Transaction<Database>,
  dialect: Dialect,
  table: string,
  batch = 1000,
): AsyncGenerator<Record<string, unknown>> {
  if (dialect === 'postgres') {
    const cursor = `st_backup_${table}`;
    await sql.raw(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT * FROM "${table}"`).execute(trx);
    for (;;) {
      const { rows } = await sql
        .raw<Record<string, unknown>>(`FETCH ${batch} FROM ${cursor}`)
        .execute(trx);
      yield* rows;
      if (rows.length < batch) break;
    }
    await sql.raw(`CLOSE ${cursor}`).execute(trx);
    return;
  }
  yield* trx
    .selectFrom(table as never)
    .selectAll()
    .stream(batch) as AsyncIterable<Record<string, unknown>>;
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

// --- Passphrase encryption (backups that carry the vault key) ---
// File layout: MAGIC (8 bytes "STBKENC1") | salt (16) | scrypt N (uint32 BE) | r (uint32 BE) |
// p (uint32 BE) | IV (12) | AES-256-GCM ciphertext of the .tar.gz | GCM tag (16).
export const ENC_MAGIC = Buffer.from('STBKENC1');
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const HEADER_LEN = 8 + 16 + 12 + 12;

const scryptKey = (passphrase: string, salt: Buffer, N: number, r: number, p: number) =>
  scryptSync(passphrase, salt, 32, { N, r, p, maxmem: 256 * N * r });

export async function isEncrypted(file: string): Promise<boolean> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    await fd.read(buf, 0, 8, 0);
    return buf.equals(ENC_MAGIC);
  } finally {
    await fd.close();
  }
}

export async function encryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const params = Buffer.alloc(12);
  params.writeUInt32BE(SCRYPT.N, 0);
  params.writeUInt32BE(SCRYPT.r, 4);
  params.writeUInt32BE(SCRYPT.p, 8);
  const cipher = createCipheriv(
    'aes-256-gcm',
    scryptKey(passphrase, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p),
    iv,
  );
  await pipeline(
    fs.createReadStream(src),
    cipher,
    async function* (body: AsyncIterable<Buffer>) {
      yield Buffer.concat([ENC_MAGIC, salt, params, iv]);
      yield* body;
      yield cipher.getAuthTag(); // the cipher has finished once its output has ended
    },
    fs.createWriteStream(dest, { mode: 0o600 }),
  );
}

/** Decrypts to `dest`; throws "wrong passphrase or damaged file" when the GCM tag does not match. */
export async function decryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  const size = (await fs.promises.stat(src)).size;
  const fd = await fs.promises.open(src, 'r');
  const header = Buffer.alloc(HEADER_LEN);
  const tag = Buffer.alloc(16);
  try {
    if (size < HEADER_LEN + 16) throw new Error('encrypted backup is truncated');
    await fd.read(header, 0, HEADER_LEN, 0);
    await fd.read(tag, 0, 16, size - 16);
  } finally {
    await fd.close();
  }
  const salt = header.subarray(8, 24);
  const [N, r, p] = [header.readUInt32BE(24), header.readUInt32BE(28), header.readUInt32BE(32)];
  const iv = header.subarray(36, 48);
  const decipher = createDecipheriv('aes-256-gcm', scryptKey(passphrase, salt, N, r, p), iv);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      fs.createReadStream(src, { start: HEADER_LEN, end: size - 17 }),
      decipher,
      fs.createWriteStream(dest, { mode: 0o600 }),
    );
  } catch {
    await fs.promises.rm(dest, { force: true });
    throw new Error('cannot decrypt the backup: wrong passphrase or damaged file');
  }
}
