import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration.ts';

const minutes = (s: string) => {
  const r = parseDuration(s, 'Time spent');
  if (!r.ok) throw new Error(r.error);
  return r.minutes;
};
const error = (s: string, label = 'Time spent') => {
  const r = parseDuration(s, label);
  if (r.ok) throw new Error(`${s} parsed as ${r.minutes}`);
  return r.error;
};

describe('formatDuration', () => {
  it('shows h:mm', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(30)).toBe('0:30');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(60 * 100)).toBe('100:00');
    expect(formatDuration(-15)).toBe('-0:15');
  });
});

describe('parseDuration', () => {
  it('reads minutes, h:mm, and hours and minutes with units', () => {
    expect(minutes('30')).toBe(30);
    expect(minutes(' 90 ')).toBe(90);
    expect(minutes('1:15')).toBe(75);
    expect(minutes('0:05')).toBe(5);
    expect(minutes('12:05')).toBe(725);
    expect(minutes('1h 15m')).toBe(75);
    expect(minutes('1h15m')).toBe(75);
    expect(minutes('1h 15')).toBe(75);
    expect(minutes('1H')).toBe(60);
    expect(minutes('2 hours')).toBe(120);
    expect(minutes('1.5h')).toBe(90);
    expect(minutes('0.25 h')).toBe(15);
    expect(minutes('0.1h')).toBe(6);
    expect(minutes('0.33h')).toBe(20); // 19.8 rounds to 20
    expect(minutes('45m')).toBe(45);
    expect(minutes('45 min')).toBe(45);
    expect(minutes('2 minutes')).toBe(2);
  });

  it('takes blank as nothing given', () => {
    expect(parseDuration('')).toEqual({ ok: true, minutes: null });
    expect(parseDuration('   ')).toEqual({ ok: true, minutes: null });
    expect(parseDuration(undefined)).toEqual({ ok: true, minutes: null });
  });

  it('refuses what is not a duration, naming the field', () => {
    expect(error('1:75')).toBe(
      'Time spent “1:75” is not h:mm: the minutes after the colon must be 00–59 (did you mean 2:15?)',
    );
    expect(error('1:5')).toContain('minutes after the colon must be 00–59');
    for (const bad of ['abc', '1.5', 'h', 'm', '1:', ':30', '1,5h', '-30', '1.5m', '1h 15h'])
      expect(error(bad)).toMatch(/^Time spent /);
    expect(error('soon', 'Duration')).toBe(
      'Duration must be minutes (30), h:mm (1:15) or hours and minutes (1h 15m, 1.5h); “soon” is none of these',
    );
  });

  it('keeps to at least a minute and at most a day', () => {
    expect(error('0')).toBe('Time spent must be at least one minute');
    expect(error('0:00')).toBe('Time spent must be at least one minute');
    expect(error('24:01')).toBe('Time spent must be at most 24:00');
    expect(minutes('24:00')).toBe(1440);
  });

  it('reads back what formatDuration shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1440 }), (m) => {
        expect(minutes(formatDuration(m))).toBe(m);
      }),
    );
  });
});
