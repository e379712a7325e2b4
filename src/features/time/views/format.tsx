// Small display helpers for money and quantities on the time pages (durations: lib/duration.ts).
import { formatMoney } from '../../../lib/money.ts';

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
