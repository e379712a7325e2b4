// The search page (results grouped by kind, each with its key facts, an empty state that leads
// somewhere) and the type-ahead's options (a listbox fragment, public/search.js). Both render the
// same SearchResults through the same presenters (present.tsx).
import { EmptyState, PageHeader } from '../../views/components.tsx';
import { PRESENT, type Fact, type PresentEnv, type Presented } from './present.tsx';
import { KINDS, type Hits, type KindKey, type SearchResults } from './queries.ts';

const LABEL = Object.fromEntries(KINDS.map((k) => [k.key, k.label])) as Record<KindKey, string>;

/** Where "See all" goes for a kind that has a list with the same search, by term. */
const SEE_ALL: Partial<Record<KindKey, (q: string) => string>> = {
  workOrders: (q) => `/work-orders?status=all&q=${encodeURIComponent(q)}`,
  invoices: (q) => `/invoices?q=${encodeURIComponent(q)}`,
  payments: (q) => `/payments?q=${encodeURIComponent(q)}`,
  companies: (q) => `/companies?status=all&q=${encodeURIComponent(q)}`,
  assets: (q) => `/assets?q=${encodeURIComponent(q)}`,
};

const WHAT: Record<KindKey, string> = {
  workOrders: 'work order numbers and titles',
  invoices: 'invoice numbers',
  payments: 'check numbers and payment references',
  companies: 'companies',
  contacts: 'contacts',
  assets: 'asset names, serials and IP addresses',
};

function presented<K extends KindKey>(key: K, items: Hits[K][], env: PresentEnv): Presented[] {
  const present = PRESENT[key] as (hit: Hits[K], env: PresentEnv) => Presented;
  return items.map((h) => present(h, env));
}

/** "Harbor Law · In progress · 2 days overdue": each fact kept on one line, the lead (a company name, which may be long) free to wrap. */
const joinFacts = (facts: Fact[], lead?: Fact) =>
  [...(lead ? [lead] : []), ...facts.map((f) => <span class="text-nowrap">{f}</span>)].flatMap(
    (f, i) => (i === 0 ? [f] : [<span aria-hidden="true"> · </span>, f]),
  );

const listWords = (words: string[]) =>
  words.length < 2
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;

export type SearchPageProps = {
  results: SearchResults;
  env: PresentEnv;
  limit: number;
  /** Links the empty state may offer this user. */
  can: { createCompany: boolean; createWorkOrder: boolean };
};

function SearchBox({ q }: { q: string }) {
  return (
    <form method="get" action="/search" class="mb-3 mw-36 search-combo" role="search">
      <div class="input-group">
        <input
          class="form-control"
          type="search"
          name="q"
          value={q}
          id="page-search"
          aria-label="Search"
          placeholder="Work order, invoice, payment, company, contact, asset…"
          autocomplete="off"
          // biome-ignore lint/a11y/noRedundantRoles: a search input without a list attribute is a searchbox; this role makes it the combobox (list={undefined} is for the JSX types only and is not rendered)
          role="combobox"
          list={undefined}
          aria-autocomplete="list"
          aria-expanded="false"
          aria-controls="page-search-list"
          data-typeahead="/search/suggest"
          autofocus
        />
        <button class="btn btn-primary" type="submit">
          Search
        </button>
      </div>
      <div
        id="page-search-list"
        class="search-suggest"
        role="listbox"
        aria-label="Search suggestions"
        hidden
      ></div>
    </form>
  );
}

function Hit({ p }: { p: Presented }) {
  return (
    <li class={`list-group-item search-hit${p.exact ? ' search-hit-exact' : ''}`}>
      <span>
        <a href={p.href}>
          <strong class="text-nowrap">{p.code}</strong>
          {p.title ? <span class="text-body"> {p.title}</span> : null}
        </a>
        {p.exact ? <span class="badge text-bg-light border ms-2">exact match</span> : null}
      </span>
      <span class="small text-body-secondary">
        {joinFacts(
          p.facts,
          p.company ? <a href={`/companies/${p.company.id}`}>{p.company.name}</a> : undefined,
        )}
      </span>
    </li>
  );
}

function Section({
  kind,
  items,
  more,
  q,
  wide,
}: {
  kind: KindKey;
  items: Presented[];
  more: boolean;
  q: string;
  /** The only section: it may use the page's width. */
  wide: boolean;
}) {
  const all = SEE_ALL[kind];
  return (
    <section
      class={wide ? 'col-12 col-xxl-9' : 'col-xl-6'}
      id={`results-${kind}`}
      aria-labelledby={`results-${kind}-h`}
    >
      <h2 class="h5" id={`results-${kind}-h`}>
        {LABEL[kind]}{' '}
        <span class="badge text-bg-light">
          {items.length}
          {more ? '+' : ''}
        </span>
      </h2>
      <ul class="list-group">
        {items.map((p) => (
          <Hit p={p} />
        ))}
      </ul>
      {more && all ? (
        <a class="small d-inline-block mt-1" href={all(q)}>
          See all matching {LABEL[kind].toLowerCase()}
        </a>
      ) : null}
    </section>
  );
}

