// The portal's asset list and asset page, and the services page (contract and recurring services).
// Only what a customer may see reaches these views: no credential, note, cost or margin.
import { formatInstant } from '../../../lib/dates.ts';
import { formatMoney, lineTotal, sumCents } from '../../../lib/money.ts';
import { WarrantyCell, warrantyWords } from '../../assets/views/warranty.tsx';
import { StatusBadge, woNumber } from '../../work-orders/views/header.tsx';
import type { PortalAssetRow } from '../service-queries.ts';
import { PrevNext } from './work-orders.tsx';

const ASSET_STATUS: Record<string, string> = {
  in_service: 'In service',
  spare: 'Spare',
  in_repair: 'In repair',
  retired: 'Retired',
};

export function AssetListPage(p: {
  rows: PortalAssetRow[];
  hasNext: boolean;
  query: { q: string; page: number };
  today: string;
}) {
  return (
    <>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <div>
          <h1 class="h3 mb-0">Devices</h1>
          <p class="text-body-secondary mb-0">The equipment we look after for you.</p>
        </div>
        <a class="btn btn-primary" href="/portal/work-orders/new">
          Report a problem
        </a>
      </div>
      <form method="get" action="/portal/assets" class="mb-3" role="search">
        <div class="input-group">
          <label class="visually-hidden" for="f-q">
            Find a device
          </label>
          <input
            class="form-control"
            type="search"
            id="f-q"
            name="q"
            value={p.query.q}
            placeholder="Name, asset tag, serial or location"
          />
          <button class="btn btn-outline-secondary" type="submit">
            Find
          </button>
        </div>
      </form>
      {p.rows.length === 0 ? (
        <div class="card">
          <div class="card-body">
            {p.query.q ? (
              <p class="mb-0">
                No device matches “{p.query.q}”. <a href="/portal/assets">Show all</a>
              </p>
            ) : (
              <p class="mb-0">
                We have no devices on record for you yet. Tell us about a problem anyway:{' '}
                <a href="/portal/work-orders/new">report a problem</a>.
              </p>
            )}
          </div>
        </div>
      ) : (
        <div class="card">
          <table class="table table-hover mb-0 align-middle">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col" class="d-none d-md-table-cell">
                  Location
                </th>
                <th scope="col" class="d-none d-lg-table-cell">
                  Used by
                </th>
                <th scope="col" class="d-none d-sm-table-cell">
                  Warranty
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((a) => (
                <tr>
                  <td class="text-break">
                    <a href={`/portal/assets/${a.id}`}>{a.name}</a>
                    <div class="small text-body-secondary">{a.category}</div>
                  </td>
                  <td class="d-none d-md-table-cell text-break">{a.location ?? '—'}</td>
                  <td class="d-none d-lg-table-cell text-break">{a.contact ?? '—'}</td>
                  <td class="d-none d-sm-table-cell text-nowrap">
                    <WarrantyCell expires={a.warrantyExpires} today={p.today} />
                  </td>
                  <td>{ASSET_STATUS[a.status] ?? a.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PrevNext
        base="/portal/assets"
        query={{ q: p.query.q || undefined }}
        page={p.query.page}
        hasNext={p.hasNext}
      />
    </>
  );
}

type WoLine = { id: string; number: number; title: string; status: string; updatedAt: string };

function WoList({ rows, empty, tz }: { rows: WoLine[]; empty: string; tz: string }) {
  if (!rows.length) return <p class="text-body-secondary mb-0">{empty}</p>;
  return (
    <ul class="list-unstyled mb-0">
      {rows.map((w) => (
        <li class="mb-2 text-break">
          <a href={`/portal/work-orders/${w.id}`}>{w.title}</a> <StatusBadge status={w.status} />
          <div class="small text-body-secondary">
            {woNumber(w.number)} · updated {formatInstant(w.updatedAt, tz)}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function AssetPage(p: {
  asset: PortalAssetRow & { make: string | null; model: string | null };
  today: string;
  open: WoLine[];
  past: WoLine[];
  tz: string;
}) {
  const a = p.asset;
  const w = a.warrantyExpires ? warrantyWords(a.warrantyExpires, p.today) : null;
  const facts: [string, string | null][] = [
    ['Type', a.category],
    ['Make and model', [a.make, a.model].filter(Boolean).join(' ') || null],
    ['Location', a.location],
    ['Used by', a.contact],
    ['Asset tag', a.assetTag],
    ['Serial number', a.serial],
    ['Status', ASSET_STATUS[a.status] ?? a.status],
  ];
  return (
    <>
      <p class="mb-1">
        <a href="/portal/assets">← Devices</a>
      </p>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0 text-break">{a.name}</h1>
        <a class="btn btn-primary" href={`/portal/work-orders/new?assetIds=${a.id}`}>
          Report a problem with this device
        </a>
      </div>
      <div class="portal-grid">
        <section class="card">
          <div class="card-body">
            <h2 class="h5">About this device</h2>
            <dl class="row mb-0">
              {facts.map(([k, v]) => (
                <>
                  <dt class="col-sm-5 fw-normal text-body-secondary">{k}</dt>
                  <dd class="col-sm-7 text-break">{v ?? '—'}</dd>
                </>
              ))}
              <dt class="col-sm-5 fw-normal text-body-secondary">Warranty</dt>
              <dd class={`col-sm-7 mb-0${w?.expired ? ' text-danger fw-semibold' : ''}`}>
                {w ? w.text : 'No warranty date on record.'}
              </dd>
            </dl>
          </div>
        </section>
        <section class="card">
          <div class="card-body">
            <h2 class="h5">Open work orders</h2>
            <WoList rows={p.open} empty="Nothing open for this device." tz={p.tz} />
            <h2 class="h5 mt-4">Past work orders</h2>
            <WoList rows={p.past} empty="No past work orders." tz={p.tz} />
          </div>
        </section>
      </div>
    </>
  );
}

const qty = (thousandths: number) =>
  (thousandths / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });
const ordinal = (n: number) => {
  const t = n % 100;
  return `${n}${t >= 11 && t <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
};

export function ServicesPage(p: {
  contract: {
    monthlyRateCents: number;
    contractStart: string | null;
    billingDay: number;
    paymentTermsDays: number;
  };
  services: {
    id: string;
    name: string;
    quantityThousandths: number;
    unitPriceCents: number;
    startDate: string;
    endDate: string | null;
  }[];
  currency: string;
  today: string;
}) {
  const c = p.contract;
  const money = (cents: number) => formatMoney(cents, p.currency);
  return (
    <>
      <h1 class="h3 mb-3">Services</h1>
      <section class="card mb-3">
        <div class="card-body">
          <h2 class="h5">Your contract</h2>
          <dl class="row mb-0">
            <dt class="col-sm-4 fw-normal text-body-secondary">Monthly rate</dt>
            <dd class="col-sm-8">
              {c.monthlyRateCents > 0
                ? `${money(c.monthlyRateCents)} a month`
                : 'No monthly contract: work is billed as done'}
            </dd>
            <dt class="col-sm-4 fw-normal text-body-secondary">Start</dt>
            <dd class="col-sm-8">{c.contractStart ?? '—'}</dd>
            <dt class="col-sm-4 fw-normal text-body-secondary">Billed on</dt>
            <dd class="col-sm-8">the {ordinal(c.billingDay)} of each month</dd>
            <dt class="col-sm-4 fw-normal text-body-secondary">Payment terms</dt>
            <dd class="col-sm-8 mb-0">
              {c.paymentTermsDays === 0 ? 'Due on receipt' : `${c.paymentTermsDays} days`}
            </dd>
          </dl>
        </div>
      </section>
      <section class="card">
        <div class="card-body">
          <h2 class="h5">Recurring services</h2>
          {p.services.length === 0 ? (
            <p class="text-body-secondary mb-0">No recurring services.</p>
          ) : (
            <table class="table mb-0 align-middle">
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col" class="text-end">
                    Qty
                  </th>
                  <th scope="col" class="text-end d-none d-sm-table-cell">
                    Price
                  </th>
                  <th scope="col" class="text-end text-nowrap">
                    Monthly
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.services.map((s) => (
                  <tr>
                    <td class="text-break">
                      {s.name}
                      <div class="small text-body-secondary">
                        {s.startDate > p.today ? `Starts ${s.startDate}` : `Since ${s.startDate}`}
                        {s.endDate ? ` · ends ${s.endDate}` : ''}
                      </div>
                    </td>
                    <td class="text-end">{qty(s.quantityThousandths)}</td>
                    <td class="text-end d-none d-sm-table-cell text-nowrap">
                      {money(s.unitPriceCents)}
                    </td>
                    <td class="text-end text-nowrap">
                      {money(lineTotal(s.unitPriceCents, s.quantityThousandths))}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td class="d-none d-sm-table-cell" />
                  <td class="text-end text-nowrap fw-semibold">
                    {money(
                      sumCents(
                        p.services.map((s) => lineTotal(s.unitPriceCents, s.quantityThousandths)),
                      ),
                    )}
                  </td>
                </tr>
              </tfoot>
            </table>
          )}
        </div>
      </section>
    </>
  );
}
