// The new work order form. The company is chosen first (a search, not a 2,000-item select); then
// the contact and asset pickers list only that company's contacts and assets.
import {
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../../views/components.tsx';
import { BILLING_LABEL, WO_BILLING, WO_PRIORITIES, type WoBilling } from '../transitions.ts';
import { PRIORITY_LABEL } from './header.tsx';

export type WoFormValues = Record<string, string | string[] | undefined>;

export function ChooseCompanyPage(p: { q: string; companies: { id: string; name: string }[] }) {
  return (
    <>
      <PageHeader title="New work order" subtitle="First choose the company it is for." />
      <form method="get" action="/work-orders/new" class="d-flex gap-2 mb-3" role="search">
        <input
          class="form-control"
          type="search"
          name="company"
          value={p.q}
          placeholder="Company name contains"
          aria-label="Company name"
          autofocus
        />
        <button class="btn btn-outline-secondary" type="submit">
          Find
        </button>
      </form>
      <div class="list-group">
        {p.companies.map((c) => (
          <a
            class="list-group-item list-group-item-action"
            href={`/work-orders/new?companyId=${c.id}`}
          >
            {c.name}
          </a>
        ))}
      </div>
      {p.companies.length === 0 ? (
        <p class="text-body-secondary">
          No active company matches. <a href="/companies/new">Add a company</a>.
        </p>
      ) : null}
    </>
  );
}

export function WorkOrderFormPage(p: {
  company: { id: string; name: string };
  defaultBilling: WoBilling;
  csrf: string;
  values: WoFormValues;
  errors: Record<string, string>;
  contacts: { id: string; name: string }[];
  assets: { id: string; name: string }[];
  technicians: { id: string; name: string }[];
}) {
  const v = (k: string) => (typeof p.values[k] === 'string' ? (p.values[k] as string) : undefined);
  const chosen = new Set(
    Array.isArray(p.values.assetIds)
      ? p.values.assetIds
      : p.values.assetIds
        ? [p.values.assetIds]
        : [],
  );
  return (
    <>
      <PageHeader
        title="New work order"
        subtitle={
          <>
            for <a href={`/companies/${p.company.id}`}>{p.company.name}</a> ·{' '}
            <a href="/work-orders/new">change company</a>
          </>
        }
      />
      <FormErrorSummary errors={p.errors} />
      <form method="post" action="/work-orders" class="row">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="companyId" value={p.company.id} />
        <div class="col-lg-7">
          <Field name="title" label="Title" value={v('title')} error={p.errors.title} required />
          <Field
            name="description"
            label="Description"
            value={v('description')}
            error={p.errors.description}
            textarea
          />
          <fieldset class="mb-3">
            <legend class="form-label fs-6">Assets</legend>
            {p.assets.length === 0 ? (
              <p class="text-body-secondary small">This company has no assets yet.</p>
            ) : (
              <div class="border rounded p-2 wo-asset-picker overflow-auto">
                {p.assets.map((a) => (
                  <div class="form-check">
                    <input
                      class="form-check-input"
                      type="checkbox"
                      name="assetIds"
                      value={a.id}
                      id={`asset-${a.id}`}
                      checked={chosen.has(a.id)}
                    />
                    <label class="form-check-label" for={`asset-${a.id}`}>
                      {a.name}
                    </label>
                  </div>
                ))}
              </div>
            )}
            {p.errors.assetIds ? <div class="text-danger small">{p.errors.assetIds}</div> : null}
          </fieldset>
        </div>
        <div class="col-lg-5">
          <Select
            name="contactId"
            label="Requested by"
            value={v('contactId')}
            error={p.errors.contactId}
            options={[
              ['', '— nobody in particular —'],
              ...p.contacts.map((c): [string, string] => [c.id, c.name]),
            ]}
          />
          <Select
            name="priority"
            label="Priority"
            value={v('priority') ?? 'normal'}
            error={p.errors.priority}
            options={WO_PRIORITIES.map((s): [string, string] => [s, PRIORITY_LABEL[s]])}
          />
          <Select
            name="assignedToId"
            label="Technician"
            value={v('assignedToId')}
            error={p.errors.assignedToId}
            options={[
              ['', 'Unassigned'],
              ...p.technicians.map((t): [string, string] => [t.id, t.name]),
            ]}
          />
          <Field
            name="scheduledFor"
            label="Scheduled for"
            type="date"
            value={v('scheduledFor')}
            error={p.errors.scheduledFor}
          />
          <Field name="dueOn" label="Due" type="date" value={v('dueOn')} error={p.errors.dueOn} />
          <Select
            name="billing"
            label="Billing"
            value={v('billing') ?? p.defaultBilling}
            error={p.errors.billing}
            help={`This company’s default: ${BILLING_LABEL[p.defaultBilling]}.`}
            options={WO_BILLING.map((b): [string, string] => [b, BILLING_LABEL[b]])}
          />
        </div>
        <div class="col-12">
          <button class="btn btn-primary" type="submit">
            Create work order
          </button>{' '}
          <a class="btn btn-link" href="/work-orders">
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
