// The grouping of "My work": a table of cases for each rule and its edges, then properties over
// random work orders — every open one in exactly one group, the group it fits first, in its order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WO_PRIORITIES, WO_STATUSES, isOpen } from '../work-orders/transitions.ts';
import {
  GROUPS,
  WAITING_ON_US,
  customerUpdated,
  daysOverdue,
  elapsed,
  groupMyWork,
  groupOf,
  waitingSince,
  type MyWorkItem,
} from './my-work.ts';

const TODAY = '2026-11-18';
let seq = 0;
const wo = (over: Partial<MyWorkItem> = {}): MyWorkItem => {
  seq += 1;
  return {
    id: `wo-${seq}`,
    number: seq,
    title: `Work ${seq}`,
    companyId: 'c1',
    companyName: 'Riverside Dental',
    assetName: null,
    assetCount: 0,
    status: 'scheduled',
    priority: 'normal',
    dueOn: null,
    createdAt: '2026-11-01T15:00:00.000Z',
    statusChangedAt: null,
    lastCustomerAt: null,
    lastStaffAt: null,
    ...over,
  };
};

describe('groupOf', () => {
  it.each([
    ['due yesterday', { dueOn: '2026-11-17' }, 'overdue'],
    [
      'due a year ago, waiting on parts',
      { dueOn: '2025-11-18', status: 'waiting_parts' },
      'overdue',
    ],
    ['due today', { dueOn: TODAY }, 'today'],
    ['due today and new', { dueOn: TODAY, status: 'new' }, 'today'],
    ['new, no due date', { status: 'new' }, 'waiting'],
    ['in progress, due next week', { status: 'in_progress', dueOn: '2026-11-25' }, 'waiting'],
    ['scheduled, due tomorrow', { dueOn: '2026-11-19' }, 'rest'],
    ['waiting on the customer, who has not written', { status: 'waiting_customer' }, 'rest'],
    [
      'waiting on the customer, who wrote after us',
      {
        status: 'waiting_customer',
        lastStaffAt: '2026-11-10T10:00:00.000Z',
        lastCustomerAt: '2026-11-12T10:00:00.000Z',
      },
      'customer',
    ],
    [
      'waiting on the customer, and we answered last',
      {
        status: 'waiting_customer',
        lastCustomerAt: '2026-11-12T10:00:00.000Z',
        lastStaffAt: '2026-11-12T10:05:00.000Z',
      },
      'rest',
    ],
    [
      'the customer wrote and no staff member has yet',
      { status: 'waiting_parts', lastCustomerAt: '2026-11-12T10:00:00.000Z' },
      'customer',
    ],
    [
      'in progress with a customer comment: still waiting on us (the earlier group)',
      { status: 'in_progress', lastCustomerAt: '2026-11-12T10:00:00.000Z' },
      'waiting',
    ],
  ] as const)('%s → %s', (_, over, group) => {
    expect(groupOf(wo(over as Partial<MyWorkItem>), TODAY)).toBe(group);
  });
});

describe('waitingSince', () => {
  it('counts from the creation when the status never changed', () => {
    expect(waitingSince(wo({ status: 'new' }))).toBe('2026-11-01T15:00:00.000Z');
  });
  it('counts from the last status change', () => {
    const w = wo({ status: 'in_progress', statusChangedAt: '2026-11-15T09:00:00.000Z' });
    expect(waitingSince(w)).toBe('2026-11-15T09:00:00.000Z');
  });
  it('counts from the customer’s word when it came after the status change', () => {
    const w = wo({
      status: 'in_progress',
      statusChangedAt: '2026-11-15T09:00:00.000Z',
      lastCustomerAt: '2026-11-16T08:00:00.000Z',
    });
    expect(waitingSince(w)).toBe('2026-11-16T08:00:00.000Z');
    expect(waitingSince({ ...w, lastCustomerAt: '2026-11-14T08:00:00.000Z' })).toBe(
      '2026-11-15T09:00:00.000Z',
    );
  });
});

describe('groupMyWork', () => {
  it('puts each group in its order and leaves closed, resolved and cancelled work out', () => {
    const late2 = wo({ dueOn: '2026-11-10', priority: 'low' });
    const late1 = wo({ dueOn: '2026-11-16', priority: 'urgent' });
    const late3 = wo({ dueOn: '2026-11-10', priority: 'urgent' });
    const todayLow = wo({ dueOn: TODAY, priority: 'low' });
    const todayHigh = wo({ dueOn: TODAY, priority: 'high' });
    const waitLong = wo({ status: 'new', createdAt: '2026-11-02T00:00:00.000Z' });
    const waitShort = wo({ status: 'new', createdAt: '2026-11-17T00:00:00.000Z' });
    const restNoDue = wo({ priority: 'urgent' });
    const restSoon = wo({ dueOn: '2026-11-20' });
    const closed = wo({ status: 'closed', dueOn: '2026-11-01' });
    const resolved = wo({ status: 'resolved' });
    const cancelled = wo({ status: 'cancelled', dueOn: TODAY });
    const groups = groupMyWork(
      [
        restNoDue,
        waitShort,
        late2,
        todayLow,
        closed,
        late1,
        restSoon,
        resolved,
        todayHigh,
        waitLong,
        cancelled,
        late3,
      ],
      TODAY,
    );
    expect(groups.map((g) => g.key)).toEqual([...GROUPS]);
    const ids = Object.fromEntries(groups.map((g) => [g.key, g.items.map((w) => w.id)]));
    expect(ids).toEqual({
      overdue: [late3.id, late2.id, late1.id],
      today: [todayHigh.id, todayLow.id],
      waiting: [waitLong.id, waitShort.id],
      customer: [],
      rest: [restSoon.id, restNoDue.id],
    });
  });

  it('orders customer updates by who has waited longest for an answer', () => {
    const early = wo({ status: 'waiting_customer', lastCustomerAt: '2026-11-10T00:00:00.000Z' });
    const late = wo({ status: 'waiting_customer', lastCustomerAt: '2026-11-17T00:00:00.000Z' });
    const [, , , customer] = groupMyWork([late, early], TODAY);
    expect(customer.items.map((w) => w.id)).toEqual([early.id, late.id]);
  });
});

