import { formatMoney } from '../../../lib/money.ts';
import {
  EmptyState,
  PageHeader,
  Pager,
  SortHeader,
  withQuery,
} from '../../../views/components.tsx';
import type { CompanyMoney } from '../../receivables/company-summary.ts';
import type { Company } from '../queries.ts';
import type { ListCompaniesQuery } from '../schemas.ts';

type Props = {
  items: Company[];
  total: number;
  query: ListCompaniesQuery;
  canWrite: boolean;
  currency: string;
  /** Balance and past due per company on the page; null for staff who do not see billing. */
  money: Map<string, CompanyMoney> | null;
};

export function CompanyListPage(p: Props) {
  const q = p.query;
  return (
    <>
      <PageHeader
        title="Companies"
        subtitle={`${p.total.toLocaleString('en-US')} ${q.status === 'all' ? '' : q.status} ${p.total === 1 ? 'company' : 'companies'}`}
      >
        {p.canWrite ? (
          <a class="btn btn-primary" href="/companies/new">
            New company
          </a>
        ) : null}
      </PageHeader>
      <form class="row g-2 align-items-end mb-3" method="get" action="/companies" role="search">
        <div class="col-sm-6 col-md-4">
          <label class="form-label small mb-1" for="q">
            Search
          </label>
          <input
            class="form-control"
            type="search"
            id="q"
            name="q"
            value={q.q}
            placeholder="Name, email, phone or website"
            hx-get="/companies"
            hx-trigger="input changed delay:250ms, search"
            hx-target="#company-list"
            hx-select="#company-list"
            hx-swap="outerHTML"
            hx-push-url="true"
            hx-include="closest form"
          />
        </div>
        <div class="col-auto">
          <label class="form-label small mb-1" for="status">
            Status
          </label>
          <select class="form-select" id="status" name="status" data-autosubmit="true">
            {(['active', 'inactive', 'all'] as const).map((s) => (
              <option value={s} selected={q.status === s}>
                {s === 'all' ? 'All' : s[0].toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div class="col-auto">
          <label class="form-label small mb-1" for="size">
            Per page
          </label>
          <select class="form-select" id="size" name="size" data-autosubmit="true">
            {[25, 50, 100].map((n) => (
              <option value={n} selected={q.size === n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="dir" value={q.dir} />
        <div class="col-auto">
          <button class="btn btn-outline-secondary" type="submit">
            Filter
          </button>
        </div>
      </form>
      <CompanyTable {...p} />
    </>
  );
}

export function CompanyTable(p: Props) {
  const q = p.query;
  const query = {
    q: q.q || undefined,
    status: q.status === 'active' ? undefined : q.status,
    size: q.size === 50 ? undefined : q.size,
    sort: q.sort,
    dir: q.dir,
  };
  return (
    <div id="company-list">
      {p.items.length === 0 ? (
        q.page > 1 && p.total > 0 ? (
          <EmptyState
            title={`There is no page ${q.page}: the list has ${p.total.toLocaleString('en-US')} ${p.total === 1 ? 'company' : 'companies'}.`}
          >
            <a href={withQuery('/companies', query, { page: undefined })}>Go to the first page</a>
          </EmptyState>
        ) : q.q ? (
          <EmptyState title={`No companies match “${q.q}”.`}>
            <a href="/companies">Clear the search</a>
          </EmptyState>
        ) : q.status !== 'active' ? (
          <EmptyState title={`No ${q.status === 'all' ? '' : `${q.status} `}companies.`}>
            <a href="/companies">Show active companies</a>
          </EmptyState>
        ) : (
          <EmptyState title="No companies yet.">
            {p.canWrite ? (
              <a class="btn btn-primary" href="/companies/new">
                Add your first company
              </a>
            ) : null}
          </EmptyState>
        )
      ) : (
        <>
          <div class="table-responsive">
            <table class="table table-hover table-sm align-middle">
              <thead>
                <tr>
                  <SortHeader
                    label="Name"
                    column="name"
                    base="/companies"
                    query={query}
                    sort={q.sort}
                    dir={q.dir}
                  />
                  <th scope="col" class="d-none d-lg-table-cell">
                    Phone
                  </th>
                  <th scope="col" class="d-none d-xl-table-cell">
                    Email
                  </th>
                  {p.money ? (
                    <>
                      <SortHeader
                        label="Balance"
                        column="balance"
                        first="desc"
                        base="/companies"
                        query={query}
                        sort={q.sort}
                        dir={q.dir}
                        class="text-end text-nowrap"
                      />
                      <SortHeader
                        label="Past due"
                        column="pastDue"
                        first="desc"
                        base="/companies"
                        query={query}
                        sort={q.sort}
                        dir={q.dir}
                        class="text-end text-nowrap"
                      />
                    </>
                  ) : null}
                  <SortHeader
                    label="Monthly rate"
                    column="rate"
                    base="/companies"
                    query={query}
                    sort={q.sort}
                    dir={q.dir}
                    class="text-end text-nowrap d-none d-md-table-cell"
                  />
                  <th scope="col" class="d-none d-lg-table-cell ps-3">
                    Terms
                  </th>
                  <SortHeader
                    label="Added"
                    column="created"
                    base="/companies"
                    query={query}
                    sort={q.sort}
                    dir={q.dir}
                    class="text-nowrap d-none d-lg-table-cell"
                  />
                </tr>
              </thead>
              <tbody>
                {p.items.map((c) => (
                  <tr>
                    <td>
                      <a href={`/companies/${c.id}`} class="fw-semibold">
                        {c.name}
                      </a>
                      {c.status === 'inactive' ? (
                        <span class="badge text-bg-secondary ms-2">inactive</span>
                      ) : null}
                    </td>
                    <td class="text-nowrap d-none d-lg-table-cell">{c.phone ?? ''}</td>
                    <td class="d-none d-xl-table-cell">{c.email ?? ''}</td>
                    {p.money ? (
                      <MoneyCells companyId={c.id} m={p.money.get(c.id)} currency={p.currency} />
                    ) : null}
                    <td class="text-end font-monospace d-none d-md-table-cell">
                      {c.monthlyRateCents ? (
                        formatMoney(c.monthlyRateCents, p.currency)
                      ) : (
                        <span class="text-body-tertiary">—</span>
                      )}
                    </td>
                    <td class="d-none d-lg-table-cell ps-3">Net {c.paymentTermsDays}</td>
                    <td class="text-nowrap text-body-secondary d-none d-lg-table-cell">
                      {c.createdAt.slice(0, 10)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager base="/companies" query={query} page={q.page} pageSize={q.size} total={p.total} />
        </>
      )}
      <a class="visually-hidden" href={withQuery('/companies', query, {})}>
        Permalink
      </a>
    </div>
  );
}

/** Balance and past due, each a link to the company's invoices that make it up; zero is a dash. */
function MoneyCells(p: { companyId: string; m: CompanyMoney | undefined; currency: string }) {
  const balance = p.m?.balanceCents ?? 0;
  const late = p.m?.pastDueCents ?? 0;
  const invoices = `/companies/${p.companyId}/invoices`;
  const dash = <span class="text-body-tertiary">—</span>;
  return (
    <>
      <td class="text-end font-monospace text-nowrap">
        {balance === 0 ? (
          dash
        ) : (
          <a
            class="link-body-emphasis link-underline-opacity-25 link-underline-opacity-100-hover"
            href={`${invoices}?status=open`}
          >
            {formatMoney(balance, p.currency)}
          </a>
        )}
      </td>
      <td class="text-end font-monospace text-nowrap">
        {late === 0 ? (
          dash
        ) : (
          <a
            class="link-danger link-underline-opacity-25 link-underline-opacity-100-hover"
            href={`${invoices}?status=overdue&sort=dueDate&dir=asc`}
          >
            {formatMoney(late, p.currency)}
          </a>
        )}
      </td>
    </>
  );
}
