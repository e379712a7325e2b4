// The asset's history: its audit rows as a timeline, each change field by field (who, when, old → new).
import { formatInstant } from '../../../lib/dates.ts';
import { formatMoney } from '../../../lib/money.ts';
import { summaryParts } from '../../../views/audit-summary.tsx';
import { EmptyState } from '../../../views/components.tsx';
import type { AuditRow } from '../../audit/queries.ts';
import { AssetHeader, STATUS_LABEL, type AssetHeading } from './header.tsx';

const LABELS: Record<string, string> = {
  name: 'Name',
  make: 'Make',
  model: 'Model',
  serial: 'Serial number',
  assetTag: 'Asset tag',
  status: 'Status',
  location: 'Location',
  assignedContact: 'Assigned to',
  category: 'Category',
  ipAddresses: 'IP addresses',
  mac: 'MAC address',
  os: 'OS / firmware',
  purchaseDate: 'Purchase date',
  purchasePriceCents: 'Purchase price',
  vendor: 'Vendor',
  warrantyExpires: 'Warranty expires',
  notes: 'Notes',
};
const ACTIONS: Record<string, string> = {
  'asset.create': 'Added',
  'asset.update': 'Changed',
  'asset.status': 'Status changed',
  'asset.bulk_update': 'Changed in a bulk edit',
  'asset.service_record': 'Service record added',
};

export type Change = { field: string; from: string; to: string };

function shown(key: string, v: unknown, currency: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'status' && typeof v === 'string') return STATUS_LABEL[v] ?? v;
  if (key.endsWith('Cents') && typeof v === 'number') return formatMoney(v, currency);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** { field: [old, new] } -> readable changes; category fields (`field.<key>`) get their label. */
export function changesOf(
  summary: string | null,
  fieldLabels: Map<string, string>,
  currency: string,
): Change[] | null {
  if (!summary) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(summary);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.every(([, v]) => Array.isArray(v) && v.length === 2)) return null;
  return entries.map(([k, v]) => {
    const [a, b] = v as [unknown, unknown];
    const field = k.startsWith('field.')
      ? (fieldLabels.get(k.slice(6)) ?? k.slice(6))
      : (LABELS[k] ?? k);
    return { field, from: shown(k, a, currency), to: shown(k, b, currency) };
  });
}

export function AssetHistoryPage(p: {
  asset: AssetHeading;
  rows: AuditRow[];
  olderHref: string | null;
  fieldLabels: Map<string, string>;
  timeZone: string;
  currency: string;
}) {
  return (
    <>
      <AssetHeader asset={p.asset} active="history" />
      {p.rows.length === 0 ? (
        <EmptyState title="No history recorded yet." />
      ) : (
        <ol class="list-unstyled asset-timeline">
          {p.rows.map((r) => {
            const changes =
              r.action === 'asset.create' || r.action === 'asset.service_record'
                ? null
                : changesOf(r.summary, p.fieldLabels, p.currency);
            return (
              <li class="border-start border-2 ps-3 pb-3">
                <div class="small text-body-secondary">
                  <time datetime={r.at}>{formatInstant(r.at, p.timeZone)}</time> · {r.actorLabel}
                </div>
                <div class="fw-semibold">{ACTIONS[r.action] ?? r.action}</div>
                {changes ? (
                  <ul class="mb-0 small">
                    {changes.map((c) => (
                      <li>
                        <span class="text-body-secondary">{c.field}:</span>{' '}
                        <span class="change-old">{c.from}</span> →{' '}
                        <span class="change-new">{c.to}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <div class="small text-body-secondary">
                    {summaryParts(r.summary, p.currency).join(' · ')}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {p.olderHref ? (
        <a class="btn btn-sm btn-outline-secondary" href={p.olderHref}>
          Older entries
        </a>
      ) : null}
    </>
  );
}
