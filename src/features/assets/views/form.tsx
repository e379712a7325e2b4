import { centsToInput } from '../../../lib/money.ts';
import { CsrfField, Field, FormErrorSummary, Select } from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { Category } from '../../categories/queries.ts';
import type { CategoryField } from '../../categories/schemas.ts';
import type { Contact } from '../../contacts/queries.ts';
import type { Location } from '../../locations/queries.ts';
import type { Asset } from '../queries.ts';
import { ASSET_STATUSES } from '../schemas.ts';
import { STATUS_LABEL } from './header.tsx';

export type AssetFormValues = Record<string, string | undefined>;

export function assetToForm(a: Asset): AssetFormValues {
  const v: AssetFormValues = {
    categoryId: a.categoryId,
    name: a.name,
    make: a.make ?? '',
    model: a.model ?? '',
    serial: a.serial ?? '',
    assetTag: a.assetTag ?? '',
    status: a.status,
    locationId: a.locationId ?? '',
    contactId: a.contactId ?? '',
    ipAddresses: a.ipAddresses.join(', '),
    mac: a.mac ?? '',
    os: a.os ?? '',
    purchaseDate: a.purchaseDate ?? '',
    purchasePrice: a.purchasePriceCents === null ? '' : centsToInput(a.purchasePriceCents),
    vendor: a.vendor ?? '',
    warrantyExpires: a.warrantyExpires ?? '',
    notes: a.notes ?? '',
  };
  for (const [k, val] of Object.entries(a.customFields)) v[`cf.${k}`] = String(val);
  return v;
}

const INPUT_TYPE = { text: 'text', number: 'number', date: 'date', url: 'url' } as const;

export function CategoryFields({
  fields,
  values,
  errors,
}: {
  fields: CategoryField[];
  values: AssetFormValues;
  errors: Record<string, string>;
}) {
  return (
    <div class="row">
      {fields.map((f) => (
        <div class="col-md-6">
          {f.type === 'select' ? (
            <Select
              name={`cf.${f.key}`}
              label={f.label}
              value={values[`cf.${f.key}`]}
              error={errors[`customFields.${f.key}`]}
              options={[['', '—'], ...(f.options ?? []).map((o): [string, string] => [o, o])]}
            />
          ) : (
            <Field
              name={`cf.${f.key}`}
              label={f.label}
              type={INPUT_TYPE[f.type]}
              value={values[`cf.${f.key}`]}
              error={errors[`customFields.${f.key}`]}
              attrs={f.type === 'number' ? { step: 'any' } : undefined}
            />
          )}
        </div>
      ))}
    </div>
  );
}

type Props = {
  company: { id: string; name: string; status: string };
  title: string;
  action: string;
  csrf: string;
  values: AssetFormValues;
  errors: Record<string, string>;
  categories: Category[];
  category: Category | null;
  locations: Location[];
  contacts: Contact[];
  cancelHref: string;
  isNew: boolean;
};

