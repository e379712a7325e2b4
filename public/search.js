// The type-ahead under every search box marked data-typeahead (the top bar's and the search
// page's): as the user types, after a short pause, the box asks the server for the best few matches
// of each kind and shows them in its listbox (WAI-ARIA combobox pattern: the focus stays in the box,
// aria-activedescendant names the highlighted option). Arrow keys move, Enter opens the highlighted
// match (or submits the search when none is), Escape closes. "/" or Ctrl-K (⌘K) focuses the search.
// Without JavaScript the boxes are plain GET forms to /search.
(() => {
  const DEBOUNCE_MS = 150;
  const MIN_CHARS = 2;

  const visible = (el) => Boolean(el?.getClientRects().length);

  function setUp(input) {
    const list = document.getElementById(input.getAttribute('aria-controls') || '');
    const url = input.getAttribute('data-typeahead');
    if (!list || !url || !input.form) return;
    const status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.form.appendChild(status);

    let timer = null;
    let controller = null;
    let shownFor = null; // the term the listbox's options answer
    let active = -1;

    const options = () => [...list.querySelectorAll('[role="option"]:not([aria-disabled="true"])')];

    function setActive(i) {
      const opts = options();
      opts.forEach((o, j) => {
        o.setAttribute('aria-selected', j === i ? 'true' : 'false');
      });
      active = i;
      if (i >= 0 && opts[i]) {
        input.setAttribute('aria-activedescendant', opts[i].id);
        opts[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function open() {
      if (!list.hidden) return;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }
    function clear() {
      controller?.abort();
      clearTimeout(timer);
      list.replaceChildren();
      shownFor = null;
      close();
    }

    async function suggest(q) {
      controller?.abort();
      controller = new AbortController();
      try {
        const res = await fetch(
          `${url}?q=${encodeURIComponent(q)}&list=${encodeURIComponent(list.id)}`,
          {
            signal: controller.signal,
            credentials: 'same-origin',
            headers: { accept: 'text/html' },
          },
        );
        // A redirect means the session ended (sign-in page): show nothing rather than that page.
        if (!res.ok || res.redirected) return;
        const html = await res.text();
        if (input.value.trim() !== q) return;
        // The server's own fragment, rendered and escaped by preact: no user-supplied markup.
        list.innerHTML = html;
        shownFor = q;
        setActive(-1);
        const matches = list.querySelectorAll(
          '[role="option"]:not(.search-suggest-all):not([aria-disabled="true"])',
        ).length;
        status.textContent = matches
          ? `${matches} ${matches === 1 ? 'match' : 'matches'}; up and down arrows to choose`
          : 'No matches';
        if (document.activeElement === input) open();
      } catch (err) {
        if (err.name !== 'AbortError') status.textContent = '';
      }
    }

    input.addEventListener('input', () => {
      const q = input.value.trim();
      clearTimeout(timer);
      if ([...q].length < MIN_CHARS) {
        clear();
        return;
      }
      timer = setTimeout(() => suggest(q), DEBOUNCE_MS);
    });

    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const opts = options();
        if (!opts.length || shownFor !== input.value.trim()) return;
        e.preventDefault();
        open();
        const down = e.key === 'ArrowDown';
        setActive(down ? (active + 1) % opts.length : active <= 0 ? opts.length - 1 : active - 1);
      } else if (e.key === 'Enter') {
        const opt = options()[active];
        if (!list.hidden && opt) {
          e.preventDefault();
          window.location.assign(opt.getAttribute('href'));
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) {
          e.preventDefault();
          close();
        }
      } else if (e.key === 'Tab') close();
    });

    input.addEventListener('focus', () => {
      if (shownFor !== null && shownFor === input.value.trim() && options().length) open();
    });
    input.addEventListener('blur', () => close());
    // A click on an option must not blur the box first (which would close the list under it).
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('mousemove', (e) => {
      const opt = e.target instanceof Element ? e.target.closest('[role="option"]') : null;
      const i = opt ? options().indexOf(opt) : -1;
      if (i >= 0 && i !== active) setActive(i);
    });
    // Coming back with the browser's back button shows the page as it was: start closed.
    window.addEventListener('pageshow', () => close());
  }

  /** The top bar's box, or on a phone (menu collapsed) the search page's, or the menu opened. */
  function focusSearch() {
    const nav = document.getElementById('global-search');
    const page = document.getElementById('page-search');
    const box = visible(nav) ? nav : visible(page) ? page : null;
    if (box) {
      box.focus();
      box.select();
      return;
    }
    const menu = document.getElementById('nav');
    const collapse = menu && window.bootstrap?.Collapse?.getOrCreateInstance(menu);
    if (!collapse || !nav) {
      window.location.assign('/search');
      return;
    }
    menu.addEventListener('shown.bs.collapse', () => nav.focus(), { once: true });
    collapse.show();
  }

  document.addEventListener('keydown', (e) => {
    const t = e.target;
    const typing =
      t instanceof HTMLElement &&
      (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K');
    // "/" alone is app.js's while the top bar's box is visible; here when it is not (a phone).
    const slash = e.key === '/' && !typing && !visible(document.getElementById('global-search'));
    if (ctrlK || slash) {
      e.preventDefault();
      focusSearch();
    }
  });

  const start = () => {
    for (const input of document.querySelectorAll('input[data-typeahead]')) setUp(input);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
