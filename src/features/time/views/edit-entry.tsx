// Correcting one time entry: date, worked duration (rounded again on save), description, billable.
import { CsrfField, Field, FormErrorSummary, Select } from '../../../views/components.tsx';
import { WorkOrderHeader, type WorkOrderHeading } from '../../work-orders/views/header.tsx';
import { formatDuration } from '../../../lib/duration.ts';
import type { TimeEntry } from '../queries.ts';

export const entryToForm = (e: TimeEntry) => ({
  workDate: e.workDate,
  duration: formatDuration(e.minutesRaw),
  description: e.description ?? '',
  billable: String(e.billable),
});

export function EditEntryPage(p: {
  wo: WorkOrderHeading;
  entry: TimeEntry;
  csrf: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
}) {
  return (
    <>
      <WorkOrderHeader wo={p.wo} active="time" />
      <form
        method="post"
        action={`/work-orders/${p.wo.id}/time/${p.entry.id}`}
        class="card card-body"
        novalidate
      >
        <h2 class="h5">Change {p.entry.userName}’s entry</h2>
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={p.errors} />
        <div class="row">
          <div class="col-md-4">
            <Field
              name="workDate"
              label="Date"
              type="date"
              value={p.values.workDate}
              error={p.errors.workDate}
              required
            />
          </div>
          <div class="col-md-4">
            <Field
              name="duration"
              label="Time worked"
              value={p.values.duration}
              error={p.errors.minutes}
              help="30, 1:30 or 1.5h; rounded by the billing settings"
            />
          </div>
          <div class="col-md-4">
            <Select
              name="billable"
              label="Billing"
              value={p.values.billable}
              options={[
                ['true', 'Billable'],
                ['false', 'Not billable'],
              ]}
              error={p.errors.billable}
            />
          </div>
        </div>
        <Field
          name="description"
          label="Description"
          value={p.values.description}
          error={p.errors.description}
          textarea
        />
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-primary">
            Save
          </button>
          <a class="btn btn-link" href={`/work-orders/${p.wo.id}/time`}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
