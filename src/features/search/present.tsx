// How one search hit reads, the same on the search page and in the type-ahead: where it leads, its
// number or name, and its key facts (status, company, amount, due or overdue). Only exceptions are
// coloured (overdue, void). Pure: data in, markup out.
import type { JSX } from 'preact';
import { daysBetween } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import { daysLate, displayStatus } from '../invoices/views/status.tsx';
import { paymentLabel } from '../payments/views/parts.tsx';
import { PRIORITY_LABEL, STATUS_LABEL, woNumber } from '../work-orders/views/header.tsx';
import type { Hits, KindKey } from './queries.ts';

export type PresentEnv = { today: string; currency: string };
export type Fact = string | JSX.Element;
export type Presented = {
  href: string;
  /** The number or name, in bold: "WO-01042", "INV-2026-00012", "Harbor Law". */
  code: string;
  /** What follows it on the same line: a work order's title. */
  title?: string;
  company?: { id: string; name: string };
  facts: Fact[];
  exact?: boolean;
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const danger = (text: string) => <span class="text-danger fw-semibold">{text}</span>;

const INVOICE_STATUS: Record<string, string> = {
  draft: 'Draft',
  issued: 'Issued',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
  overdue: 'Overdue',
};

function workOrderDue(w: Hits['workOrders'], today: string): Fact | null {
  if (!w.open || !w.dueOn) return null;
  if (w.dueOn < today) return danger(`${plural(daysBetween(w.dueOn, today), 'day')} overdue`);
  if (w.dueOn === today) return <span class="fw-semibold">Due today</span>;
  return `Due ${w.dueOn}`;
}

export const PRESENT: { [K in KindKey]: (hit: Hits[K], env: PresentEnv) => Presented } = {
  workOrders: (w, env) => ({
    href: `/work-orders/${w.id}`,
    code: woNumber(w.number),
    title: w.title,
    company: { id: w.companyId, name: w.companyName },
    exact: w.exact,
    // The exception (overdue) early: a phone's type-ahead cuts the end of the line.
    facts: [
      STATUS_LABEL[w.status] ?? w.status,
      ...[workOrderDue(w, env.today)].filter((f): f is Fact => f !== null),
      ...(w.open && (w.priority === 'urgent' || w.priority === 'high')
        ? [PRIORITY_LABEL[w.priority] ?? w.priority]
        : []),
      ...(w.open ? [w.assignedToName ?? 'Unassigned'] : []),
    ],
  }),
  invoices: (i, env) => {
    const status = displayStatus(i, env.today);
    const late = daysLate(i, env.today);
    const money = (c: number) => formatMoney(c, i.currency);
    const facts: Fact[] = [];
    if (i.kind === 'credit_note') facts.push('Credit note', money(i.totalCents));
    else {
      // Overdue reads as "N days late", in red and first (a phone cuts the end of the line);
      // every other status as its word.
      facts.push(
        late > 0 ? danger(`${plural(late, 'day')} late`) : (INVOICE_STATUS[status] ?? status),
      );
      facts.push(money(i.totalCents));
      if (i.status === 'issued' && i.balanceCents > 0 && i.balanceCents !== i.totalCents)
        facts.push(`${money(i.balanceCents)} due`);
      if (late <= 0 && i.dueDate && i.status === 'issued' && i.balanceCents > 0)
        facts.push(`Due ${i.dueDate}`);
    }
    return {
      href: `/invoices/${i.id}`,
      code: i.number,
      company: { id: i.companyId, name: i.companyName },
      exact: i.exact,
      facts,
    };
  },
  payments: (p, env) => ({
    href: `/payments/${p.id}`,
    code: paymentLabel(p),
    company: { id: p.companyId, name: p.companyName },
    exact: p.exact,
    facts: [
      formatMoney(p.amountCents, env.currency),
      `Received ${p.receivedOn}`,
      ...(p.status === 'void'
        ? [danger('Void')]
        : p.refundedCents >= p.amountCents
          ? ['Refunded']
          : p.unappliedCents > 0
            ? [`${formatMoney(p.unappliedCents, env.currency)} credit left`]
            : []),
    ],
  }),
  companies: (c) => ({
    href: `/companies/${c.id}`,
    code: c.name,
    facts: [...(c.status === 'inactive' ? ['Inactive'] : []), c.email, c.phone].filter(
      (f): f is string => Boolean(f),
    ),
  }),
  contacts: (c) => ({
    href: `/companies/${c.companyId}`,
    code: c.name,
    company: { id: c.companyId, name: c.companyName },
    facts: [c.email, c.phone].filter((f): f is string => Boolean(f)),
  }),
  assets: (a) => ({
    href: `/assets/${a.id}`,
    code: a.name,
    company: { id: a.companyId, name: a.companyName },
    facts: [a.serial, a.assetTag, a.ipAddresses].filter((f): f is string => Boolean(f)),
  }),
};
