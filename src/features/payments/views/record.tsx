// Record a payment: the company (chosen first when the link did not name one), amount, method,
// check number, dates, memo, deposit batch, and the company's open invoices oldest first. By default
// the payment is allocated oldest first; "split by hand" takes an amount per invoice. The preview
// (what each invoice gets and what is left as credit) is re-rendered by htmx as the form changes;
// without JavaScript the same preview appears after submitting a form with an error.
import { CsrfField, Field, FormErrorSummary, Select } from '../../../views/components.tsx';
import { formatMoney, parseMoney } from '../../../lib/money.ts';
import { daysBetween } from '../../../lib/dates.ts';
import { allocateOldestFirst } from '../allocation.ts';
import { ALLOC_PREFIX } from '../forms.ts';
import type { OpenInvoiceView } from '../queries.ts';
import { PAYMENT_METHODS, METHOD_LABELS } from '../schemas.ts';

export type Owing = {
  id: string;
  name: string;
  openCents: number;
  count: number;
  oldestDue: string | null;
};

export function ChooseCompanyPage(p: {
  q: string;
  companies: { id: string; name: string }[];
  owing: Owing[];
  currency: string;
}) {
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/payments">Payments</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            Record payment
          </li>
        </ol>
      </nav>
      <h1 class="h3">Record payment</h1>
      <form method="get" action="/payments/new" class="d-flex gap-2 mb-3" role="search">
        <label class="visually-hidden" for="f-company">
          Company
        </label>
        <input
          class="form-control"
          type="search"
          id="f-company"
          name="company"
          value={p.q}
          placeholder="Who paid? Type part of the company’s name"
          autofocus
        />
        <button class="btn btn-outline-secondary" type="submit">
          Find
        </button>
      </form>
      {p.q && p.companies.length === 0 ? (
        <p class="text-body-secondary">No company matches “{p.q}”.</p>
      ) : null}
      {p.companies.length ? (
        <ul class="list-group">
          {p.companies.map((c) => (
            <li class="list-group-item">
              <a href={`/payments/new?companyId=${c.id}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {!p.q && p.owing.length ? (
        <>
          <h2 class="h6 mt-4">Companies with open invoices, longest waiting first</h2>
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">Oldest due</th>
                <th scope="col" class="text-end">
                  Open invoices
                </th>
                <th scope="col" class="text-end">
                  Owed
                </th>
              </tr>
            </thead>
            <tbody>
              {p.owing.map((c) => (
                <tr>
                  <td>
                    <a href={`/payments/new?companyId=${c.id}`}>{c.name}</a>
                  </td>
                  <td>{c.oldestDue ?? '—'}</td>
                  <td class="text-end">{c.count}</td>
                  <td class="text-end">{formatMoney(c.openCents, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

export type PreviewRow = { invoice: OpenInvoiceView; amountCents: number };
export type Preview = {
  rows: PreviewRow[];
  creditCents: number;
  amountCents: number | null;
  note: string | null;
};

/** What the form would do now: amount per invoice and the credit left (no database, no rounding). */
export function preview(values: Record<string, string>, open: OpenInvoiceView[]): Preview {
  const amount = values.amount ? parseMoney(values.amount) : null;
  const valid = amount !== null && amount > 0 ? amount : null;
  if (values.mode === 'manual') {
    let sum = 0;
    const rows = open.map((i) => {
      const v = values[`${ALLOC_PREFIX}${i.id}`];
      const c = v ? parseMoney(v) : null;
      const a = c !== null && c > 0 ? c : 0;
      sum += a;
      return { invoice: i, amountCents: a };
    });
    const note =
      valid === null
        ? 'Enter the amount received.'
        : sum > valid
          ? 'The amounts add up to more than the payment.'
          : null;
    return {
      rows,
      creditCents: valid === null ? 0 : Math.max(0, valid - sum),
      amountCents: valid,
      note,
    };
  }
  const plan = allocateOldestFirst(valid ?? 0, open);
  const by = new Map(plan.allocations.map((a) => [a.invoiceId, a.amountCents]));
  return {
    rows: open.map((i) => ({ invoice: i, amountCents: by.get(i.id) ?? 0 })),
    creditCents: plan.unappliedCents,
    amountCents: valid,
    note: valid === null ? 'Enter the amount received.' : null,
  };
}

export function PreviewSummary({ p, currency }: { p: Preview; currency: string }) {
  const applied = p.rows.reduce((s, r) => s + r.amountCents, 0);
  return (
    <div id="allocation-preview" class="alert alert-light border mb-3" aria-live="polite">
      {p.note ? <div class="text-danger small mb-1">{p.note}</div> : null}
      <div>
        <strong>{formatMoney(applied, currency)}</strong> to{' '}
        {p.rows.filter((r) => r.amountCents > 0).length} invoice(s)
        {' · '}
        <strong data-testid="credit-left">{formatMoney(p.creditCents, currency)}</strong> left as
        credit
        {p.creditCents > 0 ? (
          <span class="small text-body-secondary">
            {' '}
            (applied automatically to the next invoices issued)
          </span>
        ) : null}
      </div>
      {p.rows.some((r) => r.amountCents > 0) ? (
        <ul class="small mb-0 mt-1">
          {p.rows
            .filter((r) => r.amountCents > 0)
            .map((r) => (
              <li>
                {r.invoice.number}: {formatMoney(r.amountCents, currency)}
                {r.amountCents === r.invoice.balanceCents
                  ? ' (paid in full)'
                  : r.amountCents > r.invoice.balanceCents
                    ? ' (more than its balance)'
                    : ` (leaves ${formatMoney(r.invoice.balanceCents - r.amountCents, currency)})`}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The preview with the htmx wiring that refreshes it (the fragment replaces this whole box). */
export function PreviewBox({ p, currency }: { p: Preview; currency: string }) {
  return (
    <div
      id="allocation-preview-box"
      hx-post="/payments/preview"
      hx-trigger="input changed delay:400ms from:#payment-form, change from:#payment-form"
      hx-target="this"
      hx-swap="outerHTML"
    >
      <PreviewSummary p={p} currency={currency} />
    </div>
  );
}

export type RecordProps = {
  company: { id: string; name: string };
  open: OpenInvoiceView[];
  values: Record<string, string>;
  errors: Record<string, string>;
  csrf: string;
  currency: string;
  today: string;
  creditCents: number;
};

export function RecordPaymentPage(p: RecordProps) {
  const v = p.values;
  const err = (k: string) => p.errors[k];
  const manual = v.mode === 'manual';
  const pv = preview(v, p.open);
  const openTotal = p.open.reduce((s, i) => s + i.balanceCents, 0);
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/payments">Payments</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/payments?companyId=${p.company.id}`}>{p.company.name}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            Record payment
          </li>
        </ol>
      </nav>
      <h1 class="h3">
        Record payment from {p.company.name}{' '}
        <a class="fs-6 fw-normal" href="/payments/new">
          change company
        </a>
      </h1>
      <p class="text-body-secondary">
        Open invoices {formatMoney(openTotal, p.currency)} ({p.open.length})
        {p.creditCents ? (
          <> · unapplied credit already held {formatMoney(p.creditCents, p.currency)}</>
        ) : null}
      </p>
      <FormErrorSummary errors={p.errors} />
      <form method="post" action="/payments" id="payment-form" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="companyId" value={p.company.id} />
        <div class="row">
          <div class="col-sm-6 col-lg-3">
            <Field
              name="amount"
              label="Amount received"
              value={v.amount}
              error={err('amount')}
              required
              attrs={{ inputmode: 'decimal', placeholder: '0.00', autofocus: true }}
            />
          </div>
          <div class="col-sm-6 col-lg-3">
            <Select
              name="method"
              label="Method"
              value={v.method || 'check'}
              error={err('method')}
              options={PAYMENT_METHODS.map((m): [string, string] => [m, METHOD_LABELS[m]])}
            />
          </div>
          <div class="col-sm-6 col-lg-3">
            <Field
              name="reference"
              label="Check number / reference"
              value={v.reference}
              error={err('reference')}
              help="Required for a check."
            />
          </div>
          <div class="col-sm-6 col-lg-3">
            <Field
              name="receivedOn"
              label="Date received"
              type="date"
              value={v.receivedOn || p.today}
              error={err('receivedOn')}
              required
              attrs={{ max: p.today }}
            />
          </div>
        </div>
        <div class="row">
          <div class="col-sm-6 col-lg-3">
            <Field
              name="depositBatch"
              label="Deposit batch"
              value={v.depositBatch}
              error={err('depositBatch')}
              help="Checks deposited together, e.g. the deposit date."
            />
          </div>
          <div class="col-sm-6 col-lg-9">
            <Field name="memo" label="Memo" value={v.memo} error={err('memo')} />
          </div>
        </div>
        <fieldset class="mb-3">
          <legend class="fs-6 fw-semibold">Allocation</legend>
          <div class="form-check">
            <input
              class="form-check-input"
              type="radio"
              name="mode"
              id="mode-auto"
              value="auto"
              checked={!manual}
            />
            <label class="form-check-label" for="mode-auto">
              Allocate automatically (oldest first: by due date, then number)
            </label>
          </div>
          <div class="form-check">
            <input
              class={`form-check-input${err('mode') ? ' is-invalid' : ''}`}
              type="radio"
              name="mode"
              id="mode-manual"
              value="manual"
              checked={manual}
            />
            <label class="form-check-label" for="mode-manual">
              Split by hand (amounts below; what is not allocated stays as credit)
            </label>
            {err('mode') ? <div class="invalid-feedback">{err('mode')}</div> : null}
          </div>
        </fieldset>
        {p.open.length === 0 ? (
          <p class="text-body-secondary">
            This company has no open invoices: the whole payment will be kept as credit and applied
            to the next invoices issued.
          </p>
        ) : (
          <div class="table-responsive">
            <table class="table table-sm align-middle">
              <caption class="caption-top">Open invoices, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Due</th>
                  <th scope="col" class="text-end">
                    Total
                  </th>
                  <th scope="col" class="text-end">
                    Balance
                  </th>
                  <th scope="col" class="col-money">
                    Amount (split by hand)
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.open.map((i) => {
                  const late = i.dueDate ? daysBetween(i.dueDate, p.today) : 0;
                  const name = `${ALLOC_PREFIX}${i.id}`;
                  return (
                    <tr>
                      <td>
                        <a href={`/invoices/${i.id}`}>{i.number}</a>
                      </td>
                      <td class="text-nowrap">{i.issueDate}</td>
                      <td class="text-nowrap">
                        {i.dueDate}
                        {late > 0 ? (
                          <span class="text-danger small"> · {late} days late</span>
                        ) : null}
                      </td>
                      <td class="text-end">{formatMoney(i.totalCents, p.currency)}</td>
                      <td class="text-end">{formatMoney(i.balanceCents, p.currency)}</td>
                      <td>
                        <input
                          {...({
                            class: `form-control form-control-sm${err(name) ? ' is-invalid' : ''}`,
                            name,
                            value: v[name] ?? '',
                            inputmode: 'decimal',
                            placeholder: '0.00',
                            'aria-label': `Amount for ${i.number}`,
                            'aria-invalid': err(name) ? 'true' : undefined,
                          } as object)}
                        />
                        {err(name) ? <div class="invalid-feedback">{err(name)}</div> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <PreviewBox p={pv} currency={p.currency} />
        <div class="d-flex gap-2">
          <button class="btn btn-primary" type="submit">
            Record payment
          </button>
          <a class="btn btn-outline-secondary" href="/payments">
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
