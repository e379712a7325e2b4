import { describe, expect, it } from 'vitest';
import { summaryParts } from './audit-summary.tsx';

describe('audit summaries in words', () => {
  it('shows changes as before → after, money formatted', () => {
    expect(
      summaryParts(JSON.stringify({ monthlyRateCents: [145000, 150000], name: ['A', 'B'] })),
    ).toEqual(['monthly rate: $1,450.00 → $1,500.00', 'name: A → B']);
  });

  it('lists a payment’s allocations as invoice and amount, also when there are exactly two', () => {
    const two = [
      { invoice: 'INV-2026-00001', amountCents: 30000 },
      { invoice: 'INV-2026-00002', amountCents: 5000 },
    ];
    expect(summaryParts(JSON.stringify({ amountCents: 35000, allocations: two }))).toEqual([
      'amount: $350.00',
      'allocations: INV-2026-00001 $300.00, INV-2026-00002 $50.00',
    ]);
  });
});
