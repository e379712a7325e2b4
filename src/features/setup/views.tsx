import { TimeZoneSelect } from '../settings/time-zone-select.tsx';
import { CsrfField, Field, FormErrorSummary } from '../../views/components.tsx';

type Errs = Record<string, string>;

export function SetupPage({
  csrf,
  values,
  errors,
}: {
  csrf: string;
  values: Partial<Record<string, string>>;
  errors: Errs;
}) {
  // Until the form comes back with the user's choice, the browser's zone (public/timezone.js),
  // or New York without script.
  const tz = values.timeZone ?? 'America/New_York';
  return (
    <div class="row justify-content-center">
      <div class="col-12 col-lg-8 col-xl-6">
        <h1 class="h3 mt-3">Welcome to SupportTracker</h1>
        <p class="text-body-secondary">
          Two things before you start: your own sign-in, and your business details for invoices. You
          can change the business details later in Settings.
        </p>
        <FormErrorSummary errors={errors} />
        <form method="post" action="/setup" enctype="multipart/form-data" novalidate>
          <CsrfField token={csrf} />
          <fieldset class="card mb-3">
            <div class="card-body">
              <legend class="h5">Your administrator account</legend>
              <Field
                name="adminName"
                label="Your name"
                value={values.adminName}
                required
                error={errors.adminName}
                autocomplete="name"
              />
              <Field
                name="adminEmail"
                label="Email"
                type="email"
                value={values.adminEmail}
                required
                error={errors.adminEmail}
                autocomplete="username"
              />
              <Field
                name="adminPassword"
                label="Password"
                type="password"
                required
                error={errors.adminPassword}
                autocomplete="new-password"
                help="At least 10 characters."
              />
            </div>
          </fieldset>
          <fieldset class="card mb-3">
            <div class="card-body">
              <legend class="h5">Your business</legend>
              <Field
                name="name"
                label="Business name"
                value={values.name}
                required
                error={errors.name}
                autocomplete="organization"
              />
              <Field
                name="address"
                label="Address"
                value={values.address}
                textarea
                error={errors.address}
                help="Printed on invoices and statements."
              />
              <div class="row">
                <div class="col-md-6">
                  <Field
                    name="email"
                    label="Billing email"
                    type="email"
                    value={values.email}
                    error={errors.email}
                  />
                </div>
                <div class="col-md-6">
                  <Field name="phone" label="Phone" value={values.phone} error={errors.phone} />
                </div>
              </div>
              <div class="row">
                <div class="col-md-6">
                  <TimeZoneSelect
                    value={tz}
                    error={errors.timeZone}
                    browserDefault={values.timeZone === undefined}
                  />
                </div>
                <div class="col-md-3">
                  <Field
                    name="currency"
                    label="Currency"
                    value={values.currency ?? 'USD'}
                    required
                    error={errors.currency}
                  />
                </div>
                <div class="col-md-3">
                  <Field
                    name="invoicePrefix"
                    label="Invoice prefix"
                    value={values.invoicePrefix ?? 'INV'}
                    required
                    error={errors.invoicePrefix}
                  />
                </div>
              </div>
              <div class="mb-3">
                <label class="form-label" for="f-logo">
                  Logo (optional)
                </label>
                <input
                  class={`form-control${errors.logo ? ' is-invalid' : ''}`}
                  type="file"
                  id="f-logo"
                  name="logo"
                  accept="image/png,image/jpeg"
                />
                <div class="form-text">
                  PNG or JPEG, up to 1 MB. Shown on invoices and the customer portal.
                </div>
                {errors.logo ? <div class="invalid-feedback">{errors.logo}</div> : null}
              </div>
            </div>
          </fieldset>
          <button class="btn btn-primary btn-lg" type="submit">
            Create account and start
          </button>
        </form>
      </div>
    </div>
  );
}
