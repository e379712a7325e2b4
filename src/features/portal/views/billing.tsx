// The portal's billing pages: invoices (list, one invoice, its payments and credit notes), payments
// (history with allocations, unapplied credit, aging, statement), paying (the choice form and the
// processing page) and the pay-link page. Pure views: figures arrive computed, formatted here only.
// Wide tables become stacked rows on phones (d-none d-md-block), so nothing scrolls sideways.
import type { ComponentChildren } from 'preact';
import { CsrfField, Pager } from '../../../views/components.tsx';
import { formatMoney } from '../../../lib/money.ts';
import { DueDate, StatusBadge, invoiceTitle } from '../../invoices/views/status.tsx';
import type { Invoice } from '../../invoices/queries.ts';
import type { Checkout } from '../../online-payments/queries.ts';
import type {
  PaymentInstructions,
  PortalInvoiceView,
  portalInvoices,
  portalPayments,
} from '../billing-service.ts';

type Providers = { stripe: boolean; paypal: boolean };
const METHOD: Record<string, string> = {
  check: 'Check',
  cash: 'Cash',
  bank: 'Bank transfer',
  card: 'Card',
  paypal: 'PayPal',
};
const kindLabel = (i: Pick<Invoice, 'kind'>) =>
  i.kind === 'credit_note' ? 'Credit note' : 'Invoice';

function ProviderButtons(p: { providers: Providers; label: string }) {
  return (
    <div class="d-flex flex-wrap gap-2">
      {p.providers.stripe ? (
        <button type="submit" name="provider" value="stripe" class="btn btn-primary">
          {p.label} by card
        </button>
      ) : null}
      {p.providers.paypal ? (
        <button type="submit" name="provider" value="paypal" class="btn btn-outline-primary">
          {p.label} with PayPal
        </button>
      ) : null}
    </div>
  );
}
const canPayOnline = (p: Providers) => p.stripe || p.paypal;

export function Instructions({
  i,
  reference,
}: {
  i: PaymentInstructions;
  reference?: string | null;
}) {
  if (!i.payableTo && !i.remitAddress && !i.bankDetails) return null;
  return (
    <section class="card mb-3">
      <div class="card-body">
        <h2 class="h5">Pay by check or bank transfer</h2>
        <dl class="mb-0">
          {i.payableTo ? (
            <>
              <dt>Make checks payable to</dt>
              <dd>{i.payableTo}</dd>
            </>
          ) : null}
          {i.remitAddress ? (
            <>
              <dt>Mail checks to</dt>
              <dd>
                {i.remitAddress.split('\n').map((l) => (
                  <div key={l}>{l}</div>
                ))}
              </dd>
            </>
          ) : null}
          {i.bankDetails ? (
            <>
              <dt>Bank transfer</dt>
              <dd>
                {i.bankDetails.split('\n').map((l) => (
                  <div key={l}>{l}</div>
                ))}
              </dd>
            </>
          ) : null}
          <dt>Reference to write</dt>
          <dd class="mb-0">
            {reference
              ? `Invoice number ${reference}`
              : 'The numbers of the invoices you pay (e.g. INV-2026-00042)'}
          </dd>
        </dl>
      </div>
    </section>
  );
}

