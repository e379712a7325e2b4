// Money is integer minor units (cents) everywhere. This module is the only place that rounds
// (half away from zero), applies basis points, multiplies by quantities in thousandths, splits
// without losing a cent, parses user input and formats for display. Division by 100 happens only
// in formatMoney.

export type Cents = number;

/** Rounds a rational number of cents half away from zero. The one rounding rule. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): Cents {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = abs / denominator;
  const r = abs % denominator;
  const rounded = r * 2n >= denominator ? q + 1n : q;
  const result = Number(negative ? -rounded : rounded);
  return Object.is(result, -0) ? 0 : result;
}

/** unit price × quantity in thousandths (1.5 = 1500), rounded once. */
export const lineTotal = (unitCents: Cents, qtyThousandths: number): Cents =>
  roundHalfAwayFromZero(BigInt(unitCents) * BigInt(qtyThousandths), 1000n);

/** amount × basis points (2500 = 25%), rounded once. */
export const applyBasisPoints = (amount: Cents, bp: number): Cents =>
  roundHalfAwayFromZero(BigInt(amount) * BigInt(bp), 10000n);

/** amount × parts per million (88750 = 8.875%), rounded once. Tax rates use it: many US rates have three decimals. */
export const applyPartsPerMillion = (amount: Cents, ppm: number): Cents =>
  roundHalfAwayFromZero(BigInt(amount) * BigInt(ppm), 1_000_000n);

export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('sum of cents overflowed');
  return total;
}

/** Splits an amount into parts proportional to weights; the parts always add up to the amount. */
export function splitByWeights(amount: Cents, weights: readonly number[]): Cents[] {
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || totalWeight <= 0) throw new RangeError('weights must be positive');
  // `|| 0` turns -0 (a negative amount's empty share) into 0, which would otherwise show as -$0.00.
  const parts = weights.map((w) => Math.trunc((amount * w) / totalWeight) || 0);
  let remainder = amount - parts.reduce((a, b) => a + b, 0);
  const step = remainder > 0 ? 1 : -1;
  for (let i = 0; remainder !== 0; i = (i + 1) % parts.length) {
    if (weights[i] > 0) {
      parts[i] += step;
      remainder -= step;
    }
  }
  return parts;
}

/**
 * Parses what a person types into an amount field ("1,234.5", "$99", "-3.07") into cents.
 * Returns null when it is not an amount with at most two decimals.
 */
export function parseMoney(input: string): Cents | null {
  const s = input.trim().replace(/[$€£,\s]/g, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] ? -cents : cents;
}

/** An integer with `places` implied decimals as plain text, trailing zeros dropped, without floats: (88750, 4) -> "8.875". */
function formatScaled(value: number, places: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const unit = 10 ** places;
  const frac = String(abs % unit)
    .padStart(places, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.trunc(abs / unit)}${frac ? `.${frac}` : ''}`;
}

/** Basis points as a percentage without the sign and without floats: 825 -> "8.25", 1250 -> "12.5", 4000 -> "40". */
export const formatBasisPoints = (bp: number): string => formatScaled(bp, 2);

/** Parts per million as a percentage without the sign: 88750 -> "8.875", 82500 -> "8.25", 60000 -> "6". */
export const formatPartsPerMillion = (ppm: number): string => formatScaled(ppm, 4);

/** Cents to the plain decimal form used in form inputs ("1234.50"). */
export function centsToInput(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: Cents, currency = 'USD', locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f.format(cents / 100);
}
