// The time zone picker's list (grouped by region, city names readable) and the business profile
// page that uses it: the saved zone stays selected, even one the list does not carry.
import { describe, expect, it } from 'vitest';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs } from '../../../test/support/app.ts';
import { groupTimeZones, timeZoneGroups, zoneLabel } from './time-zones.ts';

const JAN = new Date('2026-01-15T12:00:00Z');
const JUL = new Date('2026-07-15T12:00:00Z');

describe('time zone list', () => {
  it('groups by region in a fixed order, labels by city with spaces and the offset at that moment', () => {
    const groups = groupTimeZones(
      [
        'Europe/Berlin',
        'America/New_York',
        'America/Argentina/Buenos_Aires',
        'Asia/Kolkata',
        'Indian/Maldives',
      ],
      JAN,
    );
    expect(groups.map((g) => g.label)).toEqual([
      'America',
      'Europe',
      'Asia',
      'Indian Ocean',
      'Other',
    ]);
    expect(groups[0].zones).toEqual([
      { value: 'America/Argentina/Buenos_Aires', label: 'Buenos Aires, Argentina (UTC-3)' },
      { value: 'America/New_York', label: 'New York (UTC-5)' },
    ]);
    expect(groups.at(-1)!.zones).toEqual([{ value: 'UTC', label: 'UTC' }]);
    expect(zoneLabel('America/New_York', JUL)).toBe('New York (UTC-4)');
    expect(zoneLabel('Asia/Kolkata', JUL)).toBe('Kolkata (UTC+5:30)');
  });

  it('covers every zone the runtime knows, and adds a saved zone it lacks (never an invalid one)', () => {
    const all = timeZoneGroups(null, JAN).flatMap((g) => g.zones.map((z) => z.value));
    expect(all.length).toBe(Intl.supportedValuesOf('timeZone').length + 1);
    const withAlias = timeZoneGroups('US/Eastern', JAN);
    expect(withAlias.at(-1)!.zones.map((z) => z.value)).toEqual(['US/Eastern', 'UTC']);
    expect(timeZoneGroups('Mars/Base', JAN).flatMap((g) => g.zones).length).toBe(all.length);
  });
});

describe('business profile page', () => {
  const suite = useAppSuite('sqlite');

  it('shows the grouped picker with the saved zone selected and the search script', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    const res = await suite.app.inject({
      url: '/settings/profile',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<optgroup label="America">');
    expect(res.body).toMatch(
      /<option value="America\/Chicago" selected>Chicago \(UTC-[56]\)<\/option>/,
    );
    expect(res.body).toContain('<script src="/public/timezone.js" defer></script>');
    // Settings never replaces a saved zone with the browser's.
    expect(res.body).not.toContain('data-tz-browser-default');
  });
});
