// Backup under a write load → restore into empty databases → the same per-table checksums and rows;
// the refusals (data in the target, damaged archive, changed row, wrong passphrase).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connect.ts';
import type { Db } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { generateKeySpec, open, parseKeyring } from '../../lib/crypto.ts';
import { withActor } from '../../platform/context.ts';
import { seedDemo } from '../ops/demo.ts';
import { recordPayment } from '../payments/service.ts';
import { emptyDatabase } from '../../../test/support/db.ts';
import { testDeps } from '../../../test/support/app.ts';
import { createBackup } from './backup.ts';
import { appTables, TableChecksum, tableRows, type Manifest } from './format.ts';
import { restoreBackup, verifyBackup } from './restore.ts';

const MONEY_TABLES = [
  'invoices',
  'invoice_lines',
  'payments',
  'payment_allocations',
  'time_entries',
];

async function checksums(db: Db, dialect: 'sqlite' | 'postgres' | 'mysql') {
  const out: Record<string, { rows: number; sha256: string }> = {};
  // tableRows reads PostgreSQL through a cursor, which lives in a transaction.
  await db.transaction().execute(async (trx) => {
    for (const t of await appTables(trx, dialect)) {
      const sum = new TableChecksum();
      for await (const row of tableRows(trx, dialect, t)) sum.add(row);
      out[t] = { rows: sum.rows, sha256: sum.digest() };
    }
  });
  return out;
}

