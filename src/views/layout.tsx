// The staff app shell: top navigation for every area of the brief, the global search box, flash
// messages and the page body. Pure function of its props; all output escaped by preact.
import type { ComponentChildren } from 'preact';
import type { StaffActor } from '../platform/actor.ts';
import { can, type Permission } from '../platform/permissions.ts';

export type Flash = { kind: 'success' | 'danger' | 'info' | 'warning'; message: string };
export type PageMeta = {
  title: string;
  actor: StaffActor | null;
  csrf: string;
  path: string;
  flash?: Flash | null;
  businessName?: string;
};

const NAV: { href: string; label: string; permission?: Permission }[] = [
  { href: '/', label: 'Home' },
  { href: '/companies', label: 'Companies', permission: 'companies.read' },
  { href: '/assets', label: 'Assets', permission: 'assets.read' },
  { href: '/work-orders', label: 'Work orders', permission: 'workorders.read' },
  { href: '/invoices', label: 'Invoices', permission: 'billing.read' },
  { href: '/billing', label: 'Billing', permission: 'billing.read' },
  { href: '/payments', label: 'Payments', permission: 'billing.read' },
  { href: '/phone-services', label: 'Phone services', permission: 'telephony.read' },
  { href: '/reports', label: 'Reports', permission: 'reports.read' },
];

const isActive = (path: string, href: string) =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

export function Layout({ meta, children }: { meta: PageMeta; children: ComponentChildren }) {
  const { actor } = meta;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={meta.csrf} />
        {/* htmx would otherwise inject an inline <style>, which the CSP (rightly) blocks. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <link rel="icon" href="/public/favicon.svg" type="image/svg+xml" />
        <title>{`${meta.title} · ${meta.businessName ?? 'SupportTracker'}`}</title>
        <link rel="stylesheet" href="/vendor/bootstrap/css/bootstrap.min.css" />
        <link rel="stylesheet" href="/public/app.css" />
        <script src="/vendor/htmx/htmx.min.js" defer></script>
        <script src="/vendor/bootstrap/js/bootstrap.bundle.min.js" defer></script>
        <script src="/public/app.js" defer></script>
        <script src="/public/time.js" defer></script>
      </head>
      <body>
        <a class="visually-hidden-focusable" href="#main">
          Skip to content
        </a>
        {actor ? <TopNav meta={meta} actor={actor} /> : <BareHeader name={meta.businessName} />}
        <main id="main" class="container-fluid py-3 px-md-4">
          {meta.flash ? (
            <div class={`alert alert-${meta.flash.kind} alert-dismissible`} role="status">
              {meta.flash.message}
              <button
                type="button"
                class="btn-close"
                data-bs-dismiss="alert"
                aria-label="Close"
              ></button>
            </div>
          ) : null}
          {children}
        </main>
      </body>
    </html>
  );
}

function BareHeader({ name }: { name?: string }) {
  return (
    <header class="navbar navbar-dark bg-dark px-3">
      <span class="navbar-brand">{name ?? 'SupportTracker'}</span>
    </header>
  );
}

function TopNav({ meta, actor }: { meta: PageMeta; actor: StaffActor }) {
  return (
    <nav class="navbar navbar-expand-lg navbar-dark bg-dark px-3" aria-label="Main">
      <a class="navbar-brand fw-semibold" href="/">
        {meta.businessName ?? 'SupportTracker'}
      </a>
      <button
        class="navbar-toggler"
        type="button"
        data-bs-toggle="collapse"
        data-bs-target="#nav"
        aria-controls="nav"
        aria-expanded="false"
        aria-label="Toggle navigation"
      >
        <span class="navbar-toggler-icon"></span>
      </button>
      <div class="collapse navbar-collapse" id="nav">
        <ul class="navbar-nav me-auto">
          {NAV.filter((n) => !n.permission || can(actor, n.permission)).map((n) => (
            <li class="nav-item">
              <a
                class={`nav-link${isActive(meta.path, n.href) ? ' active' : ''}`}
                aria-current={isActive(meta.path, n.href) ? 'page' : undefined}
                href={n.href}
              >
                {n.label}
              </a>
            </li>
          ))}
        </ul>
        <form
          class="d-flex me-lg-3 my-2 my-lg-0 search-combo search-combo-nav"
          role="search"
          method="get"
          action="/search"
        >
          {/* A combobox with a type-ahead listbox (public/search.js); without JavaScript, a plain search form. */}
          <input
            class="form-control form-control-sm"
            type="search"
            name="q"
            placeholder="Search  ( / )"
            aria-label="Search everything"
            id="global-search"
            autocomplete="off"
            // biome-ignore lint/a11y/noRedundantRoles: a search input without a list attribute is a searchbox; this role makes it the combobox (list={undefined} is for the JSX types only and is not rendered)
            role="combobox"
            list={undefined}
            aria-autocomplete="list"
            aria-expanded="false"
            aria-controls="global-search-list"
            aria-keyshortcuts="/ Control+K Meta+K"
            data-typeahead="/search/suggest"
          />
          <div
            id="global-search-list"
            class="search-suggest"
            role="listbox"
            aria-label="Search suggestions"
            hidden
          ></div>
          <script src="/public/search.js" defer></script>
        </form>
        {can(actor, 'time.own') ? (
          // Loaded after the page, so no page pays for it: the signed-in technician's running timer.
          <span
            class="navbar-text me-lg-3"
            hx-get="/time/running"
            hx-trigger="load"
            hx-swap="innerHTML"
          ></span>
        ) : null}
        <ul class="navbar-nav">
          <li class="nav-item dropdown">
            <button
              type="button"
              class="nav-link dropdown-toggle btn btn-link"
              data-bs-toggle="dropdown"
              aria-expanded="false"
            >
              {actor.name} <span class="badge text-bg-secondary">{actor.role}</span>
            </button>
            <ul class="dropdown-menu dropdown-menu-end">
              <li>
                <a class="dropdown-item" href="/account">
                  My account
                </a>
              </li>
              {can(actor, 'time.own') ? (
                <li>
                  <a class="dropdown-item" href="/time/timesheet">
                    My timesheet
                  </a>
                </li>
              ) : null}
              {can(actor, 'settings.manage') ? (
                <li>
                  <a class="dropdown-item" href="/settings">
                    Settings
                  </a>
                </li>
              ) : null}
              <li>
                <hr class="dropdown-divider" />
              </li>
              <li>
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={meta.csrf} />
                  <button class="dropdown-item" type="submit">
                    Sign out
                  </button>
                </form>
              </li>
            </ul>
          </li>
        </ul>
      </div>
    </nav>
  );
}
