import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
} from '../../views/components.tsx';
import type { Contact } from './queries.ts';
import { formatInstant } from '../../lib/dates.ts';

/** What the contact page shows about the contact's portal use (portal/queries.ts portalStatus). */
export type PortalStatus = {
  lastLoginAt: string | null;
  hasPassword: boolean;
  pendingInvite: { sentAt: string; expiresAt: string } | null;
};

type Errs = Record<string, string>;

export const contactToForm = (c: Contact): Record<string, string> => ({
  name: c.name,
  title: c.title ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  notes: c.notes ?? '',
  portalAccess: c.portalAccess ? 'on' : '',
  portalBilling: c.portalBilling ? 'on' : '',
  portalService: c.portalService ? 'on' : '',
  emailOptOut: c.emailOptOut ? 'on' : '',
});

export function ContactFormPage(p: {
  csrf: string;
  companyId: string;
  companyName: string;
  contact?: Contact;
  values: Record<string, string | undefined>;
  errors: Errs;
  portal?: PortalStatus;
  /** Admins may open the portal read-only as this contact. */
  canViewAs?: boolean;
  timeZone?: string;
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
            <fieldset class="mb-3">
              <legend class="form-label fs-6 mb-1">Customer portal</legend>
              <Checkbox
                name="portalAccess"
                label="Can use the customer portal"
                checked={v.portalAccess === 'on'}
                help="Turning this off signs the contact out of the portal at once."
              />
              <div class="ms-4">
                <Checkbox
                  name="portalBilling"
                  label="Billing: invoices, payments, statements and paying online"
                  checked={v.portalBilling === 'on'}
                />
                <Checkbox
                  name="portalService"
                  label="Service: the company's assets and work orders"
                  checked={v.portalService === 'on'}
                  help="With neither, the contact sees only their own account."
                />
              </div>
            </fieldset>
            <div class="d-flex gap-2">
              <button class="btn btn-primary" type="submit">
                Save contact
              </button>
              <a class="btn btn-link" href={base}>
                Cancel
              </a>
            </div>
          </form>
          {p.contact && p.portal ? (
            <PortalCard
              csrf={p.csrf}
              action={`${base}/contacts/${p.contact.id}`}
              contact={p.contact}
              portal={p.portal}
              canViewAs={Boolean(p.canViewAs)}
              timeZone={p.timeZone ?? 'UTC'}
            />
          ) : null}
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

/** Portal access at a glance: invite or resend, last sign-in, and view as customer for admins. */
function PortalCard(p: {
  csrf: string;
  action: string;
  contact: Contact;
  portal: PortalStatus;
  canViewAs: boolean;
  timeZone: string;
}) {
  const { contact: c, portal } = p;
  const usable = c.portalAccess && c.active && Boolean(c.email);
  const when = (iso: string) => formatInstant(iso, p.timeZone);
  return (
    <section class="mt-3 border-top pt-3" aria-labelledby="portal-heading">
      <h2 class="h6" id="portal-heading">
        Customer portal
      </h2>
      <p class="mb-2 small">
        {!c.portalAccess
          ? 'No portal access. Tick "Can use the customer portal" and save to invite this contact.'
          : !c.email
            ? 'Add an email address to invite this contact.'
            : portal.lastLoginAt
              ? `Last signed in ${when(portal.lastLoginAt)}.`
              : portal.pendingInvite
                ? `Invited ${when(portal.pendingInvite.sentAt)}; the link works until ${when(portal.pendingInvite.expiresAt)}. Not signed in yet.`
                : portal.hasPassword
                  ? 'Has a portal password; has not signed in yet.'
                  : 'Not invited yet.'}
      </p>
      {usable ? (
        <div class="d-flex flex-wrap gap-2">
          <form method="post" action={`${p.action}/portal-invite`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button class="btn btn-sm btn-outline-primary" type="submit">
              {portal.pendingInvite || portal.hasPassword
                ? 'Resend invite'
                : 'Invite to the portal'}
            </button>
          </form>
          {p.canViewAs ? (
            <form method="post" action={`${p.action}/view-as-customer`}>
              <input type="hidden" name="_csrf" value={p.csrf} />
              <button class="btn btn-sm btn-outline-secondary" type="submit">
                View as customer
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
