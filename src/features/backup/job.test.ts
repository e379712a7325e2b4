// Scheduled backups: the run writes a backup into BACKUP_DIR and prunes by day and month.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { loadConfig } from '../../config.ts';
import { backupJob, backupsToDelete } from './job.ts';

const name = (iso: string) => `supporttracker-${iso.replace(/[:.]/g, '-')}.tar.gz`;

describe('scheduled backups', () => {
  it('keeps the newest backup of each of the last N days and M months', () => {
    const names = [
      name('2026-12-04T02:30:00.000Z'),
      name('2026-12-04T01:00:00.000Z'),
      name('2026-12-03T02:30:00.000Z'),
      name('2026-12-02T02:30:00.000Z'),
      name('2026-11-30T02:30:00.000Z'),
      name('2026-11-01T02:30:00.000Z'),
      name('2026-10-15T02:30:00.000Z'),
      name('2026-09-15T02:30:00.000Z'),
      'notes.txt',
      `${name('2026-01-01T00:00:00.000Z')}.partial`,
    ];
    expect(backupsToDelete(names, 2, 3).sort()).toEqual(
      [
        name('2026-12-04T01:00:00.000Z'),
        name('2026-12-02T02:30:00.000Z'),
        name('2026-11-01T02:30:00.000Z'),
        name('2026-09-15T02:30:00.000Z'),
      ].sort(),
    );
  });

  it('reads BACKUP_* from the configuration and a run writes a backup and prunes', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'st-backup-job-'));
    try {
      expect(() => loadConfig({ DATA_DIR: tmp, BACKUP_SCHEDULE: 'every night' })).toThrow(
        /BACKUP_SCHEDULE/,
      );
      const config = loadConfig({
        DATA_DIR: tmp,
        BACKUP_SCHEDULE: '30 2 * * *',
        BACKUP_KEEP_DAILY: '1',
        BACKUP_KEEP_MONTHLY: '0',
      });
      expect(config.backup).toEqual({
        schedule: '30 2 * * *',
        dir: path.join(tmp, 'backups'),
        keepDaily: 1,
        keepMonthly: 0,
      });
      expect(loadConfig({ DATA_DIR: tmp }).backup.schedule).toBeUndefined();
      const { db } = connect(config.databaseUrl);
      await migrateToLatest(db);
      await db.destroy();
      fs.mkdirSync(config.backup.dir, { recursive: true });
      const old = path.join(config.backup.dir, name('2020-01-01T00:00:00.000Z'));
      fs.writeFileSync(old, 'old');
      const job = backupJob({ ...config, ...config.backup, schedule: '30 2 * * *' }, 'UTC');
      const result = await job.run();
      expect(result).toMatch(/^wrote .*supporttracker-.*\.tar\.gz .*removed 1 old backups$/);
      expect(fs.existsSync(old)).toBe(false);
      expect(fs.readdirSync(config.backup.dir)).toHaveLength(1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
