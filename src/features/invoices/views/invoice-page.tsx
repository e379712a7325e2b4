// One invoice or credit note: balance due, status and due date above the fold with Record payment
// and Send beside them (at 1440×900 and 390×844), then the lines and the totals as stored (computed
// once by totals.ts), related credit notes, the payments applied, the email log and the history.
// Credit note and Void sit apart in a "More" menu, each behind its confirmation page.
import { CsrfField, FormErrorSummary } from '../../../views/components.tsx';
import { formatMoney } from '../../../lib/money.ts';
import { formatQuantity, formatTaxRate, taxBreakdown } from '../totals.ts';
import type { InvoiceWithLines } from '../queries.ts';
import type { EmailLogRow, HistoryRow, Related } from '../list.ts';
import { DueDate, Money, StatusBadge, invoiceTitle } from './status.tsx';
import { AddLineForm, InvoiceActions, SendForm, type FormState } from './actions.tsx';
import { InvoicePayments } from '../../payments/views/invoice-payments.tsx';
import type { AllocationRow } from '../../payments/queries.ts';
import { RevokePayLinksForm } from '../../portal/pay-link-staff-routes.tsx';
import { PaymentLinkButton } from '../../online-payments/views.tsx';

export type InvoicePageProps = {
  invoice: InvoiceWithLines;
  companyName: string;
  today: string;
  csrf: string;
  canWrite: boolean;
  creditNotes: Related[];
  creditFor: Related | null;
  emails: EmailLogRow[];
  history: HistoryRow[];
  formatTime: (iso: string) => string;
  allocations: AllocationRow[];
  form?: FormState;
};

const ACTION_TEXT: Record<string, string> = {
  'invoice.create': 'Created',
  'invoice.issue': 'Issued',
  'credit_note.issue': 'Credit note issued',
  'invoice.void': 'Voided',
  'credit_note.void': 'Credit note voided',
  'invoice.line_add': 'Line added',
  'invoice.line_remove': 'Line removed',
  'invoice.delete_draft': 'Draft deleted',
  'invoice.send': 'Sent',
};

function historyText(h: HistoryRow, currency: string): string {
  const s = h.summary;
  const money = (k: string) =>
    typeof s[k] === 'number' ? formatMoney(s[k] as number, currency) : null;
  const parts = [ACTION_TEXT[h.action] ?? h.action];
  if (typeof s.number === 'string' && h.action.endsWith('.issue')) parts.push(`as ${s.number}`);
  if (h.action === 'invoice.send')
    parts.push(
      `${s.auto ? '(automatically) ' : ''}to ${typeof s.to === 'string' ? s.to : 'nobody'}${typeof s.status === 'string' && s.status !== 'sent' ? ` — ${s.status}` : ''}`,
    );
  if (typeof s.description === 'string') parts.push(`“${s.description}”`);
  if (money('totalCents')) parts.push(`total ${money('totalCents')}`);
  if (typeof s.reason === 'string') parts.push(`— ${s.reason}`);
  if (s.rebill === true) parts.push('(recurring periods to be billed again)');
  return parts.join(' ');
}

function Totals({ inv }: { inv: InvoiceWithLines }) {
  const c = inv.currency;
  const row = (label: string, cents: number, cls = '') => (
    <tr class={cls}>
      <th scope="row" class="fw-normal">
        {label}
      </th>
      <td class="text-end">
        <Money cents={cents} currency={c} />
      </td>
    </tr>
  );
  return (
    <table class="table table-sm w-auto ms-auto invoice-totals">
      <tbody>
        {row('Subtotal', inv.subtotalCents)}
        {taxBreakdown(inv.lines).map((t) =>
          row(`${t.name} ${formatTaxRate(t.ratePpm)}`, t.taxCents),
        )}
        {row('Total', inv.totalCents, 'fw-semibold')}
        {inv.kind === 'invoice' ? (
          <>
            {row('Paid', inv.paidCents)}
            {row('Credited', inv.creditedCents)}
            {row('Balance due', inv.balanceCents, 'fw-bold fs-5')}
          </>
        ) : null}
      </tbody>
    </table>
  );
}

