// New/edit form for a vault entry. The edit form never contains the saved secrets: an empty secret
// field keeps the saved value, a "remove" box clears it. A re-rendered form (422) keeps what the
// user typed, which is their own input on its way in, never a stored secret.
import {
  Checkbox,
  CsrfField,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../../views/components.tsx';
import type { Credential } from '../queries.ts';

export type CredentialFormValues = Record<string, string | undefined>;

export const credentialToForm = (c: Credential): CredentialFormValues => ({
  kind: c.kind,
  assetId: c.assetId ?? '',
  label: c.label,
  username: c.username ?? '',
  url: c.url ?? '',
  tags: c.tags.join(', '),
});

type Props = {
  csrf: string;
  title: string;
  action: string;
  cancelHref: string;
  values: CredentialFormValues;
  errors: Record<string, string>;
  assets: { id: string; name: string }[];
  /** Set when editing: which secrets are saved, and the entry's fixed kind. */
  editing?: Pick<Credential, 'kind' | 'hasPassword' | 'hasTotp' | 'hasNotes'>;
};

export function CredentialFormPage(p: Props) {
  const v = p.values;
  const e = p.errors;
  const kind = p.editing?.kind ?? (v.kind === 'note' ? 'note' : 'login');
  const keep = (saved: boolean | undefined) =>
    p.editing && saved ? 'Leave empty to keep the saved value.' : undefined;
  const loginOnly = `vault-login-only${kind === 'note' ? ' d-none' : ''}`;
  return (
    <>
      <PageHeader title={p.title} />
      <FormErrorSummary errors={e} />
      <form
        method="post"
        action={p.action}
        novalidate
        class="row g-4"
        autocomplete="off"
        data-vault-form
      >
        <CsrfField token={p.csrf} />
        <div class="col-lg-7">
          <div class="card">
            <div class="card-body">
              {p.editing ? (
                <input type="hidden" name="kind" value={kind} />
              ) : (
                <Select
                  name="kind"
                  label="Kind"
                  value={kind}
                  options={[
                    ['login', 'Login (username, password, URL, 2FA)'],
                    ['note', 'Secure note'],
                  ]}
                  error={e.kind}
                />
              )}
              <Field
                name="label"
                label="Label"
                value={v.label}
                required
                error={e.label}
                attrs={{ maxlength: 200, autofocus: true }}
                help="What it opens, e.g. “Microsoft 365 admin” or “Firewall admin”."
              />
              <Select
                name="assetId"
                label="On"
                value={v.assetId}
                error={e.assetId}
                options={[
                  ['', 'The company (not one asset)'],
                  ...p.assets.map((a): [string, string] => [a.id, a.name]),
                ]}
              />
              <div class={loginOnly}>
                <Field
                  name="username"
                  label="Username"
                  value={v.username}
                  error={e.username}
                  attrs={{ maxlength: 255, autocomplete: 'off' }}
                />
                <div class="mb-3">
                  <label class="form-label" for="f-password">
                    Password
                  </label>
                  <div class="input-group">
                    <input
                      class={`form-control${e.password ? ' is-invalid' : ''}`}
                      id="f-password"
                      name="password"
                      type="password"
                      value={v.password ?? ''}
                      autocomplete="new-password"
                      maxlength={1000}
                    />
                    <button
                      class="btn btn-outline-secondary"
                      type="button"
                      data-vault-generate
                      hidden
                    >
                      Generate
                    </button>
                  </div>
                  {keep(p.editing?.hasPassword) ? (
                    <div class="form-text">{keep(p.editing?.hasPassword)}</div>
                  ) : null}
                  {e.password ? <div class="invalid-feedback d-block">{e.password}</div> : null}
                </div>
                {p.editing?.hasPassword ? (
                  <Checkbox
                    name="clearPassword"
                    label="Remove the saved password"
                    checked={v.clearPassword === 'on'}
                  />
                ) : null}
                <Field
                  name="url"
                  label="URL"
                  value={v.url}
                  error={e.url}
                  attrs={{ maxlength: 1000 }}
                  help="Sign-in page or management address."
                />
                <Field
                  name="totpSecret"
                  label="2FA (TOTP) secret"
                  value={v.totpSecret}
                  error={e.totpSecret}
                  attrs={{ autocomplete: 'off', spellcheck: 'false' }}
                  help={
                    keep(p.editing?.hasTotp) ??
                    'The base32 key shown when 2FA was set up, or the otpauth:// link. The entry then shows the current code.'
                  }
                />
                {p.editing?.hasTotp ? (
                  <Checkbox
                    name="clearTotp"
                    label="Remove the saved 2FA secret"
                    checked={v.clearTotp === 'on'}
                  />
                ) : null}
              </div>
              <Field
                name="notes"
                label={kind === 'note' ? 'Note' : 'Notes'}
                value={v.notes}
                error={e.notes}
                textarea
                help={
                  keep(p.editing?.hasNotes) ?? 'Encrypted like the password; shown only on Reveal.'
                }
              />
              {p.editing?.hasNotes ? (
                <Checkbox
                  name="clearNotes"
                  label="Remove the saved notes"
                  checked={v.clearNotes === 'on'}
                />
              ) : null}
              <Field
                name="tags"
                label="Tags"
                value={v.tags}
                error={e.tags}
                help="Comma-separated, e.g. admin, firewall."
              />
            </div>
          </div>
        </div>
        <div class="col-12 d-flex gap-2">
          <button class="btn btn-primary" type="submit">
            Save entry
          </button>
          <a class="btn btn-link" href={p.cancelHref}>
            Cancel
          </a>
        </div>
      </form>
      <script src="/public/vault.js" defer></script>
    </>
  );
}
