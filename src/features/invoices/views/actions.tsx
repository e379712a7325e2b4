// What can be done to an invoice, by state, for billing.write users: a draft gets lines, is issued
// or deleted; an issued invoice has Record payment and Send beside its balance, its PDF, and, apart
// in a "More" menu, Credit note and Void, each leading to its own confirmation page (confirm.tsx).
// A form that failed validation comes back open with the user's values and a message per field.
import { CsrfField } from '../../../views/components.tsx';
import type { InvoiceWithLines } from '../queries.ts';

export type FormName = 'line' | 'send' | 'credit' | 'void';
export type FormState = {
  which: FormName;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
};
type Props = { invoice: InvoiceWithLines; csrf: string; canWrite: boolean; form?: FormState };

export function Input(p: {
  form?: FormState;
  which: FormName;
  name: string;
  label: string;
  value?: string;
  type?: string;
  help?: string;
  required?: boolean;
  cls?: string;
  attrs?: Record<string, string>;
}) {
  const mine = p.form?.which === p.which ? p.form : undefined;
  const error = mine?.errors[p.name];
  const id = `${p.which}-${p.name}`;
  return (
    <div class={p.cls ?? 'mb-2'}>
      <label class="form-label small mb-1" for={id}>
        {p.label}
      </label>
      <input
        {...({
          class: `form-control form-control-sm${error ? ' is-invalid' : ''}`,
          id,
          name: p.name,
          type: p.type ?? 'text',
          value: mine ? (mine.values[p.name] ?? '') : (p.value ?? ''),
          required: p.required,
          'aria-invalid': error ? 'true' : undefined,
          ...p.attrs,
        } as object)}
      />
      {p.help ? <div class="form-text">{p.help}</div> : null}
      {error ? <div class="invalid-feedback">{error}</div> : null}
    </div>
  );
}
export const checked = (p: { form?: FormState }, which: FormName, name: string, dflt: boolean) =>
  p.form?.which === which ? p.form.values[name] === 'on' : dflt;

export function AddLineForm(p: Props) {
  const inv = p.invoice;
  if (!p.canWrite || inv.status !== 'draft') return null;
  return (
    <form
      method="post"
      action={`/invoices/${inv.id}/lines`}
      class="row g-2 align-items-end border rounded p-2 mb-3 mx-0"
      aria-label="Add a line"
    >
      <CsrfField token={p.csrf} />
      <Input
        form={p.form}
        which="line"
        name="description"
        label="Description"
        required
        cls="col-md-5"
      />
      <Input
        form={p.form}
        which="line"
        name="quantity"
        label="Quantity"
        value="1"
        required
        cls="col-md-2"
        attrs={{ inputmode: 'decimal' }}
      />
      <Input
        form={p.form}
        which="line"
        name="unitPrice"
        label="Unit price"
        required
        cls="col-md-2"
        attrs={{ inputmode: 'decimal', placeholder: '0.00' }}
      />
      <div class="col-md-2 form-check mb-2 ms-2">
        <input
          class="form-check-input"
          type="checkbox"
          id="line-taxable"
          name="taxable"
          value="on"
          checked={checked(p, 'line', 'taxable', true)}
        />
        <label class="form-check-label small" for="line-taxable">
          Taxable
        </label>
      </div>
      <div class="col-auto mb-1">
        <button class="btn btn-sm btn-outline-primary" type="submit">
          Add line
        </button>
      </div>
    </form>
  );
}

/** Where the invoice page's Record payment goes: the payment form for this company, this invoice preselected. */
export const recordPaymentHref = (inv: { id: string; companyId: string }) =>
  `/payments/new?companyId=${encodeURIComponent(inv.companyId)}&invoiceId=${encodeURIComponent(inv.id)}`;

/** Why an issued invoice cannot be voided now, or null when it can (the service checks again). */
export function voidBlocker(inv: InvoiceWithLines): string | null {
  if (inv.status !== 'issued') return 'Only an issued invoice can be voided.';
  if (inv.paidCents > 0)
    return 'Payments are applied to this invoice: void them (or credit it) before it can be voided.';
  if (inv.kind === 'invoice' && inv.creditedCents > 0)
    return 'Credit notes are applied to this invoice: void them before it can be voided.';
  return null;
}
export const canCredit = (inv: InvoiceWithLines) =>
  inv.kind === 'invoice' && inv.status === 'issued' && inv.balanceCents > 0;

