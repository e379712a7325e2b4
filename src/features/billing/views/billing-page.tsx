// The Billing page: run the monthly billing (as-of date, optional company filter, preview first),
// the preview table with each company's lines, the invoices a run created, and the recent runs.
import { EmptyState, PageHeader, Pager } from '../../../views/components.tsx';
import { formatMoney } from '../../../lib/money.ts';
import { formatInstant } from '../../../lib/dates.ts';
import { formatQuantity } from '../../invoices/totals.ts';
import type { CompanyPlan } from '../plan.ts';
import { formatPeriod } from '../periods.ts';
import type { BillingRun, RunInvoice } from '../queries.ts';

export type PreviewView = {
  plans: CompanyPlan[];
  page: number;
  pageSize: number;
  count: number;
  totalCents: number;
  subtotalCents: number;
  taxCents: number;
  alreadyBilled: number;
  companyIds: string[] | null;
};
export type BillingPageProps = {
  csrf: string;
  canRun: boolean;
  currency: string;
  today: string;
  /** The business time zone: run times are shown in it, like every other time in the app. */
  timeZone: string;
  asOf: string;
  companyQ: string;
  autoIssue: boolean;
  canEditSettings: boolean;
  preview: PreviewView | null;
  matches: { id: string; name: string }[] | null;
  runs: BillingRun[];
  runsTotal: number;
  runsPage: number;
  runsPageSize: number;
  shownRun: BillingRun | null;
  shownRunInvoices: RunInvoice[];
  error?: string;
  /** The cron pattern when this server runs scheduled billing, else null. */
  schedule: string | null;
};

/** At most this many companies match a name filter. */
export const MATCH_LIMIT = 100;

const TRIGGERS: Record<string, string> = {
  scheduler: 'Scheduler',
  cli: 'Command line',
  page: 'This page',
  api: 'API',
};

function IssueNote(p: { autoIssue: boolean; canEditSettings: boolean }) {
  const settings = p.canEditSettings ? (
    <>
      {' '}
      (<a href="/settings/invoices">invoice settings</a>)
    </>
  ) : null;
  return p.autoIssue ? (
    <p class="small mb-0">
      Invoices are <strong>issued and emailed</strong> at once when created{settings}.
    </p>
  ) : (
    <p class="small mb-0">
      Invoices are <strong>left as drafts</strong> for review; issue and send them from the invoice
      list{settings}.
    </p>
  );
}

function RunForm(p: BillingPageProps) {
  return (
    <form class="row g-2 align-items-end mb-3" method="get" action="/billing" role="search">
      <input type="hidden" name="preview" value="1" />
      <div class="col-auto">
        <label class="form-label small mb-1" for="f-asOf">
          Bill as of
        </label>
        <input
          class="form-control"
          type="date"
          id="f-asOf"
          name="asOf"
          value={p.asOf}
          required
          aria-describedby="f-asOf-help"
        />
      </div>
      <div class="col-sm-6 col-md-3">
        <label class="form-label small mb-1" for="f-companyQ">
          Only companies named
        </label>
        <input
          class="form-control"
          type="search"
          id="f-companyQ"
          name="companyQ"
          value={p.companyQ}
          placeholder="All companies"
        />
      </div>
      <div class="col-auto">
        <button class="btn btn-primary" type="submit">
          Preview
        </button>
      </div>
      <div class="form-text col-12" id="f-asOf-help">
        Each company is billed for the month starting on its latest billing day on or before this
        date (today in the business time zone is {p.today}). Nothing is created until you confirm.
      </div>
    </form>
  );
}

