// How an invoice's state reads to a person: the stored status (draft, issued, void) refined by what
// is owed — paid, partially paid, overdue — and the "N days late" label. Pure: no money is computed.
import { daysBetween } from '../../../lib/dates.ts';
import { formatMoney } from '../../../lib/money.ts';
import {
  displayStatus as baseStatus,
  type DisplayStatus as BaseStatus,
  type Invoice,
} from '../queries.ts';

export type DisplayStatus = BaseStatus | 'overdue';
type Owed = Pick<
  Invoice,
  'status' | 'kind' | 'totalCents' | 'balanceCents' | 'paidCents' | 'creditedCents' | 'dueDate'
>;

/** The foundation's display status (paid / partially paid from the running figures), plus overdue. */
export function displayStatus(i: Owed, today: string): DisplayStatus {
  const base = baseStatus(i);
  if (
    (base === 'issued' || base === 'partially_paid') &&
    i.kind === 'invoice' &&
    i.balanceCents > 0 &&
    i.dueDate &&
    i.dueDate < today
  )
    return 'overdue';
  return base;
}

/** Days past the due date while something is owed; 0 when not late. */
export function daysLate(i: Owed, today: string): number {
  return displayStatus(i, today) === 'overdue' ? daysBetween(i.dueDate!, today) : 0;
}

const LABEL: Record<DisplayStatus, string> = {
  draft: 'Draft',
  issued: 'Issued',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
  overdue: 'Overdue',
};
const BADGE: Record<DisplayStatus, string> = {
  draft: 'text-bg-secondary',
  issued: 'text-bg-primary',
  partially_paid: 'text-bg-info',
  paid: 'text-bg-success',
  void: 'text-bg-dark',
  overdue: 'text-bg-danger',
};

export function StatusBadge({
  invoice,
  today,
  class: cls,
}: {
  invoice: Owed;
  today: string;
  class?: string;
}) {
  const s = displayStatus(invoice, today);
  const label = invoice.kind === 'credit_note' && s === 'issued' ? 'Applied' : LABEL[s];
  return <span class={`badge ${BADGE[s]}${cls ? ` ${cls}` : ''}`}>{label}</span>;
}

export const invoiceTitle = (i: Pick<Invoice, 'number' | 'kind'>) =>
  i.number ?? (i.kind === 'credit_note' ? 'Draft credit note' : 'Draft');
export const Money = ({ cents, currency }: { cents: number; currency: string }) => (
  <span class="text-nowrap">{formatMoney(cents, currency)}</span>
);

export function DueDate({ invoice, today }: { invoice: Owed; today: string }) {
  if (!invoice.dueDate || invoice.kind === 'credit_note')
    return <span class="text-body-tertiary">—</span>;
  const late = daysLate(invoice, today);
  if (late > 0)
    return (
      <span class="text-danger fw-semibold">
        {invoice.dueDate} · {late} {late === 1 ? 'day' : 'days'} late
      </span>
    );
  return <span>{invoice.dueDate}</span>;
}
