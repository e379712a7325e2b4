// The invoice list (all invoices, or one company's tab): filters, one line per invoice, the sort
// column always visible, a totals row for everything that matches. Only overdue rows are coloured.
import type { ComponentChildren } from 'preact';
import { EmptyState, Pager, SortHeader, withQuery } from '../../../views/components.tsx';
import type { InvoiceRow, ListInvoicesQuery, ListSummary } from '../list.ts';
import { DueDate, Money, StatusBadge, displayStatus } from './status.tsx';
import {
  CompanyMatches,
  FilterDateRange,
  FilterPageSize,
  FilterSelect,
} from '../../../views/filters.tsx';

export type InvoiceListProps = {
  base: string;
  title: string;
  heading?: ComponentChildren;
  items: InvoiceRow[];
  summary: ListSummary;
  query: ListInvoicesQuery;
  today: string;
  company: { id: string; name: string } | null;
  matches: { id: string; name: string }[];
  scoped: boolean;
  canWrite: boolean;
  currency: string;
};

export function listParams(
  q: ListInvoicesQuery,
  scoped: boolean,
): Record<string, string | number | undefined> {
  return {
    q: q.q || undefined,
    company: scoped || q.companyId ? undefined : q.company || undefined,
    companyId: scoped ? undefined : q.companyId,
    status: q.status,
    kind: q.kind,
    from: q.from,
    to: q.to,
    size: q.size === 50 ? undefined : q.size,
    sort: q.sort === 'created' ? undefined : q.sort,
    dir: q.dir === 'desc' ? undefined : q.dir,
  };
}

const STATUS_OPTIONS: [string, string][] = [
  ['', 'Any status'],
  ['draft', 'Draft'],
  ['issued', 'Issued'],
  ['open', 'Open (balance due)'],
  ['overdue', 'Overdue'],
  ['partially_paid', 'Partially paid'],
  ['paid', 'Paid'],
  ['void', 'Void'],
];
const KIND_OPTIONS: [string, string][] = [
  ['', 'All kinds'],
  ['invoice', 'Invoices'],
  ['credit_note', 'Credit notes'],
];

function Filters(p: InvoiceListProps) {
  const q = p.query;
  return (
    <form class="row g-2 align-items-end mb-2" method="get" action={p.base} role="search">
      <div class="col-6 col-md-3 col-xl-auto">
        <label class="form-label small mb-1" for="flt-q">
          Number
        </label>
        <input
          class="form-control"
          type="search"
          id="flt-q"
          name="q"
          value={q.q}
          placeholder="INV-2026-…"
          size={14}
        />
      </div>
      {p.scoped ? null : p.company ? (
        <div class="col-6 col-md-3 col-xl-auto">
          <span class="form-label small mb-1 d-block">Company</span>
          <input type="hidden" name="companyId" value={p.company.id} />
          <span class="badge text-bg-light border fs-6 fw-normal">
            {p.company.name}{' '}
            <a
              class="ms-1 text-reset"
              href={withQuery(
                p.base,
                { ...listParams(q, false), companyId: undefined, company: undefined },
                { page: undefined },
              )}
              aria-label="Clear the company filter"
            >
              ×
            </a>
          </span>
        </div>
      ) : (
        <div class="col-6 col-md-3 col-xl-auto">
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
            size={18}
          />
        </div>
      )}
      <FilterSelect name="status" label="Status" value={q.status} options={STATUS_OPTIONS} />
      <FilterSelect name="kind" label="Kind" value={q.kind} options={KIND_OPTIONS} />
      <FilterDateRange fromLabel="Issued from" from={q.from} to={q.to} />
      <FilterPageSize size={q.size} />
      <div class="col-auto">
        <button class="btn btn-outline-secondary" type="submit">
          Filter
        </button>
      </div>
    </form>
  );
}