function PlanLines({ plan, currency }: { plan: CompanyPlan; currency: string }) {
  return (
    <details>
      <summary>
        {plan.lines.length} line{plan.lines.length === 1 ? '' : 's'}
      </summary>
      <table class="table table-sm mb-0 mt-1 billing-lines">
        <tbody>
          {plan.lines.map((l) => (
            <tr>
              <td>{l.description}</td>
              <td class="text-end text-nowrap">
                {formatQuantity(l.quantityThousandths)} × {formatMoney(l.unitPriceCents, currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Preview(p: BillingPageProps & { preview: PreviewView }) {
  const v = p.preview;
  const m = (c: number) => formatMoney(c, p.currency);
  const query = { preview: 1, asOf: p.asOf, companyQ: p.companyQ || undefined };
  if (v.count === 0) {
    return (
      <EmptyState title={`Nothing to bill as of ${p.asOf}`}>
        <p class="mb-0">
          {v.alreadyBilled
            ? `${v.alreadyBilled} compan${v.alreadyBilled === 1 ? 'y was' : 'ies were'} already billed for this period. `
            : ''}
          Companies need a monthly contract rate or service lines (on their Services tab), or
          ready-to-bill work when they bill work monthly.
        </p>
      </EmptyState>
    );
  }
  return (
    <section class="mb-4" aria-labelledby="preview-title">
      <h2 class="h5" id="preview-title">
        Preview as of {p.asOf}: {v.count} invoice{v.count === 1 ? '' : 's'}, {m(v.totalCents)}
      </h2>
      {v.alreadyBilled ? (
        <p class="small text-body-secondary">
          {v.alreadyBilled} compan{v.alreadyBilled === 1 ? 'y is' : 'ies are'} already billed for
          this period and left alone.
        </p>
      ) : null}
      <div class="table-responsive">
        <table class="table table-sm align-top">
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">Period</th>
              <th scope="col">Lines</th>
              <th scope="col" class="text-end">
                Subtotal
              </th>
              <th scope="col" class="text-end">
                Tax
              </th>
              <th scope="col" class="text-end">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {v.plans.map((plan) => (
              <tr>
                <td>
                  <a href={`/companies/${plan.companyId}/services`}>{plan.companyName}</a>
                </td>
                <td class="text-nowrap">{formatPeriod(plan.periodStart, plan.periodEnd)}</td>
                <td>
                  <PlanLines plan={plan} currency={p.currency} />
                </td>
                <td class="text-end">{m(plan.totals.subtotalCents)}</td>
                <td class="text-end">{m(plan.totals.taxCents)}</td>
                <td class="text-end fw-semibold">{m(plan.totals.totalCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="fw-semibold">
              <td colSpan={3}>All {v.count} invoices</td>
              <td class="text-end">{m(v.subtotalCents)}</td>
              <td class="text-end">{m(v.taxCents)}</td>
              <td class="text-end">{m(v.totalCents)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <Pager base="/billing" query={query} page={v.page} pageSize={v.pageSize} total={v.count} />
      {p.canRun ? (
        <form
          method="post"
          action="/billing/run"
          class="mt-3 d-flex flex-wrap align-items-center gap-3"
        >
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="asOf" value={p.asOf} />
          {v.companyIds?.map((id) => (
            <input type="hidden" name="companyIds" value={id} />
          ))}
          <button class="btn btn-primary" type="submit">
            Create {v.count} invoice{v.count === 1 ? '' : 's'}
          </button>
          <IssueNote autoIssue={p.autoIssue} canEditSettings={p.canEditSettings} />
        </form>
      ) : null}
    </section>
  );
}

function RunInvoices(p: {
  run: BillingRun;
  invoices: RunInvoice[];
  currency: string;
  timeZone: string;
}) {
  return (
    <section class="mb-4" aria-labelledby="run-title">
      <h2 class="h5" id="run-title">
        Run of {formatInstant(p.run.startedAt, p.timeZone)} (as of {p.run.asOf}):{' '}
        {p.run.invoicesCreated} invoice{p.run.invoicesCreated === 1 ? '' : 's'},{' '}
        {formatMoney(p.run.totalCents, p.currency)}
      </h2>
      {p.run.error ? (
        <div class="alert alert-danger small" role="alert">
          {p.run.error}
        </div>
      ) : null}
      {p.invoices.length === 0 ? (
        <p class="text-body-secondary">This run created no invoices.</p>
      ) : (
        <table class="table table-sm">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Company</th>
              <th scope="col">Status</th>
              <th scope="col" class="text-end">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {p.invoices.map((i) => (
              <tr>
                <td>
                  <a href={`/invoices/${i.id}`}>{i.number ?? 'Draft'}</a>
                </td>
                <td>{i.companyName}</td>
                <td>{i.status}</td>
                <td class="text-end">{formatMoney(i.totalCents, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScheduleNote({ schedule }: { schedule: string | null }) {
  return schedule ? (
    <>
      This server runs billing by itself on the schedule <code>{schedule}</code> (business time
      zone); each company is billed on its billing day.
    </>
  ) : (
    <>
      Scheduled billing is off on this server (SCHEDULER=off): run billing here or with{' '}
      <code>npx supporttracker billing run</code>.
    </>
  );
}

function RecentRuns(p: BillingPageProps) {
  if (p.runsTotal === 0)
    return (
      <p class="text-body-secondary">
        No billing runs yet. <ScheduleNote schedule={p.schedule} />
      </p>
    );
  return (
    <>
      <div class="table-responsive">
        <table class="table table-sm billing-runs">
          <thead>
            <tr>
              <th scope="col">As of</th>
              <th scope="col" class="d-none d-md-table-cell">
                Started
              </th>
              <th scope="col" class="d-none d-md-table-cell">
                From
              </th>
              <th scope="col" class="d-none d-md-table-cell">
                By
              </th>
              <th scope="col" class="d-none d-md-table-cell">
                Status
              </th>
              <th scope="col" class="text-end">
                Invoices
              </th>
              <th scope="col" class="text-end">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {p.runs.map((r) => (
              <tr class={r.status === 'failed' ? 'table-danger' : undefined}>
                <td class="text-nowrap">
                  <a href={`/billing?run=${r.id}`}>{r.asOf}</a>
                  {/* On a phone the status column is hidden: only a run that did not complete says so. */}
                  {r.status === 'completed' ? null : (
                    <div class="d-md-none small text-wrap">{r.status}</div>
                  )}
                </td>
                <td class="d-none d-md-table-cell">{formatInstant(r.startedAt, p.timeZone)}</td>
                <td class="d-none d-md-table-cell">{TRIGGERS[r.triggeredBy] ?? r.triggeredBy}</td>
                <td class="d-none d-md-table-cell">{r.actorLabel}</td>
                <td class="d-none d-md-table-cell" title={r.error ?? undefined}>
                  {r.status}
                  {r.error ? ` — ${r.error.slice(0, 80)}` : ''}
                </td>
                <td class="text-end">{r.invoicesCreated}</td>
                <td class="text-end">{formatMoney(r.totalCents, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* While a preview is shown, its table owns the page parameter. */}
      {p.preview ? null : (
        <Pager
          base="/billing"
          query={{}}
          page={p.runsPage}
          pageSize={p.runsPageSize}
          total={p.runsTotal}
        />
      )}
    </>
  );
}

export function BillingPage(p: BillingPageProps) {
  return (
    <>
      <PageHeader
        title="Billing"
        subtitle="Monthly invoices for contracts, recurring services and ready-to-bill work"
      >
        <a class="btn btn-sm btn-outline-secondary" href="/invoices">
          Invoices
        </a>
      </PageHeader>
      {p.canRun ? (
        <section class="mb-4" aria-labelledby="run-billing">
          <h2 class="h5" id="run-billing">
            Run billing
          </h2>
          <RunForm {...p} />
          {p.error ? (
            <div class="alert alert-danger" role="alert">
              {p.error}
            </div>
          ) : null}
          {!p.preview ? (
            <IssueNote autoIssue={p.autoIssue} canEditSettings={p.canEditSettings} />
          ) : null}
        </section>
      ) : null}
      {p.matches && p.matches.length === 0 ? (
        <div class="alert alert-warning" role="alert">
          No active company’s name contains “{p.companyQ}”.
        </div>
      ) : null}
      {p.matches && p.matches.length >= MATCH_LIMIT ? (
        <div class="alert alert-warning" role="alert">
          Only the first {MATCH_LIMIT} companies whose name contains “{p.companyQ}” are included;
          type more of the name to narrow it, or clear it to bill everyone.
        </div>
      ) : null}
      {p.preview ? <Preview {...p} preview={p.preview} /> : null}
      {p.shownRun ? (
        <RunInvoices
          run={p.shownRun}
          invoices={p.shownRunInvoices}
          currency={p.currency}
          timeZone={p.timeZone}
        />
      ) : null}
      <section aria-labelledby="recent-runs">
        <h2 class="h5" id="recent-runs">
          Recent runs
        </h2>
        <RecentRuns {...p} />
        {p.runsTotal ? (
          <p class="small text-body-secondary">
            <ScheduleNote schedule={p.schedule} />
          </p>
        ) : null}
      </section>
    </>
  );
}
