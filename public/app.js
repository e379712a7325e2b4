// Small progressive enhancements. No inline scripts anywhere (the CSP forbids them).
document.addEventListener('DOMContentLoaded', () => {
  // Selects marked data-autosubmit submit their filter form when changed.
  document.querySelectorAll('select[data-autosubmit]').forEach((el) => {
    el.addEventListener('change', () => el.form?.requestSubmit());
  });
  // Forms marked data-confirm ask before a destructive action.
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (e) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
  // "/" focuses the global search box, unless the user is typing somewhere.
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    const typing =
      t instanceof HTMLElement &&
      (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    if (e.key === '/' && !typing) {
      const box = document.getElementById('global-search');
      if (box) {
        e.preventDefault();
        box.focus();
      }
    }
  });
});
// htmx requests carry the CSRF token from the page's meta tag.
document.addEventListener('htmx:configRequest', (e) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) e.detail.headers['X-CSRF-Token'] = meta.getAttribute('content');
});
