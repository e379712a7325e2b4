import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { seedProfile, testDeps } from '../../../test/support/app.ts';
import { connect } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { billingRunCommand } from './command.ts';
import { billedCompany, counts, serviceLine } from './test-helpers.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [path.join(root, 'bin/supporttracker.js'), ...args], {
    cwd: os.tmpdir(),
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npx supporttracker billing run (spawned, temporary SQLite database)', () => {
  it('bills, prints one line per company and the total, then refuses a bad date with exit code 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-billing-cli-'));
    const env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'st.db')}` };
    const { db, dialect } = connect(env.DATABASE_URL, () => {});
    await migrateToLatest(db);
    const deps = testDeps(db, dialect);
    await seedProfile(db);
    await billedCompany(deps, 'Spawned Dental');
    await db.destroy();

    const dry = cli(['billing', 'run', '--as-of', '2026-12-01', '--dry-run'], env);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      'would bill  Spawned Dental  Dec 1, 2026 – Dec 31, 2026  1 line  $150.00',
    );
    expect(dry.stdout).toContain('would create 1 invoice, total $150.00');

    const real = cli(['billing', 'run', '--as-of', '2026-12-01'], env);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(
      /billed {2}Spawned Dental {2}Dec 1, 2026 – Dec 31, 2026 {2}1 line {2}\$150\.00 {2}INV-\d{4}-00001/,
    );
    expect(real.stdout).toContain('1 invoice issued, total $150.00; 0 already billed.');

    const again = cli(['billing', 'run', '--as-of', '2026-12-01'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 invoices issued, total $0.00; 1 already billed.');

    const bad = cli(['billing', 'run', '--as-of', '2026-02-30'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--as-of: must be a date like 2026-12-01 (got "2026-02-30")');
  }, 120_000);
});

describe.each(DIALECTS)('billingRunCommand on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });

  it('limits the run to --company and writes nothing on --dry-run', async () => {
    const a = await billedCompany(suite.deps, 'Alpha');
    await serviceLine(suite.db, a, { startDate: '2026-12-15' });
    await billedCompany(suite.deps, 'Beta');
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
    const before = await counts(suite.db);
    expect(
      await billingRunCommand(
        suite.deps,
        ['--as-of', '2026-12-01', '--dry-run', '--company', a],
        out,
      ),
    ).toBe(0);
    expect(await counts(suite.db)).toEqual(before);
    expect(lines[0]).toBe('would bill  Alpha  Dec 1, 2026 – Dec 31, 2026  2 lines  $173.03');
    lines.length = 0;
    expect(
      await billingRunCommand(suite.deps, ['--as-of', '2026-12-01', '--company', a], out),
    ).toBe(0);
    expect(lines.filter((l) => l.startsWith('billed'))).toHaveLength(1);
    expect((await counts(suite.db)).invoices).toBe(1);
    const runRow = await suite.db.selectFrom('billing_runs').selectAll().executeTakeFirstOrThrow();
    expect(runRow).toMatchObject({ triggered_by: 'cli', actor_label: 'cli', status: 'completed' });
  });
});
