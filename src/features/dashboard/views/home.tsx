// The office dashboard (the home of admin, billing and read-only staff unless they pick "My work"):
// what needs attention, each figure a link to the list that makes it up (UX.md 4). Colour only where
// something is wrong (UX.md 2). A user with open work assigned gets a link to "My work".
import type { ComponentChildren } from 'preact';
import { formatMoney } from '../../../lib/money.ts';
import { PageHeader } from '../../../views/components.tsx';
import type { MoneyFigures, WorkFigures } from '../queries.ts';
import { HomeSwitch, type HomeSwitchProps } from './home-switch.tsx';

export type HomeProps = {
  name: string;
  currency: string;
  work: WorkFigures | null;
  money: MoneyFigures | null;
  estate: { activeCompanies: number; warrantiesEnding: number; warrantyDays: number };
  actions: { href: string; label: string }[];
  home: HomeSwitchProps;
};

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function Tile(p: {
  href: string;
  label: string;
  value: string;
  detail?: string;
  alert?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <div class="col-sm-6 col-lg-3">
      <a class={`card text-decoration-none h-100${p.alert ? ' border-danger' : ''}`} href={p.href}>
        <div class="card-body">
          <div class="text-body-secondary small">{p.label}</div>
          <div class={`fs-3 fw-semibold${p.alert ? ' text-danger' : ''}`}>{p.value}</div>
          {p.detail ? <div class="small text-body-secondary">{p.detail}</div> : null}
        </div>
      </a>
    </div>
  );
}

export function HomePage(p: HomeProps) {
  const m = p.money;
  const w = p.work;
  return (
    <>
      <PageHeader title={`Hello, ${p.name}`}>
        {p.actions.map((a, i) => (
          <a
            class={`btn btn-sm ${i === 0 ? 'btn-primary' : 'btn-outline-secondary'}`}
            href={a.href}
          >
            {a.label}
          </a>
        ))}
      </PageHeader>
      <HomeSwitch {...p.home} />
      {m ? (
        <section class="mb-4" aria-labelledby="home-money">
          <h2 class="h6 text-body-secondary text-uppercase" id="home-money">
            Receivables
          </h2>
          <div class="row g-3">
            <Tile
              href="/invoices?status=overdue"
              label="Overdue"
              value={formatMoney(m.overdueCents, p.currency)}
              detail={count(m.overdueCount, 'invoice', 'invoices')}
              alert={m.overdueCount > 0}
            />
            <Tile
              href="/invoices?status=open"
              label="Open invoices"
              value={formatMoney(m.openCents, p.currency)}
              detail={count(m.openCount, 'invoice', 'invoices')}
            />
            <Tile
              href="/payments?status=unapplied"
              label="Unapplied credit"
              value={formatMoney(m.creditCents, p.currency)}
              detail={count(m.creditCount, 'payment', 'payments')}
            />
            <Tile
              href="/invoices?status=draft"
              label="Drafts to review"
              value={m.drafts.toLocaleString('en-US')}
              detail={m.drafts ? 'not yet issued' : 'nothing waiting'}
            />
          </div>
        </section>
      ) : null}
      {w ? (
        <section class="mb-4" aria-labelledby="home-work">
          <h2 class="h6 text-body-secondary text-uppercase" id="home-work">
            Work
          </h2>
          <div class="row g-3">
            <Tile
              href="/work-orders?status=open&overdue=1"
              label="Overdue work orders"
              value={w.overdue.toLocaleString('en-US')}
              detail="open and past their due date"
              alert={w.overdue > 0}
            />
            <Tile
              href="/work-orders?status=open&assignedTo=none"
              label="Unassigned"
              value={w.unassigned.toLocaleString('en-US')}
              detail="open, nobody assigned"
            />
            <Tile
              href="/work-orders?status=open"
              label="Open work orders"
              value={w.open.toLocaleString('en-US')}
            />
            <Tile
              href="/assets/warranty"
              label="Warranties ending"
              value={p.estate.warrantiesEnding.toLocaleString('en-US')}
              detail={`in the next ${p.estate.warrantyDays} days`}
            />
          </div>
        </section>
      ) : null}
      <section aria-labelledby="home-customers">
        <h2 class="h6 text-body-secondary text-uppercase" id="home-customers">
          Customers
        </h2>
        <div class="row g-3">
          <Tile
            href="/companies"
            label="Active companies"
            value={p.estate.activeCompanies.toLocaleString('en-US')}
          />
        </div>
      </section>
    </>
  );
}
