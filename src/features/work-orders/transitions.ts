// The work order life cycle as pure rules: which status may follow which, who may reopen a closed
// work order, and the billing designation a new work order starts with. Services and pages both ask
// here, so the status form offers exactly what the service accepts.
import type { Role } from '../../platform/actor.ts';
import { STATUS_LABEL } from './views/header.tsx';

export const WO_STATUSES = [
  'new',
  'scheduled',
  'in_progress',
  'waiting_customer',
  'waiting_parts',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type WoStatus = (typeof WO_STATUSES)[number];
export const WO_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type WoPriority = (typeof WO_PRIORITIES)[number];
export const WO_BILLING = ['contract', 'billable', 'no_charge'] as const;
export type WoBilling = (typeof WO_BILLING)[number];
export const BILLING_LABEL: Record<WoBilling, string> = {
  contract: 'Covered by contract',
  billable: 'Billable',
  no_charge: 'No charge',
};

/** Statuses that still need work; the default list shows these. */
export const OPEN_STATUSES: WoStatus[] = [
  'new',
  'scheduled',
  'in_progress',
  'waiting_customer',
  'waiting_parts',
];
export const isOpen = (s: string) => (OPEN_STATUSES as string[]).includes(s);

const NEXT: Record<WoStatus, WoStatus[]> = {
  new: ['scheduled', 'in_progress', 'waiting_customer', 'resolved', 'cancelled'],
  scheduled: ['new', 'in_progress', 'cancelled'],
  in_progress: ['scheduled', 'waiting_customer', 'waiting_parts', 'resolved', 'cancelled'],
  waiting_customer: ['in_progress', 'resolved', 'cancelled'],
  waiting_parts: ['in_progress', 'cancelled'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};

/** The statuses an actor with this role may move a work order to from `from`. */
export function nextStatuses(from: WoStatus, role: Role | 'system'): WoStatus[] {
  const next = [...NEXT[from]];
  // Reopening a closed work order is an admin's call: closed work may already be invoiced.
  if (from === 'closed' && (role === 'admin' || role === 'system')) next.push('in_progress');
  return next;
}

/** null when allowed; otherwise a message naming both statuses. */
export function transitionError(
  from: WoStatus,
  to: WoStatus,
  role: Role | 'system',
): string | null {
  if (from === to) return `The work order is already ${STATUS_LABEL[to]}.`;
  if (nextStatuses(from, role).includes(to)) return null;
  const allowed = nextStatuses(from, role).map((s) => STATUS_LABEL[s]);
  const hint = allowed.length
    ? ` From ${STATUS_LABEL[from]} it can go to: ${allowed.join(', ')}.`
    : from === 'closed'
      ? ' Only an admin can reopen a closed work order.'
      : '';
  return `A work order cannot go from ${STATUS_LABEL[from]} to ${STATUS_LABEL[to]}.${hint}`;
}

/** A company paying a monthly contract rate is covered by contract; everyone else pays per job. */
export const defaultBilling = (company: { monthlyRateCents: number }): WoBilling =>
  company.monthlyRateCents > 0 ? 'contract' : 'billable';
