// One vault entry: metadata, the secrets masked until revealed, and every reveal/copy/change.
// `revealed` is set only when the user posted the Reveal form without JavaScript (audited,
// no-store); otherwise the page holds no secret and public/vault.js fetches it on click.
import { formatInstant } from '../../../lib/dates.ts';
import { AuditSummary } from '../../../views/audit-summary.tsx';
import { CsrfField } from '../../../views/components.tsx';
import { AssetHeader } from '../../assets/views/header.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { AuditRow } from '../../audit/queries.ts';
import type { AssetHeading, Credential } from '../queries.ts';
import type { Revealed } from '../service.ts';
import { SecretBadges } from './list.tsx';

export type EntryProps = {
  credential: Credential;
  company: { id: string; name: string; status: string };
  asset: AssetHeading | null;
  audit: AuditRow[];
  canWrite: boolean;
  canReveal: boolean;
  csrf: string;
  timeZone: string;
  revealed?: Revealed;
};

const ACTION_LABEL: Record<string, string> = {
  'credential.reveal': 'Revealed',
  'credential.copy': 'Copied',
  'credential.create': 'Created',
  'credential.update': 'Changed',
  'credential.delete': 'Deleted',
};

function SecretRow(p: {
  label: string;
  field: 'password' | 'totp' | 'notes';
  mask: string;
  value?: string | null;
  canReveal: boolean;
  extra?: preact.ComponentChildren;
}) {
  const shown = p.value !== undefined;
  return (
    <div class="row py-2 border-top align-items-center">
      <div class="col-sm-3 text-body-secondary">{p.label}</div>
      <div class="col-sm-6">
        {p.field === 'notes' ? (
          <pre class="mb-0 vault-secret" data-secret={p.field}>
            {shown ? p.value : p.mask}
          </pre>
        ) : (
          <code class="vault-secret fs-6" data-secret={p.field}>
            {shown ? p.value : p.mask}
          </code>
        )}
        {p.extra}
      </div>
      <div class="col-sm-3 text-sm-end">
        {p.canReveal ? (
          <button
            type="button"
            class="btn btn-sm btn-outline-secondary"
            data-vault-copy={p.field}
            hidden
          >
            Copy
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function EntryPage(p: EntryProps) {
  const c = p.credential;
  const r = p.revealed;
  const actions = p.canWrite ? (
    <a class="btn btn-outline-primary btn-sm" href={`/credentials/${c.id}/edit`}>
      Edit
    </a>
  ) : null;
  return (
    <>
      {p.asset ? (
        <AssetHeader asset={p.asset} active="credentials" />
      ) : (
        <CompanyHeader company={p.company} active="credentials" />
      )}
      <div class="row g-4">
        <div class="col-lg-7">
          <div class="card mb-4">
            <div class="card-header d-flex flex-wrap justify-content-between align-items-center gap-2">
              <h2 class="h5 mb-0">
                {c.label} <SecretBadges c={c} />
              </h2>
              <div class="d-flex gap-2">
                {p.canReveal && (c.hasPassword || c.hasTotp || c.hasNotes) ? (
                  <form method="post" action={`/credentials/${c.id}/reveal`} data-vault-reveal>
                    <CsrfField token={p.csrf} />
                    <input type="hidden" name="purpose" value="reveal" />
                    <button class="btn btn-primary btn-sm" type="submit">
                      Reveal
                    </button>
                  </form>
                ) : null}
                {actions}
              </div>
            </div>
            <div class="card-body pt-0">
              <div class="row py-2">
                <div class="col-sm-3 text-body-secondary">On</div>
                <div class="col-sm-9">
                  {c.assetId ? (
                    <a href={`/assets/${c.assetId}/credentials`}>{c.assetName}</a>
                  ) : (
                    <a href={`/companies/${c.companyId}/credentials`}>{p.company.name} (company)</a>
                  )}
                </div>
              </div>
              {c.kind === 'login' ? (
                <div class="row py-2 border-top">
                  <div class="col-sm-3 text-body-secondary">Username</div>
                  <div class="col-sm-9 text-break">
                    <code class="fs-6">{c.username ?? '—'}</code>
                  </div>
                </div>
              ) : null}
              {c.kind === 'login' ? (
                <div class="row py-2 border-top">
                  <div class="col-sm-3 text-body-secondary">URL</div>
                  <div class="col-sm-9 text-break">
                    {c.url ? (
                      <a href={c.url} rel="noopener noreferrer" target="_blank">
                        {c.url}
                      </a>
                    ) : (
                      '—'
                    )}
                  </div>
                </div>
              ) : null}
              {c.hasPassword ? (
                <SecretRow
                  label="Password"
                  field="password"
                  mask="••••••••••"
                  value={r?.password}
                  canReveal={p.canReveal}
                />
              ) : null}
              {c.hasTotp ? (
                <SecretRow
                  label="2FA code"
                  field="totp"
                  mask="••• •••"
                  value={r?.totpCode}
                  canReveal={p.canReveal}
                  extra={
                    <span class="small text-body-secondary ms-2" data-totp-left>
                      {r?.totpSecondsLeft ? `valid ${r.totpSecondsLeft} more seconds` : ''}
                    </span>
                  }
                />
              ) : null}
              {c.hasNotes ? (
                <SecretRow
                  label="Notes"
                  field="notes"
                  mask="•••••• (hidden)"
                  value={r?.notes}
                  canReveal={p.canReveal}
                />
              ) : null}
              {c.tags.length ? (
                <div class="row py-2 border-top">
                  <div class="col-sm-3 text-body-secondary">Tags</div>
                  <div class="col-sm-9">
                    {c.tags.map((t) => (
                      <span class="badge text-bg-secondary me-1">{t}</span>
                    ))}
                  </div>
                </div>
              ) : null}
              <div class="small text-danger mt-2" data-vault-error role="alert"></div>
              {!p.canReveal ? (
                <p class="small text-body-secondary mt-2 mb-0">
                  Your role can see that this entry exists, not its secrets.
                </p>
              ) : null}
              {r ? (
                <p class="small text-body-secondary mt-2 mb-0">
                  Shown because you clicked Reveal; this was recorded in the entry’s history.
                </p>
              ) : null}
            </div>
          </div>
          {p.canWrite ? (
            <form
              method="post"
              action={`/credentials/${c.id}/delete`}
              data-confirm={`Delete “${c.label}”? Staff will no longer see it; its history is kept.`}
            >
              <CsrfField token={p.csrf} />
              <button class="btn btn-sm btn-outline-danger" type="submit">
                Delete entry
              </button>
            </form>
          ) : null}
        </div>
        <div class="col-lg-5">
          <div class="card">
            <div class="card-header">
              <h2 class="h6 mb-0">History: reveals, copies and changes</h2>
            </div>
            <ul class="list-group list-group-flush">
              {p.audit.length === 0 ? (
                <li class="list-group-item text-body-secondary">Nothing yet.</li>
              ) : null}
              {p.audit.map((a) => (
                <li class="list-group-item small">
                  <span class="fw-semibold">{ACTION_LABEL[a.action] ?? a.action}</span> ·{' '}
                  {a.actorLabel}
                  <div class="text-body-secondary">
                    {formatInstant(a.at, p.timeZone)}
                    {a.ip ? ` · from ${a.ip}` : ''}
                  </div>
                  {a.action === 'credential.update' ? <AuditSummary summary={a.summary} /> : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
      <script src="/public/vault.js" defer></script>
    </>
  );
}
