// Settings › Service catalogue: what the MSP sells month by month, with price, cost, markup and how
// many companies run each item; the form to add or change an item.
import { formatMoney } from '../../../lib/money.ts';
import {
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../../views/components.tsx';
import { formatRate } from '../../invoices/totals.ts';
import type { CatalogItem } from '../queries.ts';
import { unitMarginCents } from '../pricing.ts';
import { KIND_LABELS, SERVICE_KINDS } from '../schemas.ts';
import type { Values } from './format.ts';

const kindLabel = (k: string) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k;

export function CatalogPage(p: { items: CatalogItem[]; canWrite: boolean; currency: string }) {
  const money = (c: number | null) => (c === null ? '—' : formatMoney(c, p.currency));
  return (
    <>
      <PageHeader
        title="Service catalogue"
        subtitle={
          <>
            Recurring services you sell. Adding one to a company copies its price; the company’s
            line can then differ. See also <a href="/settings/tax-rates">tax rates</a> and{' '}
            <a href="/settings/invoices">invoice settings</a>.
          </>
        }
      >
        {p.canWrite ? (
          <a class="btn btn-primary" href="/settings/service-catalog/new">
            New service
          </a>
        ) : null}
      </PageHeader>
      {p.items.length === 0 ? (
        <EmptyState title="The catalogue is empty">
          {p.canWrite ? <a href="/settings/service-catalog/new">Add the first service</a> : null}
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th>Service</th>
                <th>Kind</th>
                <th class="text-end">Unit price</th>
                <th class="text-end">Unit cost</th>
                <th class="text-end">Markup</th>
                <th class="text-end">Margin / unit</th>
                <th>Tax</th>
                <th class="text-end">Companies</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr class={i.active ? undefined : 'text-body-secondary'}>
                  <td>
                    <span class="fw-semibold">{i.name}</span>
                    {i.active ? null : <span class="badge text-bg-secondary ms-2">inactive</span>}
                    {i.description ? (
                      <div class="small text-body-secondary">{i.description}</div>
                    ) : null}
                  </td>
                  <td>{kindLabel(i.kind)}</td>
                  <td class="text-end text-nowrap">{money(i.unitPriceCents)}</td>
                  <td class="text-end text-nowrap">{money(i.unitCostCents)}</td>
                  <td class="text-end">{i.markupBp === null ? '—' : formatRate(i.markupBp)}</td>
                  <td class="text-end text-nowrap">{money(unitMarginCents(i))}</td>
                  <td>{i.taxable ? 'Taxable' : 'No tax'}</td>
                  <td class="text-end">{i.companies}</td>
                  <td class="text-end">
                    {p.canWrite ? <a href={`/settings/service-catalog/${i.id}`}>Edit</a> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function CatalogItemForm(p: {
  item: CatalogItem | null;
  csrf: string;
  values: Values;
  errors: Record<string, string>;
  currency: string;
}) {
  const v = p.values;
  const e = p.errors;
  const action = p.item ? `/settings/service-catalog/${p.item.id}` : '/settings/service-catalog';
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/settings/service-catalog">Service catalogue</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {p.item ? p.item.name : 'New service'}
          </li>
        </ol>
      </nav>
      <PageHeader title={p.item ? `Edit ${p.item.name}` : 'New service'} />
      <form method="post" action={action} class="card card-body mw-48" novalidate>
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={e} />
        <div class="row">
          <div class="col-md-8">
            <Field
              name="name"
              label="Name"
              value={v.name}
              error={e.name}
              required
              help="As printed on invoices"
            />
          </div>
          <div class="col-md-4">
            <Select
              name="kind"
              label="Kind"
              value={v.kind}
              error={e.kind}
              options={SERVICE_KINDS.map((k) => [k, KIND_LABELS[k]])}
            />
          </div>
        </div>
        <Field
          name="description"
          label="Description"
          value={v.description}
          error={e.description}
          textarea
        />
        <p class="small text-body-secondary mb-2">
          Price it at a fixed unit price, or at its unit cost plus a markup (the price is then
          worked out for you).
        </p>
        <div class="row">
          <div class="col-md-4">
            <Field
              name="unitPrice"
              label="Unit price / month"
              value={v.unitPrice}
              error={e.unitPriceCents}
              attrs={{ inputmode: 'decimal' }}
              help={
                p.item && p.item.markupBp !== null
                  ? `Now ${formatMoney(p.item.unitPriceCents, p.currency)} from cost + markup`
                  : undefined
              }
            />
          </div>
          <div class="col-md-4">
            <Field
              name="unitCost"
              label="Unit cost / month"
              value={v.unitCost}
              error={e.unitCostCents}
              attrs={{ inputmode: 'decimal' }}
              help="What it costs you"
            />
          </div>
          <div class="col-md-4">
            <Field
              name="markupPercent"
              label="Markup (%)"
              value={v.markupPercent}
              error={e.markupBp}
              attrs={{ inputmode: 'decimal' }}
              help="Leave empty for a fixed price"
            />
          </div>
        </div>
        <div class="form-check mb-2">
          <input
            class="form-check-input"
            type="checkbox"
            id="f-taxable"
            name="taxable"
            value="on"
            checked={v.taxable === 'on'}
          />
          <label class="form-check-label" for="f-taxable">
            Taxable
          </label>
        </div>
        <div class="form-check mb-3">
          <input
            class="form-check-input"
            type="checkbox"
            id="f-active"
            name="active"
            value="on"
            checked={v.active === 'on'}
          />
          <label class="form-check-label" for="f-active">
            Active (offered when adding services to a company)
          </label>
        </div>
        {p.item && p.item.companies > 0 ? (
          <div class="form-check mb-3">
            <input
              class="form-check-input"
              type="checkbox"
              id="f-applyToCompanies"
              name="applyToCompanies"
              value="on"
              checked={v.applyToCompanies === 'on'}
            />
            <label class="form-check-label" for="f-applyToCompanies">
              Also re-price the companies’ running lines of this service that still charge{' '}
              {formatMoney(p.item.unitPriceCents, p.currency)}
            </label>
            <div class="form-text">
              {p.item.companies} {p.item.companies === 1 ? 'company runs' : 'companies run'} this
              service. Lines priced differently for one customer are left alone; the new price
              applies from the next period billed.
            </div>
          </div>
        ) : null}
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-primary">
            {p.item ? 'Save' : 'Add service'}
          </button>
          <a class="btn btn-link" href="/settings/service-catalog">
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
