// The invoice list (all invoices, opening on the open ones, or one company's tab): filters, the
// count, total and balance due of everything that matches above the table, one line per invoice
// with its days overdue, the sort column always visible. Only overdue rows are coloured. On a phone
// the dates and the total are hidden, and the company and status sit under the number.
import type { ComponentChildren } from 'preact';
import { EmptyState, Pager, SortHeader, withQuery } from '../../../views/components.tsx';
import type { InvoiceRow, ListInvoicesQuery, ListSummary } from '../list.ts';
import { Money, StatusBadge, daysLate } from './status.tsx';
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
    // The default (open on all invoices, any status on a company's tab) stays out of the URL.
    status: q.status === (scoped ? 'all' : 'open') ? undefined : q.status,
    kind: q.kind,
    from: q.from,
    to: q.to,
    size: q.size === 50 ? undefined : q.size,
    sort: q.sort === 'created' ? undefined : q.sort,
    dir: q.dir === 'desc' ? undefined : q.dir,
  };
}

const STATUS_OPTIONS: [string, string][] = [
  ['all', 'Any status'],
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

/** "12 days overdue" while something is owed past the due date; nothing otherwise. */
export function DaysOverdue({ invoice, today }: { invoice: InvoiceRow; today: string }) {
  const late = daysLate(invoice, today);
  if (late === 0) return null;
  return (
    <span class="text-danger fw-semibold">
      {late.toLocaleString('en-US')} {late === 1 ? 'day' : 'days'} overdue
    </span>
  );
}

const STATUS_NOUN: Partial<Record<string, string>> = {
  open: 'open',
  overdue: 'overdue',
  draft: 'draft',
  paid: 'paid',
  partially_paid: 'partially paid',
  void: 'void',
};

/** Count, total and balance due of the whole filtered set (every page), always shown. */
function Summary(p: InvoiceListProps) {
  const s = p.summary;
  const status = p.query.status ?? 'all';
  const noun = `${STATUS_NOUN[status] ? `${STATUS_NOUN[status]} ` : ''}${s.count === 1 ? 'invoice' : 'invoices'}`;
  const mixed = status === 'all' || status === 'issued' || status === 'void';
  return (
    <p class="invoice-summary mb-2" data-testid="invoice-summary">
      <strong>{s.count.toLocaleString('en-US')}</strong> {noun} · Total{' '}
      <strong>
        <Money cents={s.totalCents} currency={p.currency} />
      </strong>{' '}
      · Balance due{' '}
      <strong>
        <Money cents={s.balanceCents} currency={p.currency} />
      </strong>
      {mixed ? (
        <span class="small text-body-secondary">
          {' '}
          (credit notes subtract; void ones count nothing)
        </span>
      ) : null}
    </p>
  );
}

/** Hidden on phones: the company and status columns (under the number instead), dates, total. */
const WIDE = 'd-none d-md-table-cell';

export function InvoiceListPage(p: InvoiceListProps) {
  const params = listParams(p.query, p.scoped);
  const sortable = { base: p.base, query: params, sort: p.query.sort, dir: p.query.dir };
  const newHref = p.company ? `/invoices/new?companyId=${p.company.id}` : '/invoices/new';
  const filtered =
    (p.query.status ?? 'all') !== (p.scoped ? 'all' : 'open') ||
    p.query.q ||
    p.query.from ||
    p.query.to ||
    p.query.kind;
  const anyStatus = withQuery(p.base, { ...params, status: 'all' }, { page: undefined });
  return (
    <>
      {p.heading ?? (
        <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
          <h1 class="h3 mb-0">{p.title}</h1>
          <div class="d-flex flex-wrap gap-2">
            <a class="btn btn-sm btn-outline-secondary" href="/invoices?status=overdue">
              Overdue
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/invoices?status=draft">
              Drafts
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/invoices?status=all">
              All
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
      <Summary {...p} />
      {p.items.length === 0 ? (
        <EmptyState
          title={
            filtered
              ? 'No invoices match these filters'
              : p.scoped || p.query.status === 'all'
                ? 'No invoices yet'
                : 'Nothing is owed'
          }
        >
          {p.query.status !== 'all' ? (
            <p class="small">
              <a href={anyStatus}>Look in every status</a> (paid, void and drafts too).
            </p>
          ) : (
            <p class="small">
              Invoices come from the monthly billing run, from a company’s Ready to bill page, or by
              hand.
            </p>
          )}
          {p.canWrite ? (
            <a class="btn btn-primary btn-sm" href={newHref}>
              New invoice
            </a>
          ) : null}
        </EmptyState>
      ) : (
        <>
          {p.query.sort === 'created' ? (
            <p class="small text-body-secondary mb-2">
              Newest first. Click a column heading to sort by it.
            </p>
          ) : null}
          <div class="table-responsive">
            <table class="table table-sm table-hover align-middle invoice-list">
              <thead>
                <tr>
                  <SortHeader label="Number" column="number" {...sortable} />
                  {p.scoped ? null : (
                    <th scope="col" class={WIDE}>
                      Company
                    </th>
                  )}
                  <SortHeader label="Issued" column="issueDate" class={WIDE} {...sortable} />
                  <SortHeader label="Due" column="dueDate" class={WIDE} {...sortable} />
                  <th scope="col">Overdue</th>
                  <SortHeader label="Total" column="total" class={WIDE} {...sortable} />
                  <SortHeader label="Balance" column="balance" {...sortable} />
                  <th scope="col" class={WIDE}>
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr class={daysLate(i, p.today) > 0 ? 'table-danger' : undefined}>
                    <td class="text-nowrap">
                      <a href={`/invoices/${i.id}`}>{i.number ?? 'Draft'}</a>
                      {i.kind === 'credit_note' ? (
                        <span class="badge text-bg-light border ms-1">credit note</span>
                      ) : null}
                      <div class="d-md-none text-wrap">
                        {p.scoped ? null : <div class="small">{i.companyName}</div>}
                        <StatusBadge invoice={i} today={p.today} />
                      </div>
                    </td>
                    {p.scoped ? null : (
                      <td class={WIDE}>
                        <a class="text-reset" href={`/companies/${i.companyId}/invoices`}>
                          {i.companyName}
                        </a>
                      </td>
                    )}
                    <td class={`text-nowrap ${WIDE}`}>
                      {i.issueDate ?? <span class="text-body-tertiary">—</span>}
                    </td>
                    <td class={`text-nowrap ${WIDE}`}>
                      {i.dueDate && i.kind === 'invoice' ? (
                        i.dueDate
                      ) : (
                        <span class="text-body-tertiary">—</span>
                      )}
                    </td>
                    <td class="invoice-overdue">
                      <DaysOverdue invoice={i} today={p.today} />
                    </td>
                    <td class={`text-end ${WIDE}`}>
                      {i.kind === 'credit_note' ? '−' : ''}
                      <Money cents={i.totalCents} currency={i.currency} />
                    </td>
                    <td class="text-end">
                      <Money cents={i.balanceCents} currency={i.currency} />
                    </td>
                    <td class={WIDE}>
                      <StatusBadge invoice={i} today={p.today} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            base={p.base}
            query={params}
            page={p.query.page}
            pageSize={p.query.size}
            total={p.summary.count}
          />
        </>
      )}
    </>
  );
}
