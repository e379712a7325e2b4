import { describe, expect, it } from 'vitest';
import { endOfDayCutoff, startOfDayUtc } from './cutoff.ts';

describe('end of a business day as an instant', () => {
  it('is local midnight in the business time zone, across daylight saving changes', () => {
    expect(startOfDayUtc('2026-01-15', 'America/Chicago')).toBe('2026-01-15T06:00:00.000Z'); // CST
    expect(startOfDayUtc('2026-07-15', 'America/Chicago')).toBe('2026-07-15T05:00:00.000Z'); // CDT
    expect(startOfDayUtc('2026-03-08', 'America/Chicago')).toBe('2026-03-08T06:00:00.000Z'); // the change happens at 02:00
    expect(endOfDayCutoff('2026-03-08', 'America/Chicago')).toBe('2026-03-09T05:00:00.000Z');
    expect(endOfDayCutoff('2026-11-01', 'America/Chicago')).toBe('2026-11-02T06:00:00.000Z');
    expect(endOfDayCutoff('2026-12-31', 'UTC')).toBe('2027-01-01T00:00:00.000Z');
    expect(startOfDayUtc('2026-06-01', 'Asia/Kolkata')).toBe('2026-05-31T18:30:00.000Z');
    expect(startOfDayUtc('2026-06-01', 'Pacific/Auckland')).toBe('2026-05-31T12:00:00.000Z');
    // Days on which midnight does not exist (clocks jump from 00:00 to 01:00) begin at 01:00.
    expect(startOfDayUtc('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(startOfDayUtc('2026-03-29', 'Asia/Beirut')).toBe('2026-03-28T22:00:00.000Z');
  });
});
