// The time zone picker (settings/time-zone-select.tsx). The grouped <select> works without this;
// here: (1) on setup's first view, preselect the browser's own zone while the field is untouched;
// (2) show the search box and narrow the list to the zones matching every word typed (city,
// region, IANA name or offset), selecting the first match when the current one no longer fits.
(() => {
  // Names browsers report that the server's list spells the other way (old and new IANA names).
  const ALIASES = {
    'Asia/Kolkata': 'Asia/Calcutta',
    'Asia/Calcutta': 'Asia/Kolkata',
    'Europe/Kyiv': 'Europe/Kiev',
    'Europe/Kiev': 'Europe/Kyiv',
    'Asia/Ho_Chi_Minh': 'Asia/Saigon',
    'Asia/Saigon': 'Asia/Ho_Chi_Minh',
    'Asia/Kathmandu': 'Asia/Katmandu',
    'Asia/Katmandu': 'Asia/Kathmandu',
    'Asia/Yangon': 'Asia/Rangoon',
    'Asia/Rangoon': 'Asia/Yangon',
    'Atlantic/Faroe': 'Atlantic/Faeroe',
    'Atlantic/Faeroe': 'Atlantic/Faroe',
    'America/Argentina/Buenos_Aires': 'America/Buenos_Aires',
    'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
    'America/Indiana/Indianapolis': 'America/Indianapolis',
    'America/Indianapolis': 'America/Indiana/Indianapolis',
    'Pacific/Kanton': 'Pacific/Enderbury',
    'Etc/UTC': 'UTC',
  };
  const norm = (s) =>
    s
      .toLowerCase()
      .replace(/[_/,()]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const has = (sel, value) => [...sel.options].some((o) => o.value === value);

  for (const sel of document.querySelectorAll('select[data-tz]')) {
    const note = sel.parentElement?.querySelector('[data-tz-note]');
    const help = note?.textContent ?? '';

    if (sel.hasAttribute('data-tz-browser-default')) {
      let zone = '';
      try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
      } catch {
        zone = '';
      }
      const pick = [zone, ALIASES[zone]].find((z) => z && has(sel, z));
      if (pick && pick !== sel.value) {
        sel.value = pick;
        if (note) note.textContent = `Set from this browser's time zone. ${help}`;
      }
    }

    const search = document.getElementById(`${sel.id}-search`);
    if (!search) continue;
    // Every option with its group and the text it is found by, kept while the list is narrowed.
    const groups = [...sel.querySelectorAll('optgroup')].map((g) => ({
      el: g,
      options: [...g.children].map((o) => ({
        el: o,
        text: norm(`${g.label} ${o.textContent} ${o.value}`),
      })),
    }));
    search.hidden = false;

    const filter = () => {
      const words = norm(search.value).split(' ').filter(Boolean);
      const current = sel.value;
      const shown = [];
      for (const g of groups) {
        const keep = g.options.filter((o) => words.every((w) => o.text.includes(w)));
        g.el.replaceChildren(...keep.map((o) => o.el));
        if (keep.length) shown.push(g.el);
      }
      if (shown.length === 0) {
        // Nothing matches: keep the whole list (and the choice) rather than an empty select.
        for (const g of groups) g.el.replaceChildren(...g.options.map((o) => o.el));
        sel.replaceChildren(...groups.map((g) => g.el));
        sel.value = current;
        if (note) note.textContent = `No time zone matches “${search.value.trim()}”.`;
        return;
      }
      sel.replaceChildren(...shown);
      if (has(sel, current)) sel.value = current;
      else {
        sel.selectedIndex = 0;
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      }
      const n = sel.options.length;
      if (note)
        note.textContent = words.length
          ? `${n} time ${n === 1 ? 'zone matches' : 'zones match'}; selected: ${sel.options[sel.selectedIndex]?.textContent ?? ''}.`
          : help;
    };
    search.addEventListener('input', filter);
    // Enter in the search box goes to the list instead of submitting the form.
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        sel.focus();
      }
    });
  }
})();
