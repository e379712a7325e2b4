// The time zone field of setup and the business profile: a <select> grouped by region that works
// on its own, plus a search box that /public/timezone.js shows and wires up (CSP: no inline
// script). With `browserDefault` (setup's first view) the script also preselects the browser's
// own zone, so most people never touch the field.
import { timeZoneGroups } from './time-zones.ts';

export function TimeZoneSelect(p: { value: string; error?: string; browserDefault?: boolean }) {
  const id = 'f-timeZone';
  const describedBy = [p.error ? `${id}-error` : '', `${id}-help`].filter(Boolean).join(' ');
  return (
    <div class="mb-3">
      <label class="form-label" for={id}>
        Time zone
      </label>
      <input
        class="form-control form-control-sm mb-1"
        type="search"
        id={`${id}-search`}
        placeholder="Search, e.g. Chicago or UTC-6"
        aria-label="Search time zones"
        aria-controls={id}
        autocomplete="off"
        hidden
        data-tz-search={id}
      />
      <select
        class={`form-select${p.error ? ' is-invalid' : ''}`}
        id={id}
        name="timeZone"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
        data-tz
        data-tz-browser-default={p.browserDefault ? '' : undefined}
      >
        {timeZoneGroups(p.value).map((g) => (
          <optgroup label={g.label}>
            {g.zones.map((z) => (
              <option value={z.value} selected={z.value === p.value}>
                {z.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {p.error ? (
        <div class="invalid-feedback" id={`${id}-error`}>
          {p.error}
        </div>
      ) : null}
      <div class="form-text" id={`${id}-help`} data-tz-note aria-live="polite">
        Due dates, the monthly billing run and reminders follow this zone.
      </div>
      <script src="/public/timezone.js" defer></script>
    </div>
  );
}
