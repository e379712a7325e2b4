// The portal's own shell: the MSP's logo, name and accent colour (business profile), a short nav of
// the sections this contact may use, and nothing of the staff UI. Pure function of its props;
// preact escapes all output. Styles come from /public/portal.css and /portal/theme.css (the accent):
// no inline styles or scripts, so the strict CSP holds.
import type { ComponentChildren } from 'preact';
import type { Flash } from '../../../views/layout.tsx';
import type { PortalBranding } from '../queries.ts';
import { portalNav } from './nav.ts';

export type PortalMeta = {
  title: string;
  csrf: string;
  path: string;
  brand: PortalBranding;
  flash?: Flash | null;
  /** The signed-in contact; null on the sign-in pages. */
  contact: {
    name: string;
    companyName: string;
    flags: { billing: boolean; service: boolean };
    viewAs: { name: string } | null;
  } | null;
};

export function PortalLayout({
  meta,
  children,
}: {
  meta: PortalMeta;
  children: ComponentChildren;
}) {
  const { brand, contact } = meta;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={meta.csrf} />
        <meta name="robots" content="noindex" />
        <title>{`${meta.title} · ${brand.name}`}</title>
        <link rel="stylesheet" href="/vendor/bootstrap/css/bootstrap.min.css" />
        <link rel="stylesheet" href="/public/portal.css" />
        <link rel="stylesheet" href="/portal/theme.css" />
      </head>
      <body class="portal">
        <a class="visually-hidden-focusable" href="#main">
          Skip to content
        </a>
        {contact?.viewAs ? (
          <div class="portal-viewas" role="status">
            <span>
              You are viewing the portal as <strong>{contact.name}</strong> of {contact.companyName}
              , read-only. Nothing can be changed from here.
            </span>
            <form method="post" action="/portal/logout" class="d-inline">
              <input type="hidden" name="_csrf" value={meta.csrf} />
              <button type="submit" class="btn btn-sm btn-light">
                Stop viewing
              </button>
            </form>
          </div>
        ) : null}
        <header class="portal-header">
          <div class="portal-wrap portal-header-row">
            <a class="portal-brand" href="/portal">
              {brand.logoKey ? <img src="/portal/logo" alt="" class="portal-logo" /> : null}
              <span>{brand.name}</span>
            </a>
            {contact ? (
              <form method="post" action="/portal/logout" class="portal-signout">
                <input type="hidden" name="_csrf" value={meta.csrf} />
                <span class="portal-who">{contact.name}</span>
                <button type="submit" class="btn btn-sm btn-outline-light">
                  Sign out
                </button>
              </form>
            ) : null}
          </div>
          {contact ? (
            <nav class="portal-wrap portal-nav" aria-label="Portal">
              {portalNav(contact.flags).map((item) => (
                <a
                  href={item.href}
                  class={isActive(meta.path, item.href) ? 'active' : undefined}
                  aria-current={isActive(meta.path, item.href) ? 'page' : undefined}
                >
                  {item.label}
                </a>
              ))}
            </nav>
          ) : null}
        </header>
        <main id="main" class="portal-wrap portal-main">
          {meta.flash ? (
            <div class={`alert alert-${meta.flash.kind}`} role="status">
              {meta.flash.message}
            </div>
          ) : null}
          {children}
        </main>
        <footer class="portal-wrap portal-footer">
          {brand.name}
          {brand.phone ? ` · ${brand.phone}` : ''}
          {brand.email ? (
            <>
              {' · '}
              <a href={`mailto:${brand.email}`}>{brand.email}</a>
            </>
          ) : null}
        </footer>
      </body>
    </html>
  );
}

const isActive = (path: string, href: string) =>
  href === '/portal' ? path === '/portal' || path === '/portal/' : path.startsWith(href);

/** A centred card for the sign-in, set-password and forgot-password pages. */
export function PortalCard({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="portal-card-wrap">
      <div class="card shadow-sm">
        <div class="card-body p-4">
          <h1 class="h4 mb-3">{title}</h1>
          {children}
        </div>
      </div>
    </div>
  );
}