export function InvoiceListPage(p: InvoiceListProps) {
  const params = listParams(p.query, p.scoped);
  const sortable = { base: p.base, query: params, sort: p.query.sort, dir: p.query.dir };
  const s = p.summary;
  const newHref = p.company ? `/invoices/new?companyId=${p.company.id}` : '/invoices/new';
  return (
    <>
      {p.heading ?? (
        <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
          <h1 class="h3 mb-0">{p.title}</h1>
          <div class="d-flex gap-2">
            <a class="btn btn-sm btn-outline-secondary" href="/invoices?status=open">
              Open
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/invoices?status=overdue">
              Overdue
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/invoices?status=draft">
              Drafts
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/invoices/export">
              Accounting export
            </a>
            {p.canWrite ? (
              <a class="btn btn-sm btn-primary" href={newHref}>
                New invoice
              </a>
            ) : null}
          </div>
        </div>
      )}
      <Filters {...p} />
      <CompanyMatches
        matches={p.matches}
        noun="invoices"
        hrefFor={(companyId) =>
          withQuery(p.base, { ...params, company: undefined }, { companyId, page: undefined })
        }
      />
      {p.query.sort === 'created' ? (
        <p class="small text-body-secondary mb-2">
          Newest first. Click a column heading to sort by it.
        </p>
      ) : null}
      {p.items.length === 0 ? (
        <EmptyState
          title={
            p.query.status || p.query.q || p.query.from || p.query.to || p.query.kind
              ? 'No invoices match these filters'
              : 'No invoices yet'
          }
        >
          <p class="small">
            Invoices come from the monthly billing run, from a company’s Ready to bill page, or by
            hand.
          </p>
          {p.canWrite ? (
            <a class="btn btn-primary btn-sm" href={newHref}>
              New invoice
            </a>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <div class="table-responsive">
            <table class="table table-sm table-hover align-middle invoice-list">
              <thead>
                <tr>
                  <SortHeader label="Number" column="number" {...sortable} />
                  {p.scoped ? null : <th scope="col">Company</th>}
                  <SortHeader label="Issued" column="issueDate" {...sortable} />
                  <SortHeader label="Due" column="dueDate" {...sortable} />
                  <SortHeader label="Total" column="total" {...sortable} />
                  <SortHeader label="Balance" column="balance" {...sortable} />
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr class={displayStatus(i, p.today) === 'overdue' ? 'table-danger' : undefined}>
                    <td class="text-nowrap">
                      <a href={`/invoices/${i.id}`}>{i.number ?? 'Draft'}</a>
                      {i.kind === 'credit_note' ? (
                        <span class="badge text-bg-light border ms-1">credit note</span>
                      ) : null}
                    </td>
                    {p.scoped ? null : (
                      <td>
                        <a class="text-reset" href={`/companies/${i.companyId}/invoices`}>
                          {i.companyName}
                        </a>
                      </td>
                    )}
                    <td class="text-nowrap">
                      {i.issueDate ?? <span class="text-body-tertiary">—</span>}
                    </td>
                    <td class="text-nowrap">
                      <DueDate invoice={i} today={p.today} />
                    </td>
                    <td class="text-end">
                      {i.kind === 'credit_note' ? '−' : ''}
                      <Money cents={i.totalCents} currency={i.currency} />
                    </td>
                    <td class="text-end">
                      <Money cents={i.balanceCents} currency={i.currency} />
                    </td>
                    <td>
                      <StatusBadge invoice={i} today={p.today} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr class="fw-semibold invoice-totals-row">
                  {s.totalCents === null || s.balanceCents === null ? (
                    <td colspan={p.scoped ? 6 : 7}>
                      {s.count.toLocaleString('en-US')} {s.count === 1 ? 'invoice' : 'invoices'}{' '}
                      <span class="fw-normal small text-body-secondary">
                        (filter by company, status or issue dates to see totals)
                      </span>
                    </td>
                  ) : (
                    <>
                      <td colspan={p.scoped ? 3 : 4}>
                        {s.count.toLocaleString('en-US')}{' '}
                        {s.count === 1 ? 'invoice matches' : 'invoices match'}{' '}
                        <span class="fw-normal small text-body-secondary">
                          (credit notes subtract; void ones count nothing)
                        </span>
                      </td>
                      <td class="text-end">
                        <Money cents={s.totalCents} currency={p.currency} />
                      </td>
                      <td class="text-end">
                        <Money cents={s.balanceCents} currency={p.currency} />
                      </td>
                      <td></td>
                    </>
                  )}
                </tr>
              </tfoot>
            </table>
          </div>
          <Pager
            base={p.base}
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
