// PBX pages: a company's phone systems, a system (details, drift, latest configuration, sync log,
// snapshots), its form, and a snapshot with the changes from another. The client secret is shown
// only on the reveal page, which the service audits.
import { CsrfField, EmptyState, Field, FormErrorSummary, Select } from '../../views/components.tsx';
import { CompanyHeader } from '../companies/views/tabs.tsx';
import type { Drift } from './drift.ts';
import { describeDestination } from './diff.ts';
import type { PbxConfig } from './freepbx.ts';
import type { PbxSystem } from './queries.ts';
import type { SnapshotSummary } from './service.ts';

type CompanyHead = { id: string; name: string; status: string };
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
const base = (c: CompanyHead) => `/companies/${c.id}/pbx`;

export function PbxListPage(p: { company: CompanyHead; systems: PbxSystem[]; canWrite: boolean }) {
  const c = p.company;
  const add = p.canWrite ? (
    <a class="btn btn-primary" href={`${base(c)}/new`}>
      Add phone system
    </a>
  ) : null;
  return (
    <>
      <CompanyHeader company={c} active="pbx" actions={add} />
      {p.systems.length === 0 ? (
        <EmptyState title="No phone systems yet.">
          <p class="small">
            Record the customer’s FreePBX here to sync its extensions, inbound routes and backups.
          </p>
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm table-hover align-middle">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Host</th>
                <th scope="col">Version</th>
                <th scope="col">Last sync</th>
              </tr>
            </thead>
            <tbody>
              {p.systems.map((s) => (
                <tr>
                  <td class="fw-semibold">
                    <a href={`${base(c)}/${s.id}`}>{s.name}</a>
                  </td>
                  <td class="text-break">{s.hostUrl}</td>
                  <td>{s.version ?? '—'}</td>
                  <td>
                    {when(s.lastSyncAt)} {s.lastSyncOutcome === 'error' ? '(failed)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function PbxFormPage(p: {
  company: CompanyHead;
  csrf: string;
  action: string;
  title: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  locations: [string, string][];
  hasSecret: boolean;
  cancel: string;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <CompanyHeader company={p.company} active="pbx" />
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
              attrs={{ maxlength: 200 }}
            />
            <Field
              name="hostUrl"
              label="Host URL"
              type="url"
              value={v.hostUrl}
              required
              error={e.hostUrl}
              help="The address of the FreePBX web interface, e.g. https://pbx.customer.example"
            />
            <Field
              name="version"
              label="Version"
              value={v.version}
              error={e.version}
              help="Filled in by each sync."
            />
            <Select
              name="locationId"
              label="Location"
              value={v.locationId}
              options={[['', '— none —'], ...p.locations]}
              error={e.locationId}
            />
            <Field name="notes" label="Notes" value={v.notes} error={e.notes} textarea />
            <Field
              name="clientId"
              label="API client id"
              value={v.clientId}
              error={e.clientId}
              autocomplete="off"
              help="FreePBX Admin → API → a Machine-to-Machine application with the gql scope."
            />
            <Field
              name="clientSecret"
              label="API client secret"
              type="password"
              error={e.clientSecret}
              autocomplete="new-password"
              help={
                p.hasSecret ? 'A secret is stored; leave empty to keep it.' : 'Stored encrypted.'
              }
            />
            <div class="d-flex gap-2">
              <button class="btn btn-primary" type="submit">
                Save phone system
              </button>
              <a class="btn btn-link" href={p.cancel}>
                Cancel
              </a>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}

export function ConfigTables({ config }: { config: PbxConfig }) {
  return (
    <>
      <h3 class="h6 mt-3">Extensions ({config.extensions.length})</h3>
      <div class="table-responsive">
        <table class="table table-sm">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Name</th>
              <th scope="col">Tech</th>
              <th scope="col">Voicemail</th>
              <th scope="col">Outbound caller ID</th>
            </tr>
          </thead>
          <tbody>
            {config.extensions.map((x) => (
              <tr>
                <td>{x.number}</td>
                <td>{x.name}</td>
                <td>{x.tech}</td>
                <td>{x.voicemail}</td>
                <td>{x.outboundCid}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 class="h6 mt-3">Inbound routes ({config.inboundRoutes.length})</h3>
      <div class="table-responsive">
        <table class="table table-sm">
          <thead>
            <tr>
              <th scope="col">DID</th>
              <th scope="col">Caller ID</th>
              <th scope="col">Destination</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {config.inboundRoutes.map((r) => (
              <tr>
                <td>{r.did || 'any'}</td>
                <td>{r.cid || 'any'}</td>
                <td>{describeDestination(r.destination)}</td>
                <td>{r.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 class="h6 mt-3">Backup jobs</h3>
      <ul class="small">
        {config.backups.map((b) => (
          <li>
            {b.name}: last run {when(b.lastRun)}
          </li>
        ))}
      </ul>
      <h3 class="h6 mt-3">Modules ({config.modules.length})</h3>
      <p class="small text-break">
        {config.modules
          .map((m) => `${m.name} ${m.version}${m.state === 'Enabled' ? '' : ` (${m.state})`}`)
          .join(', ')}
      </p>
    </>
  );
}

export function PbxSystemPage(p: {
  company: CompanyHead;
  pbx: PbxSystem;
  locationName: string | null;
  latest: PbxConfig | null;
  drift: Drift[];
  log: { at: string; by_label: string; outcome: string; message: string | null }[];
  snapshots: SnapshotSummary[];
  canWrite: boolean;
  canReveal: boolean;
  csrf: string;
}) {
  const c = p.company;
  const s = p.pbx;
  const url = `${base(c)}/${s.id}`;
  const actions = p.canWrite ? (
    <>
      <form method="post" action={`${url}/sync`}>
        <CsrfField token={p.csrf} />
        <button class="btn btn-primary" type="submit">
          Sync now
        </button>
      </form>
      <a class="btn btn-outline-secondary" href={`${url}/edit`}>
        Edit
      </a>
    </>
  ) : null;
  return (
    <>
      <CompanyHeader company={c} active="pbx" actions={actions} />
      <h2 class="h4">{s.name}</h2>
      <dl class="row small">
        <dt class="col-sm-3">Host</dt>
        <dd class="col-sm-9 text-break">{s.hostUrl}</dd>
        <dt class="col-sm-3">FreePBX / Asterisk</dt>
        <dd class="col-sm-9">
          {s.version ?? '—'} / {s.asteriskVersion ?? '—'}
        </dd>
        <dt class="col-sm-3">Location</dt>
        <dd class="col-sm-9">{p.locationName ?? '—'}</dd>
        <dt class="col-sm-3">API client</dt>
        <dd class="col-sm-9">
          {s.clientId ?? '—'} · secret {s.hasClientSecret ? 'stored' : 'not set'}
          {s.hasClientSecret && p.canReveal ? (
            <form method="post" action={`${url}/reveal`} class="d-inline ms-2">
              <CsrfField token={p.csrf} />
              <button class="btn btn-sm btn-link p-0" type="submit">
                Reveal secret
              </button>
            </form>
          ) : null}
        </dd>
        <dt class="col-sm-3">Last sync</dt>
        <dd class="col-sm-9">{when(s.lastSyncAt)}</dd>
        {s.notes ? (
          <>
            <dt class="col-sm-3">Notes</dt>
            <dd class="col-sm-9 text-pre-line">{s.notes}</dd>
          </>
        ) : null}
      </dl>
      {p.drift.length ? (
        <div class="alert alert-warning" role="status">
          <h3 class="h6">Needs attention</h3>
          <ul class="mb-0">
            {p.drift.map((d) => (
              <li data-drift={d.code}>{d.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.latest ? (
        <>
          {p.latest.needReload ? <p class="badge text-bg-warning">Apply Config pending</p> : null}
          <ConfigTables config={p.latest} />
        </>
      ) : (
        <p class="text-body-secondary">Not synced yet.</p>
      )}
      {p.canWrite && p.latest ? (
        <details class="card mt-3">
          <summary class="card-header">Change an extension on the PBX</summary>
          <form method="post" action={`${url}/extensions`} class="card-body" novalidate>
            <CsrfField token={p.csrf} />
            <Select
              name="action"
              label="Change"
              options={[
                ['add', 'Add an extension'],
                ['rename', 'Rename an extension'],
                ['remove', 'Remove an extension'],
              ]}
            />
            <Field
              name="number"
              label="Extension number"
              required
              attrs={{ inputmode: 'numeric' }}
            />
            <Field name="name" label="Name" help="For adding and renaming." />
            <Field
              name="email"
              label="Email"
              type="email"
              help="For adding (FreePBX requires it)."
            />
            <p class="small text-body-secondary">
              The change is applied on the PBX (Apply Config) and recorded in the history.
            </p>
            <button class="btn btn-outline-primary" type="submit">
              Make the change
            </button>
          </form>
        </details>
      ) : null}
      <h3 class="h6 mt-4">History</h3>
      {p.snapshots.length ? (
        <ul class="small">
          {p.snapshots.map((sn) => (
            <li>
              <a href={`${url}/snapshots/${sn.id}`}>{when(sn.takenAt)}</a> by {sn.takenByLabel}
            </li>
          ))}
        </ul>
      ) : (
        <p class="small text-body-secondary">No snapshots yet.</p>
      )}
      <h3 class="h6 mt-4">Sync log</h3>
      <ul class="small">
        {p.log.map((l) => (
          <li>
            {when(l.at)} · {l.by_label} · {l.outcome}
            {l.message ? ` — ${l.message}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

export function RevealPage(p: {
  company: CompanyHead;
  pbx: PbxSystem;
  clientSecret: string | null;
}) {
  return (
    <>
      <CompanyHeader company={p.company} active="pbx" />
      <h2 class="h5">{p.pbx.name}: API client secret</h2>
      <p>
        <code class="user-select-all text-break">{p.clientSecret ?? '(none stored)'}</code>
      </p>
      <p class="small text-body-secondary">This reveal was recorded in the audit log.</p>
      <a href={`${base(p.company)}/${p.pbx.id}`}>Back to {p.pbx.name}</a>
    </>
  );
}

export function SnapshotPage(p: {
  company: CompanyHead;
  pbx: PbxSystem;
  snapshot: { id: string; takenAt: string; takenByLabel: string };
  config: PbxConfig;
  against: { id: string; takenAt: string } | null;
  changes: string[];
  all: SnapshotSummary[];
}) {
  const url = `${base(p.company)}/${p.pbx.id}`;
  return (
    <>
      <CompanyHeader company={p.company} active="pbx" />
      <h2 class="h5">
        <a href={url}>{p.pbx.name}</a>: snapshot of {when(p.snapshot.takenAt)}
      </h2>
      <p class="small">
        Taken by {p.snapshot.takenByLabel}. FreePBX {p.config.version}, Asterisk{' '}
        {p.config.asteriskVersion}.{' '}
        <a href={`${url}/snapshots/${p.snapshot.id}/export.json`}>Download JSON</a>
      </p>
      <form method="get" class="d-flex flex-wrap gap-2 align-items-end mb-3">
        <div>
          <label class="form-label small" for="f-against">
            Compare with
          </label>
          <select class="form-select form-select-sm" id="f-against" name="against">
            {p.all
              .filter((s) => s.id !== p.snapshot.id)
              .map((s) => (
                <option value={s.id} selected={s.id === p.against?.id}>
                  {when(s.takenAt)}
                </option>
              ))}
          </select>
        </div>
        <button class="btn btn-sm btn-outline-secondary" type="submit">
          Compare
        </button>
      </form>
      {p.against ? (
        <div class="card mb-3">
          <div class="card-body">
            <h3 class="h6">Changes since {when(p.against.takenAt)}</h3>
            {p.changes.length ? (
              <ul class="mb-0" data-changes>
                {p.changes.map((ch) => (
                  <li>{ch}</li>
                ))}
              </ul>
            ) : (
              <p class="mb-0">No differences.</p>
            )}
          </div>
        </div>
      ) : (
        <p class="small text-body-secondary">The first snapshot of this system.</p>
      )}
      <ConfigTables config={p.config} />
    </>
  );
}
