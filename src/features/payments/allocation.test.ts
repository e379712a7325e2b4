import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocateOldestFirst,
  checkManualAllocation,
  oldestFirst,
  type OpenInvoice,
} from './allocation.ts';
import { addToAging, bucketFor, emptyAging } from './aging.ts';

const inv = (id: string, dueDate: string, balanceCents: number, number = id): OpenInvoice => ({
  id,
  number,
  dueDate,
  balanceCents,
});

describe('oldest-first allocation', () => {
  it('pays the oldest due date first, then by number, and keeps what is left as credit', () => {
    const open = [
      inv('c', '2026-03-01', 5000, 'INV-3'),
      inv('a', '2026-01-01', 3000, 'INV-1'),
      inv('b', '2026-03-01', 2000, 'INV-2'),
    ];
    expect(allocateOldestFirst(6000, open)).toEqual({
      allocations: [
        { invoiceId: 'a', amountCents: 3000 },
        { invoiceId: 'b', amountCents: 2000 },
        { invoiceId: 'c', amountCents: 1000 },
      ],
      unappliedCents: 0,
    });
    expect(allocateOldestFirst(12000, open).unappliedCents).toBe(2000);
    expect(allocateOldestFirst(0, open)).toEqual({ allocations: [], unappliedCents: 0 });
    expect(allocateOldestFirst(500, [])).toEqual({ allocations: [], unappliedCents: 500 });
  });

  const invoicesArb = fc.uniqueArray(
    fc.record({
      id: fc.uuid(),
      number: fc.string({ maxLength: 4 }),
      dueDate: fc
        .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      balanceCents: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    { selector: (i) => i.id, maxLength: 30 },
  );

  it('allocated + unapplied = received; no invoice over-paid; oldest first (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), invoicesArb, (amount, open) => {
        const r = allocateOldestFirst(amount, open);
        const allocated = r.allocations.reduce((s, a) => s + a.amountCents, 0);
        expect(allocated + r.unappliedCents).toBe(amount);
        const byId = new Map(open.map((i) => [i.id, i]));
        for (const a of r.allocations) {
          expect(a.amountCents).toBeGreaterThan(0);
          expect(a.amountCents).toBeLessThanOrEqual(byId.get(a.invoiceId)!.balanceCents);
        }
        // Oldest first: every invoice before the last one touched is paid in full, none after it is touched.
        const order = oldestFirst(open).filter((i) => i.balanceCents > 0);
        const touched = r.allocations.length;
        order.slice(0, Math.max(0, touched - 1)).forEach((i, k) => {
          expect(r.allocations[k]).toEqual({ invoiceId: i.id, amountCents: i.balanceCents });
        });
        if (r.unappliedCents > 0)
          expect(allocated).toBe(order.reduce((s, i) => s + i.balanceCents, 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('checks a split chosen by hand, naming the bad row', () => {
    const open = [inv('a', '2026-01-01', 3000), inv('b', '2026-02-01', 2000)];
    expect(
      checkManualAllocation(
        5000,
        [
          { invoiceId: 'b', amountCents: 2000 },
          { invoiceId: 'a', amountCents: 1000 },
        ],
        open,
      ),
    ).toEqual([]);
    expect(checkManualAllocation(5000, [{ invoiceId: 'x', amountCents: 1 }], open)).toEqual([
      { index: 0, message: 'This invoice is not an open invoice of this company' },
    ]);
    expect(
      checkManualAllocation(5000, [{ invoiceId: 'a', amountCents: 3001 }], open)[0].index,
    ).toBe(0);
    expect(
      checkManualAllocation(
        5000,
        [
          { invoiceId: 'a', amountCents: 1 },
          { invoiceId: 'a', amountCents: 1 },
        ],
        open,
      )[0],
    ).toEqual({ index: 1, message: 'This invoice is named twice' });
    expect(
      checkManualAllocation(
        4000,
        [
          { invoiceId: 'a', amountCents: 3000 },
          { invoiceId: 'b', amountCents: 2000 },
        ],
        open,
      ),
    ).toEqual([{ index: -1, message: 'The amounts add up to more than the payment' }]);
  });
});

describe('aging buckets', () => {
  it.each([
    ['2026-06-30', 'current'], // due today
    ['2026-07-15', 'current'], // not yet due
    ['2026-06-29', 'days1To30'], // 1 day late
    ['2026-05-31', 'days1To30'], // 30
    ['2026-05-30', 'days31To60'], // 31
    ['2026-05-01', 'days31To60'], // 60
    ['2026-04-30', 'days61To90'], // 61
    ['2026-04-01', 'days61To90'], // 90
    ['2026-03-31', 'over90'], // 91
  ])('due %s is %s on 2026-06-30', (due, bucket) => {
    expect(bucketFor(due, '2026-06-30')).toBe(bucket);
  });

  it('buckets add up to the total (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            due: fc.integer({ min: -200, max: 200 }),
            amount: fc.integer({ min: 0, max: 1_000_000 }),
          }),
        ),
        (rows) => {
          const t = emptyAging();
          for (const r of rows)
            addToAging(
              t,
              new Date(Date.UTC(2026, 5, 30) + r.due * 86_400_000).toISOString().slice(0, 10),
              '2026-06-30',
              r.amount,
            );
          expect(
            t.currentCents +
              t.days1To30Cents +
              t.days31To60Cents +
              t.days61To90Cents +
              t.over90Cents,
          ).toBe(t.totalCents);
          expect(t.totalCents).toBe(rows.reduce((s, r) => s + r.amount, 0));
        },
      ),
    );
  });
});
