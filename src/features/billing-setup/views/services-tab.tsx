// The company's Services tab: its billing set-up (contract, tax, whether work goes on the monthly
// invoice, the first period to bill), its recurring service lines with their monthly amounts and how
// far each has been billed, and the form to add a line from the catalogue or by hand.
import { formatMoney } from '../../../lib/money.ts';
import {
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  Select,
} from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import { formatQuantity, formatRate, formatTaxRate } from '../../invoices/totals.ts';
import type { CompanyBillingView } from '../company-services.ts';
import { monthlyCents, serviceState, type ServiceState } from '../pricing.ts';
import type { CatalogItem, CompanyService, TaxRateItem } from '../queries.ts';
import type { Values } from './format.ts';

export type ServicesTabProps = {
  billing: CompanyBillingView;
  services: CompanyService[];
  catalog: CatalogItem[];
  taxRates: TaxRateItem[];
  today: string;
  currency: string;
  totals: { servicesCents: number; contractCents: number; totalCents: number };
  /** false: a technician sees which services run, not their prices or the billing card. */
  showMoney: boolean;
  canWrite: boolean;
  csrf: string;
  values: Values;
  errors: Record<string, string>;
  billingValues: Values;
  billingErrors: Record<string, string>;
};

const STATE_BADGE: Record<ServiceState, string | null> = {
  active: null,
  scheduled: 'starts later',
  ended: 'ended',
};

