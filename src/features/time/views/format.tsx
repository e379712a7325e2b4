// Small display helpers for time and money on the time pages.
import { formatMoney } from '../../../lib/money.ts';

export const hm = (minutes: number) =>
  `${Math.trunc(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
export const Money = ({ cents, currency }: { cents: number; currency: string }) => (
  <span class="text-nowrap">{formatMoney(cents, currency)}</span>
);
/** Thousandths as a plain decimal ("2.5"); no floats involved. */
export function qty(thousandths: number): string {
  const whole = Math.trunc(thousandths / 1000);
  const frac = String(thousandths % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
