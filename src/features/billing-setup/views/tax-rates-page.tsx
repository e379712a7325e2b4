// Settings › Tax rates: the rates invoices can charge, which one is the default, and how many
// companies use each. Admins edit each row in place; others see the list.
import {
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  PageHeader,
} from '../../../views/components.tsx';
import { formatTaxRate } from '../../invoices/totals.ts';
import type { TaxRateItem } from '../queries.ts';
import { taxRateInput, type Values } from './format.ts';

type Props = {
  rates: TaxRateItem[];
  canWrite: boolean;
  csrf: string;
  values: Values;
  errors: Record<string, string>;
};

export function TaxRatesPage(p: Props) {
  return (
    <>
      <PageHeader
        title="Tax rates"
        subtitle={
          <>
            Taxable lines are taxed at the company’s rate (set on its <em>Services</em> tab), else
            the default. Tax-exempt companies pay none. See also the{' '}
            <a href="/settings/service-catalog">service catalogue</a>.
          </>
        }
      />
      {p.rates.length === 0 ? (
        <EmptyState title="No tax rates yet">
          <p>Invoices carry no tax until you add a rate{p.canWrite ? ' below' : ''}.</p>
        </EmptyState>
      ) : (
        <table class="table table-sm align-middle mw-48">
          <thead>
            <tr>
              <th>Name</th>
              <th class="text-end">Rate</th>
              <th>Default</th>
              <th>Active</th>
              <th class="text-end d-none d-sm-table-cell">Companies</th>
              {p.canWrite ? <th></th> : null}
            </tr>
          </thead>
          <tbody>
            {p.rates.map((r) =>
              p.canWrite ? (
                <tr class={r.active ? undefined : 'text-body-secondary'}>
                  <td>
                    <input
                      form={`rate-${r.id}`}
                      class="form-control form-control-sm"
                      name="name"
                      value={r.name}
                      aria-label={`Name of ${r.name}`}
                    />
                  </td>
                  <td>
                    <div class="input-group input-group-sm">
                      <input
                        form={`rate-${r.id}`}
                        class="form-control text-end"
                        name="ratePercent"
                        value={taxRateInput(r.ratePpm)}
                        inputmode="decimal"
                        aria-label={`Rate of ${r.name} in percent`}
                      />
                      <span class="input-group-text">%</span>
                    </div>
                  </td>
                  <td>
                    <input
                      form={`rate-${r.id}`}
                      class="form-check-input"
                      type="checkbox"
                      name="isDefault"
                      value="on"
                      checked={r.isDefault}
                      aria-label={`${r.name} is the default`}
                    />
                  </td>
                  <td>
                    <input
                      form={`rate-${r.id}`}
                      class="form-check-input"
                      type="checkbox"
                      name="active"
                      value="on"
                      checked={r.active}
                      aria-label={`${r.name} is active`}
                    />
                  </td>
                  <td class="text-end d-none d-sm-table-cell">{r.companies}</td>
                  <td>
                    <form id={`rate-${r.id}`} method="post" action={`/settings/tax-rates/${r.id}`}>
                      <CsrfField token={p.csrf} />
                      <button type="submit" class="btn btn-outline-primary btn-sm">
                        Save
                      </button>
                    </form>
                  </td>
                </tr>
              ) : (
                <tr class={r.active ? undefined : 'text-body-secondary'}>
                  <td>{r.name}</td>
                  <td class="text-end">{formatTaxRate(r.ratePpm)}</td>
                  <td>{r.isDefault ? <span class="badge text-bg-primary">default</span> : null}</td>
                  <td>{r.active ? 'Active' : 'Inactive'}</td>
                  <td class="text-end d-none d-sm-table-cell">{r.companies}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {p.canWrite ? (
        <form method="post" action="/settings/tax-rates" class="card card-body mw-48" novalidate>
          <h2 class="h5">Add a tax rate</h2>
          <CsrfField token={p.csrf} />
          <FormErrorSummary errors={p.errors} />
          <div class="row">
            <div class="col-md-7">
              <Field
                name="name"
                label="Name"
                value={p.values.name}
                error={p.errors.name}
                required
                help="As printed on invoices, e.g. “Sales tax”"
              />
            </div>
            <div class="col-md-5">
              <Field
                name="ratePercent"
                label="Rate (%)"
                value={p.values.ratePercent}
                error={p.errors.ratePpm}
                required
                attrs={{ inputmode: 'decimal' }}
                help="Up to four decimals, e.g. 8.875"
              />
            </div>
          </div>
          <div class="form-check mb-3">
            <input
              class="form-check-input"
              type="checkbox"
              id="f-isDefault"
              name="isDefault"
              value="on"
              checked={p.values.isDefault === 'on' || p.rates.length === 0}
            />
            <label class="form-check-label" for="f-isDefault">
              Default rate for companies without their own
            </label>
          </div>
          <input type="hidden" name="active" value="on" />
          <div>
            <button type="submit" class="btn btn-primary">
              Add rate
            </button>
          </div>
        </form>
      ) : null}
      <p class="text-body-secondary small mt-3">
        Changing a rate changes invoices made from now on; issued invoices keep the rate they were
        taxed at.
      </p>
    </>
  );
}
