import {
  CsrfField,
  EmptyState,
  PageHeader,
  Pager,
  SortHeader,
  withQuery,
} from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { Category } from '../../categories/queries.ts';
import type { Location } from '../../locations/queries.ts';
import type { AssetView } from '../queries.ts';
import { ASSET_STATUSES, type ListAssetsQuery } from '../schemas.ts';
import { STATUS_LABEL } from './header.tsx';
import { WarrantyCell } from './warranty.tsx';

export type AssetListProps = {
  base: string;
  company?: { id: string; name: string; status: string };
  items: AssetView[];
  total: number;
  query: ListAssetsQuery;
  today: string;
  categories: Category[];
  locations: Location[];
  canWrite: boolean;
  csrf: string;
  backUrl: string;
};

/** The query string parameters that describe the list (defaults left out). */
export function listParams(
  q: ListAssetsQuery,
  company: boolean,
): Record<string, string | number | undefined> {
  return {
    q: q.q || undefined,
    company: company ? undefined : q.company || undefined,
    categoryId: q.categoryId,
    locationId: q.locationId,
    status: q.status,
    warranty: q.warranty,
    size: q.size === 50 ? undefined : q.size,
    sort: q.sort === 'name' ? undefined : q.sort,
    dir: q.dir === 'asc' ? undefined : q.dir,
  };
}