describe('backup and restore', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'st-backup-test-'));
  const dataDir = path.join(tmp, 'data');
  const url = `sqlite:${path.join(dataDir, 'supporttracker.db')}`;
  const spec = generateKeySpec();
  const keyring = parseKeyring(spec);
  let db: Db;
  let backup: { file: string; manifest: Manifest };
  let writesDuring = 0;
  let paymentsBefore = 0;

  beforeAll(async () => {
    ({ db } = connect(url));
    await migrateToLatest(db);
    const deps = { ...testDeps(db, 'sqlite'), keyring };
    await seedDemo(deps);
    fs.mkdirSync(path.join(dataDir, 'files', 'documents'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'files', 'documents', 'contract.pdf'), 'PDF-1.7 contract');
    const ctx = withActor(deps, { type: 'system', label: 'test' });
    const company = await db
      .selectFrom('companies')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    paymentsBefore = Number(
      (
        await db
          .selectFrom('payments')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // Payments keep arriving while the backup runs.
    const load: { stop: boolean } = { stop: false };
    const writer = (async () => {
      while (!load.stop) {
        await recordPayment(ctx, {
          companyId: company.id,
          amountCents: 1234,
          method: 'check',
          reference: `LOAD-${writesDuring}`,
          receivedOn: '2026-01-05',
        });
        writesDuring++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    backup = await createBackup({ databaseUrl: url, dataDir, to: path.join(tmp, 'backups') });
    load.stop = true;
    await writer;
  }, 120_000);

  afterAll(async () => {
    await db.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('makes one archive with a manifest while payments are written', () => {
    expect(fs.existsSync(backup.file)).toBe(true);
    expect(path.basename(backup.file)).toMatch(/^supporttracker-.*\.tar\.gz$/);
    const m = backup.manifest;
    expect(m.dialect).toBe('sqlite');
    expect(m.migration).toMatch(/^\d{4}_/);
    expect(m.withKey).toBe(false);
    for (const t of MONEY_TABLES) expect(m.tables[t]!.rows).toBeGreaterThan(0);
    expect(m.tables.payments!.rows).toBeGreaterThanOrEqual(paymentsBefore);
    expect(m.files).toEqual([
      expect.objectContaining({ path: 'documents/contract.pdf', bytes: 16 }),
    ]);
    expect(writesDuring).toBeGreaterThan(0);
  });

  it('restores into an empty SQLite database with the same checksums, rows, files and secrets', async () => {
    const target = path.join(tmp, 'r1');
    const lines: string[] = [];
    const r = await restoreBackup({
      file: backup.file,
      databaseUrl: `sqlite:${path.join(target, 'st.db')}`,
      dataDir: target,
      say: (l) => lines.push(l),
    });
    expect(lines[0]).toContain('checksums match');
    expect(r.rows).toBe(Object.values(backup.manifest.tables).reduce((s, t) => s + t.rows, 0));
    const { db: restored } = connect(`sqlite:${path.join(target, 'st.db')}`);
    try {
      const sums = await checksums(restored, 'sqlite');
      for (const [t, want] of Object.entries(backup.manifest.tables))
        expect(sums[t], t).toEqual(want);
      // Exact rows: cents and dates as they were.
      const inv = await db.selectFrom('invoices').selectAll().orderBy('id').limit(3).execute();
      const invBack = await restored
        .selectFrom('invoices')
        .selectAll()
        .orderBy('id')
        .limit(3)
        .execute();
      expect(invBack).toEqual(inv);
      expect(typeof invBack[0]!.total_cents).toBe('number');
      const pays = await restored
        .selectFrom('payments')
        .select(['amount_cents', 'received_on'])
        .where('reference', '=', 'LOAD-0')
        .execute();
      expect(pays).toEqual([{ amount_cents: 1234, received_on: '2026-01-05' }]);
      // Sealed vault values open with the same key.
      const cred = await db
        .selectFrom('credentials')
        .selectAll()
        .where('password_enc', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const credBack = await restored
        .selectFrom('credentials')
        .selectAll()
        .where('id', '=', cred.id)
        .executeTakeFirstOrThrow();
      expect(open(keyring, credBack.password_enc!)).toBe(open(keyring, cred.password_enc!));
      // The search index was rebuilt by the triggers.
      const company = await restored
        .selectFrom('companies')
        .select(['id', 'search_text'])
        .executeTakeFirstOrThrow();
      const hits = await restored
        .selectFrom('companies_search' as never)
        .select('id' as never)
        .where('id' as never, '=', company.id as never)
        .execute();
      expect(hits).toHaveLength(1);
    } finally {
      await restored.destroy();
    }
    expect(fs.readFileSync(path.join(target, 'files', 'documents', 'contract.pdf'), 'utf8')).toBe(
      'PDF-1.7 contract',
    );
    expect(fs.existsSync(path.join(target, 'vault.key'))).toBe(false);

    // A second restore over it is refused unless forced.
    await expect(
      restoreBackup({
        file: backup.file,
        databaseUrl: `sqlite:${path.join(target, 'st.db')}`,
        dataDir: target,
      }),
    ).rejects.toThrow(/already holds data: .*companies \(\d+\).*--force/);
    fs.writeFileSync(path.join(target, 'files', 'documents', 'other.pdf'), 'another file');
    await expect(
      restoreBackup({
        file: backup.file,
        databaseUrl: `sqlite:${path.join(target, 'st2.db')}`,
        dataDir: target,
      }),
    ).rejects.toThrow(/already holds data: 1 other files in .*--force/);
    const forced = await restoreBackup({
      file: backup.file,
      databaseUrl: `sqlite:${path.join(target, 'st.db')}`,
      dataDir: target,
      force: true,
    });
    expect(forced.rows).toBe(r.rows);
  }, 120_000);

  it('verify passes on a good backup and fails on a damaged archive or a changed row', async () => {
    const ok = await verifyBackup(backup.file);
    expect(ok.tables).toBe(Object.keys(backup.manifest.tables).length);

    const damaged = path.join(tmp, 'damaged.tar.gz');
    const bytes = fs.readFileSync(backup.file);
    for (let i = 200; i < 260; i++) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    await expect(verifyBackup(damaged)).rejects.toThrow(
      /the archive is damaged or not a SupportTracker backup/,
    );

    const x = path.join(tmp, 'x');
    fs.mkdirSync(x);
    await tar.x({ file: backup.file, cwd: x });
    const f = path.join(x, 'tables', 'payments.ndjson');
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    const row = JSON.parse(lines[0]!);
    row.amount_cents += 1;
    lines[0] = JSON.stringify(row);
    fs.writeFileSync(f, lines.join('\n'));
    const changed = path.join(tmp, 'changed.tar.gz');
    await tar.c({ gzip: true, file: changed, cwd: x }, fs.readdirSync(x));
    await expect(verifyBackup(changed)).rejects.toThrow(/table payments: checksum mismatch/);
  }, 120_000);

  it('puts the vault key only into an encrypted backup, which opens only with its passphrase', async () => {
    await expect(
      createBackup({
        databaseUrl: url,
        dataDir,
        to: path.join(tmp, 'enc'),
        withKey: true,
        vaultKey: spec,
      }),
    ).rejects.toThrow(/--passphrase-file/);
    const enc = await createBackup({
      databaseUrl: url,
      dataDir,
      to: path.join(tmp, 'enc'),
      withKey: true,
      vaultKey: spec,
      passphrase: 'correct horse battery',
    });
    expect(enc.file).toMatch(/\.tar\.gz\.enc$/);
    expect(fs.readFileSync(enc.file).includes(Buffer.from(spec.split(':')[1]!))).toBe(false);
    expect(fs.readFileSync(enc.file).subarray(0, 8).toString()).toBe('STBKENC1');
    await expect(verifyBackup(enc.file)).rejects.toThrow(/encrypted .*--passphrase-file/);
    await expect(verifyBackup(enc.file, 'wrong')).rejects.toThrow(/wrong passphrase/);
    const target = path.join(tmp, 'r2');
    const r = await restoreBackup({
      file: enc.file,
      passphrase: 'correct horse battery',
      databaseUrl: `sqlite:${path.join(target, 'st.db')}`,
      dataDir: target,
    });
    expect(r.keyWritten).toBe(path.join(target, 'vault.key'));
    expect(fs.readFileSync(path.join(target, 'vault.key'), 'utf8').trim()).toBe(spec);
    expect((fs.statSync(path.join(target, 'vault.key')).mode & 0o777).toString(8)).toBe('600');
  }, 120_000);

  for (const dialect of [
    ...(process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : []),
    ...(process.env.TEST_MYSQL_URL ? (['mysql'] as const) : []),
  ]) {
    it(`restores the SQLite backup into an empty ${dialect} database with the same checksums`, async () => {
      const empty = await emptyDatabase(dialect);
      try {
        // Into the same DATA_DIR, as a move to another database does: the files already there are
        // the backup's, so they are not "data in the way".
        const r = await restoreBackup({ file: backup.file, databaseUrl: empty.url, dataDir });
        expect(r.tables).toBe(Object.keys(backup.manifest.tables).length);
        const { db: restored } = connect(empty.url, () => {});
        try {
          const sums = await checksums(restored, dialect);
          for (const [t, want] of Object.entries(backup.manifest.tables))
            expect(sums[t], t).toEqual(want);
          // And backed up from there, the checksums stay the same.
          const again = await createBackup({
            databaseUrl: empty.url,
            dataDir: path.join(tmp, dialect),
            to: path.join(tmp, `${dialect}-b`),
          });
          for (const [t, want] of Object.entries(backup.manifest.tables))
            expect(again.manifest.tables[t], t).toEqual(want);
        } finally {
          await restored.destroy();
        }
      } finally {
        await empty.drop();
      }
    }, 180_000);
  }
});
