// Scheduled backups (BACKUP_SCHEDULE): the built-in scheduler runs `backup` into BACKUP_DIR, then
// keeps the newest backup of each of the last KEEP_DAILY days and of each of the last KEEP_MONTHLY
// months and deletes the other backups there. The scheduler logs each run and keeps its one-line
// result in job_leases.
import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../../platform/jobs.ts';
import { createBackup } from './backup.ts';

export type BackupJobSettings = {
  databaseUrl: string;
  dataDir: string;
  dir: string;
  schedule: string;
  keepDaily: number;
  keepMonthly: number;
};

const NAME = /^supporttracker-(\d{4})-(\d{2})-(\d{2})T[\d-]+Z\.tar\.gz(\.enc)?$/;

/**
 * Which backups in `names` to delete: every backup file not the newest of one of the newest
 * `keepDaily` days or of one of the newest `keepMonthly` months (UTC dates from the file names).
 * Files that are not backups (other names, `.partial`) are never touched.
 */
export function backupsToDelete(names: string[], keepDaily: number, keepMonthly: number): string[] {
  const backups = names.filter((n) => NAME.test(n)).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const n of backups) {
    const [, y, m, d] = NAME.exec(n)!;
    const day = `${y}-${m}-${d}`;
    const month = `${y}-${m}`;
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(n);
    }
    if (!months.has(month) && months.size < keepMonthly) {
      months.add(month);
      keep.add(n);
    }
  }
  return backups.filter((n) => !keep.has(n));
}

export function backupJob(s: BackupJobSettings, timeZone: string): Job {
  return {
    name: 'backup.run',
    schedule: s.schedule,
    timeZone,
    leaseSeconds: 3600,
    run: async () => {
      const { file, manifest } = await createBackup({
        databaseUrl: s.databaseUrl,
        dataDir: s.dataDir,
        to: s.dir,
      });
      const removed = backupsToDelete(fs.readdirSync(s.dir), s.keepDaily, s.keepMonthly);
      for (const n of removed) fs.rmSync(path.join(s.dir, n), { force: true });
      const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
      return `wrote ${file} (${fs.statSync(file).size} bytes, ${rows} rows, ${manifest.files.length} files); removed ${removed.length} old backups`;
    },
  };
}
