// Reminder pages: the settings form, the reminder log, and the pause control for a company page.
import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Pager,
  Select,
  EmptyState,
  withQuery,
} from '../../../views/components.tsx';
import {
  PLACEHOLDERS,
  TEMPLATE_KINDS,
  TEMPLATE_LABELS,
  stepLabel,
  stepOffset,
} from '../settings.ts';
import type { ReminderLogRow } from '../queries.ts';

export function ReminderSettingsPage(p: {
  values: Record<string, string>;
  errors: Record<string, string>;
  csrf: string;
  steps: number[];
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <PageHeader
        title="Payment reminders"
        subtitle="Emails sent automatically to the billing contact about issued invoices with a balance"
      />
      <FormErrorSummary errors={e} />
      <form method="post" action="/settings/reminders" class="row g-4">
        <CsrfField token={p.csrf} />
        <div class="col-lg-5">
          <h2 class="h6">Schedule</h2>
          <Checkbox
            name="enabled"
            label="Send payment reminders automatically"
            checked={Boolean(v.enabled)}
            help="Off until you have read the wording below. Each step is sent at most once per invoice; a company can be paused from its page."
          />
          <Field
            name="steps"
            label="Steps (days from the due date)"
            value={v.steps}
            error={e.steps}
            required
            help="Negative = before the due date, 0 = on the due date, positive = days overdue. When a run finds several steps due, it sends only the latest and skips the older ones."
          />
          <p class="small text-body-secondary">Currently: {p.steps.map(stepLabel).join(' · ')}</p>
          <h2 class="h6 mt-4">Late fee</h2>
          <Checkbox
            name="lateFeeEnabled"
            label="Charge a late fee on overdue invoices"
            checked={Boolean(v.lateFeeEnabled)}
            help="Off by default. Billed once per invoice and rule, as its own issued invoice."
          />
          <Field
            name="lateFeeRule"
            label="Rule name"
            value={v.lateFeeRule}
            error={e.lateFeeRule}
            help="A fee is charged at most once per invoice under each rule name."
          />
          <Select
            name="lateFeeMode"
            label="Fee"
            value={v.lateFeeMode}
            error={e.lateFeeMode}
            options={[
              ['flat', 'A flat amount'],
              ['percent', 'A percentage of the overdue balance'],
            ]}
          />
          <div class="row">
            <div class="col">
              <Field
                name="lateFeeFlat"
                label="Flat amount"
                value={v.lateFeeFlat}
                error={e.lateFeeFlat}
              />
            </div>
            <div class="col">
              <Field
                name="lateFeePercent"
                label="Percentage (%)"
                value={v.lateFeePercent}
                error={e.lateFeePercent}
              />
            </div>
          </div>
          <Field
            name="lateFeeAfterDays"
            label="After how many days overdue"
            type="number"
            value={v.lateFeeAfterDays}
            error={e.lateFeeAfterDays}
          />
          <Field
            name="lateFeeEffectiveFrom"
            label="Only invoices due on or after"
            type="date"
            value={v.lateFeeEffectiveFrom}
            error={e.lateFeeEffectiveFrom}
            help="Empty: from the day you switch the fee on, so older invoices are not charged."
          />
        </div>
        <div class="col-lg-7">
          <h2 class="h6">Wording</h2>
          <p class="small text-body-secondary">
            Placeholders:{' '}
            {PLACEHOLDERS.map((x) => (
              <code class="me-2">{x}</code>
            ))}{' '}
            — a line containing {'{paymentLink}'} is left out when no online payment link is set.
            The invoice PDF is attached.
          </p>
          {TEMPLATE_KINDS.map((k) => (
            <fieldset class="border rounded p-3 mb-3">
              <legend class="h6 float-none w-auto px-1 mb-0">{TEMPLATE_LABELS[k]}</legend>
              <Field
                name={`${k}Subject`}
                label="Subject"
                value={v[`${k}Subject`]}
                error={e[`${k}Subject`]}
                required
              />
              <Field
                name={`${k}Body`}
                label="Message"
                value={v[`${k}Body`]}
                error={e[`${k}Body`]}
                textarea
                required
                attrs={{ rows: 7 }}
              />
            </fieldset>
          ))}
        </div>
        <div class="col-12">
          <button class="btn btn-primary" type="submit">
            Save
          </button>{' '}
          <a class="btn btn-link" href="/reports/reminders">
            Reminder log
          </a>
        </div>
      </form>
    </>
  );
}

const STATUS_CLASS: Record<string, string> = {
  sent: 'text-bg-success',
  logged: 'text-bg-secondary',
  failed: 'text-bg-danger',
  skipped: 'text-bg-light',
  sending: 'text-bg-warning',
};

/** A send takes seconds; a row still "sending" this long after its claim was cut off (the server stopped mid-send). */
export const INTERRUPTED_AFTER_MS = 15 * 60_000;

