// The aging report page, a company's drill-down, and the /reports index. Pure: data in, markup out.
import { formatMoney } from '../../../lib/money.ts';
import { BUCKETS, type AgingTotals } from '../../payments/aging.ts';
import { EmptyState, PageHeader, Pager, withQuery } from '../../../views/components.tsx';
import type { AgingRow } from '../queries.ts';
import type { CompanyAging } from '../service.ts';
import { BUCKET_HEADS } from './bucket-heads.ts';

const cell = (t: AgingTotals, b: (typeof BUCKETS)[number]) => t[`${b}Cents` as keyof AgingTotals];

export function ReportsIndex(p: { canReminders: boolean }) {
  return (
    <>
      <PageHeader title="Reports" />
      <div class="list-group">
        <a class="list-group-item list-group-item-action" href="/reports/aging">
          <div class="fw-semibold">Receivables aging</div>
          <div class="small text-body-secondary">
            What each company owes, by how long past due — as of any date, with drill-down and CSV.
          </div>
        </a>
        {p.canReminders ? (
          <a class="list-group-item list-group-item-action" href="/reports/reminders">
            <div class="fw-semibold">Payment reminders</div>
            <div class="small text-body-secondary">
              Reminder emails sent, skipped or failed, by company and status.
            </div>
          </a>
        ) : null}
      </div>
    </>
  );
}

function Amount({
  cents,
  currency,
  href,
  strong,
}: {
  cents: number;
  currency: string;
  href?: string;
  strong?: boolean;
}) {
  const text =
    cents === 0 ? <span class="text-body-tertiary">—</span> : formatMoney(cents, currency);
  const inner = strong ? <strong>{text}</strong> : text;
  return (
    <td class="text-end text-nowrap">{href && cents !== 0 ? <a href={href}>{inner}</a> : inner}</td>
  );
}

/**
 * On a phone the seven-column table would scroll sideways: each company is a line with its name
 * and total, and under it only the buckets that hold money ("90+ days $3,542.91").
 */
function AgingPhoneList(p: {
  totals: AgingTotals;
  rows: AgingRow[];
  total: number;
  currency: string;
  drill: (companyId: string) => string;
}) {
  const buckets = (t: AgingTotals) => (
    <div class="d-flex flex-wrap column-gap-3 small text-body-secondary">
      {BUCKETS.filter((b) => cell(t, b) !== 0).map((b) => (
        <span class="text-nowrap">
          {BUCKET_HEADS[b]}{' '}
          <span class={`text-body${b === 'over90' ? ' fw-semibold' : ''}`}>
            {formatMoney(cell(t, b), p.currency)}
          </span>
        </span>
      ))}
    </div>
  );
  return (
    <ul class="list-group d-md-none mb-2">
      <li class="list-group-item bg-body-tertiary">
        <div class="d-flex justify-content-between fw-semibold">
          <span>All companies ({p.total.toLocaleString('en-US')})</span>
          <span class="text-nowrap">{formatMoney(p.totals.totalCents, p.currency)}</span>
        </div>
        {buckets(p.totals)}
      </li>
      {p.rows.map((r) => (
        <li class="list-group-item">
          <div class="d-flex justify-content-between gap-2">
            <a href={p.drill(r.companyId)}>{r.companyName}</a>
            <strong class="text-nowrap">{formatMoney(r.totalCents, p.currency)}</strong>
          </div>
          {buckets(r)}
        </li>
      ))}
    </ul>
  );
}