export function ServicesTab(p: ServicesTabProps) {
  const b = p.billing;
  const m = (c: number) => formatMoney(c, p.currency);
  return (
    <>
      <CompanyHeader
        company={{ id: b.companyId, name: b.name, status: b.status }}
        active="services"
      />
      <div class="row g-3">
        <div class="col-lg-8">
          <h2 class="h5">
            Recurring services{' '}
            {p.showMoney ? (
              <span class="text-body-secondary">· {m(p.totals.totalCents)} a month</span>
            ) : null}
          </h2>
          {p.services.length === 0 && b.monthlyRateCents === 0 ? (
            <EmptyState title="No recurring services yet">
              {p.canWrite ? (
                <p>
                  Add one from the catalogue below, or set a monthly contract rate on the{' '}
                  <a href={`/companies/${b.companyId}/edit`}>company</a>.
                </p>
              ) : null}
            </EmptyState>
          ) : (
            <div class="table-responsive">
              <table class="table table-sm align-middle">
                <thead>
                  <tr>
                    <th>Service</th>
                    <th class="text-end">Qty</th>
                    {p.showMoney ? (
                      <>
                        <th class="text-end text-nowrap">Unit price</th>
                        <th class="text-end">Monthly</th>
                      </>
                    ) : null}
                    <th>Runs</th>
                    {p.showMoney ? <th class="text-nowrap">Billed through</th> : null}
                    {p.canWrite ? <th></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {b.monthlyRateCents > 0 ? (
                    <tr>
                      <td>
                        Monthly contract{' '}
                        <a class="small ms-1" href={`/companies/${b.companyId}/edit`}>
                          change
                        </a>
                      </td>
                      <td class="text-end">1</td>
                      {p.showMoney ? (
                        <>
                          <td class="text-end text-nowrap">{m(b.monthlyRateCents)}</td>
                          <td class="text-end text-nowrap">{m(b.monthlyRateCents)}</td>
                        </>
                      ) : null}
                      <td class="text-nowrap">
                        {b.contractStart ? `from ${b.contractStart}` : 'ongoing'}
                      </td>
                      {p.showMoney ? <td></td> : null}
                      {p.canWrite ? <td></td> : null}
                    </tr>
                  ) : null}
                  {p.services.map((s) => {
                    const state = serviceState(s, p.today);
                    return (
                      <tr class={state === 'ended' ? 'text-body-secondary' : undefined}>
                        <td>
                          {s.description}
                          {STATE_BADGE[state] ? (
                            <span class="badge text-bg-secondary ms-2">{STATE_BADGE[state]}</span>
                          ) : null}
                          <div class="small text-body-secondary">
                            {s.catalogName && s.catalogName !== s.description
                              ? `${s.catalogName} · `
                              : ''}
                            {p.showMoney && s.markupBp !== null && s.unitCostCents !== null
                              ? `cost ${m(s.unitCostCents)} + ${formatRate(s.markupBp)} · `
                              : ''}
                            {s.taxable ? 'taxable' : 'no tax'}
                          </div>
                        </td>
                        <td class="text-end">{formatQuantity(s.quantityThousandths)}</td>
                        {p.showMoney ? (
                          <>
                            <td class="text-end text-nowrap">{m(s.unitPriceCents)}</td>
                            <td class="text-end text-nowrap">{m(monthlyCents(s))}</td>
                          </>
                        ) : null}
                        <td class="text-nowrap small">
                          {s.startDate} → {s.endDate ?? 'ongoing'}
                        </td>
                        {p.showMoney ? (
                          <td class="text-nowrap small">{s.billedThrough ?? 'not yet'}</td>
                        ) : null}
                        {p.canWrite ? (
                          <td class="text-end text-nowrap">
                            <a
                              class="btn btn-link btn-sm"
                              href={`/companies/${b.companyId}/services/${s.id}`}
                            >
                              Edit
                            </a>
                            {s.billedThrough ? null : (
                              <form
                                method="post"
                                action={`/companies/${b.companyId}/services/${s.id}/delete`}
                                class="d-inline"
                                data-confirm={`Delete “${s.description}”?`}
                              >
                                <CsrfField token={p.csrf} />
                                <button type="submit" class="btn btn-link btn-sm text-danger">
                                  Delete
                                </button>
                              </form>
                            )}
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
                {p.showMoney ? (
                  <tfoot>
                    <tr class="fw-semibold">
                      <td colspan={3}>Monthly total (running today)</td>
                      <td class="text-end text-nowrap">{m(p.totals.totalCents)}</td>
                      <td colspan={p.canWrite ? 3 : 2}></td>
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </div>
          )}
          {p.canWrite ? <AddServiceForm {...p} /> : null}
        </div>
        {p.showMoney ? (
          <div class="col-lg-4">
            <BillingCard {...p} />
          </div>
        ) : null}
      </div>
    </>
  );
}

function BillingCard(p: ServicesTabProps) {
  const b = p.billing;
  const v = p.billingValues;
  const e = p.billingErrors;
  const taxText = b.taxExempt
    ? 'Tax exempt (set on the company)'
    : b.effectiveTax
      ? `${b.effectiveTax.name} ${formatTaxRate(b.effectiveTax.ratePpm)}`
      : 'No tax (no default rate set up)';
  const rateOptions: [string, string][] = [
    ['', 'Default rate'],
    ...p.taxRates
      .filter((r) => r.active || r.id === b.taxRateId)
      .map((r): [string, string] => [
        r.id,
        `${r.name} ${formatTaxRate(r.ratePpm)}${r.isDefault ? ' (default)' : ''}`,
      ]),
  ];
  return (
    <div class="card">
      <div class="card-header fw-semibold">Billing</div>
      <div class="card-body">
        <dl class="row small mb-2">
          <dt class="col-6">Billing day</dt>
          <dd class="col-6">{b.billingDay} of each month</dd>
          <dt class="col-6">Payment terms</dt>
          <dd class="col-6">{b.paymentTermsDays} days</dd>
          <dt class="col-6">Tax charged</dt>
          <dd class="col-6">{taxText}</dd>
          <dt class="col-6">Ready-to-bill work</dt>
          <dd class="col-6">{b.billWorkMonthly ? 'On the monthly invoice' : 'Invoiced by hand'}</dd>
          <dt class="col-6">Bill from</dt>
          <dd class="col-6">{b.billingAnchor ?? 'set by the first billing run'}</dd>
        </dl>
        {p.canWrite ? (
          <form method="post" action={`/companies/${b.companyId}/billing-settings`} novalidate>
            <CsrfField token={p.csrf} />
            <FormErrorSummary errors={e} />
            {b.taxExempt ? null : (
              <Select
                name="taxRateId"
                label="Tax rate"
                value={v.taxRateId}
                options={rateOptions}
                error={e.taxRateId}
              />
            )}
            <div class="form-check mb-3">
              <input
                class="form-check-input"
                type="checkbox"
                id="f-billWorkMonthly"
                name="billWorkMonthly"
                value="on"
                checked={v.billWorkMonthly === 'on'}
              />
              <label class="form-check-label" for="f-billWorkMonthly">
                Put ready-to-bill time and parts on the monthly invoice
              </label>
            </div>
            <Field
              name="billingAnchor"
              label="Bill from"
              type="date"
              value={v.billingAnchor}
              error={e.billingAnchor}
              help="Periods that start before this date are never billed. Empty: the first billing run bills its own period and sets this. An earlier date lets the next run catch up missed months (up to 12)."
            />
            {b.taxExempt ? (
              <input type="hidden" name="taxRateId" value={v.taxRateId ?? ''} />
            ) : null}
            <button type="submit" class="btn btn-outline-primary btn-sm">
              Save billing
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

function AddServiceForm(p: ServicesTabProps) {
  const v = p.values;
  const e = p.errors;
  const options: [string, string][] = [
    ['', '— none: describe and price it below —'],
    ...p.catalog.map((c): [string, string] => [
      c.id,
      `${c.name} · ${formatMoney(c.unitPriceCents, p.currency)}`,
    ]),
  ];
  return (
    <form
      method="post"
      action={`/companies/${p.billing.companyId}/services`}
      class="card card-body"
      novalidate
      id="add-service"
    >
      <h3 class="h6">Add a service</h3>
      <CsrfField token={p.csrf} />
      <FormErrorSummary errors={e} />
      <Select
        name="catalogId"
        label="From the catalogue"
        value={v.catalogId}
        options={options}
        error={e.catalogId}
        help="Empty fields below take the catalogue’s description, price and tax setting."
      />
      <div class="row">
        <div class="col-md-9">
          <Field
            name="description"
            label="Description"
            value={v.description}
            error={e.description}
          />
        </div>
        <div class="col-md-3">
          <Field
            name="quantity"
            label="Quantity"
            value={v.quantity ?? '1'}
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
            help="Negative for a discount"
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
            help="Sets the price from the cost"
          />
        </div>
      </div>
      <div class="row">
        <div class="col-md-4">
          <Select
            name="taxable"
            label="Tax"
            value={v.taxable ?? ''}
            options={[
              ['', 'As the catalogue says'],
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
            value={v.startDate ?? p.today}
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
      <div>
        <button type="submit" class="btn btn-primary">
          Add service
        </button>
      </div>
    </form>
  );
}