function StatusBadge(p: { status: string; createdAt: string; now: number }) {
  if (p.status === 'sending' && p.now - Date.parse(p.createdAt) > INTERRUPTED_AFTER_MS) {
    return (
      <span
        class="badge text-bg-warning"
        title="The server stopped while sending this reminder. It may or may not have gone out: check the email log, and send it by hand if needed. It is not retried by itself."
      >
        interrupted
      </span>
    );
  }
  return <span class={`badge ${STATUS_CLASS[p.status] ?? 'text-bg-light'}`}>{p.status}</span>;
}

export function ReminderLogPage(p: {
  items: ReminderLogRow[];
  total: number;
  query: { companyId?: string; status?: string; page: number; size: number };
  companyName: string | null;
  formatTime: (iso: string) => string;
  now?: number;
}) {
  const now = p.now ?? Date.now();
  const q = {
    companyId: p.query.companyId,
    status: p.query.status,
    size: p.query.size === 50 ? undefined : p.query.size,
  };
  return (
    <>
      <PageHeader
        title="Payment reminders"
        subtitle={p.companyName ? `For ${p.companyName}` : 'All companies, newest first'}
      >
        {p.companyName ? (
          <a
            class="btn btn-sm btn-outline-secondary"
            href={withQuery('/reports/reminders', { status: q.status }, {})}
          >
            All companies
          </a>
        ) : null}
      </PageHeader>
      <form class="row g-2 align-items-end mb-3" method="get" action="/reports/reminders">
        {q.companyId ? <input type="hidden" name="companyId" value={q.companyId} /> : null}
        <div class="col-auto">
          <label class="form-label small mb-0" for="f-status">
            Status
          </label>
          <select class="form-select form-select-sm" id="f-status" name="status">
            {[
              ['', 'Any'],
              ['sent', 'Sent'],
              ['logged', 'Logged (no SMTP)'],
              ['failed', 'Failed'],
              ['skipped', 'Skipped'],
              ['sending', 'Sending or interrupted'],
            ].map(([val, label]) => (
              <option value={val} selected={(q.status ?? '') === val}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="col-auto">
          <button class="btn btn-sm btn-primary" type="submit">
            Filter
          </button>
        </div>
      </form>
      {p.items.length === 0 ? (
        <EmptyState title="No reminders yet">
          <p class="small mb-0">
            Reminders appear here once the daily run sends them.{' '}
            <a href="/settings/reminders">Reminder settings</a>
          </p>
        </EmptyState>
      ) : (
        <>
          <table class="table table-sm table-hover align-middle">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Company</th>
                <th scope="col">Invoice</th>
                <th scope="col">Step</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((r) => {
                const off = stepOffset(r.step);
                return (
                  <tr>
                    <td class="text-nowrap">{p.formatTime(r.createdAt)}</td>
                    <td>
                      <a
                        href={withQuery(
                          '/reports/reminders',
                          { companyId: r.companyId, status: q.status },
                          {},
                        )}
                      >
                        {r.companyName}
                      </a>
                    </td>
                    <td>
                      <a href={`/invoices/${r.invoiceId}`}>{r.number}</a>
                    </td>
                    <td>{off === null ? r.step : stepLabel(off)}</td>
                    <td>{r.to ?? '—'}</td>
                    <td>
                      <StatusBadge status={r.status} createdAt={r.createdAt} now={now} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager
            base="/reports/reminders"
            query={q}
            page={p.query.page}
            pageSize={p.query.size}
            total={p.total}
          />
        </>
      )}
    </>
  );
}

/** Pause or resume a company's reminders (for the company page; the lead places it). */
export function ReminderPauseControl(p: {
  companyId: string;
  paused: boolean;
  reason: string | null;
  csrf: string;
  canWrite: boolean;
  error?: string;
}) {
  return (
    <section class="card mb-3" aria-labelledby="reminders-title">
      <div class="card-body py-2">
        <h2 class="h6" id="reminders-title">
          Payment reminders
        </h2>
        {p.paused ? (
          <p class="mb-2">
            <span class="badge text-bg-warning">Paused</span> {p.reason}
          </p>
        ) : (
          <p class="mb-2 small text-body-secondary">
            Automatic reminders are sent for this company's invoices.{' '}
            <a href={`/reports/reminders?companyId=${p.companyId}`}>Log</a>
          </p>
        )}
        {!p.canWrite ? null : p.paused ? (
          <form method="post" action={`/companies/${p.companyId}/reminders/resume`}>
            <CsrfField token={p.csrf} />
            <button class="btn btn-sm btn-outline-primary" type="submit">
              Resume reminders
            </button>
          </form>
        ) : (
          <form
            method="post"
            action={`/companies/${p.companyId}/reminders/pause`}
            class="d-flex gap-2 align-items-start"
          >
            <CsrfField token={p.csrf} />
            <div class="flex-grow-1">
              <label class="visually-hidden" for="f-pause-reason">
                Reason
              </label>
              <input
                class={`form-control form-control-sm${p.error ? ' is-invalid' : ''}`}
                id="f-pause-reason"
                name="reason"
                placeholder="Reason, e.g. invoice disputed"
                maxLength={500}
                required
              />
              {p.error ? <div class="invalid-feedback">{p.error}</div> : null}
            </div>
            <button class="btn btn-sm btn-outline-warning" type="submit">
              Pause
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