function NoMatches({ results, can }: Pick<SearchPageProps, 'results' | 'can'>) {
  const { q, kinds } = results;
  const links: [string, string][] = [];
  if (kinds.includes('workOrders'))
    links.push(['/work-orders?status=all', 'Browse all work orders']);
  if (can.createWorkOrder) links.push(['/work-orders/new', 'Open a work order']);
  if (kinds.includes('companies')) links.push(['/companies?status=all', 'Browse all companies']);
  if (can.createCompany) links.push(['/companies/new', 'Create a company']);
  if (kinds.includes('invoices')) links.push(['/invoices', 'Browse invoices']);
  return (
    <EmptyState title={`No matches for “${q}”.`}>
      <p class="small mb-3 px-3">
        Search looks at {listWords(kinds.map((k) => WHAT[k]))}
        {kinds.includes('invoices') || kinds.includes('payments')
          ? ' (numbers and references from their start)'
          : ''}
        . Try fewer letters, or part of a name.
      </p>
      <div class="d-flex flex-wrap justify-content-center gap-2 px-3">
        {links.map(([href, label]) => (
          <a class="btn btn-sm btn-outline-primary" href={href}>
            {label}
          </a>
        ))}
      </div>
    </EmptyState>
  );
}

export function SearchPage(p: SearchPageProps) {
  const { q, kinds, found, total } = p.results;
  const sections = kinds.flatMap((k) => {
    const f = found[k];
    return f?.items.length
      ? [{ kind: k, items: presented(k, f.items as Hits[typeof k][], p.env), more: f.more }]
      : [];
  });
  return (
    <>
      <PageHeader title="Search" />
      <SearchBox q={q} />
      {!q ? (
        <p class="text-body-secondary">
          Type a work order number (WO-01042 or #1042), an invoice number, a check number or payment
          reference, or part of a title, company, contact or asset. Press <kbd>/</kbd> or{' '}
          <kbd>Ctrl</kbd> <kbd>K</kbd> on any page to search from the top bar.
        </p>
      ) : total === 0 ? (
        <NoMatches results={p.results} can={p.can} />
      ) : (
        <>
          {sections.length > 1 ? (
            <nav class="mb-3 small" aria-label="Result kinds">
              {joinFacts(
                sections.map((s) => (
                  <a href={`#results-${s.kind}`}>
                    {LABEL[s.kind]} ({s.items.length}
                    {s.more ? '+' : ''})
                  </a>
                )),
              )}
            </nav>
          ) : null}
          <div class="row g-4">
            {sections.map((s) => (
              <Section
                kind={s.kind}
                items={s.items}
                more={s.more}
                q={q}
                wide={sections.length === 1}
              />
            ))}
          </div>
        </>
      )}
      {q ? (
        <p class="small text-body-secondary mt-4 mb-0">
          Searched {listWords(kinds.map((k) => LABEL[k].toLowerCase()))}; up to {p.limit} of each.
        </p>
      ) : null}
    </>
  );
}

/**
 * The type-ahead's options, the inside of the listbox under a search box: options grouped by kind,
 * then "All results". `list` is the listbox's id, so that option ids are unique on the page.
 */
export function Suggestions({
  results,
  env,
  list,
}: {
  results: SearchResults;
  env: PresentEnv;
  list: string;
}) {
  const { q, kinds, found, total } = results;
  let n = 0;
  const optionId = () => `${list}-o${n++}`;
  return (
    <>
      {kinds.map((k) => {
        const f = found[k];
        if (!f?.items.length) return null;
        const labelId = `${list}-g-${k}`;
        return (
          <div role="group" aria-labelledby={labelId}>
            <div role="presentation" id={labelId} class="search-suggest-label">
              {LABEL[k]}
            </div>
            {presented(k, f.items as Hits[typeof k][], env).map((p) => (
              <a
                role="option"
                id={optionId()}
                href={p.href}
                class="search-suggest-option"
                aria-selected="false"
                tabindex={-1}
              >
                <span class="search-suggest-main">
                  <strong>{p.code}</strong>
                  {p.title ? ` ${p.title}` : ''}
                </span>
                <span class="search-suggest-facts">{joinFacts(p.facts, p.company?.name)}</span>
              </a>
            ))}
          </div>
        );
      })}
      {total === 0 ? (
        <div
          role="option"
          id={optionId()}
          class="search-suggest-empty"
          aria-disabled="true"
          aria-selected="false"
          tabIndex={-1}
        >
          No matches for “{q}”
        </div>
      ) : null}
      <a
        role="option"
        id={optionId()}
        href={`/search?q=${encodeURIComponent(q)}&all=1`}
        class="search-suggest-option search-suggest-all"
        aria-selected="false"
        tabindex={-1}
      >
        {total === 0 ? 'Ways to browse instead' : `All results for “${q}”`}
      </a>
    </>
  );
}
