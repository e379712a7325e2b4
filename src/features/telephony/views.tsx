// Pages of phone services: Settings › Phone services (the main Twilio account), a company's Phone
// services tab (its subaccount, numbers, last month's usage, sync log), and the /phone-services list
// of companies with a linked subaccount. No page ever shows an auth token, only whether one is set.
import { formatInstant } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import {
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
  PageHeader,
  Select,
} from '../../views/components.tsx';
import { CompanyHeader } from '../companies/views/tabs.tsx';
import { millicentsToCents } from './money.ts';
import type { PhoneNumber, SyncLogRow, TelephonyAccount, UsageRow } from './queries.ts';
import type { Subaccount } from './service.ts';
import type { PublicTelephony } from './settings.ts';

type Values = Record<string, string | undefined>;
type Errors = Record<string, string>;

/** +15550100001 → +1 555-010-0001 (North American numbers); others as E.164 with a space after the code. */
export function formatE164(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}`;
  return e164;
}

export function TelephonySettingsPage(p: {
  csrf: string;
  settings: PublicTelephony;
  values: Values;
  errors: Errors;
}) {
  const s = p.settings;
  return (
    <>
      <PageHeader
        title="Phone services"
        subtitle="The MSP’s main Twilio account. The auth token is stored encrypted and never shown again."
      />
      <form method="post" action="/settings/phone-services" class="mw-48" novalidate>
        <CsrfField token={p.csrf} />
        <FormErrorSummary errors={p.errors} />
        <Field
          name="accountSid"
          label="Account SID"
          value={p.values.accountSid ?? ''}
          error={p.errors.accountSid}
          required
          autocomplete="off"
          help="AC followed by 32 characters, from the Twilio console’s account dashboard."
        />
        <Field
          name="authToken"
          label={s.tokenSet ? `Auth token: set (ends in …${s.tokenLast4})` : 'Auth token: not set'}
          type="password"
          value=""
          error={p.errors.authToken}
          autocomplete="off"
          help={
            s.tokenSet
              ? 'Leave empty to keep the one stored; type a new one to replace it.'
              : 'The main account’s auth token.'
          }
        />
        <button type="submit" class="btn btn-primary">
          Save
        </button>
      </form>
      {s.tokenSet ? (
        <form method="post" action="/settings/phone-services/test" class="mt-3">
          <CsrfField token={p.csrf} />
          <button type="submit" class="btn btn-outline-secondary">
            Test connection
          </button>
        </form>
      ) : null}
    </>
  );
}

/** 2026-11 → November 2026 */
export const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const capabilityLabel = (c: string[]) => (c.length ? c.join(', ') : '—');

export function NumbersTable({ numbers }: { numbers: PhoneNumber[] }) {
  if (!numbers.length)
    return (
      <EmptyState title="No phone numbers yet.">
        <p class="small">Sync now to pull this company’s numbers from its Twilio subaccount.</p>
      </EmptyState>
    );
  return (
    <div class="table-responsive">
      <table class="table table-sm align-middle">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Name</th>
            <th scope="col" class="d-none d-md-table-cell">
              Type
            </th>
            <th scope="col" class="d-none d-md-table-cell">
              Capabilities
            </th>
            <th scope="col">Status</th>
            <th scope="col" class="d-none d-md-table-cell">
              Routes to
            </th>
            <th scope="col" class="d-none d-md-table-cell">
              Added
            </th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <tr class={n.status === 'released' ? 'text-body-secondary' : undefined}>
              <td class="text-nowrap">
                {formatE164(n.phoneNumber)}
                {n.source === 'manual' ? (
                  <span class="badge text-bg-light border ms-1">kept by hand</span>
                ) : null}
              </td>
              <td>{n.friendlyName}</td>
              <td class="d-none d-md-table-cell">{n.type ?? '—'}</td>
              <td class="d-none d-md-table-cell">{capabilityLabel(n.capabilities)}</td>
              <td>
                {n.status === 'released' ? (
                  <span class="badge text-bg-secondary">released</span>
                ) : (
                  n.status
                )}
              </td>
              <td class="text-break d-none d-md-table-cell">
                {n.trunkSid ? `SIP trunk ${n.trunkSid}` : (n.voiceUrl ?? '—')}
              </td>
              <td class="text-nowrap d-none d-md-table-cell">
                {n.dateAdded ? n.dateAdded.slice(0, 10) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsageTable(p: { month: string; rows: UsageRow[]; totalMillicents: number | null }) {
  if (!p.rows.length)
    return <p class="text-body-secondary">No usage stored for {monthLabel(p.month)}.</p>;
  const sum = p.rows.reduce((a, r) => a + r.costMillicents, 0);
  return (
    <div class="table-responsive">
      <table class="table table-sm">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" class="text-end">
              Quantity
            </th>
            <th scope="col" class="text-end">
              Twilio cost
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>{r.description && r.description !== r.category ? r.description : r.category}</td>
              <td class="text-end">
                {r.quantity} {r.unit}
              </td>
              <td class="text-end">{formatMoney(millicentsToCents(r.costMillicents))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={2}>
              Total{p.totalMillicents !== null ? ' (Twilio’s total price)' : ''}
            </th>
            <th class="text-end">{formatMoney(millicentsToCents(p.totalMillicents ?? sum))}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function CompanyTelephonyPage(p: {
  csrf: string;
  company: { id: string; name: string; status: string };
  account: TelephonyAccount | null;
  canWrite: boolean;
  configured: boolean;
  subaccounts: Subaccount[] | null;
  subaccountError: string | null;
  errors: Errors;
  numbers: PhoneNumber[];
  month: string;
  usage: UsageRow[];
  totalMillicents: number | null;
  syncs: SyncLogRow[];
  timeZone: string;
}) {
  const base = `/companies/${p.company.id}/phone-services`;
  const sync =
    p.account && p.canWrite ? (
      <form method="post" action={`${base}/sync`}>
        <CsrfField token={p.csrf} />
        <button type="submit" class="btn btn-primary">
          Sync now
        </button>
      </form>
    ) : null;
  return (
    <>
      <CompanyHeader company={p.company} active="phone-services" actions={sync} />
      {p.account ? (
        <p>
          Twilio subaccount <strong>{p.account.friendlyName}</strong>{' '}
          <code class="text-break">{p.account.accountSid}</code>
          <br />
          <span class="small text-body-secondary">
            Last sync:{' '}
            {p.account.lastSyncAt
              ? `${formatInstant(p.account.lastSyncAt, p.timeZone)} — ${p.account.lastSyncOutcome ?? ''}`
              : 'never'}
          </span>
        </p>
      ) : !p.configured ? (
        <EmptyState title="Phone services are not set up.">
          <p class="small">
            An administrator enters the main Twilio account in{' '}
            <a href="/settings/phone-services">Settings → Phone services</a>.
          </p>
        </EmptyState>
      ) : !p.canWrite ? (
        <EmptyState title="Not linked to a Twilio subaccount." />
      ) : (
        <div class="card mw-48 mb-3">
          <div class="card-body">
            <h2 class="h5">Link to a Twilio subaccount</h2>
            <FormErrorSummary errors={p.errors} />
            {p.subaccountError ? <div class="alert alert-danger">{p.subaccountError}</div> : null}
            {p.subaccounts?.length ? (
              <form method="post" action={`${base}/link`} novalidate>
                <CsrfField token={p.csrf} />
                <Select
                  name="twilioAccountSid"
                  label="Subaccount"
                  value=""
                  error={p.errors.twilioAccountSid}
                  options={[
                    ['', 'Choose…'],
                    ...p.subaccounts
                      .filter((s) => !s.linkedCompanyId)
                      .map((s) => [s.sid, `${s.friendlyName} (${s.sid})`] as [string, string]),
                  ]}
                />
                <button type="submit" class="btn btn-primary">
                  Link
                </button>
              </form>
            ) : null}
            <form method="post" action={`${base}/create-subaccount`} class="mt-3">
              <CsrfField token={p.csrf} />
              <button type="submit" class="btn btn-outline-primary">
                Create subaccount “{p.company.name}”
              </button>
            </form>
          </div>
        </div>
      )}
      <h2 class="h5 mt-3">Numbers</h2>
      <NumbersTable numbers={p.numbers} />
      <h2 class="h5 mt-3">Usage in {monthLabel(p.month)}</h2>
      <UsageTable month={p.month} rows={p.usage} totalMillicents={p.totalMillicents} />
      {p.syncs.length ? (
        <>
          <h2 class="h5 mt-3">Recent syncs</h2>
          <ul class="list-unstyled small">
            {p.syncs.map((s) => (
              <li>
                {formatInstant(s.at, p.timeZone)} · {s.byLabel} ·{' '}
                {s.outcome === 'ok' ? (
                  `${s.added} added, ${s.changed} changed, ${s.released} released, ${s.usageRows} usage rows`
                ) : (
                  <span class="text-danger">{s.message}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function PhoneServicesListPage(p: {
  rows: {
    companyId: string;
    name: string;
    accountSid: string;
    numbers: number;
    lastSyncAt: string | null;
  }[];
  timeZone: string;
  canSettings: boolean;
}) {
  return (
    <>
      <PageHeader
        title="Phone services"
        subtitle="Companies linked to a Twilio subaccount, and their phone numbers."
      >
        {p.canSettings ? (
          <a class="btn btn-outline-secondary" href="/settings/phone-services">
            Settings
          </a>
        ) : null}
      </PageHeader>
      {p.rows.length === 0 ? (
        <EmptyState title="No company is linked to Twilio yet.">
          <p class="small">Open a company’s Phone services tab to link it to a subaccount.</p>
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col" class="d-none d-md-table-cell">
                  Subaccount
                </th>
                <th scope="col" class="text-end">
                  Numbers
                </th>
                <th scope="col" class="d-none d-md-table-cell">
                  Last sync
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/companies/${r.companyId}/phone-services`}>{r.name}</a>
                  </td>
                  <td class="text-break d-none d-md-table-cell">
                    <code>{r.accountSid}</code>
                  </td>
                  <td class="text-end">{r.numbers}</td>
                  <td class="text-nowrap d-none d-md-table-cell">
                    {r.lastSyncAt ? formatInstant(r.lastSyncAt, p.timeZone) : 'never'}
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
