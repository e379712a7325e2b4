// Settings › Invoices: automatic issue, what invoices say about paying, the credit note prefix.
import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../../views/components.tsx';
import type { Values } from './format.ts';

export function InvoiceSettingsPage(p: {
  csrf: string;
  values: Values;
  errors: Record<string, string>;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <PageHeader
        title="Invoice settings"
        subtitle={
          <>
            The invoice number prefix is in the <a href="/settings/profile">business profile</a>;{' '}
            <a href="/settings/tax-rates">tax rates</a> and the{' '}
            <a href="/settings/service-catalog">service catalogue</a> have their own pages.
          </>
        }
      />
      <form method="post" action="/settings/invoices" class="card card-body mw-48" novalidate>
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={e} />
        <Select
          name="autoIssue"
          label="Monthly billing run"
          value={v.autoIssue}
          error={e.autoIssue}
          options={[
            ['yes', 'Issues the invoices and emails them at once'],
            ['no', 'Leaves drafts for me to review and issue'],
          ]}
        />
        <h2 class="h6 text-uppercase text-body-secondary mt-2">Tax</h2>
        <p class="small text-body-secondary mb-2">
          Taxable lines are taxed at the company’s rate (none for tax-exempt companies). Parts are
          always taxable; recurring services follow their own Taxable box.
        </p>
        <Checkbox
          name="taxContract"
          label="Tax the monthly support contract"
          checked={v.taxContract === 'on'}
        />
        <Checkbox
          name="taxLabor"
          label="Tax labor (time from work orders)"
          checked={v.taxLabor === 'on'}
          help="Many US states tax parts but not services: untick both if yours does."
        />
        <h2 class="h6 text-uppercase text-body-secondary mt-2">How to pay</h2>
        <Field
          name="payableTo"
          label="Make checks payable to"
          value={v.payableTo}
          error={e.payableTo}
        />
        <Field
          name="remitAddress"
          label="Mailing address for payments"
          value={v.remitAddress}
          error={e.remitAddress}
          textarea
          help="Printed on the remittance stub. Leave empty to use the business address."
        />
        <Field
          name="bankDetails"
          label="Bank details for transfers"
          value={v.bankDetails}
          error={e.bankDetails}
          textarea
          help="Bank, account name, account and routing numbers (or IBAN and BIC). Printed on invoices and shown in the customer portal; customers write the invoice number as the reference."
        />
        <Field
          name="paymentUrl"
          label="Online payment link"
          type="url"
          value={v.paymentUrl}
          error={e.paymentUrl}
          help="Shown on every invoice. {number} and {id} are replaced with the invoice’s number and id."
        />
        <Field
          name="footerNote"
          label="Footer note"
          value={v.footerNote}
          error={e.footerNote}
          textarea
          help="Bank details, thanks, late fee policy: printed at the foot of every invoice."
        />
        <h2 class="h6 text-uppercase text-body-secondary mt-2">Numbering</h2>
        <div class="row">
          <div class="col-md-4">
            <Field
              name="creditNotePrefix"
              label="Credit note prefix"
              value={v.creditNotePrefix}
              error={e.creditNotePrefix}
              required
              help="e.g. CN → CN-2026-00001"
            />
          </div>
        </div>
        <div>
          <button type="submit" class="btn btn-primary">
            Save
          </button>
        </div>
      </form>
    </>
  );
}
