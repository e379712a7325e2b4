// Drift checks that need only the PBX's own records (the Twilio ones come with the Twilio half):
// a reload pending for more than a day, no backup in 7 days, end-of-support versions. Pure.
import type { PbxConfig } from './freepbx.ts';

/** FreePBX majors past end of support (FreePBX's published lifecycle), and modules likewise. */
export const END_OF_SUPPORT: { what: 'freepbx' | string; major: number; note: string }[] = [
  { what: 'freepbx', major: 13, note: 'FreePBX 13 is end of life' },
  { what: 'freepbx', major: 14, note: 'FreePBX 14 is end of life' },
  { what: 'freepbx', major: 15, note: 'FreePBX 15 is end of life' },
  { what: 'freepbx', major: 16, note: 'FreePBX 16 reached end of support; plan the move to 17' },
  { what: 'core', major: 15, note: 'core 15 is end of life' },
];

export type Drift = { code: string; message: string };
const DAY = 86_400_000;
const major = (v: string) => Number.parseInt(v, 10);

/**
 * `snapshots`: this system's snapshots newest first (taken_at + config). The pending reload's age
 * is the age of the oldest snapshot of the newest unbroken run that had it pending.
 */
export function driftChecks(
  config: PbxConfig,
  snapshots: { takenAt: string; config: Pick<PbxConfig, 'needReload'> }[],
  now = new Date(),
): Drift[] {
  const out: Drift[] = [];
  if (config.needReload) {
    let since: string | null = null;
    for (const s of snapshots) {
      if (!s.config.needReload) break;
      since = s.takenAt;
    }
    if (since && now.getTime() - Date.parse(since) > DAY)
      out.push({
        code: 'reload-pending',
        message: `Changes have waited for Apply Config since ${since.slice(0, 10)} (more than a day).`,
      });
  }
  const last = config.backups
    .map((b) => b.lastRun)
    .filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)))
    .sort((a, b) => a.localeCompare(b))
    .pop();
  if (!last || now.getTime() - Date.parse(last) > 7 * DAY)
    out.push({
      code: 'no-recent-backup',
      message: last
        ? `No backup in 7 days (last ran ${last.slice(0, 10)}).`
        : 'No backup has ever run on this PBX.',
    });
  for (const e of END_OF_SUPPORT) {
    const v =
      e.what === 'freepbx'
        ? config.version
        : config.modules.find((m) => m.name === e.what)?.version;
    if (v && major(v) === e.major)
      out.push({
        code: 'end-of-support',
        message: `${e.note} (${e.what === 'freepbx' ? 'FreePBX' : e.what} ${v}).`,
      });
  }
  return out;
}
