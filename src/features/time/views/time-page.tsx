// The work order's Time tab: the signed-in technician's timer (with a description; the other tabs
// have a compact one in the header), every entry with its billed time and amount, the work order's
// totals, and the full manual entry form. Cost and margin only for roles that see money
// (billing.read); durations as h:mm (lib/duration.ts).
import {
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  Select,
} from '../../../views/components.tsx';
import {
  WorkOrderHeader,
  woNumber,
  type WorkOrderHeading,
} from '../../work-orders/views/header.tsx';
import type { TimeEntry } from '../queries.ts';
import type { WorkOrderTotals } from '../totals.ts';
import { formatDuration } from '../../../lib/duration.ts';
import { elapsedMinutes } from '../../work-orders/views/header.tsx';
import { Money } from './format.tsx';

export type RunningTimer = { entry: TimeEntry; workOrderNumber: number };
export type TimePageProps = {
  wo: WorkOrderHeading;
  entries: TimeEntry[];
  totals: WorkOrderTotals;
  running: RunningTimer | null;
  currency: string;
  csrf: string;
  canLog: boolean;
  /** billing.read: cost and margin are shown. */
  showMoney: boolean;
  /** Now (ISO), for the running timer's elapsed time before the script ticks it. */
  now: string;
  staff: { id: string; name: string }[] | null;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
};

