// "My work" by urgency, as pure rules: each open work order assigned to the user falls in the first
// group it fits — overdue (due before today in the business time zone), due today, waiting on us
// (a status where we owe the next step), updated by the customer (a contact's comment newer than
// the last staff comment), then the rest — and each group has its own order.
import { daysBetween } from '../../lib/dates.ts';
import { isOpen, type WoPriority, type WoStatus } from '../work-orders/transitions.ts';

export type MyWorkItem = {
  id: string;
  number: number;
  title: string;
  companyId: string;
  companyName: string;
  /** The first of its assets by name, and how many it has. */
  assetName: string | null;
  assetCount: number;
  status: WoStatus;
  priority: WoPriority;
  dueOn: string | null;
  createdAt: string;
  /** When the status last changed (its audit row); null when it never has. */
  statusChangedAt: string | null;
  lastCustomerAt: string | null;
  lastStaffAt: string | null;
};

export const GROUPS = ['overdue', 'today', 'waiting', 'customer', 'rest'] as const;
export type GroupKey = (typeof GROUPS)[number];
export const GROUP_LABEL: Record<GroupKey, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  waiting: 'Waiting on us',
  customer: 'Updated by the customer',
  rest: 'Other open work',
};

/**
 * The statuses where the next step is ours: nobody has picked it up yet (new) or we are on it (in
 * progress). Scheduled work has its date; waiting on the customer or on parts waits on others.
 */
export const WAITING_ON_US: readonly WoStatus[] = ['new', 'in_progress'];

const PRIORITY_RANK: Record<WoPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** A contact wrote after the last staff comment (or no staff member has written yet). */
export const customerUpdated = (w: MyWorkItem): boolean =>
  w.lastCustomerAt !== null && (w.lastStaffAt === null || w.lastCustomerAt > w.lastStaffAt);

/** Since when it has waited on us: the later of the last status change and the last customer word. */
export function waitingSince(w: MyWorkItem): string {
  const changed = w.statusChangedAt ?? w.createdAt;
  return w.lastCustomerAt && w.lastCustomerAt > changed ? w.lastCustomerAt : changed;
}

/** The group an open work order falls in (the first that fits, in the order of GROUPS). */
export function groupOf(w: MyWorkItem, today: string): GroupKey {
  if (w.dueOn !== null && w.dueOn < today) return 'overdue';
  if (w.dueOn === today) return 'today';
  if (WAITING_ON_US.includes(w.status)) return 'waiting';
  if (customerUpdated(w)) return 'customer';
  return 'rest';
}

type Cmp = (a: MyWorkItem, b: MyWorkItem) => number;
const byPriority: Cmp = (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
const byNumber: Cmp = (a, b) => a.number - b.number;
const byText =
  (f: (w: MyWorkItem) => string): Cmp =>
  (a, b) =>
    f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0;
/** No due date sorts after every date. */
const byDue = byText((w) => w.dueOn ?? '9999-99-99');
const chain =
  (...cmps: Cmp[]): Cmp =>
  (a, b) => {
    for (const c of cmps) {
      const d = c(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };

const ORDER: Record<GroupKey, Cmp> = {
  // Most overdue first.
  overdue: chain(byDue, byPriority, byNumber),
  today: chain(byPriority, byNumber),
  // Longest waiting first.
  waiting: chain(byText(waitingSince), byPriority, byNumber),
  // The customer who has waited longest for an answer first.
  customer: chain(
    byText((w) => w.lastCustomerAt ?? ''),
    byPriority,
    byNumber,
  ),
  rest: chain(byDue, byPriority, byNumber),
};

export type WorkGroup = { key: GroupKey; items: MyWorkItem[] };

/** Every group in order, each sorted; closed, resolved and cancelled work is left out. */
export function groupMyWork(items: readonly MyWorkItem[], today: string): WorkGroup[] {
  const groups = new Map<GroupKey, MyWorkItem[]>(GROUPS.map((g) => [g, []]));
  for (const w of items) if (isOpen(w.status)) groups.get(groupOf(w, today))!.push(w);
  return GROUPS.map((key) => ({ key, items: groups.get(key)!.sort(ORDER[key]) }));
}

/** "45 min", "5 h", "1 day", "12 days": how long from an instant to now, in one unit. */
export function elapsed(fromIso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Whole days a due date is past today (0 when not overdue). */
export const daysOverdue = (dueOn: string, today: string): number =>
  Math.max(0, daysBetween(dueOn, today));
