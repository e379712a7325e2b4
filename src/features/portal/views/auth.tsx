// The portal's sign-in pages: sign in, the two-factor code, forgot password, set a password from an
// emailed link. Plain words for customers; errors named per field.
import { CsrfField, Field, FormErrorSummary } from '../../../views/components.tsx';
import { PortalCard } from './layout.tsx';

type Errs = Partial<Record<string, string>>;

export function PortalLoginPage(p: {
  csrf: string;
  brandName: string;
  email?: string;
  errors: Errs;
  next?: string;
}) {
  return (
    <PortalCard title="Sign in to your account">
      <p class="text-body-secondary">
        See your invoices, pay your balance and report a problem to {p.brandName}.
      </p>
      <FormErrorSummary errors={p.errors} />
      <form method="post" action="/portal/login" novalidate>
        <CsrfField token={p.csrf} />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <Field
          name="email"
          label="Email"
          type="email"
          value={p.email}
          required
          autocomplete="username"
          attrs={{ autofocus: true }}
          error={p.errors.email}
        />
        {/* A failed sign-in is said once, in the summary; it does not say which of the two was wrong. */}
        <Field
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="current-password"
          error={p.errors.password === 'Enter your password' ? p.errors.password : undefined}
        />
        <button class="btn btn-primary portal-btn w-100" type="submit">
          Sign in
        </button>
      </form>
      <p class="mt-3 mb-0 text-center">
        <a href="/portal/forgot-password">Forgot your password?</a>
      </p>
    </PortalCard>
  );
}

export function PortalSecondFactorPage({ csrf, errors }: { csrf: string; errors: Errs }) {
  return (
    <PortalCard title="Enter your code">
      <p>Type the 6-digit code from your authenticator app, or one of your recovery codes.</p>
      <form method="post" action="/portal/login/2fa" novalidate>
        <CsrfField token={csrf} />
        <Field
          name="code"
          label="Code"
          required
          autocomplete="one-time-code"
          attrs={{ autofocus: true, inputmode: 'numeric' }}
          error={errors.code}
        />
        <button class="btn btn-primary portal-btn w-100" type="submit">
          Continue
        </button>
      </form>
    </PortalCard>
  );
}

export function PortalForgotPage(p: { csrf: string; sent: boolean; errors: Errs }) {
  return (
    <PortalCard title="Forgot your password?">
      {p.sent ? (
        <div class="alert alert-success" role="status">
          If that address has a portal account, we have emailed it a link to choose a new password.
          The link works for one hour.
        </div>
      ) : (
        <p>
          Enter the email you sign in with and we will send you a link to choose a new password.
        </p>
      )}
      <form method="post" action="/portal/forgot-password" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="email"
          label="Email"
          type="email"
          required
          autocomplete="username"
          error={p.errors.email}
        />
        <button class="btn btn-primary portal-btn w-100" type="submit">
          Email me a link
        </button>
      </form>
      <p class="mt-3 mb-0 text-center">
        <a href="/portal/login">Back to sign in</a>
      </p>
    </PortalCard>
  );
}

export function PortalSetPasswordPage(p: {
  csrf: string;
  token: string;
  email?: string;
  invalid: boolean;
  errors: Errs;
}) {
  if (p.invalid)
    return (
      <PortalCard title="This link no longer works">
        <p>
          The link has expired or was already used. Ask us to send a new invitation, or use{' '}
          <a href="/portal/forgot-password">Forgot your password?</a> if you had an account.
        </p>
      </PortalCard>
    );
  return (
    <PortalCard title="Choose your password">
      {p.email ? (
        <p>
          You will sign in with <strong>{p.email}</strong>.
        </p>
      ) : null}
      <FormErrorSummary errors={p.errors} />
      <form method="post" action={`/portal/set-password/${p.token}`} novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="username" value={p.email ?? ''} autocomplete="username" />
        <Field
          name="newPassword"
          label="New password"
          type="password"
          required
          autocomplete="new-password"
          help="At least 10 characters. A few unrelated words make a strong one."
          attrs={{ autofocus: true }}
          error={p.errors.newPassword}
        />
        <Field
          name="confirmPassword"
          label="New password again"
          type="password"
          required
          autocomplete="new-password"
          error={p.errors.confirmPassword}
        />
        <button class="btn btn-primary portal-btn w-100" type="submit">
          Save my password
        </button>
      </form>
    </PortalCard>
  );
}

export function PortalErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <div class="portal-card-wrap">
      <h1 class="h4">
        {status === 404
          ? 'Page not found'
          : status === 403
            ? 'Not allowed'
            : 'Something went wrong'}
      </h1>
      <p>{message}</p>
      <p>
        <a href="/portal">Go to your account home</a>
      </p>
    </div>
  );
}
