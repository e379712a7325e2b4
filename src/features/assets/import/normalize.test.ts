import { describe, expect, it } from 'vitest';
import { normalizeDate, normalizeMoney, normalizeStatus } from './normalize.ts';

describe('normalizeStatus', () => {
  it.each([
    ['In Service', 'in_service'],
    ['in_service', 'in_service'],
    ['ACTIVE', 'in_service'],
    ['in-use', 'in_service'],
    ['Deployed', 'in_service'],
    ['Spare', 'spare'],
    ['In stock', 'spare'],
    ['available', 'spare'],
    ['In Repair', 'in_repair'],
    ['in_repair', 'in_repair'],
    ['RMA', 'in_repair'],
    ['broken', 'in_repair'],
    ['Retired', 'retired'],
    ['decommissioned', 'retired'],
    ['Disposed', 'retired'],
    ['  retired  ', 'retired'],
  ])('%j -> %s', (s, status) => expect(normalizeStatus(s)).toBe(status));
  it.each(['', 'banana', 'in', 'servicing'])('%j is not a status', (s) =>
    expect(normalizeStatus(s)).toBeNull(),
  );
});

describe('normalizeDate', () => {
  it.each([
    ['2027-03-31', '2027-03-31'],
    ['2027-3-1', '2027-03-01'],
    ['2027/03/31', '2027-03-31'],
    ['2027-03-31 00:00:00', '2027-03-31'],
    ['2027-03-31T10:00:00Z', '2027-03-31'],
    ['3/31/2027', '2027-03-31'],
    ['03/01/2027', '2027-03-01'],
    ['3/1/27', '2027-03-01'],
    ['12/31/2026', '2026-12-31'],
    ['31.03.2027', '2027-03-31'],
    ['1.3.2027', '2027-03-01'],
    ['2024-02-29', '2024-02-29'],
  ])('%j -> %s', (s, d) => expect(normalizeDate(s)).toBe(d));
  it.each([
    '',
    'soon',
    '2026-02-30',
    '2025-02-29',
    '31/3/2027',
    '13/1/2027',
    '2027-13-01',
    '20270331',
    '3-31-2027',
    'March 31, 2027',
  ])('%j is not a date', (s) => expect(normalizeDate(s)).toBeNull());
});

describe('normalizeMoney', () => {
  it.each([
    ['$1,299.00', 129900],
    ['1299', 129900],
    ['1299.5', 129950],
    ['0', 0],
    ['$0.99', 99],
    ['USD 1,299.50', 129950],
    ['1,299.50 USD', 129950],
    ['1.299,00', 129900],
    ['12,5', 1250],
    ['€ 99,95', 9995],
    ['£10', 1000],
    ['-5', -500],
  ])('%j -> %d cents', (s, c) => expect(normalizeMoney(s)).toBe(c));
  it.each(['', 'free', '12.345', '1.2.3', '$', 'ten'])('%j is not an amount', (s) =>
    expect(normalizeMoney(s)).toBeNull(),
  );
});
