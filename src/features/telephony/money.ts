// Twilio amounts are decimal strings in dollars ("0.2890", "-0.05", sometimes five or more decimals
// per unit). They are stored as integer thousandths of a cent ("millicents": USD 1 = 100,000), parsed
// digit by digit (no floating point) and rounded once, half away from zero, to the thousandth of a
// cent. Whole cents for display or totals are taken from the summed millicents, again rounded once.
import { type Cents, roundHalfAwayFromZero } from '../../lib/money.ts';

export function toMillicents(amount: string | number | null | undefined): number {
  const text = String(amount ?? '0').trim() || '0';
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) throw new Error(`not a decimal amount: ${text}`);
  const [, sign, whole = '', frac = ''] = m;
  const digits = `${frac}000000`;
  let value = Number(whole || '0') * 100_000 + Number(digits.slice(0, 5));
  if (Number(digits[5]) >= 5) value += 1;
  return sign === '-' && value !== 0 ? -value : value;
}

/** Millicents to whole cents, rounded once by the app's one rounding rule (lib/money). */
export const millicentsToCents = (mc: number): Cents => roundHalfAwayFromZero(BigInt(mc), 1000n);
