import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
} from '../../views/components.tsx';
import type { Contact } from './queries.ts';

type Errs = Record<string, string>;

export const contactToForm = (c: Contact): Record<string, string> => ({
  name: c.name,
  title: c.title ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  notes: c.notes ?? '',
  portalAccess: c.portalAccess ? 'on' : '',
  emailOptOut: c.emailOptOut ? 'on' : '',
});

export function ContactFormPage(p: {
  csrf: string;
  companyId: string;
  companyName: string;
  contact?: Contact;
  values: Record<string, string | undefined>;
  errors: Errs;
}) {
  const v = p.values;
  const e = p.errors;
  const base = `/companies/${p.companyId}`;
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/companies">Companies</a>
          </li>
          <li class="breadcrumb-item">
            <a href={base}>{p.companyName}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {p.contact ? p.contact.name : 'New contact'}
          </li>
        </ol>
      </nav>
      <PageHeader title={p.contact ? `Edit ${p.contact.name}` : 'New contact'} />
      <div class="card mw-48">
        <div class="card-body">
          <FormErrorSummary errors={e} />
          <form
            method="post"
            action={p.contact ? `${base}/contacts/${p.contact.id}` : `${base}/contacts`}
            novalidate
          >
            <CsrfField token={p.csrf} />
            <div class="row">
              <div class="col-md-6">
                <Field
                  name="name"
                  label="Name"
                  value={v.name}
                  required
                  error={e.name}
                  attrs={{ autofocus: true }}
                />
              </div>
              <div class="col-md-6">
                <Field name="title" label="Title" value={v.title} error={e.title} />
              </div>
            </div>
            <div class="row">
              <div class="col-md-6">
                <Field name="email" label="Email" type="email" value={v.email} error={e.email} />
              </div>
              <div class="col-md-6">
                <Field name="phone" label="Phone" type="tel" value={v.phone} error={e.phone} />
              </div>
            </div>
            <Field name="notes" label="Notes" value={v.notes} error={e.notes} textarea />
            <Checkbox
              name="emailOptOut"
              label="Does not want work order emails"
              checked={v.emailOptOut === 'on'}
              help="Public replies and status changes on their work orders are not emailed to this contact."
            />
            <Checkbox
              name="portalAccess"
              label="Can use the customer portal"
              checked={v.portalAccess === 'on'}
              help="The portal arrives in a later release; this marks who will get access."
            />
            <div class="d-flex gap-2">
              <button class="btn btn-primary" type="submit">
                Save contact
              </button>
              <a class="btn btn-link" href={base}>
                Cancel
              </a>
            </div>
          </form>
          {p.contact ? (
            <form
              method="post"
              action={`${base}/contacts/${p.contact.id}/${p.contact.active ? 'deactivate' : 'reactivate'}`}
              class="mt-3 border-top pt-3"
            >
              <CsrfField token={p.csrf} />
              <button
                class={`btn btn-sm ${p.contact.active ? 'btn-outline-danger' : 'btn-outline-success'}`}
                type="submit"
              >
                {p.contact.active ? 'Deactivate contact' : 'Reactivate contact'}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </>
  );
}
