// A manual invoice typed line by line (blank rows are ignored), saved as a draft or issued at once;
// first the company is chosen when the link did not name one.
import { CsrfField, FormErrorSummary } from '../../../views/components.tsx';

export const NEW_ROWS = 6;
export type NewInvoiceValues = Record<string, string | undefined>;

export function ChooseCompanyPage(p: { q: string; companies: { id: string; name: string }[] }) {
  return (
    <>
      <h1 class="h3">New invoice</h1>
      <form method="get" action="/invoices/new" class="d-flex gap-2 mb-3" role="search">
        <label class="visually-hidden" for="f-company">
          Company
        </label>
        <input
          class="form-control"
          type="search"
          id="f-company"
          name="company"
          value={p.q}
          placeholder="Which company? Type part of its name"
        />
        <button class="btn btn-outline-secondary" type="submit">
          Find
        </button>
      </form>
      {p.companies.length === 0 ? (
        <p class="text-body-secondary">No company matches.</p>
      ) : (
        <ul class="list-group">
          {p.companies.map((c) => (
            <li class="list-group-item">
              <a href={`/invoices/new?companyId=${c.id}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function NewInvoicePage(p: {
  company: { id: string; name: string };
  csrf: string;
  values: NewInvoiceValues;
  errors: Record<string, string>;
  unbilledCount: number;
}) {
  const v = p.values;
  const err = (k: string) => p.errors[k];
  const cell = (name: string, label: string, i: number, extra: Record<string, string> = {}) => {
    const key = `${name}_${i}`;
    return (
      <td>
        <input
          {...({
            class: `form-control form-control-sm${err(key) ? ' is-invalid' : ''}`,
            name: key,
            value: v[key] ?? '',
            'aria-label': `${label}, line ${i + 1}`,
            'aria-invalid': err(key) ? 'true' : undefined,
            ...extra,
          } as object)}
        />
        {err(key) ? <div class="invalid-feedback">{err(key)}</div> : null}
      </td>
    );
  };
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/invoices">Invoices</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/companies/${p.company.id}/invoices`}>{p.company.name}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            New invoice
          </li>
        </ol>
      </nav>
      <h1 class="h3">New invoice for {p.company.name}</h1>
      {p.unbilledCount ? (
        <p class="small">
          This company has {p.unbilledCount} ready-to-bill{' '}
          {p.unbilledCount === 1 ? 'item' : 'items'}: to invoice them, use its{' '}
          <a href={`/companies/${p.company.id}/unbilled`}>Ready to bill</a> page.
        </p>
      ) : null}
      <FormErrorSummary errors={p.errors} />
      <form method="post" action="/invoices">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="companyId" value={p.company.id} />
        <table class="table table-sm align-middle invoice-new">
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" class="col-qty">
                Quantity
              </th>
              <th scope="col" class="col-money">
                Unit price
              </th>
              <th scope="col" class="col-tax">
                Taxable
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: NEW_ROWS }, (_, i) => (
              <tr>
                {cell('description', 'Description', i)}
                {cell('quantity', 'Quantity', i, { inputmode: 'decimal', placeholder: '1' })}
                {cell('unitPrice', 'Unit price', i, { inputmode: 'decimal', placeholder: '0.00' })}
                <td>
                  <input
                    class="form-check-input"
                    type="checkbox"
                    name={`taxable_${i}`}
                    value="on"
                    checked={v.companyId ? v[`taxable_${i}`] === 'on' : true}
                    aria-label={`Taxable, line ${i + 1}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="form-text">
          Blank rows are ignored. Quantities take decimals (1.5); a negative unit price is a
          discount.
        </p>
        <div class="mb-3">
          <label class="form-label" for="f-notes">
            Notes (printed on the invoice)
          </label>
          <textarea
            class={`form-control${err('notes') ? ' is-invalid' : ''}`}
            id="f-notes"
            name="notes"
            rows={2}
          >
            {v.notes ?? ''}
          </textarea>
          {err('notes') ? <div class="invalid-feedback">{err('notes')}</div> : null}
        </div>
        <div class="d-flex gap-2">
          <button class="btn btn-primary" type="submit">
            Create draft
          </button>
          <button class="btn btn-outline-primary" type="submit" name="issue" value="1">
            Create and issue
          </button>
          <a class="btn btn-link" href={`/companies/${p.company.id}/invoices`}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
