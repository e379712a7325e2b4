// Form values for the billing set-up pages: cents and basis points back into what a person types.
import { centsToInput, formatBasisPoints, formatPartsPerMillion } from '../../../lib/money.ts';
import { formatQuantity } from '../../invoices/totals.ts';

export type Values = Record<string, string | undefined>;

export const moneyInput = (c: number | null) => (c === null ? '' : centsToInput(c));
/** 4000 -> "40", 825 -> "8.25" (no floats). */
export const percentInput = (bp: number | null) => (bp === null ? '' : formatBasisPoints(bp));
/** A tax rate's form value: parts per million as a percentage, 88750 -> "8.875". */
export const taxRateInput = (ppm: number) => formatPartsPerMillion(ppm);
export const quantityInput = (q: number) => formatQuantity(q);
