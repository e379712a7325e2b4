// The portal home: the company's open balance and open work orders for contacts with the matching
// flag, each figure a link once its section exists (nav.ts), and the account for everyone.
import { formatMoney } from '../../../lib/money.ts';
import type { HomeFigures } from '../home-service.ts';
import { sectionHref } from './nav.ts';

function Figure(p: {
  label: string;
  value: string;
  href: string | null;
  note?: string;
  alert?: boolean;
}) {
  const body = (
    <>
      <span class="portal-figure-label">{p.label}</span>
      <span class={`portal-figure-value${p.alert ? ' text-danger' : ''}`}>{p.value}</span>
      {p.note ? <span class="portal-figure-note">{p.note}</span> : null}
    </>
  );
  return p.href ? (
    <a class="portal-figure card" href={p.href}>
      {body}
    </a>
  ) : (
    <div class="portal-figure card">{body}</div>
  );
}

export function PortalHomePage({ home }: { home: HomeFigures }) {
  const { flags } = home;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <>
      <h1 class="h3 mb-1">Hello, {home.contactName}</h1>
      <p class="text-body-secondary mb-3">{home.companyName}</p>
      {home.billing || home.openWorkOrders !== null ? (
        <div class="portal-figures">
          {home.billing ? (
            <>
              <Figure
                label="Balance due"
                value={formatMoney(home.billing.balanceCents, home.currency)}
                href={sectionHref('invoices', flags)}
                note={
                  home.billing.openInvoices === 0
                    ? 'Nothing to pay. Thank you!'
                    : plural(home.billing.openInvoices, 'open invoice', 'open invoices')
                }
              />
              <Figure
                label="Overdue"
                value={formatMoney(home.billing.overdueCents, home.currency)}
                href={sectionHref('invoices', flags)}
                alert={home.billing.overdueCents > 0}
                note={home.billing.overdueCents > 0 ? 'Past its due date' : 'Nothing overdue'}
              />
            </>
          ) : null}
          {home.openWorkOrders !== null ? (
            <Figure
              label="Open work orders"
              value={String(home.openWorkOrders)}
              href={sectionHref('work-orders', flags)}
              note="Requests we are working on"
            />
          ) : null}
          {home.billing && home.billing.balanceCents > 0 ? (
            <a class="btn btn-primary btn-lg align-self-start" href="/portal/payments#pay-balance">
              Pay balance
            </a>
          ) : null}
        </div>
      ) : (
        <div class="card">
          <div class="card-body">
            <p class="mb-2">
              Your account is set up. Invoices and work orders are not shared with this login; ask
              us if you need them.
            </p>
            <a href="/portal/account">See and change your details</a>
          </div>
        </div>
      )}
    </>
  );
}
