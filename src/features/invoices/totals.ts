// The one place invoice figures are computed: each line's amount and tax (rounded once per line,
// half away from zero, by lib/money.ts), then the invoice's subtotal, tax and total as plain sums of
// the lines. The invoice page, the PDF, the API and the billing run all call these functions, so they
// can never disagree.
import {
  applyPartsPerMillion,
  formatBasisPoints,
  formatPartsPerMillion,
  lineTotal,
  sumCents,
  type Cents,
} from '../../lib/money.ts';

export type LineFigures = {
  quantityThousandths: number;
  unitPriceCents: Cents;
  taxRatePpm: number;
};
export type PricedLine = { amountCents: Cents; taxCents: Cents };
export type InvoiceTotals = { subtotalCents: Cents; taxCents: Cents; totalCents: Cents };

export function priceLine(l: LineFigures): PricedLine {
  const amountCents = lineTotal(l.unitPriceCents, l.quantityThousandths);
  return { amountCents, taxCents: applyPartsPerMillion(amountCents, l.taxRatePpm) };
}

export function invoiceTotals(lines: readonly PricedLine[]): InvoiceTotals {
  const subtotalCents = sumCents(lines.map((l) => l.amountCents));
  const taxCents = sumCents(lines.map((l) => l.taxCents));
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

/** What is still owed: the total less payments and credit notes applied to it. */
export const balanceOf = (i: {
  totalCents: Cents;
  paidCents: Cents;
  creditedCents: Cents;
}): Cents => i.totalCents - i.paidCents - i.creditedCents;

/** Tax subtotals per rate for the totals box ("Sales tax 8.25%: $12.38"). */
export function taxBreakdown(
  lines: readonly (PricedLine & { taxName: string | null; taxRatePpm: number })[],
): { name: string; ratePpm: number; taxCents: Cents }[] {
  const byRate = new Map<string, { name: string; ratePpm: number; taxCents: Cents }>();
  for (const l of lines) {
    if (l.taxRatePpm === 0 && l.taxCents === 0) continue;
    const name = l.taxName ?? 'Tax';
    const key = `${name}|${l.taxRatePpm}`;
    const row = byRate.get(key) ?? { name, ratePpm: l.taxRatePpm, taxCents: 0 };
    row.taxCents += l.taxCents;
    byRate.set(key, row);
  }
  return [...byRate.values()];
}

/** A markup in basis points: 4000 -> "40%" */
export const formatRate = (bp: number): string => `${formatBasisPoints(bp)}%`;

/** A tax rate in parts per million: 88750 -> "8.875%" */
export const formatTaxRate = (ppm: number): string => `${formatPartsPerMillion(ppm)}%`;

/** 1500 -> "1.5"; quantities are thousandths. */
export function formatQuantity(q: number): string {
  const sign = q < 0 ? '-' : '';
  const abs = Math.abs(q);
  const frac = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.trunc(abs / 1000)}${frac ? `.${frac}` : ''}`;
}
