// Global search: companies, contacts and assets (work orders join when they land).
// Each kind is one bounded, indexed-where-possible query; results are capped per kind. Companies and
// assets go through the trigram index (contains.ts); contacts are few enough to scan.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import { EmptyState, PageHeader } from '../../views/components.tsx';
import { columnContains, orderColumn, textSearch } from './contains.ts';

const PER_KIND = 20;

export async function searchRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/search', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'companies.read');
    const q = String((req.query as { q?: string }).q ?? '')
      .trim()
      .slice(0, 200);
    const [companySearch, assetSearch] = q
      ? await Promise.all([textSearch(ctx.db, 'companies', q), textSearch(ctx.db, 'assets', q)])
      : [];
    const [companies, contacts, assets] =
      companySearch && assetSearch
        ? await Promise.all([
            ctx.db
              .selectFrom('companies')
              .select(['id', 'name', 'status', 'email', 'phone'])
              .where(companySearch.where)
              .orderBy(orderColumn(companySearch, 'name_sort'))
              .orderBy('id')
              .limit(PER_KIND)
              .execute(),
            ctx.db
              .selectFrom('contacts')
              .innerJoin('companies', 'companies.id', 'contacts.company_id')
              .select([
                'contacts.id',
                'contacts.name',
                'contacts.email',
                'contacts.phone',
                'contacts.company_id',
                'companies.name as company_name',
              ])
              .where((eb) =>
                eb.or([
                  columnContains(ctx.db, 'contacts.name_sort', q),
                  columnContains(ctx.db, 'contacts.email', q),
                  columnContains(ctx.db, 'contacts.phone', q),
                ]),
              )
              .orderBy('contacts.name_sort')
              .limit(PER_KIND)
              .execute(),
            ctx.db
              .selectFrom('assets')
              .innerJoin('companies', 'companies.id', 'assets.company_id')
              .select([
                'assets.id',
                'assets.name',
                'assets.serial',
                'assets.asset_tag',
                'assets.ip_addresses',
                'assets.company_id',
                'companies.name as company_name',
              ])
              .where(assetSearch.where)
              .orderBy(orderColumn(assetSearch, 'assets.name_sort'))
              .orderBy('assets.id')
              .limit(PER_KIND)
              .execute(),
          ])
        : [[], [], []];
    return reply.page(
      q ? `Search: ${q}` : 'Search',
      <>
        <PageHeader title="Search" />
        <form method="get" action="/search" class="mb-4 mw-36" role="search">
          <div class="input-group">
            <input
              class="form-control"
              type="search"
              name="q"
              value={q}
              aria-label="Search"
              placeholder="Company, contact, asset, serial, IP, email or phone"
              autofocus
            />
            <button class="btn btn-primary" type="submit">
              Search
            </button>
          </div>
        </form>
        {!q ? null : companies.length + contacts.length + assets.length === 0 ? (
          <EmptyState title={`Nothing matches “${q}”.`} />
        ) : (
          <div class="row g-4">
            <section class="col-lg-6">
              <h2 class="h5">
                Companies{' '}
                <span class="badge text-bg-light">
                  {companies.length}
                  {companies.length === PER_KIND ? '+' : ''}
                </span>
              </h2>
              <ul class="list-group">
                {companies.map((c) => (
                  <li class="list-group-item">
                    <a href={`/companies/${c.id}`}>{c.name}</a>{' '}
                    {c.status === 'inactive' ? (
                      <span class="badge text-bg-secondary">inactive</span>
                    ) : null}{' '}
                    <span class="text-body-secondary small">
                      {[c.email, c.phone].filter(Boolean).join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
              {companies.length === PER_KIND ? (
                <a class="small" href={`/companies?status=all&q=${encodeURIComponent(q)}`}>
                  See all matching companies
                </a>
              ) : null}
            </section>
            <section class="col-lg-6">
              <h2 class="h5">
                Contacts{' '}
                <span class="badge text-bg-light">
                  {contacts.length}
                  {contacts.length === PER_KIND ? '+' : ''}
                </span>
              </h2>
              <ul class="list-group">
                {contacts.map((c) => (
                  <li class="list-group-item">
                    {c.name} · <a href={`/companies/${c.company_id}`}>{c.company_name}</a>{' '}
                    <span class="text-body-secondary small">
                      {[c.email, c.phone].filter(Boolean).join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            <section class="col-lg-6">
              <h2 class="h5">
                Assets{' '}
                <span class="badge text-bg-light">
                  {assets.length}
                  {assets.length === PER_KIND ? '+' : ''}
                </span>
              </h2>
              <ul class="list-group">
                {assets.map((a) => (
                  <li class="list-group-item">
                    <a href={`/assets/${a.id}`}>{a.name}</a> ·{' '}
                    <a href={`/companies/${a.company_id}`}>{a.company_name}</a>{' '}
                    <span class="text-body-secondary small">
                      {[a.serial, a.asset_tag, a.ip_addresses].filter(Boolean).join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
              {assets.length === PER_KIND ? (
                <a class="small" href={`/assets?q=${encodeURIComponent(q)}`}>
                  See all matching assets
                </a>
              ) : null}
            </section>
          </div>
        )}
      </>,
    );
  });
}
