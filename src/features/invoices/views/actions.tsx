// What can be done to an invoice, by state, for billing.write users: a draft gets lines, is issued
// or deleted; an issued invoice is downloaded, emailed, credited or voided (apart, behind a confirm).
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

function Input(p: {
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
const checked = (p: Props, which: FormName, name: string, dflt: boolean) =>
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

export function InvoiceActions(p: Props) {
  const inv = p.invoice;
  const pdf =
    inv.status !== 'draft' ? (
      <>
        <a class="btn btn-sm btn-outline-secondary" href={`/invoices/${inv.id}/pdf`}>
          Download PDF
        </a>
        <a
          class="btn btn-sm btn-outline-secondary"
          href={`/invoices/${inv.id}/pdf?inline=1`}
          target="_blank"
          rel="noopener"
        >
          View PDF
        </a>
      </>
    ) : (
      <a
        class="btn btn-outline-secondary"
        href={`/invoices/${inv.id}/pdf?inline=1`}
        target="_blank"
        rel="noopener"
      >
        Preview PDF
      </a>
    );
  if (!p.canWrite) return pdf ? <div class="d-flex flex-wrap gap-2 mb-3">{pdf}</div> : null;
  if (inv.status === 'draft') {
    return (
      <div class="d-flex flex-wrap gap-2 mb-3">
        <form
          method="post"
          action={`/invoices/${inv.id}/issue`}
          data-confirm="Issue this invoice? It takes the next number and can no longer be changed (only credited or voided)."
        >
          <CsrfField token={p.csrf} />
          <button class="btn btn-primary" type="submit" disabled={inv.lines.length === 0}>
            Issue
          </button>
        </form>
        <form
          method="post"
          action={`/invoices/${inv.id}/delete`}
          data-confirm="Delete this draft? Its time and parts go back to Ready to bill."
        >
          <CsrfField token={p.csrf} />
          <button class="btn btn-outline-danger" type="submit">
            Delete draft
          </button>
        </form>
        {pdf}
      </div>
    );
  }
  if (inv.status !== 'issued')
    return pdf ? <div class="d-flex flex-wrap gap-2 mb-3">{pdf}</div> : null;
  const open = (which: FormName) => p.form?.which === which;
  const canCredit = inv.kind === 'invoice' && inv.balanceCents > 0;
  return (
    <div class="mb-3">
      <div class="d-flex flex-wrap gap-2 mb-2">{pdf}</div>
      <div class="row g-2 align-items-start">
        <div class="col-md-4">
          <details class="border rounded p-2" open={open('send')}>
            <summary class="fw-semibold">Send by email</summary>
            <form method="post" action={`/invoices/${inv.id}/send`} class="mt-2">
              <CsrfField token={p.csrf} />
              <Input
                form={p.form}
                which="send"
                name="to"
                label="To"
                type="email"
                value={inv.billToEmail ?? ''}
                help="The PDF is attached; every send is logged."
              />
              <button class="btn btn-sm btn-primary" type="submit">
                Send
              </button>
            </form>
          </details>
        </div>
        {canCredit ? (
          <div class="col-md-4">
            <details class="border rounded p-2" open={open('credit')}>
              <summary class="fw-semibold">Credit note</summary>
              <form method="post" action={`/invoices/${inv.id}/credit-notes`} class="mt-2">
                <CsrfField token={p.csrf} />
                <div class="form-check mb-2">
                  <input
                    class="form-check-input"
                    type="checkbox"
                    id="credit-full"
                    name="full"
                    value="on"
                    checked={checked(p, 'credit', 'full', false)}
                  />
                  <label class="form-check-label small" for="credit-full">
                    Credit the whole invoice (line for line; the fields below are then ignored)
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
                  <label class="form-check-label small" for="credit-taxable">
                    Taxable (credit the tax too)
                  </label>
                </div>
                <Input form={p.form} which="credit" name="reason" label="Reason (optional)" />
                <button class="btn btn-sm btn-outline-primary" type="submit">
                  Issue credit note
                </button>
              </form>
            </details>
          </div>
        ) : null}
        {inv.paidCents > 0 ? (
          <div class="col-md-4 small text-body-secondary">
            Payments are applied to this invoice: void them (or credit it) before it can be voided.
          </div>
        ) : (
          <div class="col-md-4">
            <details class="border border-danger-subtle rounded p-2" open={open('void')}>
              <summary class="fw-semibold text-danger">Void…</summary>
              <form
                method="post"
                action={`/invoices/${inv.id}/void`}
                class="mt-2"
                data-confirm="Void this invoice? It stays on file with its number but is no longer owed."
              >
                <CsrfField token={p.csrf} />
                <Input form={p.form} which="void" name="reason" label="Reason" required />
                {inv.kind === 'invoice' ? (
                  <div class="form-check mb-2">
                    <input
                      class="form-check-input"
                      type="checkbox"
                      id="void-rebill"
                      name="rebill"
                      value="on"
                      checked={checked(p, 'void', 'rebill', false)}
                    />
                    <label class="form-check-label small" for="void-rebill">
                      Bill these recurring periods again on the next run
                    </label>
                  </div>
                ) : null}
                <button class="btn btn-sm btn-danger" type="submit">
                  Void
                </button>
              </form>
            </details>
          </div>
        )}
      </div>
    </div>
  );
}
