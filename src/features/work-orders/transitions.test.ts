import { describe, expect, it } from 'vitest';
import {
  defaultBilling,
  nextStatuses,
  transitionError,
  WO_STATUSES,
  type WoStatus,
} from './transitions.ts';
import { woNumber } from './views/header.tsx';

const ALLOWED: [WoStatus, WoStatus][] = [
  ['new', 'scheduled'],
  ['new', 'in_progress'],
  ['new', 'waiting_customer'],
  ['new', 'resolved'],
  ['new', 'cancelled'],
  ['scheduled', 'new'],
  ['scheduled', 'in_progress'],
  ['scheduled', 'cancelled'],
  ['in_progress', 'scheduled'],
  ['in_progress', 'waiting_customer'],
  ['in_progress', 'waiting_parts'],
  ['in_progress', 'resolved'],
  ['in_progress', 'cancelled'],
  ['waiting_customer', 'in_progress'],
  ['waiting_customer', 'resolved'],
  ['waiting_customer', 'cancelled'],
  ['waiting_parts', 'in_progress'],
  ['waiting_parts', 'cancelled'],
  ['resolved', 'closed'],
  ['resolved', 'in_progress'],
];

describe('work order status transitions', () => {
  const all = WO_STATUSES.flatMap((from) =>
    WO_STATUSES.map((to) => [from, to] as [WoStatus, WoStatus]),
  );
  it.each(all)('%s -> %s for a technician follows the table', (from, to) => {
    const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
    const err = transitionError(from, to, 'technician');
    if (allowed) expect(err).toBeNull();
    else expect(err).toMatch(/cannot go from|already/);
  });

  it('names both statuses when refused', () => {
    expect(transitionError('new', 'closed', 'admin')).toBe(
      'A work order cannot go from New to Closed. From New it can go to: Scheduled, In progress, Waiting on customer, Resolved, Cancelled.',
    );
    expect(transitionError('cancelled', 'in_progress', 'admin')).toBe(
      'A work order cannot go from Cancelled to In progress.',
    );
  });

  it('lets only an admin reopen a closed work order', () => {
    expect(transitionError('closed', 'in_progress', 'admin')).toBeNull();
    expect(transitionError('closed', 'in_progress', 'technician')).toBe(
      'A work order cannot go from Closed to In progress. Only an admin can reopen a closed work order.',
    );
    expect(nextStatuses('closed', 'billing')).toEqual([]);
    expect(nextStatuses('cancelled', 'admin')).toEqual([]);
  });

  it('reopens a resolved work order', () => {
    expect(nextStatuses('resolved', 'technician')).toEqual(['closed', 'in_progress']);
  });
});

describe('default billing designation', () => {
  it.each([
    [0, 'billable'],
    [1, 'contract'],
    [150000, 'contract'],
  ] as const)('monthly rate %i cents -> %s', (cents, expected) => {
    expect(defaultBilling({ monthlyRateCents: cents })).toBe(expected);
  });
});

describe('work order numbers', () => {
  it.each([
    [1, 'WO-00001'],
    [42, 'WO-00042'],
    [99999, 'WO-99999'],
    [123456, 'WO-123456'],
  ] as const)('%i -> %s', (n, s) => expect(woNumber(n)).toBe(s));
});
