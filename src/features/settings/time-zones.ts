// The time zone picker's list: the ~400 IANA zones grouped by region (America, Europe, Asia, …),
// each shown by its city with spaces for underscores and its current UTC offset, e.g.
// "America/North_Dakota/New_Salem" -> "New Salem, North Dakota (UTC-6)" under "America".
import { isValidTimeZone, timeZones } from '../../lib/dates.ts';

export type TimeZoneOption = { value: string; label: string };
export type TimeZoneGroup = { label: string; zones: TimeZoneOption[] };

// Where people most often are first; the oceans and the poles last; UTC and the rest in "Other".
const REGIONS: [string, string][] = [
  ['America', 'America'],
  ['Europe', 'Europe'],
  ['Asia', 'Asia'],
  ['Africa', 'Africa'],
  ['Australia', 'Australia'],
  ['Pacific', 'Pacific'],
  ['Atlantic', 'Atlantic'],
  ['Indian', 'Indian Ocean'],
  ['Antarctica', 'Antarctica'],
  ['Arctic', 'Arctic'],
];
const OTHER = 'Other';

const words = (s: string) => s.replace(/_/g, ' ');

/** "+5:30", "-6" or "" (for UTC itself) for the zone at this moment. */
export function utcOffset(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return (part ?? 'GMT').replace(/^GMT/, '');
}

/** The label under its region: the city (and the sub-region, if any) and the offset now. */
export function zoneLabel(zone: string, at: Date): string {
  const [, ...rest] = zone.split('/');
  const city = rest.length === 0 ? zone : words(rest.at(-1)!);
  const sub = rest.length > 1 ? `, ${rest.slice(0, -1).map(words).join(', ')}` : '';
  return `${city}${sub} (UTC${utcOffset(zone, at)})`;
}

/** Groups the zones (plus `extra`, e.g. a saved value the list lacks) by region, sorted by label. */
export function groupTimeZones(
  zones: readonly string[],
  at: Date,
  extra: readonly string[] = [],
): TimeZoneGroup[] {
  const byRegion = new Map<string, TimeZoneOption[]>();
  // A value that is no time zone at all (a bad form submission) is not offered.
  const all = [...new Set(['UTC', ...zones, ...extra.filter((z) => z && isValidTimeZone(z))])];
  for (const z of all) {
    const region = REGIONS.find(([key]) => z.startsWith(`${key}/`))?.[1] ?? OTHER;
    const list = byRegion.get(region) ?? [];
    const label =
      z === 'UTC'
        ? 'UTC'
        : region === OTHER
          ? `${words(z)} (UTC${utcOffset(z, at)})`
          : zoneLabel(z, at);
    list.push({ value: z, label });
    byRegion.set(region, list);
  }
  return [...REGIONS.map(([, label]) => label), OTHER]
    .filter((label) => byRegion.has(label))
    .map((label) => ({
      label,
      zones: byRegion.get(label)!.sort((a, b) => a.label.localeCompare(b.label, 'en')),
    }));
}

// The labels carry the offset now, which changes twice a year: built once an hour, not per page.
let cached: { hour: number; groups: TimeZoneGroup[] } | undefined;

/** The grouped list for the picker; a `current` value missing from the list is added. */
export function timeZoneGroups(current?: string | null, now = new Date()): TimeZoneGroup[] {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (!cached || cached.hour !== hour) cached = { hour, groups: groupTimeZones(timeZones(), now) };
  const { groups } = cached;
  if (!current || groups.some((g) => g.zones.some((z) => z.value === current))) return groups;
  return [
    ...groups.filter((g) => g.label !== OTHER),
    ...groupTimeZones([], now, [current]).filter((g) => g.label === OTHER),
  ];
}
