import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activeDays,
  formatDay,
  formatPeriod,
  periodContaining,
  periodsBackTo,
  periodStarting,
  shiftMonths,
} from './periods.ts';

describe('billing periods', () => {
  it('starts on the latest billing date on or before the as-of date', () => {
    expect(periodContaining('2026-12-01', 1)).toEqual({
      start: '2026-12-01',
      end: '2026-12-31',
      days: 31,
    });
    expect(periodContaining('2026-12-31', 1)).toEqual({
      start: '2026-12-01',
      end: '2026-12-31',
      days: 31,
    });
    expect(periodContaining('2026-12-14', 15)).toEqual({
      start: '2026-11-15',
      end: '2026-12-14',
      days: 30,
    });
    expect(periodContaining('2026-12-15', 15)).toEqual({
      start: '2026-12-15',
      end: '2027-01-14',
      days: 31,
    });
  });
  it('crosses year ends', () => {
    expect(periodContaining('2027-01-05', 10)).toEqual({
      start: '2026-12-10',
      end: '2027-01-09',
      days: 31,
    });
    expect(periodContaining('2026-12-28', 28)).toEqual({
      start: '2026-12-28',
      end: '2027-01-27',
      days: 31,
    });
    expect(shiftMonths('2026-01-05', -1)).toBe('2025-12-05');
    expect(shiftMonths('2026-12-05', 13)).toBe('2028-01-05');
  });
  it('knows February in leap and common years', () => {
    expect(periodContaining('2028-02-10', 1)).toEqual({
      start: '2028-02-01',
      end: '2028-02-29',
      days: 29,
    });
    expect(periodContaining('2027-02-10', 1)).toEqual({
      start: '2027-02-01',
      end: '2027-02-28',
      days: 28,
    });
    expect(periodContaining('2028-02-28', 28)).toEqual({
      start: '2028-02-28',
      end: '2028-03-27',
      days: 29,
    });
    expect(periodContaining('2027-03-01', 28)).toEqual({
      start: '2027-02-28',
      end: '2027-03-27',
      days: 28,
    });
    expect(periodContaining('2100-02-15', 1).days).toBe(28); // 2100 is not a leap year
    expect(periodContaining('2000-02-15', 1).days).toBe(29);
  });
  it('refuses billing days outside 1–28', () => {
    expect(() => periodContaining('2026-12-01', 0)).toThrow(/1–28/);
    expect(() => periodContaining('2026-12-01', 29)).toThrow(/1–28/);
  });
  it('for every billing day 1..28 and every date, the period contains the date, starts on the billing day and chains to the next', () => {
    const date = fc
      .date({
        min: new Date('1999-01-01T00:00:00Z'),
        max: new Date('2101-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 28 }), (d, day) => {
        const p = periodContaining(d, day);
        expect(p.start <= d && d <= p.end).toBe(true);
        expect(Number(p.start.slice(8))).toBe(day);
        expect(p.days).toBeGreaterThanOrEqual(28);
        expect(p.days).toBeLessThanOrEqual(31);
        const next = periodStarting(shiftMonths(p.start, 1));
        expect(periodContaining(next.start, day)).toEqual(next);
        // The day after the period's end is the next period's start.
        expect(periodContaining(p.end, day)).toEqual(p);
        expect(new Date(Date.parse(p.end) + 86_400_000).toISOString().slice(0, 10)).toBe(
          next.start,
        );
      }),
      { numRuns: 2000 },
    );
  });
  it('lists the periods back to the anchor, capped', () => {
    const cur = periodStarting('2026-12-01');
    expect(periodsBackTo(cur, '2026-10-01', 12).map((p) => p.start)).toEqual([
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
    ]);
    expect(periodsBackTo(cur, '2026-10-02', 12).map((p) => p.start)).toEqual([
      '2026-11-01',
      '2026-12-01',
    ]);
    expect(periodsBackTo(cur, '2020-01-01', 12)).toHaveLength(12);
    expect(periodsBackTo(cur, '2020-01-01', 12)[0].start).toBe('2026-01-01');
    expect(periodsBackTo(cur, '2027-01-01', 12)).toEqual([]);
  });
  it('finds the active days of a line inside a period', () => {
    const p = periodStarting('2026-12-01');
    expect(activeDays(p, '2026-01-01', null)).toEqual({ first: 1, last: 31 });
    expect(activeDays(p, '2026-12-15', null)).toEqual({ first: 15, last: 31 });
    expect(activeDays(p, '2026-11-01', '2026-12-10')).toEqual({ first: 1, last: 10 });
    expect(activeDays(p, '2026-12-05', '2026-12-05')).toEqual({ first: 5, last: 5 });
    expect(activeDays(p, '2027-01-01', null)).toBeNull();
    expect(activeDays(p, '2026-10-01', '2026-11-30')).toBeNull();
  });
  it('formats periods for invoice lines', () => {
    expect(formatDay('2026-12-01')).toBe('Dec 1, 2026');
    expect(formatPeriod('2026-12-15', '2027-01-14')).toBe('Dec 15, 2026 – Jan 14, 2027');
  });
});