function Filters(p: AssetListProps) {
  const q = p.query;
  const sel = (
    name: string,
    label: string,
    value: string | number | undefined,
    options: [string, string][],
  ) => (
    <div class="col-auto">
      <label class="form-label small mb-1" for={`flt-${name}`}>
        {label}
      </label>
      <select class="form-select" id={`flt-${name}`} name={name} data-autosubmit="true">
        {options.map(([v, l]) => (
          <option value={v} selected={String(value ?? '') === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form class="row g-2 align-items-end mb-3" method="get" action={p.base} role="search">
      <div class="col-sm-6 col-md-3">
        <label class="form-label small mb-1" for="flt-q">
          Search
        </label>
        <input
          class="form-control"
          type="search"
          id="flt-q"
          name="q"
          value={q.q}
          placeholder="Name, serial, tag, IP or MAC"
        />
      </div>
      {p.company ? null : (
        <div class="col-sm-6 col-md-2">
          <label class="form-label small mb-1" for="flt-company">
            Company
          </label>
          <input
            class="form-control"
            type="search"
            id="flt-company"
            name="company"
            value={q.company}
            placeholder="Name contains"
          />
        </div>
      )}
      {sel('categoryId', 'Category', q.categoryId, [
        ['', 'All categories'],
        ...p.categories.map((c): [string, string] => [c.id, c.name]),
      ])}
      {p.company
        ? sel('locationId', 'Location', q.locationId, [
            ['', 'All locations'],
            ...p.locations.map((l): [string, string] => [l.id, l.name]),
          ])
        : null}
      {sel('status', 'Status', q.status, [
        ['', 'Any status'],
        ...ASSET_STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s]]),
      ])}
      {sel('warranty', 'Warranty', q.warranty, [
        ['', 'Any warranty'],
        ['30', 'Expiring in 30 days'],
        ['90', 'Expiring in 90 days'],
        ['180', 'Expiring in 180 days'],
        ['365', 'Expiring in a year'],
      ])}
      {sel('size', 'Per page', q.size, [
        ['25', '25'],
        ['50', '50'],
        ['100', '100'],
      ])}
      {q.sort !== 'name' ? <input type="hidden" name="sort" value={q.sort} /> : null}
      {q.dir !== 'asc' ? <input type="hidden" name="dir" value={q.dir} /> : null}
      <div class="col-auto">
        <button class="btn btn-outline-secondary" type="submit">
          Filter
        </button>
      </div>
    </form>
  );
}

function BulkForm(p: AssetListProps) {
  return (
    <form
      id="bulk-form"
      class="row g-2 align-items-end mb-2"
      method="post"
      action={`${p.base}/bulk`}
    >
      <CsrfField token={p.csrf} />
      <input type="hidden" name="back" value={p.backUrl} />
      <div class="col-auto small text-body-secondary">With the selected assets:</div>
      <div class="col-auto">
        <label class="visually-hidden" for="bulk-status">
          New status
        </label>
        <select class="form-select form-select-sm" id="bulk-status" name="status">
          <option value="">Status: no change</option>
          {ASSET_STATUSES.map((s) => (
            <option value={s}>Set status: {STATUS_LABEL[s]}</option>
          ))}
        </select>
      </div>
      {p.company ? (
        <div class="col-auto">
          <label class="visually-hidden" for="bulk-location">
            New location
          </label>
          <select class="form-select form-select-sm" id="bulk-location" name="locationId">
            <option value="">Location: no change</option>
            <option value="none">Clear the location</option>
            {p.locations.map((l) => (
              <option value={l.id}>Move to {l.name}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="col-auto">
        <button class="btn btn-sm btn-outline-primary" type="submit">
          Apply
        </button>
      </div>
    </form>
  );
}

export function AssetListPage(p: AssetListProps) {
  const params = listParams(p.query, Boolean(p.company));
  const actions = (
    <>
      <a
        class="btn btn-outline-secondary"
        href={withQuery(p.base, params, { format: 'csv', size: undefined })}
      >
        Export CSV
      </a>
      {p.company && p.canWrite ? (
        <a class="btn btn-outline-secondary" href={`/companies/${p.company.id}/assets/import`}>
          Import from CSV
        </a>
      ) : null}
      {p.company && p.canWrite ? (
        <a class="btn btn-primary" href={`/companies/${p.company.id}/assets/new`}>
          Add asset
        </a>
      ) : null}
    </>
  );
  return (
    <>
      {p.company ? (
        <CompanyHeader company={p.company} active="assets" actions={actions} />
      ) : (
        <PageHeader
          title="Assets"
          subtitle={`${p.total.toLocaleString('en-US')} ${p.total === 1 ? 'asset' : 'assets'}`}
        >
          <a class="btn btn-outline-secondary" href="/assets/warranty">
            Warranty expiry
          </a>
          {actions}
        </PageHeader>
      )}
      <Filters {...p} />
      <AssetTable {...p} />
    </>
  );
}

function Empty(p: AssetListProps) {
  const q = p.query;
  const filtered =
    q.q || q.company || q.categoryId || q.locationId || q.status || q.warranty !== undefined;
  if (q.page > 1 && p.total > 0)
    return (
      <EmptyState title={`There is no page ${q.page}: the list has ${p.total} assets.`}>
        <a href={withQuery(p.base, listParams(q, Boolean(p.company)), {})}>Go to the first page</a>
      </EmptyState>
    );
  if (filtered)
    return (
      <EmptyState title="No assets match these filters.">
        <a href={p.base}>Clear the filters</a>
      </EmptyState>
    );
  if (p.company)
    return (
      <EmptyState title="No assets yet — add one.">
        {p.canWrite ? (
          <>
            <a class="btn btn-primary" href={`/companies/${p.company.id}/assets/new`}>
              Add the first asset
            </a>{' '}
            <a class="btn btn-outline-secondary" href={`/companies/${p.company.id}/assets/import`}>
              Import from CSV
            </a>
          </>
        ) : null}
      </EmptyState>
    );
  return (
    <EmptyState title="No assets yet — add one from a company’s Assets tab.">
      <a href="/companies">Go to companies</a>
    </EmptyState>
  );
}

export function AssetTable(p: AssetListProps) {
  const q = p.query;
  const params = listParams(q, Boolean(p.company));
  const sh = (label: string, column: string) => (
    <SortHeader
      label={label}
      column={column}
      base={p.base}
      query={params}
      sort={q.sort}
      dir={q.dir}
    />
  );
  if (p.items.length === 0)
    return (
      <div id="asset-list">
        <Empty {...p} />
      </div>
    );
  return (
    <div id="asset-list">
      {p.canWrite ? <BulkForm {...p} /> : null}
      <div class="table-responsive">
        <table class="table table-hover table-sm align-middle">
          <thead>
            <tr>
              {p.canWrite ? (
                <th scope="col">
                  <span class="visually-hidden">Select</span>
                </th>
              ) : null}
              {sh('Name', 'name')}
              {p.company ? null : <th scope="col">Company</th>}
              <th scope="col">Category</th>
              <th scope="col">Status</th>
              <th scope="col">Location</th>
              <th scope="col">IP</th>
              <th scope="col">Serial</th>
              {sh('Warranty', 'warranty')}
              {sh('Added', 'created')}
            </tr>
          </thead>
          <tbody>
            {p.items.map((a) => (
              <tr class={a.status === 'retired' ? 'text-body-tertiary' : ''}>
                {p.canWrite ? (
                  <td>
                    <input
                      class="form-check-input"
                      type="checkbox"
                      name="ids"
                      value={a.id}
                      form="bulk-form"
                      aria-label={`Select ${a.name}`}
                    />
                  </td>
                ) : null}
                <td>
                  <a class="fw-semibold" href={`/assets/${a.id}`}>
                    {a.name}
                  </a>
                  {a.assetTag ? (
                    <span class="small text-body-secondary ms-2">{a.assetTag}</span>
                  ) : null}
                </td>
                {p.company ? null : (
                  <td>
                    <a class="text-reset" href={`/companies/${a.companyId}/assets`}>
                      {a.companyName}
                    </a>
                  </td>
                )}
                <td>{a.categoryName}</td>
                <td>{STATUS_LABEL[a.status]}</td>
                <td>{a.locationName ?? ''}</td>
                <td class="font-monospace small">
                  {a.ipAddresses[0] ?? ''}
                  {a.ipAddresses.length > 1 ? ` +${a.ipAddresses.length - 1}` : ''}
                </td>
                <td class="font-monospace small">{a.serial ?? ''}</td>
                <td class="text-nowrap">
                  <WarrantyCell expires={a.warrantyExpires} today={p.today} />
                </td>
                <td class="text-nowrap text-body-secondary">{a.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager base={p.base} query={params} page={q.page} pageSize={q.size} total={p.total} />
    </div>
  );
}
