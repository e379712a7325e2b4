// The payments list: filters (company, method, status, deposit batch, reference, dates), one line
// per payment, the sort column visible, a totals row for everything that matches.
import { EmptyState, Pager, SortHeader, withQuery } from '../../../views/components.tsx';
import { Money } from '../../invoices/views/status.tsx';
import type { PaymentRow, PaymentSummary } from '../queries.ts';
import { PAYMENT_METHODS, METHOD_LABELS, type ListPaymentsQuery } from '../schemas.ts';
import { PaymentBadge, methodLabel } from './parts.tsx';
import {
  CompanyMatches,
  FilterDateRange,
  FilterPageSize,
  FilterSelect,
  FilterText,
} from '../../../views/filters.tsx';

export type PaymentListProps = {
  items: PaymentRow[];
  summary: PaymentSummary;
  query: ListPaymentsQuery;
  company: { id: string; name: string } | null;
  matches: { id: string; name: string }[];
  canWrite: boolean;
  currency: string;
};

export function listParams(q: ListPaymentsQuery): Record<string, string | number | undefined> {
  return {
    companyId: q.companyId,
    company: q.companyId ? undefined : q.company || undefined,
    method: q.method,
    status: q.status,
    batch: q.batch || undefined,
    q: q.q || undefined,
    from: q.from,
    to: q.to,
    size: q.size === 50 ? undefined : q.size,
    sort: q.sort === 'receivedOn' ? undefined : q.sort,
    dir: q.dir === 'desc' ? undefined : q.dir,
  };
}

function Filters(p: PaymentListProps) {
  const q = p.query;
  return (
    <form class="row g-2 align-items-end mb-2" method="get" action="/payments" role="search">
      {p.company && q.companyId ? (
        <div class="col-sm-6 col-md-3">
          <span class="form-label small mb-1 d-block">Company</span>
          <input type="hidden" name="companyId" value={q.companyId} />
          <span class="badge text-bg-light border fs-6 fw-normal">
            {p.company.name}{' '}
            <a
              class="ms-1 text-reset"
              href={withQuery(
                '/payments',
                { ...listParams(q), companyId: undefined },
                { page: undefined },
              )}
              aria-label="Clear the company filter"
            >
              ×
            </a>
          </span>
        </div>
      ) : (
        <FilterText name="company" label="Company" value={q.company} placeholder="Name contains" />
      )}
      <FilterSelect
        name="method"
        label="Method"
        value={q.method}
        options={[
          ['', 'Any method'],
          ...PAYMENT_METHODS.map((m): [string, string] => [m, METHOD_LABELS[m]]),
        ]}
      />
      <FilterSelect
        name="status"
        label="Status"
        value={q.status}
        options={[
          ['', 'Any status'],
          ['recorded', 'Recorded'],
          ['unapplied', 'With credit left'],
          ['void', 'Void'],
        ]}
      />
      <FilterText
        name="batch"
        label="Deposit batch"
        value={q.batch}
        placeholder="e.g. 2026-03-02"
      />
      <FilterText name="q" label="Check no. / reference" value={q.q} placeholder="contains" />
      <FilterDateRange fromLabel="Received from" from={q.from} to={q.to} />
      <FilterPageSize size={q.size} />
      <div class="col-auto">
        <button class="btn btn-outline-secondary" type="submit">
          Filter
        </button>
      </div>
    </form>
  );
}

