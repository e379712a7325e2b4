// Ticks every running-timer display ([data-timer-start] holds the ISO start) once a second.
// The timer itself lives in the database; this only shows elapsed time since the start.
(() => {
  function pad(n) {
    return String(n).padStart(2, '0');
  }
  function tick() {
    document.querySelectorAll('[data-timer-start]').forEach((el) => {
      var start = Date.parse(el.getAttribute('data-timer-start'));
      if (!start) return;
      var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
      el.textContent = `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    });
  }
  document.addEventListener('DOMContentLoaded', () => {
    tick();
    setInterval(tick, 1000);
  });
  document.addEventListener('htmx:afterSwap', tick);
})();