describe('elapsed and daysOverdue', () => {
  const now = Date.parse('2026-11-18T12:00:00.000Z');
  it.each([
    ['2026-11-18T11:59:50.000Z', '1 min'],
    ['2026-11-18T11:15:00.000Z', '45 min'],
    ['2026-11-18T07:00:00.000Z', '5 h'],
    ['2026-11-17T11:00:00.000Z', '1 day'],
    ['2026-11-15T12:00:00.000Z', '3 days'],
    ['2026-11-19T12:00:00.000Z', '1 min'],
  ])('%s → %s', (from, text) => {
    expect(elapsed(from, now)).toBe(text);
  });
  it('counts calendar days past the due date, never below zero', () => {
    expect(daysOverdue('2026-11-13', TODAY)).toBe(5);
    expect(daysOverdue('2026-10-31', TODAY)).toBe(18);
    expect(daysOverdue('2026-11-25', TODAY)).toBe(0);
  });
});

// Random work orders around today: dates within ±10 days, instants within November.
const date = fc.integer({ min: 8, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
const instant = fc
  .integer({ min: 0, max: 29 * 24 * 60 })
  .map((m) => new Date(Date.parse('2026-11-01T00:00:00.000Z') + m * 60_000).toISOString());
const item = fc
  .record({
    status: fc.constantFrom(...WO_STATUSES),
    priority: fc.constantFrom(...WO_PRIORITIES),
    dueOn: fc.option(date, { nil: null }),
    createdAt: instant,
    statusChangedAt: fc.option(instant, { nil: null }),
    lastCustomerAt: fc.option(instant, { nil: null }),
    lastStaffAt: fc.option(instant, { nil: null }),
  })
  .map((r) => wo(r));
const RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

describe('groupMyWork properties', () => {
  it('shows every open work order exactly once, in the first group it fits', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), date, (items, today) => {
        const groups = groupMyWork(items, today);
        const shown = groups.flatMap((g) => g.items.map((w) => w.id));
        expect(new Set(shown).size).toBe(shown.length);
        expect(new Set(shown)).toEqual(
          new Set(items.filter((w) => isOpen(w.status)).map((w) => w.id)),
        );
        for (const g of groups)
          for (const w of g.items) {
            expect(groupOf(w, today)).toBe(g.key);
            if (g.key === 'overdue') expect(w.dueOn! < today).toBe(true);
            if (g.key === 'today') expect(w.dueOn).toBe(today);
            if (g.key !== 'overdue' && g.key !== 'today')
              expect(w.dueOn === null || w.dueOn > today).toBe(true);
            if (g.key === 'waiting') expect(WAITING_ON_US).toContain(w.status);
            if (g.key === 'customer') {
              expect(customerUpdated(w)).toBe(true);
              expect(WAITING_ON_US).not.toContain(w.status);
            }
            if (g.key === 'rest') {
              expect(WAITING_ON_US).not.toContain(w.status);
              expect(customerUpdated(w)).toBe(false);
            }
          }
      }),
    );
  });

  it('keeps each group in its order', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), date, (items, today) => {
        const by = Object.fromEntries(groupMyWork(items, today).map((g) => [g.key, g.items]));
        const pairs = <T>(xs: T[]) => xs.slice(1).map((x, i) => [xs[i], x] as const);
        for (const [a, b] of pairs(by.overdue)) expect(a.dueOn! <= b.dueOn!).toBe(true);
        for (const [a, b] of pairs(by.today))
          expect(RANK[a.priority] <= RANK[b.priority]).toBe(true);
        for (const [a, b] of pairs(by.waiting))
          expect(waitingSince(a) <= waitingSince(b)).toBe(true);
        for (const [a, b] of pairs(by.customer))
          expect(a.lastCustomerAt! <= b.lastCustomerAt!).toBe(true);
        for (const [a, b] of pairs(by.rest)) {
          const [da, db] = [a.dueOn ?? '9999', b.dueOn ?? '9999'];
          expect(da < db || (da === db && RANK[a.priority] <= RANK[b.priority])).toBe(true);
        }
      }),
    );
  });

  it('never waits from before the work order’s last status change or its creation', () => {
    fc.assert(
      fc.property(item, (w) => {
        expect(waitingSince(w) >= (w.statusChangedAt ?? w.createdAt)).toBe(true);
        if (w.lastCustomerAt) expect(waitingSince(w) >= w.lastCustomerAt).toBe(true);
      }),
    );
  });
});
