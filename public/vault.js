// The vault's browser side. Secrets are fetched only when the user clicks Reveal or Copy (each
// request is audited by the server), shown in place, and masked again after a minute.
(() => {
  const csrf = () =>
    document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const MASK_AFTER_MS = 60_000;
  const masks = new Map();
  let timer = null;
  let countdown = null;

  async function fetchSecrets(action, purpose, field) {
    const res = await fetch(action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': csrf(),
      },
      body: JSON.stringify(field ? { purpose, field } : { purpose }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.detail || `The server answered ${res.status}.`);
    return body;
  }

  function showError(msg) {
    const el = document.querySelector('[data-vault-error]');
    if (el) el.textContent = msg;
  }

  function mask() {
    for (const [el, text] of masks) el.textContent = text;
    const left = document.querySelector('[data-totp-left]');
    if (left) left.textContent = '';
    clearInterval(countdown);
  }

  function show(secrets) {
    const values = { password: secrets.password, totp: secrets.totpCode, notes: secrets.notes };
    document.querySelectorAll('[data-secret]').forEach((el) => {
      if (!masks.has(el)) masks.set(el, el.textContent);
      const v = values[el.getAttribute('data-secret')];
      if (v != null) el.textContent = v;
    });
    const left = document.querySelector('[data-totp-left]');
    if (left && secrets.totpSecondsLeft != null) {
      let s = secrets.totpSecondsLeft;
      const tick = () => {
        left.textContent =
          s > 0 ? `valid ${s} more seconds` : 'expired — click Reveal for the next code';
        if (s-- <= 0) clearInterval(countdown);
      };
      clearInterval(countdown);
      tick();
      countdown = setInterval(tick, 1000);
    }
    clearTimeout(timer);
    timer = setTimeout(mask, MASK_AFTER_MS);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.querySelector('form[data-vault-reveal]');
    if (form) {
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        showError('');
        try {
          show(await fetchSecrets(form.action, 'reveal'));
        } catch (err) {
          showError(err.message);
        }
      });
      document.querySelectorAll('[data-vault-copy]').forEach((btn) => {
        btn.hidden = false;
        btn.addEventListener('click', async () => {
          showError('');
          const field = btn.getAttribute('data-vault-copy');
          try {
            const s = await fetchSecrets(form.action, 'copy', field);
            const value = { password: s.password, totp: s.totpCode, notes: s.notes }[field];
            await navigator.clipboard.writeText(value ?? '');
            btn.textContent = 'Copied';
            setTimeout(() => {
              btn.textContent = 'Copy';
            }, 2000);
          } catch (err) {
            showError(err.message || 'Could not copy to the clipboard.');
          }
        });
      });
    }

    const gen = document.querySelector('[data-vault-generate]');
    const pw = document.getElementById('f-password');
    if (gen && pw) {
      gen.hidden = false;
      gen.addEventListener('click', async () => {
        const res = await fetch('/vault/generate?length=20', {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        if (!res.ok) return;
        pw.value = (await res.json()).password;
        pw.type = 'text';
      });
    }

    const kind = document.querySelector('form[data-vault-form] select[name="kind"]');
    if (kind) {
      const sync = () =>
        document.querySelectorAll('.vault-login-only').forEach((el) => {
          el.classList.toggle('d-none', kind.value === 'note');
        });
      kind.addEventListener('change', sync);
      sync();
    }
  });
})();
