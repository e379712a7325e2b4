import { EmptyState, PageHeader, Pager } from '../../../views/components.tsx';
import type { AssetView } from '../queries.ts';
import { STATUS_LABEL } from './header.tsx';
import { daysBetween } from '../../../lib/dates.ts';

export function WarrantyPage(p: {
  items: AssetView[];
  total: number;
  today: string;
  query: { page: number; size: number };
  ahead: number;
  behind: number;
}) {
  const params = { size: p.query.size === 50 ? undefined : p.query.size };
  return (
    <>
      <PageHeader
        title="Warranty expiry"
        subtitle={`Warranties ending in the next ${p.ahead} days or ended in the last ${p.behind}, soonest first`}
      >
        <a
          class="btn btn-outline-secondary"
          href={`/assets?warranty=${p.ahead}&sort=warranty&format=csv`}
        >
          Export CSV
        </a>
      </PageHeader>
      {p.items.length === 0 ? (
        <EmptyState title={`No warranties end in the next ${p.ahead} days.`}>
          <a href="/assets">All assets</a>
        </EmptyState>
      ) : (
        <>
          <div class="table-responsive">
            <table class="table table-sm table-hover align-middle">
              <thead>
                <tr>
                  <th scope="col">Warranty expires</th>
                  <th scope="col">When</th>
                  <th scope="col">Asset</th>
                  <th scope="col">Company</th>
                  <th scope="col">Category</th>
                  <th scope="col">Status</th>
                  <th scope="col">Serial</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((a) => {
                  const d = daysBetween(p.today, a.warrantyExpires!);
                  return (
                    <tr>
                      <td class={`text-nowrap${d < 0 ? ' text-danger fw-semibold' : ''}`}>
                        {a.warrantyExpires}
                      </td>
                      <td class={`text-nowrap${d < 0 ? ' text-danger' : ''}`}>
                        {d < 0
                          ? `expired ${-d} ${d === -1 ? 'day' : 'days'} ago`
                          : d === 0
                            ? 'today'
                            : `in ${d} ${d === 1 ? 'day' : 'days'}`}
                      </td>
                      <td>
                        <a class="fw-semibold" href={`/assets/${a.id}`}>
                          {a.name}
                        </a>
                      </td>
                      <td>
                        <a class="text-reset" href={`/companies/${a.companyId}/assets`}>
                          {a.companyName}
                        </a>
                      </td>
                      <td>{a.categoryName}</td>
                      <td>{STATUS_LABEL[a.status]}</td>
                      <td class="font-monospace small">{a.serial ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager
            base="/assets/warranty"
            query={params}
            page={p.query.page}
            pageSize={p.query.size}
            total={p.total}
          />
        </>
      )}
    </>
  );
}
