// An audit row's summary in words: "monthly rate: $1,450.00 → $1,500.00", not raw JSON.
import { formatMoney } from '../lib/money.ts';

const words = (key: string) =>
  key
    .replace(/Cents$/, '')
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function value(key: string, v: unknown, currency: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && key.endsWith('Cents')) return formatMoney(v, currency);
  // A list of small records (a payment's allocations): "INV-2026-00109 $2,155.40, INV-2026-00110 $80.00".
  if (LIST_FIELDS.has(key) && Array.isArray(v) && v.every(isRecord)) {
    const s = v
      .map((o) =>
        Object.entries(o)
          .map(([k, x]) => value(k, x, currency))
          .join(' '),
      )
      .join(', ');
    return s.length > 160 ? `${s.slice(0, 160)}…` : s;
  }
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

// Summary fields that hold a list of records rather than a [before, after] change.
const LIST_FIELDS = new Set(['allocations']);

/** [before, after] of a changed field, as audit diffs store them. */
const isChange = (key: string, v: unknown): v is [unknown, unknown] =>
  Array.isArray(v) && v.length === 2 && !LIST_FIELDS.has(key);

export function summaryParts(summary: string | null, currency = 'USD'): string[] {
  if (!summary) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(summary);
  } catch {
    return [summary];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [String(summary)];
  return Object.entries(parsed as Record<string, unknown>).map(([k, v]) =>
    isChange(k, v)
      ? `${words(k)}: ${value(k, v[0], currency)} → ${value(k, v[1], currency)}`
      : `${words(k)}: ${value(k, v, currency)}`,
  );
}

export function AuditSummary({ summary, currency }: { summary: string | null; currency?: string }) {
  const parts = summaryParts(summary, currency);
  if (parts.length === 0) return null;
  return <span class="text-body-secondary">{parts.join(' · ')}</span>;
}
