// Settings › Billing rates: the default hourly rate and time rounding, each technician's hourly
// and cost rate, and where a company's override is set.
import { centsToInput } from '../../../lib/money.ts';
import {
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../../views/components.tsx';

type Staff = {
  id: string;
  name: string;
  role: string;
  hourlyRateCents: number | null;
  costRateCents: number | null;
};
export type RatesPageProps = {
  staff: Staff[];
  csrf: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
};

const money = (c: number | null) => (c === null ? '' : centsToInput(c));

export function RatesPage(p: RatesPageProps) {
  return (
    <>
      <PageHeader
        title="Billing rates"
        subtitle="Rate used for time: the company’s override, else the technician’s rate, else the default."
      />
      <form method="post" action="/settings/billing-rates" class="card card-body mb-4" novalidate>
        <h2 class="h5">Default rate and rounding</h2>
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={p.errors} />
        <div class="row">
          <div class="col-md-4">
            <Field
              name="defaultHourlyRate"
              label="Default hourly rate"
              value={p.values.defaultHourlyRate}
              error={p.errors.defaultHourlyRateCents}
              required
            />
          </div>
          <div class="col-md-4">
            <Select
              name="roundingIncrementMinutes"
              label="Round each entry up to"
              value={p.values.roundingIncrementMinutes}
              options={[
                ['1', 'the minute'],
                ['6', '6 minutes (0.1 h)'],
                ['15', '15 minutes'],
              ]}
              error={p.errors.roundingIncrementMinutes}
            />
          </div>
          <div class="col-md-4">
            <Field
              name="minimumMinutes"
              label="Minimum per entry (minutes)"
              value={p.values.minimumMinutes}
              error={p.errors.minimumMinutes}
              help="0 for none; an empty entry stays 0"
            />
          </div>
        </div>
        <div>
          <button type="submit" class="btn btn-primary">
            Save
          </button>
        </div>
      </form>
      <h2 class="h5">Technician rates</h2>
      <p class="text-body-secondary">
        Leave the hourly rate empty to bill at the default. The cost rate is what an hour of the
        technician costs you; it drives margin.
      </p>
      <div class="table-responsive">
        <table class="table table-sm align-middle">
          <thead>
            <tr>
              <th>Technician</th>
              <th>Hourly rate</th>
              <th>Cost rate</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.staff.map((s) => (
              <tr>
                <td>
                  {s.name} <span class="text-body-secondary small">{s.role}</span>
                </td>
                <td>
                  <input
                    form={`rates-${s.id}`}
                    class="form-control form-control-sm"
                    name="hourlyRate"
                    value={money(s.hourlyRateCents)}
                    aria-label={`Hourly rate for ${s.name}`}
                  />
                </td>
                <td>
                  <input
                    form={`rates-${s.id}`}
                    class="form-control form-control-sm"
                    name="costRate"
                    value={money(s.costRateCents)}
                    aria-label={`Cost rate for ${s.name}`}
                  />
                </td>
                <td>
                  <form
                    id={`rates-${s.id}`}
                    method="post"
                    action={`/settings/billing-rates/users/${s.id}`}
                  >
                    <CsrfField token={p.csrf} />
                    <button type="submit" class="btn btn-outline-primary btn-sm">
                      Save
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The company's hourly rate override, on the company's Ready to bill page. */
export function CompanyRateForm(p: { companyId: string; rateCents: number | null; csrf: string }) {
  return (
    <form
      method="post"
      action={`/companies/${p.companyId}/hourly-rate`}
      class="d-flex gap-2 align-items-end mb-3"
    >
      <CsrfField token={p.csrf} />
      <div>
        <label class="form-label small mb-0" for="f-hourlyRate">
          Hourly rate override
        </label>
        <input
          class="form-control form-control-sm"
          id="f-hourlyRate"
          name="hourlyRate"
          value={money(p.rateCents)}
          placeholder="default"
        />
      </div>
      <button type="submit" class="btn btn-outline-primary btn-sm">
        Save rate
      </button>
    </form>
  );
}
