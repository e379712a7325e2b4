// The two actions kept apart from the invoice page's everyday ones, each on its own page that says
// what will happen before anything does: voiding (a reason required, as the service requires) and
// issuing a credit note. The forms carry confirm=…; a post without it changes nothing (routes.tsx).
import type { ComponentChildren } from 'preact';
import { CsrfField, FormErrorSummary } from '../../../views/components.tsx';
import type { InvoiceWithLines } from '../queries.ts';
import type { Related } from '../list.ts';
import { type FormState, Input, checked } from './actions.tsx';
import { Money, StatusBadge, invoiceTitle } from './status.tsx';

export type ConfirmProps = {
  invoice: InvoiceWithLines;
  companyName: string;
  today: string;
  csrf: string;
  /** For a credit note: the invoice it credits. */
  creditFor: Related | null;
  form?: FormState;
};

function Frame(p: ConfirmProps & { step: string; title: string; children: ComponentChildren }) {
  const inv = p.invoice;
  return (
    <div class="invoice-confirm">
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/invoices">Invoices</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/companies/${inv.companyId}/invoices`}>{p.companyName}</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/invoices/${inv.id}`}>{invoiceTitle(inv)}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {p.step}
          </li>
        </ol>
      </nav>
      <h1 class="h3 mb-1">{p.title}</h1>
      <p class="text-body-secondary">
        {p.companyName} · <StatusBadge invoice={inv} today={p.today} /> · total{' '}
        <Money cents={inv.totalCents} currency={inv.currency} />
        {inv.kind === 'invoice' ? (
          <>
            {' '}
            · balance due <Money cents={inv.balanceCents} currency={inv.currency} />
          </>
        ) : null}
      </p>
      {p.form?.errors ? <FormErrorSummary errors={p.form.errors} /> : null}
      {p.children}
    </div>
  );
}

export function VoidConfirmPage(p: ConfirmProps) {
  const inv = p.invoice;
  const isCredit = inv.kind === 'credit_note';
  const title = `Void ${isCredit ? 'credit note' : 'invoice'} ${inv.number}?`;
  return (
    <Frame {...p} step="Void" title={title}>
      <div class="alert alert-warning col-lg-8" role="note">
        <p class="fw-semibold mb-1">What voiding does</p>
        <ul class="mb-0">
          <li>
            {inv.number} stays on file with its number, marked void with your reason; it cannot be
            un-voided.
          </li>
          {isCredit ? (
            <li>
              Its <Money cents={inv.totalCents} currency={inv.currency} /> no longer credits{' '}
              {p.creditFor?.number ?? 'the invoice'}: that amount is owed on it again.
            </li>
          ) : (
            <li>
              It is no longer owed: its balance of{' '}
              <Money cents={inv.balanceCents} currency={inv.currency} /> leaves the company’s
              balance, the aging and the reminders.
            </li>
          )}
          {isCredit ? null : (
            <li>
              Its time and parts go back to the company’s Ready to bill; its recurring periods stay
              billed unless you tick the box below.
            </li>
          )}
        </ul>
      </div>
      <form method="post" action={`/invoices/${inv.id}/void`} class="col-lg-6">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="confirm" value="void" />
        <Input
          form={p.form}
          which="void"
          name="reason"
          label="Reason (required)"
          required
          help="Shown on the invoice page and kept in its history."
        />
        {isCredit ? null : (
          <div class="form-check mb-3">
            <input
              class="form-check-input"
              type="checkbox"
              id="void-rebill"
              name="rebill"
              value="on"
              checked={checked(p, 'void', 'rebill', false)}
            />
            <label class="form-check-label" for="void-rebill">
              Bill its recurring periods (contract, services) again on the next billing run
            </label>
          </div>
        )}
        <div class="d-flex flex-wrap gap-2">
          <button class="btn btn-danger" type="submit">
            Void {inv.number}
          </button>
          <a class="btn btn-outline-secondary" href={`/invoices/${inv.id}`}>
            Cancel, keep it
          </a>
        </div>
      </form>
    </Frame>
  );
}

export function CreditNoteConfirmPage(p: ConfirmProps) {
  const inv = p.invoice;
  return (
    <Frame {...p} step="Credit note" title={`Credit note against ${inv.number}`}>
      <div class="alert alert-warning col-lg-8" role="note">
        <p class="fw-semibold mb-1">What a credit note does</p>
        <ul class="mb-0">
          <li>
            It is issued at once with the next credit note number, and the customer can see it.
          </li>
          <li>
            It lowers what {inv.number} owes (now{' '}
            <Money cents={inv.balanceCents} currency={inv.currency} />) by its amount; it can only
            be taken back by voiding the credit note.
          </li>
        </ul>
      </div>
      <form method="post" action={`/invoices/${inv.id}/credit-notes`} class="col-lg-6">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="confirm" value="credit" />
        <div class="form-check mb-2">
          <input
            class="form-check-input"
            type="checkbox"
            id="credit-full"
            name="full"
            value="on"
            checked={checked(p, 'credit', 'full', false)}
          />
          <label class="form-check-label" for="credit-full">
            Credit the whole invoice (line for line; the amount and description are then ignored)
          </label>
        </div>
        <Input
          form={p.form}
          which="credit"
          name="amount"
          label="Amount"
          attrs={{ inputmode: 'decimal', placeholder: '0.00' }}
          help="Before tax; at most the balance due."
        />
        <Input form={p.form} which="credit" name="description" label="Description" />
        <div class="form-check mb-2">
          <input
            class="form-check-input"
            type="checkbox"
            id="credit-taxable"
            name="taxable"
            value="on"
            checked={checked(p, 'credit', 'taxable', false)}
          />
          <label class="form-check-label" for="credit-taxable">
            Taxable (credit the tax too)
          </label>
        </div>
        <Input form={p.form} which="credit" name="reason" label="Reason (optional)" />
        <div class="d-flex flex-wrap gap-2">
          <button class="btn btn-primary" type="submit">
            Issue credit note
          </button>
          <a class="btn btn-outline-secondary" href={`/invoices/${inv.id}`}>
            Cancel
          </a>
        </div>
      </form>
    </Frame>
  );
}
