import type { ComponentChildren } from 'preact';
import type { StaffActor } from '../../platform/actor.ts';
import { CsrfField, Field, FormErrorSummary, PageHeader } from '../../views/components.tsx';

type Errs = Record<string, string>;

export function AccountPage({
  actor,
  csrf,
  totpEnabled,
  errors,
  more,
}: {
  actor: StaffActor;
  csrf: string;
  totpEnabled: boolean;
  errors: Errs;
  /** Further cards from other features (the home page choice). */
  more?: ComponentChildren;
}) {
  return (
    <>
      <PageHeader title="My account" subtitle={`${actor.name} · ${actor.email} · ${actor.role}`} />
      <div class="row g-4">
        <div class="col-lg-5">
          <div class="card">
            <div class="card-body">
              <h2 class="h5">Change password</h2>
              <FormErrorSummary errors={errors} />
              <form method="post" action="/account/password" novalidate>
                <CsrfField token={csrf} />
                <Field
                  name="currentPassword"
                  label="Current password"
                  type="password"
                  required
                  autocomplete="current-password"
                  error={errors.currentPassword}
                />
                <Field
                  name="newPassword"
                  label="New password"
                  type="password"
                  required
                  autocomplete="new-password"
                  help="At least 10 characters. Your other sessions will be signed out."
                  error={errors.newPassword}
                />
                <Field
                  name="confirmPassword"
                  label="Repeat new password"
                  type="password"
                  required
                  autocomplete="new-password"
                  error={errors.confirmPassword}
                />
                <button class="btn btn-primary" type="submit">
                  Change password
                </button>
              </form>
            </div>
          </div>
        </div>
        <div class="col-lg-5">
          <div class="card">
            <div class="card-body">
              <h2 class="h5">Two-factor authentication</h2>
              {totpEnabled ? (
                <>
                  <p>
                    <span class="badge text-bg-success">On</span> Signing in asks for a code from
                    your authenticator app.
                  </p>
                  <form method="post" action="/account/2fa/disable" novalidate>
                    <CsrfField token={csrf} />
                    <Field
                      name="password"
                      label="Current password, to turn it off"
                      type="password"
                      required
                      autocomplete="current-password"
                      error={errors.password}
                    />
                    <button class="btn btn-outline-danger" type="submit">
                      Turn off two-factor
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <p>
                    <span class="badge text-bg-secondary">Off</span> Protect your account with a
                    code from an authenticator app.
                  </p>
                  <a class="btn btn-outline-primary" href="/account/2fa">
                    Set up two-factor
                  </a>
                </>
              )}
            </div>
          </div>
        </div>
        {more ? <div class="col-lg-5">{more}</div> : null}
      </div>
    </>
  );
}

export function EnrolPage({
  csrf,
  qr,
  secret,
  errors,
}: {
  csrf: string;
  qr: string;
  secret: string;
  errors: Errs;
}) {
  return (
    <>
      <PageHeader title="Set up two-factor authentication" />
      <div class="card mw-36">
        <div class="card-body">
          <ol>
            <li>
              Scan this code with an authenticator app (1Password, Google Authenticator, Authy…).
            </li>
            <li>Enter the 6-digit code it shows.</li>
          </ol>
          <img
            src={qr}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
            class="border rounded mb-2"
          />
          <p class="small text-body-secondary">
            Can't scan? Enter this key: <code class="user-select-all">{secret}</code>
          </p>
          <form method="post" action="/account/2fa" novalidate>
            <CsrfField token={csrf} />
            <Field
              name="code"
              label="Code from the app"
              required
              autocomplete="one-time-code"
              attrs={{ inputmode: 'numeric' }}
              error={errors.code}
            />
            <button class="btn btn-primary" type="submit">
              Turn on two-factor
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

export function RecoveryCodesPage({ codes }: { codes: string[] }) {
  return (
    <>
      <PageHeader title="Two-factor is on" />
      <div class="alert alert-warning">
        Save these recovery codes somewhere safe. Each works once if you lose your phone. They will
        not be shown again.
      </div>
      <ul class="list-unstyled font-monospace fs-5" data-testid="recovery-codes">
        {codes.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
      <a class="btn btn-primary" href="/account">
        Done
      </a>
    </>
  );
}