function PdfLinks({ inv }: { inv: InvoiceWithLines }) {
  if (inv.status === 'draft')
    return (
      <a
        class="btn btn-sm btn-outline-secondary"
        href={`/invoices/${inv.id}/pdf?inline=1`}
        target="_blank"
        rel="noopener"
      >
        Preview PDF
      </a>
    );
  return (
    <>
      <a
        class="btn btn-sm btn-outline-secondary"
        href={`/invoices/${inv.id}/pdf?inline=1`}
        target="_blank"
        rel="noopener"
      >
        View PDF
      </a>
      <a class="btn btn-sm btn-outline-secondary" href={`/invoices/${inv.id}/pdf`}>
        Download PDF
      </a>
    </>
  );
}

/** The email form: in the Send menu, or open on the page when it came back with an error. */
export function SendForm(p: Props) {
  const inv = p.invoice;
  return (
    <form method="post" action={`/invoices/${inv.id}/send`} aria-label="Send by email">
      <CsrfField token={p.csrf} />
      <Input
        form={p.form}
        which="send"
        name="to"
        label="To"
        type="email"
        value={inv.billToEmail ?? ''}
        help="The PDF is attached; every send is logged. Blank: the billing contact."
      />
      <button class="btn btn-sm btn-primary" type="submit">
        Send now
      </button>
    </form>
  );
}

function SendMenu(p: Props) {
  return (
    <div class="dropdown">
      <button
        class="btn btn-sm btn-outline-primary dropdown-toggle"
        type="button"
        id="invoice-send"
        data-bs-toggle="dropdown"
        data-bs-auto-close="outside"
        aria-expanded="false"
      >
        {p.invoice.sentAt ? 'Send again' : 'Send'}
      </button>
      <div class="dropdown-menu dropdown-menu-end p-3 invoice-send-menu">
        <SendForm {...p} />
      </div>
    </div>
  );
}

/** Credit note and Void, apart from the everyday actions; each opens its confirmation page. */
function MoreMenu({ inv }: { inv: InvoiceWithLines }) {
  const blocker = voidBlocker(inv);
  const noun = inv.kind === 'credit_note' ? 'credit note' : 'invoice';
  return (
    <div class="dropdown">
      <button
        class="btn btn-sm btn-outline-secondary dropdown-toggle"
        type="button"
        id="invoice-more"
        data-bs-toggle="dropdown"
        aria-expanded="false"
      >
        More
      </button>
      <ul
        class="dropdown-menu dropdown-menu-end"
        aria-labelledby="invoice-more"
        data-testid="more-menu"
      >
        {canCredit(inv) ? (
          <li>
            <a class="dropdown-item" href={`/invoices/${inv.id}/credit-note`}>
              Credit note…
            </a>
          </li>
        ) : null}
        {blocker ? (
          <li>
            <span class="dropdown-item-text small text-body-secondary invoice-void-blocked">
              Void: {blocker}
            </span>
          </li>
        ) : (
          <li>
            <a class="dropdown-item text-danger" href={`/invoices/${inv.id}/void`}>
              Void this {noun}…
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}

/** The action bar beside the balance at the top of the page. */
export function InvoiceActions(p: Props) {
  const inv = p.invoice;
  const bar = 'd-flex flex-wrap gap-2 justify-content-md-end invoice-actions';
  if (!p.canWrite)
    return (
      <div class={bar}>
        <PdfLinks inv={inv} />
      </div>
    );
  if (inv.status === 'draft') {
    return (
      <div class={bar}>
        <form
          method="post"
          action={`/invoices/${inv.id}/issue`}
          data-confirm="Issue this invoice? It takes the next number and can no longer be changed (only credited or voided)."
        >
          <CsrfField token={p.csrf} />
          <button class="btn btn-sm btn-primary" type="submit" disabled={inv.lines.length === 0}>
            Issue
          </button>
        </form>
        <PdfLinks inv={inv} />
        <form
          method="post"
          action={`/invoices/${inv.id}/delete`}
          data-confirm="Delete this draft? Its time and parts go back to Ready to bill."
        >
          <CsrfField token={p.csrf} />
          <button class="btn btn-sm btn-outline-danger" type="submit">
            Delete draft
          </button>
        </form>
      </div>
    );
  }
  if (inv.status !== 'issued')
    return (
      <div class={bar}>
        <PdfLinks inv={inv} />
      </div>
    );
  return (
    <div class={bar}>
      {inv.kind === 'invoice' && inv.balanceCents > 0 ? (
        <a class="btn btn-sm btn-primary" href={recordPaymentHref(inv)}>
          Record payment
        </a>
      ) : null}
      {p.form?.which === 'send' ? null : <SendMenu {...p} />}
      <PdfLinks inv={inv} />
      <MoreMenu inv={inv} />
    </div>
  );
}