export function AssetFormPage(p: Props) {
  const v = p.values;
  const e = p.errors;
  const opts = <T extends { id: string; name: string }>(
    rows: T[],
    none: string,
  ): [string, string][] => [['', none], ...rows.map((r): [string, string] => [r.id, r.name])];
  return (
    <>
      <CompanyHeader company={p.company} active="assets" />
      <h2 class="h5">{p.title}</h2>
      {p.isNew ? (
        // Choosing the category first lets the form show that category's extra fields.
        <form
          class="row g-2 align-items-end mb-3"
          method="get"
          action={`/companies/${p.company.id}/assets/new`}
        >
          <div class="col-auto">
            <label class="form-label small mb-1" for="pick-category">
              Category
            </label>
            <select class="form-select" id="pick-category" name="categoryId" data-autosubmit="true">
              {p.categories.map((c) => (
                <option value={c.id} selected={c.id === p.category?.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div class="col-auto">
            <button class="btn btn-outline-secondary" type="submit">
              Show its fields
            </button>
          </div>
        </form>
      ) : null}
      <FormErrorSummary errors={e} />
      <form method="post" action={p.action} novalidate class="row g-4">
        <CsrfField token={p.csrf} />
        <div class="col-lg-6">
          <div class="card">
            <div class="card-body">
              {p.isNew ? (
                <input type="hidden" name="categoryId" value={p.category?.id ?? ''} />
              ) : (
                <Select
                  name="categoryId"
                  label="Category"
                  value={v.categoryId}
                  error={e.categoryId}
                  options={p.categories.map((c): [string, string] => [c.id, c.name])}
                  help="Changing the category drops values of fields the new category does not have."
                />
              )}
              {p.isNew && e.categoryId ? (
                <div class="text-danger small mb-2">{e.categoryId}</div>
              ) : null}
              <Field
                name="name"
                label="Name / hostname"
                value={v.name}
                required
                error={e.name}
                attrs={{ autofocus: true, maxlength: 200 }}
              />
              <div class="row">
                <div class="col-md-6">
                  <Field name="make" label="Make" value={v.make} error={e.make} />
                </div>
                <div class="col-md-6">
                  <Field name="model" label="Model" value={v.model} error={e.model} />
                </div>
                <div class="col-md-6">
                  <Field name="serial" label="Serial number" value={v.serial} error={e.serial} />
                </div>
                <div class="col-md-6">
                  <Field name="assetTag" label="Asset tag" value={v.assetTag} error={e.assetTag} />
                </div>
                <div class="col-md-6">
                  <Select
                    name="status"
                    label="Status"
                    value={v.status ?? 'in_service'}
                    error={e.status}
                    options={ASSET_STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s]])}
                  />
                </div>
                <div class="col-md-6">
                  <Select
                    name="locationId"
                    label="Location"
                    value={v.locationId}
                    error={e.locationId}
                    options={opts(p.locations, '— none —')}
                  />
                </div>
              </div>
              <Select
                name="contactId"
                label="Assigned to"
                value={v.contactId}
                error={e.contactId}
                options={opts(p.contacts, '— nobody —')}
              />
              {p.category?.fields.length ? (
                <>
                  <h3 class="h6 text-uppercase text-body-secondary mt-2">
                    {p.category.name} details
                  </h3>
                  <CategoryFields fields={p.category.fields} values={v} errors={e} />
                </>
              ) : null}
            </div>
          </div>
        </div>
        <div class="col-lg-6">
          <div class="card">
            <div class="card-body">
              <Field
                name="ipAddresses"
                label="IP addresses"
                value={v.ipAddresses}
                error={e.ipAddresses}
                help="Separate several with commas or spaces."
              />
              <div class="row">
                <div class="col-md-6">
                  <Field name="mac" label="MAC address" value={v.mac} error={e.mac} />
                </div>
                <div class="col-md-6">
                  <Field name="os" label="OS / firmware" value={v.os} error={e.os} />
                </div>
                <div class="col-md-6">
                  <Field
                    name="purchaseDate"
                    label="Purchase date"
                    type="date"
                    value={v.purchaseDate}
                    error={e.purchaseDate}
                  />
                </div>
                <div class="col-md-6">
                  <Field
                    name="purchasePrice"
                    label="Purchase price"
                    value={v.purchasePrice}
                    error={e.purchasePriceCents}
                    attrs={{ inputmode: 'decimal' }}
                  />
                </div>
                <div class="col-md-6">
                  <Field name="vendor" label="Vendor" value={v.vendor} error={e.vendor} />
                </div>
                <div class="col-md-6">
                  <Field
                    name="warrantyExpires"
                    label="Warranty expires"
                    type="date"
                    value={v.warrantyExpires}
                    error={e.warrantyExpires}
                  />
                </div>
              </div>
              <Field name="notes" label="Notes" value={v.notes} error={e.notes} textarea />
            </div>
          </div>
        </div>
        <div class="col-12 d-flex gap-2">
          <button class="btn btn-primary" type="submit">
            Save asset
          </button>
          <a class="btn btn-link" href={p.cancelHref}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
