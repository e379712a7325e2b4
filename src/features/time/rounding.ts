// Time rounding: every entry's billed minutes come from its raw minutes by one rule from the
// settings — round up to a whole increment (1, 6 or 15 minutes), then at least the minimum.
// Zero stays zero, so an accidental start/stop bills nothing.

export type RoundingRule = { incrementMinutes: number; minimumMinutes: number };

export const INCREMENTS = [1, 6, 15] as const;

export function roundMinutes(rawMinutes: number, rule: RoundingRule): number {
  if (!Number.isSafeInteger(rawMinutes) || rawMinutes < 0)
    throw new RangeError('minutes must be a non-negative integer');
  if (rawMinutes === 0) return 0;
  const inc = Math.max(1, Math.trunc(rule.incrementMinutes));
  const up = Math.ceil(rawMinutes / inc) * inc;
  return Math.max(up, Math.max(0, Math.trunc(rule.minimumMinutes)));
}

/** Whole minutes between two ISO instants, counting a started minute only when it is complete. */
export function minutesBetween(startIso: string, endIso: string): number {
  const ms = Date.parse(endIso) - Date.parse(startIso);
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.floor(ms / 60_000);
}
