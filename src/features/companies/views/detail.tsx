// The company overview: its live state above the fold — balance and past due with the aging (each
// amount a link to those invoices), the contract and services in one line, open work orders by
// urgency, overdue invoices, warranties ending soon — then contacts and details, and recent
// activity in words at the bottom. On a phone the balance comes first.
import { formatMoney } from '../../../lib/money.ts';
import { daysBetween, formatInstant } from '../../../lib/dates.ts';
import { CsrfField, EmptyState } from '../../../views/components.tsx';
import { CompanyHeader } from './tabs.tsx';
import { BUCKETS, type AgingTotals, type Bucket } from '../../payments/aging.ts';
import { BUCKET_HEADS } from '../../receivables/views/bucket-heads.ts';
import { relativeDue } from '../../../lib/due.ts';
import { StatusBadge, woNumber } from '../../work-orders/views/header.tsx';
import type { Contact } from '../../contacts/queries.ts';
import type { Company } from '../queries.ts';
import { WARRANTY_DAYS, type CompanyOverview, type Receivables } from '../overview.ts';

type Props = {
  company: Company;
  contacts: Contact[];
  moreContacts: boolean;
  overview: CompanyOverview;
  csrf: string;
  canWrite: boolean;
  canDeactivate: boolean;
  /** Record payment (billing.write). */
  canTakePayment: boolean;
  /** A link to the company's full audit log (audit.read). */
  canReadAudit: boolean;
  currency: string;
  timeZone: string;
  /** The reminder pause control, for staff who see billing. */
  reminders?: preact.ComponentChildren;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Where each amount of the aging leads. The invoice list has no due-date range filter, so a late
 * bucket opens the company's overdue invoices oldest first and "current" its open ones, latest due
 * first (the not-yet-due on top). */
export function bucketHref(companyId: string, b: Bucket | 'balance' | 'pastDue'): string {
  const base = `/companies/${companyId}/invoices`;
  if (b === 'balance') return `${base}?status=open`;
  if (b === 'current') return `${base}?status=open&sort=dueDate&dir=desc`;
  return `${base}?status=overdue&sort=dueDate&dir=asc`;
}

function BalanceCard(p: {
  companyId: string;
  r: Receivables;
  m: (c: number) => string;
  canTakePayment: boolean;
  contract: preact.ComponentChildren;
}) {
  const late = p.r.aging.totalCents - p.r.aging.currentCents;
  return (
    <section class="card mb-3" aria-label="Receivables">
      <div class="card-body py-3">
        <div class="row g-3 align-items-start">
          <div class="col-12 col-lg-auto d-flex gap-4">
            <div>
              <h2 class="small text-body-secondary fw-normal mb-0 lh-base" id="balance-title">
                Balance
              </h2>
              <a
                class={`fs-4 fw-semibold text-decoration-none ${late > 0 ? 'link-danger' : 'link-body-emphasis'}`}
                href={bucketHref(p.companyId, 'balance')}
                data-figure="balance"
              >
                {p.m(p.r.balanceCents)}
              </a>
              {p.r.unappliedCreditCents > 0 ? (
                <div class="small text-body-secondary">
                  after {p.m(p.r.unappliedCreditCents)} unapplied credit
                </div>
              ) : null}
            </div>
            <div>
              <div class="small text-body-secondary lh-base">Past due</div>
              {late > 0 ? (
                <a
                  class="fs-4 fw-semibold link-danger text-decoration-none"
                  href={bucketHref(p.companyId, 'pastDue')}
                  data-figure="pastDue"
                >
                  {p.m(late)}
                </a>
              ) : (
                <div class="fs-4 text-body-secondary" data-figure="pastDue">
                  {p.m(0)}
                </div>
              )}
            </div>
          </div>
          <div class="col-12 col-lg">
            {/* Three to a row on a phone, five in a line from the small breakpoint up. */}
            <dl class="row row-cols-3 row-cols-sm-5 g-2 mb-0 text-sm-end" aria-label="Aging">
              {BUCKETS.map((b) => {
                const v = p.r.aging[`${b}Cents` as keyof AgingTotals];
                return (
                  <div class="col">
                    <dt class="small text-body-secondary fw-normal text-nowrap">
                      {BUCKET_HEADS[b]}
                    </dt>
                    <dd class="mb-0 font-monospace text-nowrap small" data-bucket={b}>
                      {v === 0 ? (
                        <span class="text-body-tertiary">—</span>
                      ) : (
                        <a
                          class={`link-underline-opacity-25 link-underline-opacity-100-hover ${b === 'current' ? 'link-body-emphasis' : 'link-danger'}`}
                          href={bucketHref(p.companyId, b)}
                        >
                          {p.m(v)}
                        </a>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </div>
        </div>
        <div class="d-flex flex-wrap justify-content-between gap-2 mt-3 pt-2 border-top small">
          {p.contract}
          <div class="text-nowrap">
            {p.canTakePayment ? (
              <>
                <a href={`/payments/new?companyId=${p.companyId}`}>Record payment</a> ·{' '}
              </>
            ) : null}
            <a href={`/companies/${p.companyId}/statement`}>Statement</a> ·{' '}
            <a href={`/reports/aging/${p.companyId}`}>Aging detail</a>
          </div>
        </div>
      </div>
    </section>
  );
}

/** "Contract $1,450.00/month · 3 services: Backup, Microsoft 365, Telephony ($320.00/month)". */
function ContractLine(p: {
  company: Company;
  overview: CompanyOverview;
  m: ((c: number) => string) | null;
}) {
  const s = p.overview.services;
  const names = s.active.map((x) => x.description);
  const shown =
    names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  const rate = p.company.monthlyRateCents;
  const contract = rate ? (
    p.m ? (
      <>
        Contract <span class="fw-semibold">{p.m(rate)}</span>/month
        {s.contractCents === 0 && p.company.contractStart ? ` from ${p.company.contractStart}` : ''}
      </>
    ) : (
      'Contract'
    )
  ) : (
    'No contract'
  );
  return (
    <div data-contract-line>
      {contract} ·{' '}
      {names.length ? (
        <>
          {plural(names.length, 'service')}: {shown}
          {p.m && s.monthlyCents ? ` (${p.m(s.monthlyCents)}/month)` : ''}
        </>
      ) : (
        'no recurring services'
      )}{' '}
      · <a href={`/companies/${p.company.id}/services`}>Services and billing</a>
    </div>
  );
}

/** "3 days overdue" (red), "Due today" (bold), "Due in 4 days": the work order list's words. */
function dueText(dueOn: string | null, today: string): [string, 'late' | 'today' | ''] | null {
  if (!dueOn) return null;
  const d = relativeDue(dueOn, today);
  const label = d.label[0].toUpperCase() + d.label.slice(1);
  return [d.overdue ? d.label : label, d.overdue ? 'late' : d.days === 0 ? 'today' : ''];
}

function WorkOrdersCard(p: {
  companyId: string;
  wo: NonNullable<CompanyOverview['workOrders']>;
  today: string;
}) {
  const all = `/companies/${p.companyId}/work-orders`;
  return (
    <section class="card h-100" aria-labelledby="wo-title">
      <div class="card-header d-flex justify-content-between align-items-center">
        <h2 class="h6 mb-0" id="wo-title">
          Open work orders <span class="text-body-secondary fw-normal">{p.wo.total}</span>
        </h2>
        <a class="small" href={`/work-orders/new?companyId=${p.companyId}`}>
          New
        </a>
      </div>
      {p.wo.items.length === 0 ? (
        <div class="card-body small text-body-secondary">
          No open work orders. <a href={`${all}?status=all`}>See past work</a>
        </div>
      ) : (
        <ul class="list-group list-group-flush">
          {p.wo.items.map((w) => {
            const due = dueText(w.dueOn, p.today);
            return (
              <li class="list-group-item py-2" data-work-order={w.id}>
                <a class="fw-semibold text-break" href={`/work-orders/${w.id}`}>
                  <span class="text-body-secondary fw-normal">{woNumber(w.number)}</span> {w.title}
                </a>
                <div class="small d-flex flex-wrap gap-2 align-items-center">
                  <StatusBadge status={w.status} />
                  {due ? (
                    <span
                      class={
                        due[1] === 'late'
                          ? 'text-danger fw-semibold'
                          : due[1] === 'today'
                            ? 'fw-semibold'
                            : ''
                      }
                    >
                      {due[0]}
                    </span>
                  ) : null}
                  <span class="text-body-secondary">{w.assignedToName ?? 'Unassigned'}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {p.wo.total > 0 ? (
        <div class="card-footer small">
          <a href={all}>
            {p.wo.total > p.wo.items.length
              ? `All ${p.wo.total} open work orders`
              : 'Work order list'}
          </a>
        </div>
      ) : null}
    </section>
  );
}

function OverdueCard(p: { companyId: string; r: Receivables; m: (c: number) => string }) {
  return (
    <section class="card h-100" aria-labelledby="overdue-title">
      <div class="card-header">
        <h2 class="h6 mb-0" id="overdue-title">
          Overdue invoices <span class="text-body-secondary fw-normal">{p.r.overdueCount}</span>
        </h2>
      </div>
      {p.r.overdue.length === 0 ? (
        <div class="card-body small text-body-secondary">
          Nothing overdue. <a href={bucketHref(p.companyId, 'balance')}>Open invoices</a>
        </div>
      ) : (
        <ul class="list-group list-group-flush">
          {p.r.overdue.map((i) => (
            <li
              class="list-group-item py-2 d-flex justify-content-between gap-2"
              data-invoice={i.id}
            >
              <div>
                <a class="fw-semibold" href={`/invoices/${i.id}`}>
                  {i.number ?? 'Invoice'}
                </a>
                <div class="small text-danger">{plural(i.daysOverdue, 'day')} overdue</div>
              </div>
              <div class="text-end font-monospace text-nowrap">{p.m(i.balanceCents)}</div>
            </li>
          ))}
        </ul>
      )}
      {p.r.overdueCount > 0 ? (
        <div class="card-footer small">
          <a href={bucketHref(p.companyId, 'pastDue')}>
            {p.r.overdueCount > p.r.overdue.length
              ? `All ${p.r.overdueCount} overdue invoices`
              : 'Overdue invoice list'}
          </a>
        </div>
      ) : null}
    </section>
  );
}

function WarrantyCard(p: {
  companyId: string;
  w: NonNullable<CompanyOverview['warranties']>;
  today: string;
}) {
  const all = `/companies/${p.companyId}/assets?warranty=${WARRANTY_DAYS}&sort=warranty`;
  return (
    <section class="card h-100" aria-labelledby="warranty-title">
      <div class="card-header">
        <h2 class="h6 mb-0" id="warranty-title">
          Warranties ending in {WARRANTY_DAYS} days{' '}
          <span class="text-body-secondary fw-normal">{p.w.total}</span>
        </h2>
      </div>
      {p.w.items.length === 0 ? (
        <div class="card-body small text-body-secondary">
          None in the next {WARRANTY_DAYS} days.{' '}
          <a href={`/companies/${p.companyId}/assets?sort=warranty`}>Assets by warranty</a>
        </div>
      ) : (
        <ul class="list-group list-group-flush">
          {p.w.items.map((a) => {
            const n = daysBetween(p.today, a.warrantyExpires!);
            return (
              <li class="list-group-item py-2" data-asset={a.id}>
                <a class="fw-semibold text-break" href={`/assets/${a.id}`}>
                  {a.name}
                </a>
                <div class="small">
                  {a.warrantyExpires}{' '}
                  <span class={n <= 30 ? 'text-danger' : 'text-body-secondary'}>
                    ({n === 0 ? 'today' : `in ${plural(n, 'day')}`})
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {p.w.total > p.w.items.length ? (
        <div class="card-footer small">
          <a href={all}>All {p.w.total} ending warranties</a>
        </div>
      ) : null}
    </section>
  );
}

function ContactsCard(p: Props) {
  const c = p.company;
  return (
    <section class="card mb-4" aria-labelledby="contacts-title">
      <div class="card-header d-flex justify-content-between align-items-center">
        <h2 class="h6 mb-0" id="contacts-title">
          Contacts
        </h2>
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
          {/* On a phone the title, email and phone stack under the name instead of columns. */}
          <table class="table table-sm table-hover mb-0 align-middle">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" class="d-none d-md-table-cell">
                  Title
                </th>
                <th scope="col" class="d-none d-md-table-cell">
                  Email
                </th>
                <th scope="col" class="d-none d-md-table-cell">
                  Phone
                </th>
                <th scope="col" class="d-none d-lg-table-cell">
                  Portal
                </th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.contacts.map((k) => (
                <tr class={k.active ? '' : 'text-body-tertiary'}>
                  <td>
                    <span class="fw-semibold">{k.name}</span>
                    {k.active ? null : <span class="badge text-bg-secondary ms-2">inactive</span>}
                    {k.id === c.billingContactId ? (
                      <span class="badge text-bg-info ms-2">billing</span>
                    ) : null}
                    <div class="d-md-none small text-break">
                      {k.title ? <div class="text-body-secondary">{k.title}</div> : null}
                      {k.email ? (
                        <div>
                          <a href={`mailto:${k.email}`}>{k.email}</a>
                        </div>
                      ) : null}
                      {k.phone ? <div>{k.phone}</div> : null}
                    </div>
                  </td>
                  <td class="d-none d-md-table-cell">{k.title ?? ''}</td>
                  <td class="d-none d-md-table-cell">
                    {k.email ? <a href={`mailto:${k.email}`}>{k.email}</a> : ''}
                  </td>
                  <td class="text-nowrap d-none d-md-table-cell">{k.phone ?? ''}</td>
                  <td class="d-none d-lg-table-cell">{k.portalAccess ? 'Yes' : 'No'}</td>
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
    </section>
  );
}

function DetailsCard(p: Props) {
  const c = p.company;
  const billingContact = p.contacts.find((x) => x.id === c.billingContactId);
  return (
    <section class="card mb-4" aria-labelledby="details-title">
      <div class="card-header">
        <h2 class="h6 mb-0" id="details-title">
          Details
        </h2>
      </div>
      <div class="card-body">
        <dl class="row mb-0 small">
          <dt class="col-5">Main phone</dt>
          <dd class="col-7">{c.phone ?? '—'}</dd>
          <dt class="col-5">Email</dt>
          <dd class="col-7 text-break">
            {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'}
          </dd>
          <dt class="col-5">Website</dt>
          <dd class="col-7 text-break">
            {c.website ? (
              <a href={c.website} rel="noopener noreferrer" target="_blank">
                {c.website}
              </a>
            ) : (
              '—'
            )}
          </dd>
          <dt class="col-5">Billing contact</dt>
          <dd class="col-7">{billingContact ? billingContact.name : (c.email ?? '—')}</dd>
          <dt class="col-5">Billing day</dt>
          <dd class="col-7">{`${c.billingDay} of each month`}</dd>
          <dt class="col-5">Payment terms</dt>
          <dd class="col-7">{`Net ${c.paymentTermsDays}`}</dd>
          <dt class="col-5">Contract start</dt>
          <dd class="col-7">{c.contractStart ?? '—'}</dd>
          <dt class="col-5">Tax</dt>
          <dd class="col-7">{c.taxExempt ? 'Exempt' : 'Taxable'}</dd>
          <dt class="col-5">Billing address</dt>
          <dd class="col-7 text-pre-line">{c.billingAddress ?? '—'}</dd>
          <dt class="col-5">Notes</dt>
          <dd class="col-7 text-pre-line mb-0">{c.notes ?? '—'}</dd>
        </dl>
      </div>
    </section>
  );
}

export function CompanyPage(p: Props) {
  const c = p.company;
  const o = p.overview;
  const m = (cents: number) => formatMoney(cents, p.currency);
  const contract = <ContractLine company={c} overview={o} m={o.receivables ? m : null} />;
  const live = [
    o.workOrders ? <WorkOrdersCard companyId={c.id} wo={o.workOrders} today={o.today} /> : null,
    o.receivables ? <OverdueCard companyId={c.id} r={o.receivables} m={m} /> : null,
    o.warranties ? <WarrantyCard companyId={c.id} w={o.warranties} today={o.today} /> : null,
  ].filter(Boolean);
  const col = live.length === 3 ? 'col-md-6 col-xl-4' : 'col-md-6';
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
      {o.receivables ? (
        <BalanceCard
          companyId={c.id}
          r={o.receivables}
          m={m}
          canTakePayment={p.canTakePayment}
          contract={contract}
        />
      ) : (
        <div class="small mb-3">{contract}</div>
      )}
      <div class="row g-3 mb-4">
        {live.map((card) => (
          <div class={col}>{card}</div>
        ))}
      </div>
      <div class="row g-4">
        <div class="col-lg-8">
          <ContactsCard {...p} />
        </div>
        <div class="col-lg-4">
          <DetailsCard {...p} />
          {p.reminders}
          {p.canDeactivate ? (
            <div class="card border-danger-subtle mb-4">
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
      <section class="card mb-4" aria-labelledby="activity-title">
        <div class="card-header d-flex justify-content-between align-items-center">
          <h2 class="h6 mb-0" id="activity-title">
            Recent activity
          </h2>
          {p.canReadAudit ? (
            <a class="small" href={`/settings/audit?companyId=${c.id}`}>
              Full history
            </a>
          ) : null}
        </div>
        <ul class="list-group list-group-flush">
          {o.activity.length === 0 ? (
            <li class="list-group-item text-body-secondary">Nothing yet.</li>
          ) : null}
          {o.activity.map((a) => (
            <li class="list-group-item small d-flex flex-column flex-sm-row gap-sm-3" data-activity>
              <span class="text-body-secondary text-nowrap">{formatInstant(a.at, p.timeZone)}</span>
              <span>{a.sentence}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
