// Shared pieces of pages: form fields with their error, pagination, sortable headers, empty states.
import type { ComponentChildren } from 'preact';

type FieldProps = {
  name: string;
  label: string;
  value?: string | number | null;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'tel' | 'url' | 'search' | 'color';
  required?: boolean;
  help?: string;
  autocomplete?: string;
  textarea?: boolean;
  attrs?: Record<string, string | number | boolean>;
};

export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const cls = `form-control${p.error ? ' is-invalid' : ''}`;
  const describedBy =
    [p.error ? `${id}-error` : '', p.help ? `${id}-help` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div class="mb-3">
      <label class="form-label" for={id}>
        {p.label}
        {p.required ? (
          <span class="text-danger" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {p.textarea ? (
        <textarea
          class={cls}
          id={id}
          name={p.name}
          rows={3}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={describedBy}
          {...p.attrs}
        >
          {p.value ?? ''}
        </textarea>
      ) : (
        // Preact types narrow attributes per input type; this component takes any of them.
        <input
          {...({
            class: cls,
            id,
            name: p.name,
            type: p.type ?? 'text',
            value: p.value ?? '',
            required: p.required,
            autoComplete: p.autocomplete,
            'aria-invalid': p.error ? 'true' : undefined,
            'aria-describedby': describedBy,
            ...p.attrs,
          } as object)}
        />
      )}
      {p.help ? (
        <div class="form-text" id={`${id}-help`}>
          {p.help}
        </div>
      ) : null}
      {p.error ? (
        <div class="invalid-feedback" id={`${id}-error`}>
          {p.error}
        </div>
      ) : null}
    </div>
  );
}

export function Select(p: {
  name: string;
  label: string;
  value?: string | null;
  options: [string, string][];
  error?: string;
  help?: string;
}) {
  const id = `f-${p.name}`;
  return (
    <div class="mb-3">
      <label class="form-label" for={id}>
        {p.label}
      </label>
      <select
        class={`form-select${p.error ? ' is-invalid' : ''}`}
        id={id}
        name={p.name}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.options.map(([v, l]) => (
          <option value={v} selected={v === (p.value ?? '')}>
            {l}
          </option>
        ))}
      </select>
      {p.help ? <div class="form-text">{p.help}</div> : null}
      {p.error ? <div class="invalid-feedback">{p.error}</div> : null}
    </div>
  );
}

export function Checkbox(p: { name: string; label: string; checked: boolean; help?: string }) {
  const id = `f-${p.name}`;
  return (
    <div class="form-check mb-3">
      <input
        class="form-check-input"
        type="checkbox"
        id={id}
        name={p.name}
        value="on"
        checked={p.checked}
      />
      <label class="form-check-label" for={id}>
        {p.label}
      </label>
      {p.help ? <div class="form-text">{p.help}</div> : null}
    </div>
  );
}

export const CsrfField = ({ token }: { token: string }) => (
  <input type="hidden" name="_csrf" value={token} />
);

export function FormErrorSummary({ errors }: { errors: Partial<Record<string, string>> }) {
  const n = Object.keys(errors).length;
  if (n === 0) return null;
  return (
    <div class="alert alert-danger" role="alert">
      {n === 1 ? Object.values(errors)[0] : `Please correct the ${n} fields marked below.`}
    </div>
  );
}

/** Builds a URL for the same list with some query parameters changed. */
export function withQuery(
  base: string,
  query: Record<string, string | number | undefined>,
  changes: Record<string, string | number | undefined>,
) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes }))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

export function SortHeader(p: {
  label: string;
  column: string;
  base: string;
  query: Record<string, string | number | undefined>;
  sort: string;
  dir: 'asc' | 'desc';
  /** Classes for the th, e.g. "d-none d-md-table-cell" to hide a secondary column on phones. */
  class?: string;
  /** The direction a first click sorts in (money columns start with the largest). */
  first?: 'asc' | 'desc';
}) {
  const active = p.sort === p.column;
  const nextDir = active ? (p.dir === 'asc' ? 'desc' : 'asc') : (p.first ?? 'asc');
  return (
    <th
      scope="col"
      class={p.class}
      aria-sort={active ? (p.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a
        class="text-reset text-decoration-none"
        href={withQuery(p.base, p.query, { sort: p.column, dir: nextDir, page: undefined })}
      >
        {p.label}{' '}
        {active ? (
          <span aria-hidden="true">{p.dir === 'asc' ? '▲' : '▼'}</span>
        ) : (
          <span class="text-body-tertiary" aria-hidden="true">
            ↕
          </span>
        )}
      </a>
    </th>
  );
}

export function Pager(p: {
  base: string;
  query: Record<string, string | number | undefined>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const from = p.total === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  const to = Math.min(p.total, p.page * p.pageSize);
  const link = (page: number, label: string, disabled: boolean, rel?: string) => (
    <li class={`page-item${disabled ? ' disabled' : ''}`}>
      {disabled ? (
        <span class="page-link">{label}</span>
      ) : (
        <a class="page-link" rel={rel} href={withQuery(p.base, p.query, { page })}>
          {label}
        </a>
      )}
    </li>
  );
  return (
    <nav
      class="d-flex align-items-center justify-content-between flex-wrap gap-2"
      aria-label="Pages"
    >
      <span class="text-body-secondary small">
        {from}–{to} of {p.total.toLocaleString('en-US')}
      </span>
      {pages === 1 && p.page === 1 ? null : (
        <ul class="pagination pagination-sm mb-0">
          {link(1, '« First', p.page <= 1)}
          {link(p.page - 1, '‹ Previous', p.page <= 1, 'prev')}
          <li class="page-item active" aria-current="page">
            <span class="page-link">
              Page {p.page} of {pages}
            </span>
          </li>
          {link(p.page + 1, 'Next ›', p.page >= pages, 'next')}
          {link(pages, 'Last »', p.page >= pages)}
        </ul>
      )}
    </nav>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="text-center text-body-secondary border rounded py-5 my-3">
      <p class="fs-5 mb-2">{title}</p>
      {children}
    </div>
  );
}

export function PageHeader({
  title,
  children,
  subtitle,
}: {
  title: string;
  subtitle?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
      <div>
        <h1 class="h3 mb-0">{title}</h1>
        {subtitle ? <div class="text-body-secondary">{subtitle}</div> : null}
      </div>
      <div class="d-flex gap-2">{children}</div>
    </div>
  );
}

/** The tab strip under a record's header (company, asset, work order): one link per tab under `base`. */
export function TabStrip<K extends string>(p: {
  base: string;
  tabs: readonly (readonly [K, string, string])[];
  active: K;
}) {
  return (
    <ul class="nav nav-tabs mb-3">
      {p.tabs.map(([key, label, suffix]) => (
        <li class="nav-item">
          <a
            class={`nav-link${p.active === key ? ' active' : ''}`}
            aria-current={p.active === key ? 'page' : undefined}
            href={`${p.base}${suffix}`}
          >
            {label}
          </a>
        </li>
      ))}
    </ul>
  );
}
