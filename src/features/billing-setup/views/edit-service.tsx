// Editing one recurring line: description, quantity, pricing, tax, dates. Ending a service is
// setting its end date (the last day billed).
import { formatMoney } from '../../../lib/money.ts';
import { CsrfField, Field, FormErrorSummary, Select } from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { CompanyBilling, CompanyService } from '../queries.ts';
import type { Values } from './format.ts';

export function EditServicePage(p: {
  company: CompanyBilling;
  service: CompanyService;
  currency: string;
  csrf: string;
  values: Values;
  errors: Record<string, string>;
}) {
  const v = p.values;
  const e = p.errors;
  const s = p.service;
  return (
    <>
      <CompanyHeader
        company={{ id: p.company.companyId, name: p.company.name, status: p.company.status }}
        active="services"
      />
      <form
        method="post"
        action={`/companies/${s.companyId}/services/${s.id}`}
        class="card card-body mw-48"
        novalidate
      >
        <h2 class="h5">Edit “{s.description}”</h2>
        {s.billedThrough ? (
          <p class="small text-body-secondary">
            Billed through {s.billedThrough}. A new price applies from the next period billed;
            issued invoices do not change.
          </p>
        ) : null}
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={e} />
        <div class="row">
          <div class="col-md-9">
            <Field
              name="description"
              label="Description"
              value={v.description}
              error={e.description}
              required
            />
          </div>
          <div class="col-md-3">
            <Field
              name="quantity"
              label="Quantity"
              value={v.quantity}
              error={e.quantityThousandths}
              required
              attrs={{ inputmode: 'decimal' }}
            />
          </div>
        </div>
        <div class="row">
          <div class="col-md-4">
            <Field
              name="unitPrice"
              label="Unit price / month"
              value={v.unitPrice}
              error={e.unitPriceCents}
              attrs={{ inputmode: 'decimal' }}
              help={
                s.markupBp !== null
                  ? `Now ${formatMoney(s.unitPriceCents, p.currency)} from cost + markup; clear the markup to fix a price`
                  : undefined
              }
            />
          </div>
          <div class="col-md-4">
            <Field
              name="unitCost"
              label="Unit cost"
              value={v.unitCost}
              error={e.unitCostCents}
              attrs={{ inputmode: 'decimal' }}
            />
          </div>
          <div class="col-md-4">
            <Field
              name="markupPercent"
              label="Markup (%)"
              value={v.markupPercent}
              error={e.markupBp}
              attrs={{ inputmode: 'decimal' }}
              help="Empty for a fixed price"
            />
          </div>
        </div>
        <div class="row">
          <div class="col-md-4">
            <Select
              name="taxable"
              label="Tax"
              value={v.taxable}
              options={[
                ['yes', 'Taxable'],
                ['no', 'No tax'],
              ]}
            />
          </div>
          <div class="col-md-4">
            <Field
              name="startDate"
              label="Starts"
              type="date"
              value={v.startDate}
              error={e.startDate}
              required
            />
          </div>
          <div class="col-md-4">
            <Field
              name="endDate"
              label="Ends"
              type="date"
              value={v.endDate}
              error={e.endDate}
              help="Last day billed; empty: ongoing"
            />
          </div>
        </div>
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-primary">
            Save
          </button>
          <a class="btn btn-link" href={`/companies/${s.companyId}/services`}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