export function AgingPage(p: {
  asOf: string;
  today: string;
  totals: AgingTotals;
  rows: AgingRow[];
  total: number;
  sort: string;
  page: number;
  size: number;
  currency: string;
}) {
  const query = {
    asOf: p.asOf === p.today ? undefined : p.asOf,
    sort: p.sort === 'total' ? undefined : p.sort,
    size: p.size === 50 ? undefined : p.size,
  };
  const drill = (id: string) => withQuery(`/reports/aging/${id}`, { asOf: query.asOf }, {});
  const sortLink = (key: string, label: string) =>
    p.sort === key ? (
      <strong>{label} ▼</strong>
    ) : (
      <a
        href={withQuery('/reports/aging', query, {
          sort: key === 'total' ? undefined : key,
          page: undefined,
        })}
      >
        {label}
      </a>
    );
  return (
    <>
      <PageHeader
        title="Receivables aging"
        subtitle={
          <>
            As of {p.asOf}
            {p.asOf === p.today ? ' (today)' : ''} · days past the due date; due today is current
          </>
        }
      >
        <a
          class="btn btn-sm btn-outline-secondary"
          href={withQuery('/reports/aging.csv', { asOf: query.asOf, sort: query.sort }, {})}
        >
          Download CSV
        </a>
      </PageHeader>
      <form class="row g-2 align-items-end mb-3" method="get" action="/reports/aging">
        <div class="col-auto">
          <label class="form-label small mb-0" for="f-asOf">
            As of
          </label>
          <input
            class="form-control form-control-sm"
            type="date"
            id="f-asOf"
            name="asOf"
            value={p.asOf}
          />
        </div>
        {p.sort !== 'total' ? <input type="hidden" name="sort" value={p.sort} /> : null}
        <div class="col-auto">
          <button class="btn btn-sm btn-primary" type="submit">
            Show
          </button>
        </div>
        <div class="col-auto small text-body-secondary">
          Sort: {sortLink('total', 'Total')} · {sortLink('over90', '90+ days')} ·{' '}
          {sortLink('name', 'Name')}
        </div>
      </form>
      {p.total === 0 ? (
        <EmptyState title={`Nothing is owed as of ${p.asOf}`}>
          <p class="small mb-0">
            Open invoices appear here once they are issued. <a href="/invoices">See invoices</a>
          </p>
        </EmptyState>
      ) : (
        <>
          <AgingPhoneList
            totals={p.totals}
            rows={p.rows}
            total={p.total}
            currency={p.currency}
            drill={drill}
          />
          <div class="table-responsive d-none d-md-block">
            <table class="table table-sm table-hover align-middle">
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  {BUCKETS.map((b) => (
                    <th scope="col" class="text-end text-nowrap">
                      {BUCKET_HEADS[b]}
                    </th>
                  ))}
                  <th scope="col" class="text-end">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr class="table-light fw-semibold">
                  <th scope="row">All companies ({p.total.toLocaleString('en-US')})</th>
                  {BUCKETS.map((b) => (
                    <Amount cents={cell(p.totals, b)} currency={p.currency} />
                  ))}
                  <Amount cents={p.totals.totalCents} currency={p.currency} strong />
                </tr>
                {p.rows.map((r) => (
                  <tr>
                    <td>
                      <a href={drill(r.companyId)}>{r.companyName}</a>
                    </td>
                    {BUCKETS.map((b) => (
                      <Amount cents={cell(r, b)} currency={p.currency} href={drill(r.companyId)} />
                    ))}
                    <Amount
                      cents={r.totalCents}
                      currency={p.currency}
                      href={drill(r.companyId)}
                      strong
                    />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            base="/reports/aging"
            query={query}
            page={p.page}
            pageSize={p.size}
            total={p.total}
          />
        </>
      )}
    </>
  );
}

export function CompanyAgingPage(p: {
  company: { id: string; name: string };
  data: CompanyAging;
  today: string;
  currency: string;
}) {
  const d = p.data;
  const asOfQ = d.asOf === p.today ? undefined : d.asOf;
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/reports">Reports</a>
          </li>
          <li class="breadcrumb-item">
            <a href={withQuery('/reports/aging', { asOf: asOfQ }, {})}>Receivables aging</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {p.company.name}
          </li>
        </ol>
      </nav>
      <PageHeader
        title={p.company.name}
        subtitle={`Open invoices as of ${d.asOf}${d.asOf === p.today ? ' (today)' : ''}`}
      >
        <a
          class="btn btn-sm btn-outline-secondary"
          href={`/companies/${p.company.id}/invoices?status=open`}
        >
          Invoices
        </a>
        <a class="btn btn-sm btn-outline-secondary" href={`/companies/${p.company.id}/statement`}>
          Statement
        </a>
      </PageHeader>
      {/* On a phone the buckets wrap as label/amount pairs instead of a seven-column row. */}
      <dl class="d-flex d-md-none flex-wrap column-gap-4 row-gap-1 mb-3">
        {[
          ...BUCKETS.map((b) => [BUCKET_HEADS[b], cell(d.aging, b)] as const),
          ['Total', d.aging.totalCents] as const,
          ...(d.unappliedCreditCents
            ? [['Unapplied credit', -d.unappliedCreditCents] as const]
            : []),
        ].map(([label, cents]) => (
          <div>
            <dt class="small fw-normal text-body-secondary">{label}</dt>
            <dd class={`mb-0 text-nowrap${label === 'Total' ? ' fw-semibold' : ''}`}>
              {cents === 0 ? '—' : formatMoney(cents, p.currency)}
            </dd>
          </div>
        ))}
      </dl>
      <table class="table table-sm w-auto mb-3 d-none d-md-table">
        <thead>
          <tr>
            {BUCKETS.map((b) => (
              <th scope="col" class="text-end text-nowrap">
                {BUCKET_HEADS[b]}
              </th>
            ))}
            <th scope="col" class="text-end">
              Total
            </th>
            <th scope="col" class="text-end text-nowrap">
              Unapplied credit
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {BUCKETS.map((b) => (
              <Amount cents={cell(d.aging, b)} currency={p.currency} />
            ))}
            <Amount cents={d.aging.totalCents} currency={p.currency} strong />
            <Amount cents={-d.unappliedCreditCents} currency={p.currency} />
          </tr>
        </tbody>
      </table>
      {d.invoices.length === 0 ? (
        <EmptyState title="No open invoices on this date" />
      ) : (
        <table class="table table-sm table-hover align-middle">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col" class="d-none d-sm-table-cell">
                Issued
              </th>
              <th scope="col" class="d-none d-sm-table-cell">
                Due
              </th>
              <th scope="col" class="text-end">
                Days late
              </th>
              <th scope="col" class="text-end d-none d-sm-table-cell">
                Total
              </th>
              <th scope="col" class="text-end">
                Open
              </th>
            </tr>
          </thead>
          <tbody>
            {d.invoices.map((i) => (
              <tr>
                <td class="text-nowrap">
                  <a href={`/invoices/${i.id}`}>{i.number ?? 'Draft'}</a>
                  {/* On a phone the due date goes under the number instead of its own column. */}
                  <div class="small text-body-secondary d-sm-none">due {i.dueDate}</div>
                </td>
                <td class="text-nowrap d-none d-sm-table-cell">{i.issueDate}</td>
                <td class="text-nowrap d-none d-sm-table-cell">{i.dueDate}</td>
                <td class={`text-end${i.daysLate > 0 ? ' text-danger' : ''}`}>
                  {i.daysLate > 0 ? i.daysLate : 'current'}
                </td>
                <td class="text-end text-nowrap d-none d-sm-table-cell">
                  {formatMoney(i.totalCents, i.currency)}
                </td>
                <td class="text-end text-nowrap fw-semibold">
                  {formatMoney(i.openCents, i.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