function TimerCard(p: Pick<TimePageProps, 'wo' | 'running' | 'csrf' | 'now'>) {
  const here = p.running && p.running.entry.workOrderId === p.wo.id;
  return (
    <div class="card mb-3">
      <div class="card-body d-flex flex-wrap align-items-center gap-3">
        {here ? (
          <>
            <span class="fs-4 font-monospace" data-timer-start={p.running!.entry.startedAt ?? ''}>
              {formatDuration(elapsedMinutes(p.running!.entry.startedAt, p.now))}
            </span>
            <span class="text-body-secondary">
              Timer started {p.running!.entry.startedAt?.slice(11, 16)} UTC
            </span>
            <form method="post" action={`/work-orders/${p.wo.id}/timer/stop`}>
              <CsrfField token={p.csrf} />
              <button type="submit" class="btn btn-danger">
                Stop timer
              </button>
            </form>
          </>
        ) : p.running ? (
          <span>
            Your timer is running on{' '}
            <a href={`/work-orders/${p.running.entry.workOrderId}/time`}>
              {woNumber(p.running.workOrderNumber)}
            </a>
            . Stop it there before starting one here.
          </span>
        ) : (
          <form
            method="post"
            action={`/work-orders/${p.wo.id}/timer/start`}
            class="d-flex gap-2 align-items-center"
          >
            <CsrfField token={p.csrf} />
            <input
              class="form-control"
              name="description"
              placeholder="What are you working on? (optional)"
              aria-label="Timer description"
            />
            <button type="submit" class="btn btn-success text-nowrap">
              Start timer
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

function Totals({
  t,
  currency,
  showMoney,
}: {
  t: WorkOrderTotals;
  currency: string;
  showMoney: boolean;
}) {
  return (
    <dl class="row mb-3 time-totals">
      <dt class="col-sm-3">Time</dt>
      <dd class="col-sm-9">
        {formatDuration(t.minutes)} ({formatDuration(t.billableMinutes)} billable)
      </dd>
      <dt class="col-sm-3">Billable</dt>
      <dd class="col-sm-9">
        <Money cents={t.revenueCents} currency={currency} /> (time{' '}
        <Money cents={t.timeRevenueCents} currency={currency} />, parts{' '}
        <Money cents={t.partsRevenueCents} currency={currency} />)
      </dd>
      {showMoney ? (
        <>
          <dt class="col-sm-3">Cost</dt>
          <dd class="col-sm-9">
            <Money cents={t.costCents} currency={currency} />
          </dd>
          <dt class="col-sm-3">Margin</dt>
          <dd class={`col-sm-9${t.marginCents < 0 ? ' text-danger' : ''}`}>
            <Money cents={t.marginCents} currency={currency} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function TimePage(p: TimePageProps) {
  return (
    <>
      <script src="/public/time.js" defer></script>
      <WorkOrderHeader
        wo={p.wo}
        active="time"
        actions={
          <a class="btn btn-outline-secondary btn-sm" href="/time/timesheet">
            My timesheet
          </a>
        }
      />
      {p.canLog ? <TimerCard wo={p.wo} running={p.running} csrf={p.csrf} now={p.now} /> : null}
      <Totals t={p.totals} currency={p.currency} showMoney={p.showMoney} />
      {p.entries.length === 0 ? (
        <EmptyState title="No time logged yet">
          {p.canLog ? <p>Start the timer or add an entry below.</p> : null}
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th>Date</th>
                <th class="d-none d-md-table-cell">Technician</th>
                <th>Description</th>
                <th class="text-end">Time</th>
                <th class="d-none d-sm-table-cell">Billable</th>
                <th class="text-end">Amount</th>
                {p.showMoney ? <th class="text-end d-none d-md-table-cell">Cost</th> : null}
                <th></th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr>
                  <td class="text-nowrap">{e.workDate}</td>
                  <td class="d-none d-md-table-cell">{e.userName}</td>
                  <td>{e.description ?? ''}</td>
                  <td class="text-end">
                    {e.running ? (
                      <span class="badge text-bg-success">running</span>
                    ) : (
                      <span title={`${formatDuration(e.minutesRaw)} worked`}>
                        {formatDuration(e.minutes)}
                      </span>
                    )}
                  </td>
                  <td class="d-none d-sm-table-cell">{e.billable ? 'Billable' : 'Not billable'}</td>
                  <td class="text-end">
                    <Money cents={e.billableCents} currency={p.currency} />
                  </td>
                  {p.showMoney ? (
                    <td class="text-end d-none d-md-table-cell">
                      <Money cents={e.costCents} currency={p.currency} />
                    </td>
                  ) : null}
                  <td class="text-end">
                    {e.invoiceId ? (
                      <span class="badge text-bg-light">Invoiced</span>
                    ) : p.canLog && !e.running ? (
                      <div class="d-flex gap-2 justify-content-end">
                        <a
                          class="btn btn-link btn-sm p-0"
                          href={`/work-orders/${p.wo.id}/time/${e.id}/edit`}
                        >
                          Edit
                        </a>
                        <form method="post" action={`/work-orders/${p.wo.id}/time/${e.id}/delete`}>
                          <CsrfField token={p.csrf} />
                          <button type="submit" class="btn btn-link btn-sm text-danger p-0">
                            Delete
                          </button>
                        </form>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.canLog ? (
        <form
          method="post"
          action={`/work-orders/${p.wo.id}/time`}
          class="card card-body"
          novalidate
        >
          <h2 class="h5">Add time</h2>
          <CsrfField token={p.csrf} />
          <FormErrorSummary errors={p.errors} />
          <div class="row">
            <div class="col-md-3">
              <Field
                name="workDate"
                label="Date"
                type="date"
                value={p.values.workDate}
                error={p.errors.workDate}
                required
              />
            </div>
            <div class="col-md-2">
              <Field
                name="startTime"
                label="Start"
                value={p.values.startTime}
                error={p.errors.startTime}
                attrs={{ placeholder: '09:00' }}
              />
            </div>
            <div class="col-md-2">
              <Field
                name="endTime"
                label="End"
                value={p.values.endTime}
                error={p.errors.endTime}
                attrs={{ placeholder: '10:30' }}
              />
            </div>
            <div class="col-md-2">
              <Field
                name="duration"
                label="or duration"
                value={p.values.duration}
                error={p.errors.minutes}
                help="30, 1:30 or 1.5h"
              />
            </div>
            {p.staff ? (
              <div class="col-md-3">
                <Select
                  name="userId"
                  label="Technician"
                  value={p.values.userId}
                  options={p.staff.map((s) => [s.id, s.name])}
                  error={p.errors.userId}
                />
              </div>
            ) : null}
          </div>
          <Field
            name="description"
            label="Description"
            value={p.values.description}
            error={p.errors.description}
            textarea
          />
          <Select
            name="billable"
            label="Billing"
            value={p.values.billable ?? ''}
            options={[
              ['', 'As the work order (default)'],
              ['true', 'Billable'],
              ['false', 'Not billable'],
            ]}
            error={p.errors.billable}
          />
          <div>
            <button type="submit" class="btn btn-primary">
              Add time
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
