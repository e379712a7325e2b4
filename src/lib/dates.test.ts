import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  addMinutes,
  daysBetween,
  formatInstant,
  isCalendarDate,
  isValidTimeZone,
  todayIn,
} from './dates.ts';

describe('todayIn', () => {
  it.each([
    // 23:30 on 28 February in Chicago (UTC-6) is already 1 March in UTC.
    ['America/Chicago', '2026-03-01T05:30:00Z', '2026-02-28'],
    ['UTC', '2026-03-01T05:30:00Z', '2026-03-01'],
    // Auckland (UTC+13 in summer) is a day ahead of UTC at noon.
    ['Pacific/Auckland', '2026-02-28T12:00:00Z', '2026-03-01'],
    ['UTC', '2026-02-28T12:00:00Z', '2026-02-28'],
    // Year boundary.
    ['America/Los_Angeles', '2027-01-01T07:59:59Z', '2026-12-31'],
    ['America/Los_Angeles', '2027-01-01T08:00:00Z', '2027-01-01'],
  ])('in %s at %s it is %s', (zone, at, expected) => {
    expect(todayIn(zone, new Date(at))).toBe(expected);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31', '2000-02-29'])('accepts %s', (s) =>
    expect(isCalendarDate(s)).toBe(true),
  );
  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-01',
    '2026-01-01T00:00:00Z',
    '',
    'yesterday',
  ])('rejects %s', (s) => expect(isCalendarDate(s)).toBe(false));
});

describe('instants', () => {
  it('adds minutes to an ISO instant', () => {
    expect(addMinutes('2026-03-01T23:30:00.000Z', 45)).toBe('2026-03-02T00:15:00.000Z');
    expect(addMinutes('2026-03-01T00:00:00.000Z', -1)).toBe('2026-02-28T23:59:00.000Z');
  });
  it('formats an instant in the business time zone', () => {
    expect(formatInstant('2026-03-01T05:30:00.000Z', 'America/Chicago')).toBe('2026-02-28 23:30');
    expect(formatInstant('2026-03-01T05:30:00.000Z', 'UTC')).toBe('2026-03-01 05:30');
  });
  it('knows a real time zone from a made-up one', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('calendar date arithmetic', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-12-17', 15, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-08', 1, '2026-03-09'], // a DST change in the US
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (d, n, expected) => {
    expect(addDaysToDate(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });
});
