import { ROLES } from '../../platform/actor.ts';
import type { ApiKey } from '../../platform/api-keys.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';
import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../views/components.tsx';

export function SettingsIndex() {
  const items: [string, string, string][] = [
    [
      '/settings/profile',
      'Business profile',
      'Name, address, logo, time zone, currency and invoice prefix.',
    ],
    ['/settings/users', 'Users', 'Invite staff, change roles, deactivate.'],
    ['/settings/api-keys', 'API keys', 'Keys for the JSON API at /api/v1.'],
    [
      '/settings/billing-rates',
      'Billing rates',
      'Default hourly rate, time rounding, technician hourly and cost rates.',
    ],
    [
      '/settings/service-catalog',
      'Service catalogue',
      'What you sell monthly: prices, costs and markups.',
    ],
    ['/settings/tax-rates', 'Tax rates', 'Sales tax rates and the default.'],
    ['/settings/invoices', 'Invoices', 'Automatic issue, how to pay, footer, credit note prefix.'],
    ['/settings/payments', 'Online payments', 'Stripe and PayPal: keys, on/off.'],
    [
      '/settings/phone-services',
      'Phone services',
      'The main Twilio account: Account SID and auth token.',
    ],
    [
      '/settings/reminders',
      'Payment reminders',
      'Reminder steps before and after the due date, wording, late fees.',
    ],
    [
      '/settings/categories',
      'Asset categories',
      'Computers, printers, phones… and the extra fields each one has.',
    ],
    ['/settings/audit', 'Audit log', 'Every change, sign-in and reveal, with filters.'],
  ];
  return (
    <>
      <PageHeader title="Settings" />
      <div class="list-group mw-40">
        {items.map(([href, title, text]) => (
          <a class="list-group-item list-group-item-action" href={href}>
            <div class="fw-semibold">{title}</div>
            <div class="small text-body-secondary">{text}</div>
          </a>
        ))}
      </div>
    </>
  );
}

export function ProfilePage({
  csrf,
  values,
  errors,
  hasLogo,
}: {
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  hasLogo: boolean;
}) {
  return (
    <>
      <PageHeader
        title="Business profile"
        subtitle="Shown on invoices, statements and the customer portal"
      />
      <div class="card mw-48">
        <div class="card-body">
          <FormErrorSummary errors={errors} />
          <form method="post" action="/settings/profile" enctype="multipart/form-data" novalidate>
            <CsrfField token={csrf} />
            <Field
              name="name"
              label="Business name"
              value={values.name}
              required
              error={errors.name}
            />
            <Field
              name="address"
              label="Address"
              value={values.address}
              textarea
              error={errors.address}
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
                <TimeZoneSelect value={values.timeZone} error={errors.timeZone} />
              </div>
              <div class="col-md-3">
                <Field
                  name="currency"
                  label="Currency"
                  value={values.currency}
                  required
                  error={errors.currency}
                />
              </div>
              <div class="col-md-3">
                <Field
                  name="invoicePrefix"
                  label="Invoice prefix"
                  value={values.invoicePrefix}
                  required
                  error={errors.invoicePrefix}
                />
              </div>
            </div>
            <div class="row">
              <div class="col-md-3">
                <Field
                  name="accentColor"
                  label="Portal accent colour"
                  type="color"
                  value={values.accentColor}
                  help="The customer portal's buttons and header."
                  error={errors.accentColor}
                />
              </div>
            </div>
            {hasLogo ? (
              <div class="mb-2">
                <img src="/settings/logo" alt="Current logo" class="logo-preview" />
              </div>
            ) : null}
            <div class="mb-3">
              <label class="form-label" for="f-logo">
                {hasLogo ? 'Replace logo' : 'Logo'}
              </label>
              <input
                class={`form-control${errors.logo ? ' is-invalid' : ''}`}
                type="file"
                id="f-logo"
                name="logo"
                accept="image/png,image/jpeg"
              />
              {errors.logo ? (
                <div class="invalid-feedback">{errors.logo}</div>
              ) : (
                <div class="form-text">PNG or JPEG, up to 1 MB.</div>
              )}
            </div>
            {hasLogo ? (
              <Checkbox name="removeLogo" label="Remove the logo" checked={false} />
            ) : null}
            <button class="btn btn-primary" type="submit">
              Save
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

export function ApiKeysPage({
  csrf,
  keys,
  created,
  errors,
}: {
  csrf: string;
  keys: ApiKey[];
  created?: { key: string; name: string };
  errors: Record<string, string>;
}) {
  return (
    <>
      <PageHeader
        title="API keys"
        subtitle="Send as Authorization: Bearer <key> to /api/v1. The OpenAPI document is at /api/v1/openapi.json."
      />
      {created ? (
        <div class="alert alert-success">
          <p class="mb-1">
            Key <strong>{created.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <code class="user-select-all fs-6" data-testid="new-api-key">
            {created.key}
          </code>
        </div>
      ) : null}
      <div class="row g-4">
        <div class="col-xl-8">
          {keys.length === 0 ? (
            <p class="text-body-secondary">No API keys yet.</p>
          ) : (
            <table class="table table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr class={k.revokedAt ? 'text-body-tertiary' : ''}>
                    <td>{k.name}</td>
                    <td>
                      <code>{k.prefix}_…</code>
                    </td>
                    <td>{k.role}</td>
                    <td>{k.createdAt.slice(0, 10)}</td>
                    <td>{k.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                    <td class="text-end">
                      {k.revokedAt ? (
                        `revoked ${k.revokedAt.slice(0, 10)}`
                      ) : (
                        <form
                          method="post"
                          action={`/settings/api-keys/${k.id}/revoke`}
                          data-confirm={`Revoke ${k.name}? Programs using it stop working at once.`}
                        >
                          <CsrfField token={csrf} />
                          <button class="btn btn-sm btn-outline-danger" type="submit">
                            Revoke
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div class="col-xl-4">
          <div class="card">
            <div class="card-body">
              <h2 class="h5">New key</h2>
              <FormErrorSummary errors={errors} />
              <form method="post" action="/settings/api-keys" novalidate>
                <CsrfField token={csrf} />
                <Field
                  name="name"
                  label="Name"
                  required
                  error={errors.name}
                  help="What will use it, e.g. “QuickBooks sync”."
                />
                <Select
                  name="role"
                  label="Role"
                  value="readonly"
                  options={ROLES.map((r) => [r, r])}
                  error={errors.role}
                />
                <button class="btn btn-primary" type="submit">
                  Create key
                </button>
              </form>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
