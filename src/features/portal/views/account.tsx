// The contact's own account page: name and phone, password, two-factor, email preferences.
import { Checkbox, CsrfField, Field, FormErrorSummary } from '../../../views/components.tsx';
import type { PortalContact } from '../queries.ts';

type Errs = Partial<Record<string, string>>;

export function PortalAccountPage(p: {
  csrf: string;
  contact: PortalContact;
  values?: Record<string, string | undefined>;
  errors: Errs;
}) {
  const c = p.contact;
  const v = p.values ?? {};
  const e = p.errors;
  return (
    <>
      <h1 class="h3 mb-1">My account</h1>
      <p class="text-body-secondary mb-3">
        {c.email} · {c.companyName}
      </p>
      <FormErrorSummary errors={e} />
      <div class="portal-grid">
        <section class="card">
          <div class="card-body">
            <h2 class="h5">Your details</h2>
            <form method="post" action="/portal/account/profile" novalidate>
              <CsrfField token={p.csrf} />
              <Field name="name" label="Name" value={v.name ?? c.name} required error={e.name} />
              <Field
                name="phone"
                label="Phone"
                type="tel"
                value={v.phone ?? c.phone ?? ''}
                autocomplete="tel"
                error={e.phone}
              />
              <p class="form-text">
                To sign in with another email address, ask us to change it for you.
              </p>
              <button class="btn btn-primary portal-btn" type="submit">
                Save details
              </button>
            </form>
          </div>
        </section>
        <section class="card">
          <div class="card-body">
            <h2 class="h5">Emails we send you</h2>
            <form method="post" action="/portal/account/preferences">
              <CsrfField token={p.csrf} />
              <Checkbox
                name="invoiceEmails"
                label="Invoices and payment receipts"
                checked={c.invoiceEmails}
              />
              <Checkbox
                name="workOrderEmails"
                label="Updates on my work orders"
                checked={c.workOrderEmails}
                help="When we reply or the status changes."
              />
              <button class="btn btn-primary portal-btn" type="submit">
                Save email choices
              </button>
            </form>
          </div>
        </section>
        <section class="card">
          <div class="card-body">
            <h2 class="h5">Change password</h2>
            <form method="post" action="/portal/account/password" novalidate>
              <CsrfField token={p.csrf} />
              <input type="hidden" name="username" value={c.email} autocomplete="username" />
              <Field
                name="currentPassword"
                label="Current password"
                type="password"
                required
                autocomplete="current-password"
                error={e.currentPassword}
              />
              <Field
                name="newPassword"
                label="New password"
                type="password"
                required
                autocomplete="new-password"
                help="At least 10 characters."
                error={e.newPassword}
              />
              <Field
                name="confirmPassword"
                label="New password again"
                type="password"
                required
                autocomplete="new-password"
                error={e.confirmPassword}
              />
              <button class="btn btn-primary portal-btn" type="submit">
                Change password
              </button>
            </form>
          </div>
        </section>
        <section class="card">
          <div class="card-body">
            <h2 class="h5">Two-step sign-in</h2>
            {c.totpEnabled ? (
              <>
                <p>
                  <span class="badge text-bg-success">On</span> Signing in asks for a code from your
                  authenticator app.
                </p>
                <form method="post" action="/portal/account/2fa/disable" novalidate>
                  <CsrfField token={p.csrf} />
                  <Field
                    name="password"
                    label="Your password, to turn it off"
                    type="password"
                    required
                    autocomplete="current-password"
                    error={e.password}
                  />
                  <button class="btn btn-outline-danger" type="submit">
                    Turn off two-step sign-in
                  </button>
                </form>
              </>
            ) : (
              <>
                <p>
                  <span class="badge text-bg-secondary">Off</span> Add a code from an authenticator
                  app (such as Google Authenticator or 1Password) to your password.
                </p>
                <a class="btn btn-outline-primary" href="/portal/account/2fa">
                  Turn on two-step sign-in
                </a>
              </>
            )}
          </div>
        </section>
      </div>
    </>
  );
}

export function PortalEnrolPage(p: { csrf: string; qr: string; secret: string; errors: Errs }) {
  return (
    <div class="portal-narrow">
      <h1 class="h3">Turn on two-step sign-in</h1>
      <ol>
        <li>Open your authenticator app and scan this code (or type the key below).</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <img src={p.qr} alt="QR code for your authenticator app" width={200} height={200} />
      <p class="mt-2">
        Key: <code class="portal-secret">{p.secret}</code>
      </p>
      <form method="post" action="/portal/account/2fa" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="code"
          label="Code from the app"
          required
          autocomplete="one-time-code"
          attrs={{ inputmode: 'numeric', autofocus: true }}
          error={p.errors.code}
        />
        <div class="d-flex gap-2">
          <button class="btn btn-primary portal-btn" type="submit">
            Turn it on
          </button>
          <a class="btn btn-link" href="/portal/account">
            Cancel
          </a>
        </div>
      </form>
    </div>
  );
}

export function PortalRecoveryCodesPage({ codes }: { codes: string[] }) {
  return (
    <div class="portal-narrow">
      <h1 class="h3">Two-step sign-in is on</h1>
      <p>
        Keep these recovery codes somewhere safe. Each one signs you in once if you lose your phone.
        They are shown only now.
      </p>
      <ul class="portal-codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <a class="btn btn-primary portal-btn" href="/portal/account">
        I have saved them
      </a>
    </div>
  );
}