export function PortalInvoicesPage(p: {
  data: Awaited<ReturnType<typeof portalInvoices>>;
  csrf: string;
}) {
  const d = p.data;
  const q = d.query;
  const money = (c: number) => formatMoney(c, d.currency);
  const query = { status: q.status, kind: q.kind, q: q.q };
  const payable = d.items.filter(
    (i) => i.kind === 'invoice' && i.status === 'issued' && i.balanceCents > 0,
  );
  const online = canPayOnline(d.providers);
  const filters: [string, string][] = [
    ['all', 'All'],
    ['open', 'Open'],
    ['overdue', 'Overdue'],
    ['paid', 'Paid'],
    ['void', 'Void'],
  ];
  return (
    <>
      <h1 class="h3 mb-1">Invoices</h1>
      <p class="text-body-secondary mb-3">
        Balance due <strong>{money(d.balance.balanceCents)}</strong>
        {d.balance.overdueCents > 0 ? (
          <>
            {' '}
            · <span class="text-danger">{money(d.balance.overdueCents)} overdue</span>
          </>
        ) : null}
      </p>
      <form
        method="get"
        action="/portal/invoices"
        class="row g-2 align-items-end mb-3"
        role="search"
      >
        <div class="col-12 col-sm-auto">
          <label class="form-label small mb-0" for="f-status">
            Show
          </label>
          <select id="f-status" name="status" class="form-select form-select-sm">
            {filters.map(([v, l]) => (
              <option value={v} selected={q.status === v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div class="col-12 col-sm-auto">
          <label class="form-label small mb-0" for="f-kind">
            Type
          </label>
          <select id="f-kind" name="kind" class="form-select form-select-sm">
            <option value="any" selected={q.kind === 'any'}>
              Invoices and credit notes
            </option>
            <option value="invoice" selected={q.kind === 'invoice'}>
              Invoices
            </option>
            <option value="credit_note" selected={q.kind === 'credit_note'}>
              Credit notes
            </option>
          </select>
        </div>
        <div class="col-12 col-sm">
          <label class="form-label small mb-0" for="f-q">
            Number
          </label>
          <input
            id="f-q"
            name="q"
            class="form-control form-control-sm"
            value={q.q}
            placeholder="INV-…"
          />
        </div>
        <div class="col-12 col-sm-auto">
          <button type="submit" class="btn btn-sm btn-outline-secondary w-100">
            Filter
          </button>
        </div>
      </form>
      {d.items.length === 0 ? (
        <div class="card">
          <div class="card-body">
            No invoices match.{' '}
            {q.status !== 'all' ? <a href="/portal/invoices?status=all">Show all</a> : null}
          </div>
        </div>
      ) : (
        <form method="post" action="/portal/payments/pay">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="scope" value="invoices" />
          <div class="card mb-3">
            <div class="d-none d-md-block">
              <table class="table table-sm align-middle mb-0">
                <thead>
                  <tr>
                    {online ? (
                      <th class="ps-3">
                        <span class="visually-hidden">Pay</span>
                      </th>
                    ) : null}
                    <th class={online ? '' : 'ps-3'}>Number</th>
                    <th>Status</th>
                    <th>Issued</th>
                    <th>Due</th>
                    <th class="text-end">Total</th>
                    <th class="text-end pe-3">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((i) => (
                    <tr>
                      {online ? (
                        <td class="ps-3">
                          {payable.includes(i) ? (
                            <input
                              type="checkbox"
                              class="form-check-input"
                              name="invoiceIds"
                              value={i.id}
                              aria-label={`Pay ${i.number}`}
                            />
                          ) : null}
                        </td>
                      ) : null}
                      <td class={online ? '' : 'ps-3'}>
                        <a href={`/portal/invoices/${i.id}`}>{invoiceTitle(i)}</a>
                        {i.kind === 'credit_note' ? (
                          <span class="small text-body-secondary"> credit note</span>
                        ) : null}
                      </td>
                      <td>
                        <StatusBadge invoice={i} today={d.today} />
                      </td>
                      <td>{i.issueDate ?? '—'}</td>
                      <td>
                        <DueDate invoice={i} today={d.today} />
                      </td>
                      <td class="text-end text-nowrap">
                        {money(i.kind === 'credit_note' ? -i.totalCents : i.totalCents)}
                      </td>
                      <td class="text-end text-nowrap pe-3">
                        {i.kind === 'credit_note' ? '—' : money(i.balanceCents)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ul class="list-group list-group-flush d-md-none">
              {d.items.map((i) => (
                <li class="list-group-item">
                  <div class="d-flex justify-content-between gap-2">
                    <span>
                      {online && payable.includes(i) ? (
                        <input
                          type="checkbox"
                          class="form-check-input me-2"
                          name="invoiceIds"
                          value={i.id}
                          aria-label={`Pay ${i.number}`}
                        />
                      ) : null}
                      <a href={`/portal/invoices/${i.id}`}>{invoiceTitle(i)}</a>
                    </span>
                    <StatusBadge invoice={i} today={d.today} />
                  </div>
                  <div class="small text-body-secondary">
                    {kindLabel(i)} · issued {i.issueDate ?? '—'}
                    {i.kind === 'invoice' ? (
                      <>
                        {' '}
                        · due <DueDate invoice={i} today={d.today} />
                      </>
                    ) : null}
                  </div>
                  <div class="small">
                    Total {money(i.kind === 'credit_note' ? -i.totalCents : i.totalCents)}
                    {i.kind === 'invoice' ? (
                      <>
                        {' '}
                        · balance <strong>{money(i.balanceCents)}</strong>
                      </>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </div>
          {online && payable.length ? (
            <div class="mb-3">
              <p class="small text-body-secondary mb-2">Tick the invoices to pay, then:</p>
              <ProviderButtons providers={d.providers} label="Pay selected" />
            </div>
          ) : null}
        </form>
      )}
      <Pager base="/portal/invoices" query={query} page={q.page} pageSize={25} total={d.total} />
    </>
  );
}

function Row({
  label,
  children,
  strong,
}: {
  label: string;
  children: ComponentChildren;
  strong?: boolean;
}) {
  return (
    <div
      class={`d-flex justify-content-between gap-3${strong ? ' fw-semibold border-top pt-1' : ''}`}
    >
      <span>{label}</span>
      <span class="text-nowrap">{children}</span>
    </div>
  );
}

/** The invoice as the PDF shows it: lines, subtotal, tax, total, paid, credited, balance. */
export function PortalInvoiceDetail(p: {
  v: PortalInvoiceView;
  csrf: string;
  pdfHref: string;
  payAction: string;
  invoiceHref?: (id: string) => string | null;
}) {
  const { invoice: inv, creditNotes, allocations, today, original } = p.v;
  const money = (c: number) => formatMoney(c, inv.currency);
  const isCredit = inv.kind === 'credit_note';
  const payable = !isCredit && inv.status === 'issued' && inv.balanceCents > 0;
  const href = p.invoiceHref ?? ((id: string) => `/portal/invoices/${id}`);
  return (
    <>
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-3">
        <div>
          <h1 class="h3 mb-1">
            {kindLabel(inv)} {invoiceTitle(inv)}{' '}
            <StatusBadge invoice={inv} today={today} class="fs-6 align-middle" />
          </h1>
          <p class="text-body-secondary mb-0">
            Issued {inv.issueDate ?? '—'}
            {!isCredit ? (
              <>
                {' '}
                · due <DueDate invoice={inv} today={today} />
              </>
            ) : null}
            {inv.periodStart && inv.periodEnd
              ? ` · period ${inv.periodStart} to ${inv.periodEnd}`
              : null}
          </p>
          {isCredit && original ? (
            <p class="mb-0">
              Against invoice{' '}
              {href(original.id) ? (
                <a href={href(original.id)!}>{original.number}</a>
              ) : (
                original.number
              )}
            </p>
          ) : null}
        </div>
        <a class="btn btn-outline-secondary" href={p.pdfHref}>
          Download PDF
        </a>
      </div>
      {payable && canPayOnline(p.v.providers) ? (
        <section class="card mb-3 border-primary">
          <div class="card-body">
            <h2 class="h5">Pay {money(inv.balanceCents)} now</h2>
            <form method="post" action={p.payAction}>
              <CsrfField token={p.csrf} />
              <input type="hidden" name="scope" value="invoices" />
              <input type="hidden" name="invoiceIds" value={inv.id} />
              <ProviderButtons providers={p.v.providers} label="Pay" />
            </form>
          </div>
        </section>
      ) : null}
      <section class="card mb-3">
        <div class="card-body">
          <p class="mb-2">
            <strong>Bill to:</strong> {inv.billToName}
          </p>
          <ul class="list-group list-group-flush mb-3">
            {inv.lines.map((l) => (
              <li class="list-group-item px-0">
                <div class="d-flex justify-content-between gap-3">
                  <span class="text-break">{l.description}</span>
                  <span class="text-nowrap">{money(l.amountCents)}</span>
                </div>
                <div class="small text-body-secondary">
                  {(l.quantityThousandths / 1000).toLocaleString('en-US', {
                    maximumFractionDigits: 3,
                  })}{' '}
                  × {money(l.unitPriceCents)}
                  {l.taxCents ? ` · ${l.taxName ?? 'Tax'} ${money(l.taxCents)}` : ''}
                  {l.periodStart && l.periodEnd ? ` · ${l.periodStart} to ${l.periodEnd}` : ''}
                </div>
              </li>
            ))}
          </ul>
          <div class="row">
            <div class="col-12 col-sm-8 col-lg-5 ms-auto">
              <Row label="Subtotal">{money(inv.subtotalCents)}</Row>
              <Row label="Tax">{money(inv.taxCents)}</Row>
              <Row label="Total" strong>
                {money(inv.totalCents)}
              </Row>
              {!isCredit ? (
                <>
                  <Row label="Payments">{money(inv.paidCents ? -inv.paidCents : 0)}</Row>
                  <Row label="Credits applied">
                    {money(inv.creditedCents ? -inv.creditedCents : 0)}
                  </Row>
                  <Row label="Balance due" strong>
                    {money(inv.balanceCents)}
                  </Row>
                </>
              ) : null}
            </div>
          </div>
          {inv.notes ? <p class="mt-3 mb-0 small">{inv.notes}</p> : null}
        </div>
      </section>
      {allocations.length ? (
        <section class="card mb-3">
          <div class="card-body">
            <h2 class="h5">Payments and credits on this invoice</h2>
            <ul class="list-unstyled mb-0">
              {allocations.map((a) => (
                <li class="d-flex justify-content-between gap-3">
                  <span>
                    {a.date} · {a.kind === 'credit' ? 'Credit' : (METHOD[a.method] ?? a.method)}
                    {a.reference && a.kind !== 'credit' ? ` ${a.reference}` : ''}
                  </span>
                  <span class="text-nowrap">{money(a.amountCents)}</span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
      {creditNotes.length ? (
        <section class="card mb-3">
          <div class="card-body">
            <h2 class="h5">Credit notes against this invoice</h2>
            <ul class="list-unstyled mb-0">
              {creditNotes.map((c) => (
                <li class="d-flex justify-content-between gap-3">
                  <span>
                    {href(c.id) ? <a href={href(c.id)!}>{c.number}</a> : c.number} ·{' '}
                    {c.issueDate ?? '—'}
                    {c.status === 'void' ? ' (void)' : ''}
                  </span>
                  <span class="text-nowrap">{money(-c.totalCents)}</span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
      {payable ? <Instructions i={p.v.instructions} reference={inv.number} /> : null}
    </>
  );
}

export function PortalPaymentsPage(p: {
  data: Awaited<ReturnType<typeof portalPayments>>;
  csrf: string;
  errors?: Record<string, string>;
  range?: { from: string; to: string };
}) {
  const d = p.data;
  const money = (c: number) => formatMoney(c, d.currency);
  const a = d.aging.aging;
  const buckets: [string, number][] = [
    ['Not yet due', a.currentCents],
    ['1–30 days late', a.days1To30Cents],
    ['31–60 days late', a.days31To60Cents],
    ['61–90 days late', a.days61To90Cents],
    ['90+ days late', a.over90Cents],
  ];
  const range = p.range ?? d.defaultRange;
  const online = canPayOnline(d.providers);
  return (
    <>
      <h1 class="h3 mb-3">Payments</h1>
      <div class="row g-3 mb-3">
        <div class="col-12 col-lg-6">
          <section class="card h-100" id="pay-balance">
            <div class="card-body">
              <h2 class="h5">Your balance</h2>
              <Row label="Open invoices">{money(d.balance.openInvoiceCents)}</Row>
              <Row label="Unapplied credit">
                {money(d.balance.unappliedCreditCents ? -d.balance.unappliedCreditCents : 0)}
              </Row>
              <Row label="Balance" strong>
                {money(d.balance.balanceCents)}
              </Row>
              {online && d.balance.openInvoiceCents > 0 ? (
                <form method="post" action="/portal/payments/pay" class="mt-3">
                  <CsrfField token={p.csrf} />
                  <input type="hidden" name="scope" value="balance" />
                  <ProviderButtons providers={d.providers} label="Pay balance" />
                </form>
              ) : null}
            </div>
          </section>
        </div>
        <div class="col-12 col-lg-6">
          <section class="card h-100">
            <div class="card-body">
              <h2 class="h5">Aging on {d.aging.asOf}</h2>
              {buckets.map(([l, c]) => (
                <Row label={l}>{money(c)}</Row>
              ))}
              <Row label="Total open" strong>
                {money(a.totalCents)}
              </Row>
            </div>
          </section>
        </div>
      </div>
      <section class="card mb-3">
        <div class="card-body">
          <h2 class="h5">Statement</h2>
          <form
            method="get"
            action="/portal/payments/statement.pdf"
            class="row g-2 align-items-end"
            novalidate
          >
            <div class="col-6 col-sm-auto">
              <label class="form-label small mb-0" for="st-from">
                From
              </label>
              <input
                id="st-from"
                type="date"
                name="from"
                value={range.from}
                class={`form-control form-control-sm${p.errors?.from ? ' is-invalid' : ''}`}
              />
              {p.errors?.from ? <div class="invalid-feedback">{p.errors.from}</div> : null}
            </div>
            <div class="col-6 col-sm-auto">
              <label class="form-label small mb-0" for="st-to">
                To
              </label>
              <input
                id="st-to"
                type="date"
                name="to"
                value={range.to}
                class={`form-control form-control-sm${p.errors?.to ? ' is-invalid' : ''}`}
              />
              {p.errors?.to ? <div class="invalid-feedback">{p.errors.to}</div> : null}
            </div>
            <div class="col-12 col-sm-auto">
              <button type="submit" class="btn btn-sm btn-outline-secondary w-100">
                Download statement (PDF)
              </button>
            </div>
          </form>
        </div>
      </section>
      <h2 class="h5">Payment history</h2>
      {d.payments.items.length === 0 ? (
        <div class="card mb-3">
          <div class="card-body">No payments yet.</div>
        </div>
      ) : (
        <ul class="list-group mb-3">
          {d.payments.items.map((pay) => (
            <li class="list-group-item">
              <div class="d-flex flex-wrap justify-content-between gap-2">
                <span>
                  <strong>{pay.receivedOn}</strong> · {METHOD[pay.method] ?? pay.method}
                  {pay.reference && pay.method === 'check' ? ` ${pay.reference}` : ''}
                  {pay.status === 'void' ? <span class="badge text-bg-dark ms-2">Void</span> : null}
                </span>
                <strong class="text-nowrap ms-auto">{money(pay.amountCents)}</strong>
              </div>
              {pay.allocations.length ? (
                <ul class="list-unstyled small mb-0 mt-1">
                  {pay.allocations.map((al) => (
                    <li class="d-flex justify-content-between gap-2">
                      <span>
                        Paid <a href={`/portal/invoices/${al.invoiceId}`}>{al.invoiceNumber}</a>
                      </span>
                      <span class="text-nowrap">{money(al.amountCents)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {pay.unappliedCents > 0 && pay.status !== 'void' ? (
                <div class="small text-body-secondary">
                  Unapplied credit {money(pay.unappliedCents)}
                </div>
              ) : null}
              {pay.refundedCents > 0 ? (
                <div class="small text-body-secondary">Refunded {money(pay.refundedCents)}</div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager
        base="/portal/payments"
        query={{}}
        page={d.page}
        pageSize={25}
        total={d.payments.total}
      />
      <div class="mt-3">
        <Instructions i={d.instructions} />
      </div>
    </>
  );
}

/** After the provider: processing until the verified webhook records the payment. */
export function CheckoutStatusPage(p: {
  checkout: Checkout;
  cancelled: boolean;
  back: string;
  selfHref: string;
}) {
  const c = p.checkout;
  const money = formatMoney(c.amountCents, c.currency);
  if (c.status === 'completed')
    return (
      <div class="card">
        <div class="card-body">
          <h1 class="h3">Thank you: payment received</h1>
          <p>
            Your payment of <strong>{money}</strong> is recorded. A receipt is on its way by email.
          </p>
          <a class="btn btn-primary" href={p.back}>
            Back
          </a>
        </div>
      </div>
    );
  if (p.cancelled || c.status === 'expired' || c.status === 'failed')
    return (
      <div class="card">
        <div class="card-body">
          <h1 class="h3">Payment not completed</h1>
          <p>Nothing was charged. You can try again whenever you like.</p>
          <a class="btn btn-primary" href={p.back}>
            Back
          </a>
        </div>
      </div>
    );
  return (
    <div class="card" data-checkout-status="processing">
      <div class="card-body">
        <h1 class="h3">Processing your payment…</h1>
        <p>
          We are waiting for the payment provider to confirm your payment of{' '}
          <strong>{money}</strong>. This usually takes a few seconds; your balance changes once it
          is confirmed, and you get a receipt by email.
        </p>
        <a class="btn btn-outline-secondary" href={p.selfHref}>
          Check again
        </a>
      </div>
    </div>
  );
}