export function PaymentListPage(p: PaymentListProps) {
  const params = listParams(p.query);
  const sortable = { base: '/payments', query: params, sort: p.query.sort, dir: p.query.dir };
  const s = p.summary;
  const newHref = p.company ? `/payments/new?companyId=${p.company.id}` : '/payments/new';
  const filtered = Boolean(
    p.query.companyId ||
      p.query.company ||
      p.query.method ||
      p.query.status ||
      p.query.batch ||
      p.query.q ||
      p.query.from ||
      p.query.to,
  );
  return (
    <>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0">Payments</h1>
        <div class="d-flex gap-2">
          <a class="btn btn-sm btn-outline-secondary" href="/payments/deposits">
            Deposits
          </a>
          <a class="btn btn-sm btn-outline-secondary" href="/payments?status=unapplied">
            Unapplied credit
          </a>
          <a class="btn btn-sm btn-outline-secondary" href="/payments/export">
            Export CSV
          </a>
          {p.canWrite ? (
            <a class="btn btn-sm btn-primary" href={newHref}>
              Record payment
            </a>
          ) : null}
        </div>
      </div>
      <Filters {...p} />
      <CompanyMatches
        matches={p.matches}
        noun="payments"
        hrefFor={(companyId) =>
          withQuery('/payments', { ...params, company: undefined }, { companyId, page: undefined })
        }
      />
      {p.items.length === 0 ? (
        <EmptyState title={filtered ? 'No payments match these filters' : 'No payments yet'}>
          <p class="small">
            Record checks, cash and bank transfers as they arrive; online payments appear here by
            themselves.
          </p>
          {p.canWrite ? (
            <a class="btn btn-primary btn-sm" href={newHref}>
              Record payment
            </a>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <div class="table-responsive">
            <table class="table table-sm table-hover align-middle">
              <thead>
                <tr>
                  <SortHeader label="Received" column="receivedOn" {...sortable} />
                  <SortHeader label="Company" column="company" {...sortable} />
                  <th scope="col">Method</th>
                  <th scope="col">Check no. / reference</th>
                  <th scope="col">Batch</th>
                  <SortHeader label="Amount" column="amount" {...sortable} />
                  <th scope="col" class="text-end">
                    Applied
                  </th>
                  <th scope="col" class="text-end">
                    Credit left
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr class={i.status === 'void' ? 'text-body-tertiary' : undefined}>
                    <td class="text-nowrap">
                      <a href={`/payments/${i.id}`}>{i.receivedOn}</a>
                    </td>
                    <td>
                      <a
                        class="text-reset"
                        href={withQuery('/payments', params, {
                          companyId: i.companyId,
                          company: undefined,
                          page: undefined,
                        })}
                      >
                        {i.companyName}
                      </a>
                    </td>
                    <td>{methodLabel(i.method)}</td>
                    <td>
                      <a class="text-reset" href={`/payments/${i.id}`}>
                        {i.reference ?? <span class="text-body-tertiary">—</span>}
                      </a>
                    </td>
                    <td>{i.depositBatch ?? <span class="text-body-tertiary">—</span>}</td>
                    <td class="text-end">
                      {i.status === 'void' ? (
                        <s>
                          <Money cents={i.amountCents} currency={p.currency} />
                        </s>
                      ) : (
                        <Money cents={i.amountCents} currency={p.currency} />
                      )}
                    </td>
                    <td class="text-end">
                      <Money cents={i.appliedCents} currency={p.currency} />
                    </td>
                    <td class="text-end">
                      {i.unappliedCents ? (
                        <Money cents={i.unappliedCents} currency={p.currency} />
                      ) : (
                        <span class="text-body-tertiary">—</span>
                      )}
                    </td>
                    <td>
                      <PaymentBadge p={i} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr class="fw-semibold payment-totals-row">
                  {s.amountCents === null ||
                  s.appliedCents === null ||
                  s.unappliedCents === null ? (
                    <td colspan={9}>
                      {s.count.toLocaleString('en-US')} {s.count === 1 ? 'payment' : 'payments'}{' '}
                      <span class="fw-normal small text-body-secondary">
                        (filter by company, method, batch or dates to see totals)
                      </span>
                    </td>
                  ) : (
                    <>
                      <td colspan={5}>
                        {s.count.toLocaleString('en-US')} {s.count === 1 ? 'payment' : 'payments'}{' '}
                        match{' '}
                        <span class="fw-normal small text-body-secondary">
                          (void ones count nothing)
                        </span>
                      </td>
                      <td class="text-end">
                        <Money cents={s.amountCents} currency={p.currency} />
                      </td>
                      <td class="text-end">
                        <Money cents={s.appliedCents} currency={p.currency} />
                      </td>
                      <td class="text-end">
                        <Money cents={s.unappliedCents} currency={p.currency} />
                      </td>
                      <td></td>
                    </>
                  )}
                </tr>
              </tfoot>
            </table>
          </div>
          <Pager
            base="/payments"
            query={params}
            page={p.query.page}
            pageSize={p.query.size}
            total={s.count}
          />
        </>
      )}
    </>
  );
}
