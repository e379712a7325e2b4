// Durations of work, in whole minutes. One way to show them everywhere (h:mm: 0:30, 1:15, 12:05)
// and one parser for what people type: minutes ("30"), h:mm ("1:15") or hours and minutes with
// units ("1h 15m", "1.5h", "45 min"). Pure: no I/O, no floats in the arithmetic.

/** Minutes as h:mm — 30 -> "0:30", 75 -> "1:15", 725 -> "12:05". */
export function formatDuration(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && m > 0 ? '-' : '';
  return `${sign}${Math.trunc(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

export type ParsedDuration = { ok: true; minutes: number | null } | { ok: false; error: string };

const HOURS = '(?:h|hr|hrs|hour|hours)';
const MINUTES = '(?:m|min|mins|minute|minutes)';
// "1h 15m", "1h15", "1.5h", "2 hours", "45m", "45 min" (at least one part; checked below).
const UNITS = new RegExp(
  `^(?:(\\d+)(?:\\.(\\d+))?\\s*${HOURS})?\\s*(?:(\\d+)\\s*${MINUTES}?)?$`,
  'i',
);

/**
 * What a person typed as a duration -> whole minutes; blank is `minutes: null` (nothing given).
 * Errors name the field (`label`) and say what would be accepted. Decimal hours are rounded to the
 * nearest minute (0.33h -> 20). At most `maxMinutes` (a day by default), at least one minute.
 */
export function parseDuration(
  input: string | null | undefined,
  label = 'Duration',
  maxMinutes = 24 * 60,
): ParsedDuration {
  const t = (input ?? '').trim();
  if (t === '') return { ok: true, minutes: null };
  const shapes = 'minutes (30), h:mm (1:15) or hours and minutes (1h 15m, 1.5h)';
  let minutes: number | null = null;
  const hm = /^(\d+):(\d{1,2})$/.exec(t);
  if (hm) {
    if (hm[2].length !== 2 || Number(hm[2]) > 59) {
      const total = Number(hm[1]) * 60 + Number(hm[2]);
      return {
        ok: false,
        error: `${label} “${t}” is not h:mm: the minutes after the colon must be 00–59${hm[2].length === 2 ? ` (did you mean ${formatDuration(total)}?)` : ''}`,
      };
    }
    minutes = Number(hm[1]) * 60 + Number(hm[2]);
  } else if (/^\d+$/.test(t)) {
    minutes = Number(t);
  } else {
    const u = UNITS.exec(t);
    // A bare number without a unit after hours ("1h 15") counts as minutes; a bare number alone
    // was handled above. Something must have been given with a unit.
    if (!u || (u[1] === undefined && !new RegExp(`${MINUTES}$`, 'i').test(t)))
      return { ok: false, error: `${label} must be ${shapes}; “${t}” is none of these` };
    const whole = Number(u[1] ?? 0);
    const frac = u[2] ?? '';
    // Decimal hours in integer arithmetic: 1.25h = (125 * 60) / 100 minutes, rounded half up.
    const scale = 10 ** frac.length;
    const hourMinutes = Math.floor(
      ((whole * scale + Number(frac || 0)) * 60 * 2 + scale) / (2 * scale),
    );
    minutes = hourMinutes + Number(u[3] ?? 0);
  }
  if (minutes < 1) return { ok: false, error: `${label} must be at least one minute` };
  if (minutes > maxMinutes)
    return { ok: false, error: `${label} must be at most ${formatDuration(maxMinutes)}` };
  return { ok: true, minutes };
}
