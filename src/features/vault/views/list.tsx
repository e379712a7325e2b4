// Vault lists for a company (its own entries and its assets') and for one asset. Metadata only:
// these pages never hold a secret, whatever the viewer's role.
import { EmptyState, Pager } from '../../../views/components.tsx';
import { AssetHeader } from '../../assets/views/header.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { AssetHeading, Credential } from '../queries.ts';
import type { ListCredentialsQuery } from '../schemas.ts';

type ListProps = {
  items: Credential[];
  total: number;
  query: ListCredentialsQuery;
  base: string;
  showAsset: boolean;
  canWrite: boolean;
  newHref: string;
};

export function SecretBadges({ c }: { c: Credential }) {
  return (
    <>
      {c.kind === 'note' ? <span class="badge text-bg-light border me-1">secure note</span> : null}
      {c.hasPassword ? <span class="badge text-bg-light border me-1">password</span> : null}
      {c.hasTotp ? <span class="badge text-bg-light border me-1">2FA code</span> : null}
      {c.hasNotes && c.kind === 'login' ? (
        <span class="badge text-bg-light border me-1">notes</span>
      ) : null}
    </>
  );
}

function CredentialTable(p: ListProps) {
  const q = { q: p.query.q || undefined, size: p.query.size };
  return (
    <>
      <form method="get" action={p.base} class="d-flex gap-2 mb-3" role="search">
        <input
          class="form-control form-control-sm vault-search"
          type="search"
          name="q"
          value={p.query.q}
          placeholder="Label, username or tag"
          aria-label="Search entries"
        />
        <button class="btn btn-sm btn-outline-secondary" type="submit">
          Search
        </button>
      </form>
      {p.items.length === 0 ? (
        <EmptyState title={p.query.q ? 'No entries match.' : 'No vault entries yet.'}>
          {p.canWrite && !p.query.q ? (
            <a href={p.newHref}>Add the first password or secure note</a>
          ) : null}
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm table-hover align-middle">
            <thead>
              <tr>
                <th scope="col">Label</th>
                {p.showAsset ? <th scope="col">Asset</th> : null}
                <th scope="col">Username</th>
                <th scope="col">URL</th>
                <th scope="col">Stored</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((c) => (
                <tr>
                  <td class="fw-semibold">
                    <a href={`/credentials/${c.id}`}>{c.label}</a>
                  </td>
                  {p.showAsset ? (
                    <td>
                      {c.assetId ? (
                        <a href={`/assets/${c.assetId}/credentials`}>{c.assetName}</a>
                      ) : (
                        <span class="text-body-secondary">Company</span>
                      )}
                    </td>
                  ) : null}
                  <td class="text-break">{c.username ?? ''}</td>
                  <td class="text-truncate vault-url">
                    {c.url ? (
                      <a href={c.url} rel="noopener noreferrer" target="_blank">
                        {c.url}
                      </a>
                    ) : (
                      ''
                    )}
                  </td>
                  <td class="text-nowrap">
                    <SecretBadges c={c} />
                  </td>
                  <td>
                    {c.tags.map((t) => (
                      <span class="badge text-bg-secondary me-1">{t}</span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.total > p.query.size || p.query.page > 1 ? (
        <Pager
          base={p.base}
          query={q}
          page={p.query.page}
          pageSize={p.query.size}
          total={p.total}
        />
      ) : null}
    </>
  );
}

export function CompanyCredentialsPage(
  p: ListProps & { company: { id: string; name: string; status: string } },
) {
  const actions = p.canWrite ? (
    <a class="btn btn-primary" href={p.newHref}>
      New entry
    </a>
  ) : null;
  return (
    <>
      <CompanyHeader company={p.company} active="credentials" actions={actions} />
      <CredentialTable {...p} />
    </>
  );
}

export function AssetCredentialsPage(p: ListProps & { asset: AssetHeading }) {
  const actions = p.canWrite ? (
    <a class="btn btn-primary" href={p.newHref}>
      New entry
    </a>
  ) : null;
  return (
    <>
      <AssetHeader asset={p.asset} active="credentials" actions={actions} />
      <CredentialTable {...p} />
    </>
  );
}
