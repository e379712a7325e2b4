import { centsToInput } from '../../../lib/money.ts';
import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../../views/components.tsx';
import type { Contact } from '../../contacts/queries.ts';

export type CompanyFormValues = Record<string, string | undefined>;
type Errs = Record<string, string>;

export function companyToForm(c: {
  name: string;
  status: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  billingAddress: string | null;
  billingContactId: string | null;
  monthlyRateCents: number;
  contractStart: string | null;
  billingDay: number;
  paymentTermsDays: number;
  taxExempt: boolean;
  notes: string | null;
}): CompanyFormValues {
  return {
    name: c.name,
    status: c.status,
    phone: c.phone ?? '',
    email: c.email ?? '',
    website: c.website ?? '',
    billingAddress: c.billingAddress ?? '',
    billingContactId: c.billingContactId ?? '',
    monthlyRate: centsToInput(c.monthlyRateCents),
    contractStart: c.contractStart ?? '',
    billingDay: String(c.billingDay),
    paymentTermsDays: String(c.paymentTermsDays),
    taxExempt: c.taxExempt ? 'on' : '',
    notes: c.notes ?? '',
  };
}

export function CompanyFormPage(p: {
  csrf: string;
  action: string;
  title: string;
  values: CompanyFormValues;
  errors: Errs;
  contacts?: Contact[];
  cancelHref: string;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <PageHeader title={p.title} />
      <FormErrorSummary errors={e} />
      <form method="post" action={p.action} novalidate class="row g-4">
        <CsrfField token={p.csrf} />
        <div class="col-lg-6">
          <div class="card">
            <div class="card-body">
              <h2 class="h6 text-uppercase text-body-secondary">Company</h2>
              <Field
                name="name"
                label="Name"
                value={v.name}
                required
                error={e.name}
                attrs={{ autofocus: true, maxlength: 200 }}
              />
              <div class="row">
                <div class="col-md-6">
                  <Field
                    name="phone"
                    label="Main phone"
                    value={v.phone}
                    error={e.phone}
                    type="tel"
                  />
                </div>
                <div class="col-md-6">
                  <Field name="email" label="Email" value={v.email} error={e.email} type="email" />
                </div>
              </div>
              <Field name="website" label="Website" value={v.website} error={e.website} />
              <Field name="notes" label="Notes" value={v.notes} error={e.notes} textarea />
            </div>
          </div>
        </div>
        <div class="col-lg-6">
          <div class="card">
            <div class="card-body">
              <h2 class="h6 text-uppercase text-body-secondary">Contract and billing</h2>
              <div class="row">
                <div class="col-md-6">
                  <Field
                    name="monthlyRate"
                    label="Monthly contract rate"
                    value={v.monthlyRate ?? '0.00'}
                    error={e.monthlyRateCents}
                    attrs={{ inputmode: 'decimal' }}
                    help="0 for no contract: work is billable."
                  />
                </div>
                <div class="col-md-6">
                  <Field
                    name="contractStart"
                    label="Contract start"
                    type="date"
                    value={v.contractStart}
                    error={e.contractStart}
                  />
                </div>
              </div>
              <div class="row">
                <div class="col-md-6">
                  <Field
                    name="billingDay"
                    label="Billing day of month"
                    type="number"
                    value={v.billingDay ?? '1'}
                    error={e.billingDay}
                    attrs={{ min: 1, max: 28 }}
                    help="1–28"
                  />
                </div>
                <div class="col-md-6">
                  <Field
                    name="paymentTermsDays"
                    label="Payment terms (net days)"
                    type="number"
                    value={v.paymentTermsDays ?? '30'}
                    error={e.paymentTermsDays}
                    attrs={{ min: 0, max: 365 }}
                  />
                </div>
              </div>
              <Field
                name="billingAddress"
                label="Billing address"
                value={v.billingAddress}
                error={e.billingAddress}
                textarea
              />
              {p.contacts ? (
                <Select
                  name="billingContactId"
                  label="Billing contact"
                  value={v.billingContactId}
                  error={e.billingContactId}
                  options={[
                    ['', '— company email —'],
                    ...p.contacts
                      .filter((c) => c.active)
                      .map((c): [string, string] => [
                        c.id,
                        `${c.name}${c.email ? ` <${c.email}>` : ''}`,
                      ]),
                  ]}
                  help="Invoices and statements go to this contact."
                />
              ) : null}
              <Checkbox
                name="taxExempt"
                label="Tax exempt"
                checked={v.taxExempt === 'on'}
                help="No tax is added to this company’s invoices."
              />
            </div>
          </div>
        </div>
        <div class="col-12 d-flex gap-2">
          <button class="btn btn-primary" type="submit">
            Save company
          </button>
          <a class="btn btn-link" href={p.cancelHref}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
