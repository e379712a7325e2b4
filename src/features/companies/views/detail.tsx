import { formatMoney } from '../../../lib/money.ts';
import { formatInstant } from '../../../lib/dates.ts';
import { CsrfField, EmptyState } from '../../../views/components.tsx';
import { AuditSummary } from '../../../views/audit-summary.tsx';
import { CompanyHeader } from './tabs.tsx';
import type { AuditRow } from '../../audit/queries.ts';
import type { Contact } from '../../contacts/queries.ts';
import type { Company } from '../queries.ts';

type Props = {
  company: Company;
  contacts: Contact[];
  moreContacts: boolean;
  activity: AuditRow[];
  csrf: string;
  canWrite: boolean;
  canDeactivate: boolean;
  currency: string;
  timeZone: string;
  /** Receivables (balance, aging, statement) and the reminder pause, for staff who see billing. */
  billing?: preact.ComponentChildren;
};

const Fact = ({ label, children }: { label: string; children: preact.ComponentChildren }) => (
  <div class="col-6 col-md-4 col-xl-2">
    <div class="small text-body-secondary">{label}</div>
    <div class="fw-semibold">{children}</div>
  </div>
);

export function CompanyPage(p: Props) {
  const c = p.company;
  const billingContact = p.contacts.find((x) => x.id === c.billingContactId);
  return (
    <>
      <CompanyHeader
        company={c}
        active="overview"
        actions={
          p.canWrite ? (
            <>
              <a class="btn btn-primary" href={`/companies/${c.id}/edit`}>
                Edit
              </a>
              <a class="btn btn-outline-primary" href={`/companies/${c.id}/contacts/new`}>
                Add contact
              </a>
              <a class="btn btn-outline-primary" href={`/companies/${c.id}/assets/new`}>
                Add asset
              </a>
            </>
          ) : null
        }
      />
      <div class="row g-3 mb-4">
        <Fact label="Monthly contract">
          {c.monthlyRateCents ? formatMoney(c.monthlyRateCents, p.currency) : 'No contract'}
        </Fact>
        <Fact label="Billing day">{`${c.billingDay} of each month`}</Fact>
        <Fact label="Payment terms">{`Net ${c.paymentTermsDays}`}</Fact>
        <Fact label="Contract start">{c.contractStart ?? '—'}</Fact>
        <Fact label="Tax">{c.taxExempt ? 'Exempt' : 'Taxable'}</Fact>
        <Fact label="Billing contact">
          {billingContact ? billingContact.name : (c.email ?? '—')}
        </Fact>
      </div>
      <div class="row g-4">
        <div class="col-lg-8">
          <div class="card mb-4">
            <div class="card-header d-flex justify-content-between align-items-center">
              <h2 class="h6 mb-0">Contacts</h2>
              {p.canWrite ? (
                <a class="btn btn-sm btn-outline-primary" href={`/companies/${c.id}/contacts/new`}>
                  Add contact
                </a>
              ) : null}
            </div>
            {p.contacts.length === 0 ? (
              <div class="card-body">
                <EmptyState title="No contacts yet.">
                  {p.canWrite ? (
                    <a href={`/companies/${c.id}/contacts/new`}>Add the first contact</a>
                  ) : null}
                </EmptyState>
              </div>
            ) : (
              <div class="table-responsive">
                <table class="table table-sm table-hover mb-0 align-middle">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Title</th>
                      <th scope="col">Email</th>
                      <th scope="col">Phone</th>
                      <th scope="col">Portal</th>
                      <th></th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.contacts.map((k) => (
                      <tr class={k.active ? '' : 'text-body-tertiary'}>
                        <td class="fw-semibold">
                          {k.name}
                          {k.active ? null : (
                            <span class="badge text-bg-secondary ms-2">inactive</span>
                          )}
                          {k.id === c.billingContactId ? (
                            <span class="badge text-bg-info ms-2">billing</span>
                          ) : null}
                        </td>
                        <td>{k.title ?? ''}</td>
                        <td>{k.email ? <a href={`mailto:${k.email}`}>{k.email}</a> : ''}</td>
                        <td class="text-nowrap">{k.phone ?? ''}</td>
                        <td>{k.portalAccess ? 'Yes' : 'No'}</td>
                        <td class="text-end">
                          {p.canWrite ? (
                            <a
                              class="btn btn-sm btn-link"
                              href={`/companies/${c.id}/contacts/${k.id}/edit`}
                            >
                              Edit<span class="visually-hidden"> {k.name}</span>
                            </a>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {p.moreContacts ? (
              <div class="card-footer small text-body-secondary">
                Showing the first {p.contacts.length} contacts.
              </div>
            ) : null}
          </div>
          <div class="card">
            <div class="card-header">
              <h2 class="h6 mb-0">Recent activity</h2>
            </div>
            <ul class="list-group list-group-flush">
              {p.activity.length === 0 ? (
                <li class="list-group-item text-body-secondary">Nothing yet.</li>
              ) : null}
              {p.activity.map((a) => (
                <li class="list-group-item small">
                  <span class="text-body-secondary">{formatInstant(a.at, p.timeZone)}</span> ·{' '}
                  {a.actorLabel} · <code>{a.action}</code>
                  {a.summary ? (
                    <>
                      {' '}
                      · <AuditSummary summary={a.summary} currency={p.currency} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div class="col-lg-4">
          {p.billing}
          <div class="card mb-4">
            <div class="card-header">
              <h2 class="h6 mb-0">Details</h2>
            </div>
            <div class="card-body">
              <dl class="mb-0">
                <dt>Main phone</dt>
                <dd>{c.phone ?? '—'}</dd>
                <dt>Email</dt>
                <dd>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'}</dd>
                <dt>Website</dt>
                <dd>
                  {c.website ? (
                    <a href={c.website} rel="noopener noreferrer" target="_blank">
                      {c.website}
                    </a>
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>Billing address</dt>
                <dd class="text-pre-line">{c.billingAddress ?? '—'}</dd>
                <dt>Notes</dt>
                <dd class="text-pre-line">{c.notes ?? '—'}</dd>
              </dl>
            </div>
          </div>
          {p.canDeactivate ? (
            <div class="card border-danger-subtle">
              <div class="card-body">
                <form
                  method="post"
                  action={`/companies/${c.id}/${c.status === 'active' ? 'deactivate' : 'reactivate'}`}
                  data-confirm={
                    c.status === 'active'
                      ? `Deactivate ${c.name}? It will leave the active list; nothing is deleted.`
                      : undefined
                  }
                >
                  <CsrfField token={p.csrf} />
                  <button
                    class={`btn btn-sm ${c.status === 'active' ? 'btn-outline-danger' : 'btn-outline-success'}`}
                    type="submit"
                  >
                    {c.status === 'active' ? 'Deactivate company' : 'Reactivate company'}
                  </button>
                </form>
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
