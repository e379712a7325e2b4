// An audit row's summary in words: "monthly rate: $1,450.00 → $1,500.00", not raw JSON.
import { formatMoney } from '../lib/money.ts';

const words = (key: string) => key.replace(/Cents$/, '').replace(/Id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function value(key: string, v: unknown, currency: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && key.endsWith('Cents')) return formatMoney(v, currency);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

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
    Array.isArray(v) && v.length === 2 ? `${words(k)}: ${value(k, v[0], currency)} → ${value(k, v[1], currency)}` : `${words(k)}: ${value(k, v, currency)}`,
  );
}

export function AuditSummary({ summary, currency }: { summary: string | null; currency?: string }) {
  const parts = summaryParts(summary, currency);
  if (parts.length === 0) return null;
  return <span class="text-body-secondary">{parts.join(' · ')}</span>;
}
