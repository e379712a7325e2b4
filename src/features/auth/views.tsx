import type { ComponentChildren } from 'preact';
import { CsrfField, Field, FormErrorSummary } from '../../views/components.tsx';

export function AuthCard({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="row justify-content-center mt-md-5">
      <div class="col-12 col-sm-9 col-md-6 col-lg-4">
        <div class="card shadow-sm">
          <div class="card-body p-4">
            <h1 class="h4 mb-3">{title}</h1>
            {children}
          </div>
        </div>
      </div>
    </div>
  );
}

type Errs = Partial<Record<string, string>>;

export function LoginPage({
  csrf,
  email,
  errors,
  next,
}: {
  csrf: string;
  email?: string;
  errors: Errs;
  next?: string;
}) {
  return (
    <AuthCard title="Sign in">
      <FormErrorSummary errors={errors} />
      <form method="post" action="/login" novalidate>
        <CsrfField token={csrf} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          name="email"
          label="Email"
          type="email"
          value={email}
          required
          autocomplete="username"
          attrs={{ autofocus: true }}
          error={errors.email}
        />
        {/* A failed sign-in is said once, in the summary; it does not say which of the two was wrong. */}
        <Field
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="current-password"
          error={errors.password === 'Enter your password' ? errors.password : undefined}
        />
        <button class="btn btn-primary w-100" type="submit">
          Sign in
        </button>
      </form>
      <p class="mt-3 mb-0 text-center">
        <a href="/forgot-password">Forgot your password?</a>
      </p>
    </AuthCard>
  );
}

export function SecondFactorPage({ csrf, errors }: { csrf: string; errors: Errs }) {
  return (
    <AuthCard title="Two-factor check">
      <p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
      <form method="post" action="/login/2fa" novalidate>
        <CsrfField token={csrf} />
        <Field
          name="code"
          label="Code"
          required
          autocomplete="one-time-code"
          attrs={{ autofocus: true, inputmode: 'numeric' }}
          error={errors.code}
        />
        <button class="btn btn-primary w-100" type="submit">
          Continue
        </button>
      </form>
    </AuthCard>
  );
}

export function ForgotPage({
  csrf,
  sent,
  smtpConfigured,
  errors,
}: {
  csrf: string;
  sent: boolean;
  smtpConfigured: boolean;
  errors: Errs;
}) {
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <div class="alert alert-info" role="status">
          {smtpConfigured
            ? 'If that address belongs to an active account, a reset link is on its way. It works once, for one hour.'
            : 'Email is not configured on this server, so the reset link was written to the server log. Ask whoever runs the server for it.'}
        </div>
      ) : null}
      <form method="post" action="/forgot-password" novalidate>
        <CsrfField token={csrf} />
        <Field
          name="email"
          label="Email"
          type="email"
          required
          autocomplete="username"
          error={errors.email}
        />
        <button class="btn btn-primary w-100" type="submit">
          Send reset link
        </button>
      </form>
      <p class="mt-3 mb-0 text-center">
        <a href="/login">Back to sign in</a>
      </p>
    </AuthCard>
  );
}

export function ResetPage({
  csrf,
  token,
  errors,
  invalid,
}: {
  csrf: string;
  token: string;
  errors: Errs;
  invalid: boolean;
}) {
  if (invalid) {
    return (
      <AuthCard title="Link expired">
        <p>This link has expired or was already used.</p>
        <a class="btn btn-primary" href="/forgot-password">
          Ask for a new link
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <FormErrorSummary errors={errors} />
      <form method="post" action={`/reset-password/${token}`} novalidate>
        <CsrfField token={csrf} />
        <Field
          name="newPassword"
          label="New password"
          type="password"
          required
          autocomplete="new-password"
          help="At least 10 characters."
          error={errors.newPassword ?? errors.token}
        />
        <Field
          name="confirmPassword"
          label="Repeat new password"
          type="password"
          required
          autocomplete="new-password"
          error={errors.confirmPassword}
        />
        <button class="btn btn-primary w-100" type="submit">
          Save password
        </button>
      </form>
    </AuthCard>
  );
}
