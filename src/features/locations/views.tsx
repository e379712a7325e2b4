import { CsrfField, EmptyState, Field, FormErrorSummary } from '../../views/components.tsx';
import { CompanyHeader } from '../companies/views/tabs.tsx';
import type { Company } from '../companies/queries.ts';
import type { Location } from './queries.ts';

type CompanyHead = Pick<Company, 'id' | 'name' | 'status'>;

export function LocationListPage(p: {
  company: CompanyHead;
  locations: Location[];
  more: boolean;
  counts: Map<string, number>;
  canWrite: boolean;
}) {
  const c = p.company;
  const add = p.canWrite ? (
    <a class="btn btn-primary" href={`/companies/${c.id}/locations/new`}>
      Add location
    </a>
  ) : null;
  return (
    <>
      <CompanyHeader company={c} active="locations" actions={add} />
      {p.locations.length === 0 ? (
        <EmptyState title="No locations yet.">
          <p class="small">
            Sites such as “Main office” or “Warehouse” let you say where each asset is.
          </p>
          {p.canWrite ? (
            <a class="btn btn-primary" href={`/companies/${c.id}/locations/new`}>
              Add the first location
            </a>
          ) : null}
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm table-hover align-middle">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col">Notes</th>
                <th scope="col" class="text-end">
                  Assets
                </th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {p.locations.map((l) => (
                <tr>
                  <td class="fw-semibold">{l.name}</td>
                  <td class="text-pre-line">{l.address ?? ''}</td>
                  <td class="text-truncate">{l.notes ?? ''}</td>
                  <td class="text-end">
                    <a href={`/companies/${c.id}/assets?locationId=${l.id}`}>
                      {p.counts.get(l.id) ?? 0}
                    </a>
                  </td>
                  <td class="text-end">
                    {p.canWrite ? (
                      <a
                        class="btn btn-sm btn-link"
                        href={`/companies/${c.id}/locations/${l.id}/edit`}
                      >
                        Edit<span class="visually-hidden"> {l.name}</span>
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.more ? (
            <p class="small text-body-secondary">
              Showing the first {p.locations.length} locations.
            </p>
          ) : null}
        </div>
      )}
    </>
  );
}

export function LocationFormPage(p: {
  company: CompanyHead;
  csrf: string;
  action: string;
  title: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <CompanyHeader company={p.company} active="locations" />
      <div class="card mw-48">
        <div class="card-body">
          <h2 class="h5">{p.title}</h2>
          <FormErrorSummary errors={e} />
          <form method="post" action={p.action} novalidate>
            <CsrfField token={p.csrf} />
            <Field
              name="name"
              label="Name"
              value={v.name}
              required
              error={e.name}
              attrs={{ autofocus: true, maxlength: 200 }}
              help="E.g. Main office, Warehouse, Branch — Oak Street."
            />
            <Field name="address" label="Address" value={v.address} error={e.address} textarea />
            <Field
              name="notes"
              label="Notes"
              value={v.notes}
              error={e.notes}
              textarea
              help="Access hours, where the network closet is, who holds the key."
            />
            <div class="d-flex gap-2">
              <button class="btn btn-primary" type="submit">
                Save location
              </button>
              <a class="btn btn-link" href={`/companies/${p.company.id}/locations`}>
                Cancel
              </a>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