function Lines(p: InvoicePageProps) {
  const inv = p.invoice;
  const editable = p.canWrite && inv.status === 'draft';
  return (
    <div class="table-responsive">
      <table class="table table-sm align-middle invoice-lines">
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col" class="text-end">
              Quantity
            </th>
            <th scope="col" class="text-end">
              Unit price
            </th>
            <th scope="col" class="text-end">
              Tax
            </th>
            <th scope="col" class="text-end">
              Amount
            </th>
            {editable ? (
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {inv.lines.length === 0 ? (
            <tr>
              <td colspan={editable ? 6 : 5} class="text-body-secondary">
                No lines yet{editable ? ': add one below.' : '.'}
              </td>
            </tr>
          ) : null}
          {inv.lines.map((l) => (
            <tr>
              <td>
                {l.description}
                {l.periodStart ? (
                  <div class="small text-body-secondary">
                    {l.periodStart} – {l.periodEnd}
                  </div>
                ) : null}
                {l.workOrderId ? (
                  <div class="small">
                    <a href={`/work-orders/${l.workOrderId}`}>work order</a>
                  </div>
                ) : null}
              </td>
              <td class="text-end">{formatQuantity(l.quantityThousandths)}</td>
              <td class="text-end">
                <Money cents={l.unitPriceCents} currency={inv.currency} />
              </td>
              <td class="text-end text-nowrap">
                {l.taxRatePpm ? (
                  formatTaxRate(l.taxRatePpm)
                ) : (
                  <span class="text-body-tertiary">—</span>
                )}
              </td>
              <td class="text-end">
                <Money cents={l.amountCents} currency={inv.currency} />
              </td>
              {editable ? (
                <td class="text-end">
                  <form method="post" action={`/invoices/${inv.id}/lines/${l.id}/delete`}>
                    <CsrfField token={p.csrf} />
                    <button
                      class="btn btn-link btn-sm text-danger p-0"
                      type="submit"
                      aria-label={`Remove line ${l.description}`}
                    >
                      Remove
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InvoicePage(p: InvoicePageProps) {
  const inv = p.invoice;
  const isCredit = inv.kind === 'credit_note';
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/invoices">Invoices</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/companies/${inv.companyId}/invoices`}>{p.companyName}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {invoiceTitle(inv)}
          </li>
        </ol>
      </nav>
      <div class="d-flex flex-wrap align-items-start justify-content-between gap-3 mb-3">
        <div>
          <h1 class="h3 mb-1">
            {isCredit ? 'Credit note ' : 'Invoice '}
            {inv.number ?? <span class="text-body-secondary">(draft — numbered when issued)</span>}{' '}
            <StatusBadge invoice={inv} today={p.today} class="align-middle fs-6" />
          </h1>
          <div class="text-body-secondary">
            <a href={`/companies/${inv.companyId}`}>{p.companyName}</a>
            {p.creditFor ? (
              <>
                {' '}
                · Credit for <a href={`/invoices/${p.creditFor.id}`}>{p.creditFor.number}</a>
              </>
            ) : null}
          </div>
        </div>
        <div class="invoice-keyfigures text-md-end">
          {isCredit ? null : (
            <>
              <div class="small text-body-secondary">Balance due</div>
              <div class="fs-3 fw-semibold lh-sm" data-testid="balance-due">
                <Money cents={inv.balanceCents} currency={inv.currency} />
              </div>
              <div class="small mb-2">
                Due <DueDate invoice={inv} today={p.today} />
              </div>
            </>
          )}
          <InvoiceActions {...p} />
        </div>
      </div>
      {p.form?.errors ? <FormErrorSummary errors={p.form.errors} /> : null}
      {p.form?.which === 'send' ? (
        <section class="border rounded p-2 mb-3 col-md-6" aria-labelledby="h-send">
          <h2 class="h6" id="h-send">
            Send by email
          </h2>
          <SendForm {...p} />
        </section>
      ) : null}
      {inv.status === 'void' ? (
        <div class="alert alert-dark" role="status">
          <strong>Void</strong>
          {inv.voidedAt ? ` since ${p.formatTime(inv.voidedAt)}` : ''}: {inv.voidReason}
        </div>
      ) : null}
      <div class="row g-3">
        <div class="col-lg-8">
          <dl class="row mb-3 small">
            <dt class="col-sm-3">Bill to</dt>
            <dd class="col-sm-9">
              <div class="fw-semibold">{inv.billToName}</div>
              {inv.billToAddress ? <div class="text-pre-line">{inv.billToAddress}</div> : null}
              {inv.billToEmail ? <div>{inv.billToEmail}</div> : null}
            </dd>
            <dt class="col-sm-3">Issue date</dt>
            <dd class="col-sm-9">{inv.issueDate ?? 'When issued'}</dd>
            {isCredit ? null : (
              <>
                <dt class="col-sm-3">Due date</dt>
                <dd class="col-sm-9">
                  {inv.dueDate ? (
                    <DueDate invoice={inv} today={p.today} />
                  ) : (
                    `${inv.termsDays} days after issue`
                  )}
                </dd>
              </>
            )}
            {inv.periodStart ? (
              <>
                <dt class="col-sm-3">Period</dt>
                <dd class="col-sm-9">
                  {inv.periodStart} – {inv.periodEnd}
                </dd>
              </>
            ) : null}
            <dt class="col-sm-3">Created</dt>
            <dd class="col-sm-9">
              {p.formatTime(inv.createdAt)} by {inv.createdByLabel}
              {inv.source === 'billing_run'
                ? ' (billing run)'
                : inv.source === 'work_order'
                  ? ' (from a work order)'
                  : ''}
            </dd>
            {inv.sentAt ? (
              <>
                <dt class="col-sm-3">Last sent</dt>
                <dd class="col-sm-9">
                  {p.formatTime(inv.sentAt)}{' '}
                  {inv.kind === 'invoice' ? (
                    <RevokePayLinksForm invoiceId={inv.id} csrf={p.csrf} />
                  ) : null}
                </dd>
              </>
            ) : null}
            {inv.notes ? (
              <>
                <dt class="col-sm-3">{isCredit ? 'Reason' : 'Notes'}</dt>
                <dd class="col-sm-9 text-pre-line">{inv.notes}</dd>
              </>
            ) : null}
          </dl>
          <Lines {...p} />
          <AddLineForm {...p} />
          <Totals inv={inv} />
          {inv.footer ? <p class="small text-body-secondary text-pre-line">{inv.footer}</p> : null}
          {isCredit ? null : (
            <section class="mb-3" aria-labelledby="h-credits">
              <h2 class="h5" id="h-credits">
                Credit notes
              </h2>
              {p.creditNotes.length === 0 ? (
                <p class="small text-body-secondary">None against this invoice.</p>
              ) : (
                <ul class="small">
                  {p.creditNotes.map((c) => (
                    <li>
                      <a href={`/invoices/${c.id}`}>{c.number ?? 'Draft credit note'}</a> ·{' '}
                      {c.issueDate ?? ''} · <Money cents={c.totalCents} currency={inv.currency} />
                      {c.status === 'void' ? ' (void)' : ''}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          {isCredit ? null : (
            <div id="payments">
              <InvoicePayments
                allocations={p.allocations}
                currency={inv.currency}
                companyId={inv.companyId}
                canWrite={p.canWrite}
                // Record payment sits at the top of the page, with this invoice preselected.
                open={false}
              />
              {p.canWrite && inv.status === 'issued' ? (
                <PaymentLinkButton invoiceId={inv.id} balanceCents={inv.balanceCents} />
              ) : null}
            </div>
          )}
        </div>
        <div class="col-lg-4">
          <h2 class="h6">Emails</h2>
          {p.emails.length === 0 ? (
            <p class="small text-body-secondary">Not emailed yet.</p>
          ) : (
            <ul class="list-unstyled small">
              {p.emails.map((e) => (
                <li class="mb-1">
                  <span class="text-body-secondary">{p.formatTime(e.at)}</span> · {e.to} ·{' '}
                  <span
                    class={
                      e.status === 'failed'
                        ? 'text-danger'
                        : e.status === 'sent'
                          ? 'text-success'
                          : 'text-body-secondary'
                    }
                  >
                    {e.status === 'logged' ? 'written to the log (no SMTP)' : e.status}
                  </span>
                  {e.error ? <div class="text-danger">{e.error}</div> : null}
                </li>
              ))}
            </ul>
          )}
          <h2 class="h6">History</h2>
          <ol class="list-unstyled small">
            {p.history.map((h) => (
              <li class="mb-1">
                <span class="text-body-secondary">{p.formatTime(h.at)}</span> ·{' '}
                {historyText(h, inv.currency)} <span class="text-body-secondary">— {h.by}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </>
  );
}
