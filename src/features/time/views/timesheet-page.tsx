// A technician's weekly timesheet: per day billable and non-billable time with the week's totals.
import { PageHeader } from '../../../views/components.tsx';
import type { Timesheet } from '../timesheet.ts';
import { formatDuration } from '../../../lib/duration.ts';
import { Money } from './format.tsx';

export function TimesheetPage(p: Timesheet & { currency: string }) {
  const link = (week: string) =>
    `/time/timesheet?user=${encodeURIComponent(p.user.id)}&week=${week}`;
  return (
    <>
      <PageHeader title={`Timesheet · ${p.user.name}`} subtitle={`Week of ${p.week}`}>
        <a class="btn btn-outline-secondary btn-sm" href={link(p.prevWeek)}>
          ← Previous week
        </a>
        <a class="btn btn-outline-secondary btn-sm" href={link(p.nextWeek)}>
          Next week →
        </a>
      </PageHeader>
      <form method="get" action="/time/timesheet" class="d-flex flex-wrap gap-2 mb-3">
        <select name="user" class="form-select w-auto" aria-label="Technician">
          {p.staff.map((s) => (
            <option value={s.id} selected={s.id === p.user.id}>
              {s.name}
            </option>
          ))}
        </select>
        <input
          type="date"
          name="week"
          value={p.week}
          class="form-control w-auto"
          aria-label="Week"
        />
        <button type="submit" class="btn btn-outline-primary">
          Show
        </button>
      </form>
      <div class="table-responsive">
        <table class="table table-sm align-middle timesheet">
          <thead>
            <tr>
              <th>Day</th>
              <th class="text-end">Billable</th>
              <th class="text-end d-none d-md-table-cell">Non-billable</th>
              <th class="text-end">Total</th>
              <th class="text-end d-none d-md-table-cell">Billable amount</th>
              <th>Entries</th>
            </tr>
          </thead>
          <tbody>
            {p.days.map((d) => (
              <tr>
                <td class="text-nowrap">{d.date}</td>
                <td class="text-end">{formatDuration(d.billableMinutes)}</td>
                <td class="text-end d-none d-md-table-cell">
                  {formatDuration(d.nonBillableMinutes)}
                </td>
                <td class="text-end">{formatDuration(d.billableMinutes + d.nonBillableMinutes)}</td>
                <td class="text-end d-none d-md-table-cell">
                  <Money cents={d.billableCents} currency={p.currency} />
                </td>
                <td>
                  {d.entries.map((e) => (
                    <div>
                      <a href={`/work-orders/${e.workOrderId}/time`}>{e.description ?? 'Time'}</a>{' '}
                      <span class="text-body-secondary">{formatDuration(e.minutes)}</span>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="fw-semibold">
              <td>Week</td>
              <td class="text-end">{formatDuration(p.totals.billableMinutes)}</td>
              <td class="text-end d-none d-md-table-cell">
                {formatDuration(p.totals.nonBillableMinutes)}
              </td>
              <td class="text-end">{formatDuration(p.totals.minutes)}</td>
              <td class="text-end d-none d-md-table-cell">
                <Money cents={p.totals.billableCents} currency={p.currency} />
              </td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
