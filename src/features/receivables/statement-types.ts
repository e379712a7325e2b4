// What a statement holds: built by statement.ts, drawn by statement-pdf.ts and the pages.
import type { AgingTotals } from '../payments/aging.ts';

export type StatementEntry = {
  date: string;
  order: number;
  description: string;
  detail: string[];
  amountCents: number;
  balanceCents: number;
};
export type Statement = {
  company: { id: string; name: string; billingAddress: string | null };
  from: string;
  to: string;
  currency: string;
  openingCents: number;
  closingCents: number;
  entries: StatementEntry[];
  aging: AgingTotals;
  unappliedCreditCents: number;
};
