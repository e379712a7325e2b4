// One payment: its figures above the fold, every allocation (invoice numbers linked, the date each
// counts from; reversed ones struck through with when and why), refunds, and apart from the rest the
// refund and void forms (billing.write), each with the date it takes effect.
import { CsrfField, Field, FormErrorSummary } from '../../../views/components.tsx';
import { formatMoney } from '../../../lib/money.ts';
import type { AllocationRow, Payment } from '../queries.ts';
import { PaymentBadge, methodLabel, paymentLabel } from './parts.tsx';

export type PaymentPageProps = {
  payment: Payment;
  companyName: string;
  allocations: AllocationRow[];
  refunds: {
    id: string;
    amountCents: number;
    reason: string | null;
    providerRef: string | null;
    refundedOn: string;
    createdAt: string;
  }[];
  canWrite: boolean;
  csrf: string;
  currency: string;
  formatTime: (iso: string) => string;
  openInvoiceCount: number;
  /** business today: the latest date a void or refund may take effect */
  today: string;
  form?: { values: Record<string, string>; errors: Record<string, string> };
};

const KIND: Record<AllocationRow['kind'], string> = {
  payment: 'Oldest first',
  manual: 'By hand',
  credit: 'Credit applied later',
};

export function PaymentPage(p: PaymentPageProps) {
  const pay = p.payment;
  const m = (c: number) => formatMoney(c, p.currency);
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/payments">Payments</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/payments?companyId=${pay.companyId}`}>{p.companyName}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {paymentLabel(pay)}
          </li>
        </ol>
      </nav>
      <div class="d-flex flex-wrap align-items-start justify-content-between gap-3 mb-3">
        <div>
          <h1 class="h3 mb-1">
            {paymentLabel(pay)} <PaymentBadge p={pay} />
          </h1>
          <div class="text-body-secondary">
            <a href={`/companies/${pay.companyId}`}>{p.companyName}</a> · received {pay.receivedOn}
          </div>
        </div>
        <div class="text-end">
          <div class="small text-body-secondary">Amount</div>
          <div class="fs-3 fw-semibold" data-testid="payment-amount">
            {pay.status === 'void' ? <s>{m(pay.amountCents)}</s> : m(pay.amountCents)}
          </div>
        </div>
      </div>
      {p.form ? <FormErrorSummary errors={p.form.errors} /> : null}
      {pay.status === 'void' ? (
        <div class="alert alert-dark" role="status">
          <strong>Void</strong>
          {pay.voidedOn ? ` from ${pay.voidedOn}` : ''}: {pay.voidReason}. Its allocations were
          reversed and the invoices reopened
          {pay.voidedAt ? ` (recorded ${p.formatTime(pay.voidedAt)})` : ''}.
        </div>
      ) : null}
      <div class="row g-3">
        <div class="col-lg-8">
          <dl class="row small mb-3">
            <dt class="col-sm-3">Method</dt>
            <dd class="col-sm-9">
              {methodLabel(pay.method)}
              {pay.provider ? ` (${pay.provider})` : ''}
            </dd>
            <dt class="col-sm-3">{pay.method === 'check' ? 'Check number' : 'Reference'}</dt>
            <dd class="col-sm-9">{pay.reference ?? '—'}</dd>
            <dt class="col-sm-3">Deposit batch</dt>
            <dd class="col-sm-9">
              {pay.depositBatch ? (
                <a href={`/payments/deposits?batch=${encodeURIComponent(pay.depositBatch)}`}>
                  {pay.depositBatch}
                </a>
              ) : (
                '—'
              )}
            </dd>
            {pay.memo ? (
              <>
                <dt class="col-sm-3">Memo</dt>
                <dd class="col-sm-9 text-pre-line">{pay.memo}</dd>
              </>
            ) : null}
            <dt class="col-sm-3">Applied</dt>
            <dd class="col-sm-9">{m(pay.appliedCents)}</dd>
            <dt class="col-sm-3">Unapplied credit</dt>
            <dd class="col-sm-9" data-testid="unapplied">
              {m(pay.unappliedCents)}
            </dd>
            {pay.refundedCents ? (
              <>
                <dt class="col-sm-3">Refunded</dt>
                <dd class="col-sm-9">{m(pay.refundedCents)}</dd>
              </>
            ) : null}
            {pay.feeCents ? (
              <>
                <dt class="col-sm-3">Provider fee</dt>
                <dd class="col-sm-9">{m(pay.feeCents)}</dd>
              </>
            ) : null}
            <dt class="col-sm-3">Recorded</dt>
            <dd class="col-sm-9">
              {p.formatTime(pay.createdAt)} by {pay.createdByLabel}
            </dd>
          </dl>
          <h2 class="h5">Allocations</h2>
          {p.allocations.length === 0 ? (
            <p class="text-body-secondary small">
              Nothing allocated yet: the whole payment is credit for the company’s next invoices.
            </p>
          ) : (
            <table class="table table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col" class="d-none d-sm-table-cell">
                    Due
                  </th>
                  <th scope="col">How</th>
                  <th
                    scope="col"
                    class="d-none d-sm-table-cell"
                    title="The date it counts from in the aging and statements"
                  >
                    From
                  </th>
                  <th scope="col" class="text-end">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.allocations.map((a) => (
                  <tr class={a.reversedAt ? 'allocation-reversed text-body-tertiary' : undefined}>
                    <td class="text-nowrap">
                      <a href={`/invoices/${a.invoiceId}`}>{a.invoiceNumber}</a>
                    </td>
                    <td class="text-nowrap d-none d-sm-table-cell">{a.invoiceDueDate}</td>
                    <td>
                      {KIND[a.kind]}
                      {a.reversedAt ? (
                        <div class="small">
                          Reversed from {a.reversedOn ?? p.formatTime(a.reversedAt)}:{' '}
                          {a.reversedReason}
                        </div>
                      ) : null}
                    </td>
                    <td
                      class="text-nowrap small d-none d-sm-table-cell"
                      title={`Recorded ${p.formatTime(a.createdAt)}`}
                    >
                      {a.effectiveOn}
                    </td>
                    <td class="text-end">
                      {a.reversedAt ? <s>{m(a.amountCents)}</s> : m(a.amountCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.refunds.length ? (
            <>
              <h2 class="h5">Refunds</h2>
              <ul class="small">
                {p.refunds.map((r) => (
                  <li>
                    {r.refundedOn}: {m(r.amountCents)}
                    {r.reason ? ` — ${r.reason}` : ''}
                    {r.providerRef ? ` (${r.providerRef})` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div class="col-lg-4">
          {p.canWrite &&
          pay.status === 'recorded' &&
          pay.unappliedCents > 0 &&
          p.openInvoiceCount > 0 ? (
            <form
              method="post"
              action={`/payments/${pay.id}/apply-credit`}
              class="card card-body mb-3"
            >
              <CsrfField token={p.csrf} />
              <p class="small mb-2">
                {p.companyName} has {p.openInvoiceCount} open invoice(s). Apply this credit to them,
                oldest first?
              </p>
              <button class="btn btn-sm btn-outline-primary" type="submit">
                Apply credit now
              </button>
            </form>
          ) : null}
          {p.canWrite && pay.status === 'recorded' && pay.refundedCents === 0 ? (
            <form
              method="post"
              action={`/payments/${pay.id}/void`}
              class="card card-body border-danger-subtle"
              data-confirm="Void this payment? Its allocations are reversed and the invoices reopen."
            >
              <CsrfField token={p.csrf} />
              <h2 class="h6">Void this payment</h2>
              <p class="small text-body-secondary">
                For a bounced check or a payment recorded by mistake. Payments are never edited:
                void and record again.
              </p>
              <Field
                name="reason"
                label="Reason"
                value={p.form?.values.reason}
                error={p.form?.errors.reason}
                required
              />
              <Field
                name="effectiveOn"
                label="Effective date"
                type="date"
                value={p.form?.values.effectiveOn ?? p.today}
                error={p.form?.errors.effectiveOn}
                help="The day the money came back (a bounced check's return date). The aging and statements count the void from this day."
                attrs={{ min: pay.receivedOn, max: p.today }}
                required
              />
              <button class="btn btn-sm btn-outline-danger" type="submit">
                Void payment
              </button>
            </form>
          ) : null}
          {p.canWrite && pay.status === 'recorded' && pay.refundedCents < pay.amountCents ? (
            <form
              method="post"
              action={`/payments/${pay.id}/refund`}
              class="card card-body mt-3"
              data-confirm="Record this refund? The money is taken from the unapplied credit first, then from the newest allocations."
            >
              <CsrfField token={p.csrf} />
              <h2 class="h6">Record a refund</h2>
              <p class="small text-body-secondary">
                Money given back by check or transfer (card and PayPal refunds arrive by
                themselves). At most {m(pay.amountCents - pay.refundedCents)}.
              </p>
              <Field
                name="refundAmount"
                label="Amount"
                value={p.form?.values.refundAmount}
                error={p.form?.errors.refundAmount}
                attrs={{ inputmode: 'decimal' }}
                required
              />
              <Field
                name="refundOn"
                label="Date refunded"
                type="date"
                value={p.form?.values.refundOn ?? p.today}
                error={p.form?.errors.refundOn}
                attrs={{ min: pay.receivedOn, max: p.today }}
                required
              />
              <Field
                name="refundReason"
                label="Reason"
                value={p.form?.values.refundReason}
                error={p.form?.errors.refundReason}
              />
              <button class="btn btn-sm btn-outline-secondary" type="submit">
                Record refund
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </>
  );
}
