import { describe, expect, it } from 'vitest';
import { relativeDue } from './due.ts';

describe('relativeDue', () => {
  it('says how many days overdue, due today, tomorrow, or in how many days', () => {
    const today = '2026-03-10';
    expect(relativeDue('2026-03-05', today)).toEqual({
      days: -5,
      overdue: true,
      label: '5 days overdue',
    });
    expect(relativeDue('2026-03-09', today).label).toBe('1 day overdue');
    expect(relativeDue('2026-03-10', today)).toEqual({
      days: 0,
      overdue: false,
      label: 'due today',
    });
    expect(relativeDue('2026-03-11', today).label).toBe('due tomorrow');
    expect(relativeDue('2026-03-13', today).label).toBe('due in 3 days');
  });

  it('counts calendar days across months and years', () => {
    expect(relativeDue('2025-12-31', '2026-01-02').label).toBe('2 days overdue');
    expect(relativeDue('2026-03-01', '2026-02-27').label).toBe('due in 2 days');
  });
});
