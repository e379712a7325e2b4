import { formatMoney } from '../../../lib/money.ts';
import type { Category } from '../../categories/queries.ts';
import type { AssetView } from '../queries.ts';
import { AssetHeader } from './header.tsx';
import { warrantyWords } from './warranty.tsx';

const Dash = () => <span class="text-body-tertiary">—</span>;

export function AssetPage(p: {
  asset: AssetView;
  category: Category | null;
  today: string;
  currency: string;
  canWrite: boolean;
}) {
  const a = p.asset;
  const w = a.warrantyExpires ? warrantyWords(a.warrantyExpires, p.today) : null;
  const row = (label: string, value: preact.ComponentChildren) => (
    <>
      <dt class="col-sm-4 text-body-secondary fw-normal">{label}</dt>
      <dd class="col-sm-8">{value ?? <Dash />}</dd>
    </>
  );
  const extra = (p.category?.fields ?? []).filter((f) => a.customFields[f.key] !== undefined);
  return (
    <>
      <AssetHeader
        asset={{ ...a, categoryName: a.categoryName }}
        active="overview"
        actions={
          <>
            <a class="btn btn-outline-secondary" href={`/assets/${a.id}/work-orders`}>
              Work orders
            </a>
            <a class="btn btn-outline-primary" href={`/work-orders/new?assetId=${a.id}`}>
              New work order
            </a>
            {p.canWrite ? (
              <a class="btn btn-primary" href={`/assets/${a.id}/edit`}>
                Edit
              </a>
            ) : null}
          </>
        }
      />
      <p class={w?.expired ? 'text-danger fw-semibold' : ''} data-testid="warranty">
        {w ? w.text : 'No warranty date recorded.'}
      </p>
      <div class="row g-4">
        <div class="col-lg-6">
          <div class="card">
            <div class="card-header">
              <h2 class="h6 mb-0">Device</h2>
            </div>
            <div class="card-body">
              <dl class="row mb-0">
                {row('Company', <a href={`/companies/${a.companyId}`}>{a.companyName}</a>)}
                {row('Category', a.categoryName)}
                {row(
                  'Make / model',
                  a.make || a.model ? [a.make, a.model].filter(Boolean).join(' ') : null,
                )}
                {row(
                  'Serial number',
                  a.serial ? <span class="font-monospace">{a.serial}</span> : null,
                )}
                {row('Asset tag', a.assetTag)}
                {row('Location', a.locationName)}
                {row('Assigned to', a.contactName)}
                {row('OS / firmware', a.os)}
                {extra.map((f) =>
                  row(
                    f.label,
                    f.type === 'url' ? (
                      <a
                        href={String(a.customFields[f.key])}
                        rel="noopener noreferrer"
                        target="_blank"
                      >
                        {String(a.customFields[f.key])}
                      </a>
                    ) : (
                      String(a.customFields[f.key])
                    ),
                  ),
                )}
              </dl>
            </div>
          </div>
        </div>
        <div class="col-lg-6">
          <div class="card mb-4">
            <div class="card-header">
              <h2 class="h6 mb-0">Network</h2>
            </div>
            <div class="card-body">
              <dl class="row mb-0">
                {row(
                  'IP addresses',
                  a.ipAddresses.length ? (
                    <span class="font-monospace">{a.ipAddresses.join(', ')}</span>
                  ) : null,
                )}
                {row('MAC address', a.mac ? <span class="font-monospace">{a.mac}</span> : null)}
              </dl>
            </div>
          </div>
          <div class="card mb-4">
            <div class="card-header">
              <h2 class="h6 mb-0">Purchase and warranty</h2>
            </div>
            <div class="card-body">
              <dl class="row mb-0">
                {row('Purchase date', a.purchaseDate)}
                {row(
                  'Purchase price',
                  a.purchasePriceCents === null
                    ? null
                    : formatMoney(a.purchasePriceCents, p.currency),
                )}
                {row('Vendor', a.vendor)}
                {row(
                  'Warranty expires',
                  a.warrantyExpires ? (
                    <span class={w?.expired ? 'text-danger fw-semibold' : ''}>
                      {a.warrantyExpires}
                    </span>
                  ) : null,
                )}
              </dl>
            </div>
          </div>
          <div class="card">
            <div class="card-header">
              <h2 class="h6 mb-0">Notes</h2>
            </div>
            <div class="card-body text-pre-line">{a.notes ?? <Dash />}</div>
          </div>
        </div>
      </div>
    </>
  );
}
