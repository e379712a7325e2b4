import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_REMINDER_SETTINGS,
  fillTemplate,
  stepKey,
  stepOffset,
  stepToSend,
  templateKind,
} from './settings.ts';
import { bpToPercent, formToSettings, percentToBp, settingsToForm } from './forms.ts';

describe('reminder steps', () => {
  const steps = [-3, 0, 7, 14, 30];
  it('picks the latest step whose day has arrived and the older ones it supersedes', () => {
    expect(stepToSend(steps, -4)).toBeNull();
    expect(stepToSend(steps, -3)).toEqual({ latest: -3, older: [] });
    expect(stepToSend(steps, 0)).toEqual({ latest: 0, older: [-3] });
    expect(stepToSend(steps, 6)).toEqual({ latest: 0, older: [-3] });
    expect(stepToSend(steps, 20)).toEqual({ latest: 14, older: [-3, 0, 7] });
    expect(stepToSend(steps, 400)).toEqual({ latest: 30, older: [-3, 0, 7, 14] });
  });
  it('names steps and reads the names back', () => {
    expect(steps.map(stepKey)).toEqual(['before-3', 'due', 'after-7', 'after-14', 'after-30']);
    fc.assert(fc.property(fc.integer({ min: -60, max: 365 }), (n) => stepOffset(stepKey(n)) === n));
    expect(stepOffset('nonsense')).toBeNull();
    expect([templateKind(-1), templateKind(0), templateKind(1)]).toEqual([
      'before',
      'due',
      'overdue',
    ]);
  });
  it('fills placeholders and leaves unknown ones as typed', () => {
    expect(
      fillTemplate('{company} owes {balance} on {number} {other}', {
        company: 'Alpha',
        balance: '$1.00',
        number: 'INV-1',
      }),
    ).toBe('Alpha owes $1.00 on INV-1 {other}');
  });
});

describe('reminder settings form', () => {
  it('turns percentages into basis points without floats, and back', () => {
    expect(
      ['1.5', '1.50', '0.01', '12', '100', '8.25%', 'x', '1.234', '-1'].map(percentToBp),
    ).toEqual([150, 150, 1, 1200, 10000, 825, null, null, null]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (bp) => percentToBp(bpToPercent(bp)) === bp),
    );
  });
  it('round-trips the defaults through the form', () => {
    const { raw, errors } = formToSettings(settingsToForm(DEFAULT_REMINDER_SETTINGS));
    expect(errors).toEqual({});
    expect(raw).toEqual(DEFAULT_REMINDER_SETTINGS);
  });
  it('reads steps typed with a typographic minus and reports bad ones', () => {
    const f = settingsToForm(DEFAULT_REMINDER_SETTINGS);
    expect((formToSettings({ ...f, steps: '−5, 0 10' }).raw as { steps: number[] }).steps).toEqual([
      -5, 0, 10,
    ]);
    expect(formToSettings({ ...f, steps: '-3, soon' }).errors.steps).toMatch(/whole numbers/);
  });
});
