import {
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  Select,
} from '../../../views/components.tsx';
import { formatDuration } from '../../../lib/duration.ts';
import type { ServiceRecord } from '../service-records.ts';
import { AssetHeader, type AssetHeading } from './header.tsx';

// Durations read as h:mm everywhere (src/lib/duration.ts); no time recorded is a dash.
const hours = (m: number) => (m === 0 ? '—' : formatDuration(m));

type Props = {
  asset: AssetHeading;
  records: ServiceRecord[];
  olderHref: string | null;
  canWrite: boolean;
  csrf: string;
  staff: { id: string; name: string }[];
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
};

export function ServiceRecordsPage(p: Props) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <AssetHeader asset={p.asset} active="service" />
      <div class="row g-4">
        <div class="col-lg-8">
          {p.records.length === 0 ? (
            <EmptyState title="No service records yet.">
              {p.canWrite ? (
                <p class="small mb-0">Add what was done, when and how long it took.</p>
              ) : null}
            </EmptyState>
          ) : (
            <div class="table-responsive">
              <table class="table table-sm align-middle">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">What was done</th>
                    <th scope="col">By</th>
                    <th scope="col" class="text-end">
                      Time
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.records.map((r) => (
                    <tr>
                      <td class="text-nowrap">{r.performedOn}</td>
                      <td class="text-pre-line">
                        {r.description}
                        {r.workOrderId ? (
                          <span class="badge text-bg-light ms-2">work order</span>
                        ) : null}
                      </td>
                      <td class="text-nowrap">{r.performedByName}</td>
                      <td class="text-end text-nowrap">{hours(r.minutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.olderHref ? (
            <a class="btn btn-sm btn-outline-secondary" href={p.olderHref}>
              Older records
            </a>
          ) : null}
        </div>
        {p.canWrite ? (
          <div class="col-lg-4">
            <div class="card">
              <div class="card-body">
                <h2 class="h6">Add a service record</h2>
                <FormErrorSummary errors={e} />
                <form method="post" action={`/assets/${p.asset.id}/service`} novalidate>
                  <CsrfField token={p.csrf} />
                  <Field
                    name="performedOn"
                    label="Date"
                    type="date"
                    value={v.performedOn}
                    required
                    error={e.performedOn}
                  />
                  <Field
                    name="description"
                    label="What was done"
                    value={v.description}
                    required
                    error={e.description}
                    textarea
                  />
                  <Field
                    name="minutes"
                    label="Time spent (minutes)"
                    type="number"
                    value={v.minutes}
                    error={e.minutes}
                    attrs={{ min: 0, step: 5 }}
                  />
                  <Select
                    name="performedById"
                    label="Performed by"
                    value={v.performedById}
                    error={e.performedById}
                    options={p.staff.map((s): [string, string] => [s.id, s.name])}
                  />
                  <button class="btn btn-primary" type="submit">
                    Add record
                  </button>
                </form>
              </div>
            </div>
          </div>
        ) : null}
      </div>
    </>
  );
}
