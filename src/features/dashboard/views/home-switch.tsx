// The small line under a home page's title: a link to the other home page, and "Make this my home"
// when the page shown is not the user's home (POST /account/home; src/features/users/routes.tsx).
import { CsrfField } from '../../../views/components.tsx';
import type { Home } from '../../users/home.ts';

export type HomeSwitchProps = {
  /** The page being shown. */
  page: Home;
  /** The user's home (their choice or their role's default). */
  home: Home;
  csrf: string;
  /** The other home page, when it is worth a link. */
  other: { href: string; label: string } | null;
};

export function HomeSwitch(p: HomeSwitchProps) {
  if (!p.other && p.page === p.home) return null;
  return (
    <div class="d-flex flex-wrap justify-content-end align-items-baseline gap-3 small mb-2 home-switch">
      {p.other ? <a href={p.other.href}>{p.other.label}</a> : null}
      {p.page === p.home ? null : (
        <form method="post" action="/account/home" class="d-inline">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="home" value={p.page} />
          <input type="hidden" name="back" value="/" />
          <button type="submit" class="btn btn-link btn-sm p-0 align-baseline">
            Make this my home
          </button>
        </form>
      )}
    </div>
  );
}
