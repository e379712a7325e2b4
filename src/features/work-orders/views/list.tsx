// The work order list (all, per company, per asset, "my work"): filters, saved views, one line per
// work order; only overdue rows are coloured. The default order is urgency (overdue first, then
// due date, then priority), named in the Sort select; due dates read "5 days overdue", "due today".
import { CsrfField, EmptyState, Pager, SortHeader, withQuery } from '../../../views/components.tsx';
import { relativeDue } from '../../../lib/due.ts';
import type { WorkOrderView } from '../queries.ts';
import { DEFAULT_DIR, type ListWorkOrdersQuery, type WoSort } from '../schemas.ts';
import { isOpen, WO_PRIORITIES, WO_STATUSES } from '../transitions.ts';
import { PRIORITY_LABEL, STATUS_LABEL, woNumber } from './header.tsx';

export type WoListProps = {
  base: string;
  title: string;
  heading?: preact.ComponentChildren;
  items: WorkOrderView[];
  total: number;
  query: ListWorkOrdersQuery;
  today: string;
  mine: boolean;
  technicians: { id: string; name: string }[];
  views: { id: string; name: string; query: string }[];
  csrf: string;
  canWrite: boolean;
  newHref: string;
  scoped: boolean;
};

export function listParams(q: ListWorkOrdersQuery): Record<string, string | number | undefined> {
  return {
    q: q.q || undefined,
    company: q.company || undefined,
    status: q.status === 'open' ? undefined : q.status,
    priority: q.priority,
    assignedTo: q.assignedTo,
    overdue: q.overdue,
    mine: q.mine,
    size: q.size === 50 ? undefined : q.size,
    sort: q.sort === 'urgency' ? undefined : q.sort,
    dir: q.dir === DEFAULT_DIR[q.sort] ? undefined : q.dir,
  };
}

export const isOverdue = (w: { dueOn: string | null; status: string }, today: string) =>
  Boolean(w.dueOn && w.dueOn < today && isOpen(w.status));

/** The due date, and for open work how far it is: "2026-11-29 · 5 days overdue", "· due today". */
export function DueCell({
  w,
  today,
}: {
  w: Pick<WorkOrderView, 'dueOn' | 'status'>;
  today: string;
}) {
  if (!w.dueOn) return <span class="text-body-tertiary">—</span>;
  if (!isOpen(w.status)) return <span>{w.dueOn}</span>;
  const due = relativeDue(w.dueOn, today);
  const cls = due.overdue ? 'text-danger fw-semibold' : due.days === 0 ? 'fw-semibold' : '';
  return (
    <span class={cls || undefined}>
      {w.dueOn} · {due.label}
    </span>
  );
}

export const SORT_LABEL: Record<WoSort, string> = {
  urgency: 'Urgency (overdue first)',
  number: 'Newest first',
  priority: 'Priority',
  due: 'Due date',
  updated: 'Recently updated',
};

function Filters(p: WoListProps) {
  const q = p.query;
  const sel = (
    name: string,
    label: string,
    value: string | undefined,
    options: [string, string][],
  ) => (
    <div class="col-auto">
      <label class="form-label small mb-1" for={`flt-${name}`}>
        {label}
      </label>
      <select class="form-select" id={`flt-${name}`} name={name} data-autosubmit="true">
        {options.map(([v, l]) => (
          <option value={v} selected={String(value ?? '') === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form class="row g-2 align-items-end mb-3" method="get" action={p.base} role="search">
      {p.mine ? <input type="hidden" name="mine" value="1" /> : null}
      <div class="col-sm-6 col-md-3">
        <label class="form-label small mb-1" for="flt-q">
          Search
        </label>
        <input
          class="form-control"
          type="search"
          id="flt-q"
          name="q"
          value={q.q}
          placeholder="Number or title"
        />
      </div>
      {p.scoped ? null : (
        <div class="col-sm-6 col-md-2">
          <label class="form-label small mb-1" for="flt-company">
            Company
          </label>
          <input
            class="form-control"
            type="search"
            id="flt-company"
            name="company"
            value={q.company}
            placeholder="Name contains"
          />
        </div>
      )}
      {sel('status', 'Status', q.status, [
        ['open', 'Open'],
        ['all', 'Any status'],
        ...WO_STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s]]),
      ])}
      {sel('priority', 'Priority', q.priority, [
        ['', 'Any priority'],
        ...WO_PRIORITIES.map((s): [string, string] => [s, PRIORITY_LABEL[s]]),
      ])}
      {p.mine
        ? null
        : sel('assignedTo', 'Technician', q.assignedTo, [
            ['', 'Anyone'],
            ['none', 'Unassigned'],
            ...p.technicians.map((t): [string, string] => [t.id, t.name]),
          ])}
      <div class="col-auto form-check ms-2 mb-2">
        <input
          class="form-check-input"
          type="checkbox"
          id="flt-overdue"
          name="overdue"
          value="1"
          checked={q.overdue === '1'}
          data-autosubmit="true"
        />
        <label class="form-check-label" for="flt-overdue">
          Overdue only
        </label>
      </div>
      {p.mine
        ? null
        : sel(
            'sort',
            'Sort',
            q.sort,
            (Object.keys(SORT_LABEL) as WoSort[]).map((k): [string, string] => [k, SORT_LABEL[k]]),
          )}
      {sel('size', 'Per page', String(q.size), [
        ['25', '25'],
        ['50', '50'],
        ['100', '100'],
      ])}
      <div class="col-auto">
        <button class="btn btn-outline-secondary" type="submit">
          Filter
        </button>
      </div>
    </form>
  );
}

function SavedViews(p: WoListProps) {
  const current = new URLSearchParams(
    Object.entries(listParams(p.query))
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  return (
    <div class="d-flex flex-wrap align-items-center gap-2 mb-3 small">
      <span class="text-body-secondary">Saved views:</span>
      {p.views.length === 0 ? (
        <span class="text-body-tertiary">none yet</span>
      ) : (
        p.views.map((v) => (
          <span class="d-inline-flex align-items-center gap-1">
            <a href={`/work-orders?${v.query}`}>{v.name}</a>
            <form method="post" action={`/work-orders/views/${v.id}/delete`} class="d-inline">
              <CsrfField token={p.csrf} />
              <button
                class="btn btn-link btn-sm p-0 text-body-tertiary"
                type="submit"
                aria-label={`Delete saved view ${v.name}`}
              >
                ×
              </button>
            </form>
          </span>
        ))
      )}
      <form method="post" action="/work-orders/views" class="d-inline-flex gap-1 ms-auto">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="query" value={current} />
        <input
          class="form-control form-control-sm"
          name="name"
          placeholder="Name these filters"
          aria-label="Saved view name"
          required
        />
        <button class="btn btn-sm btn-outline-secondary" type="submit">
          Save view
        </button>
      </form>
    </div>
  );
}

export function WorkOrderTable(p: {
  items: WorkOrderView[];
  today: string;
  sortable?: {
    base: string;
    query: Record<string, string | number | undefined>;
    sort: string;
    dir: 'asc' | 'desc';
  };
  showCompany: boolean;
}) {
  const th = (label: string, column: string) =>
    p.sortable ? (
      <SortHeader label={label} column={column} {...p.sortable} />
    ) : (
      <th scope="col">{label}</th>
    );
  return (
    <div class="table-responsive">
      <table class="table table-sm table-hover align-middle">
        <thead>
          <tr>
            {th('Number', 'number')}
            <th scope="col">Title</th>
            {p.showCompany ? <th scope="col">Company</th> : null}
            <th scope="col">Status</th>
            {th('Priority', 'priority')}
            <th scope="col">Technician</th>
            {th('Due', 'due')}
            {th('Updated', 'updated')}
          </tr>
        </thead>
        <tbody>
          {p.items.map((w) => (
            <tr class={isOverdue(w, p.today) ? 'table-danger' : undefined}>
              <td class="text-nowrap">
                <a href={`/work-orders/${w.id}`}>{woNumber(w.number)}</a>
              </td>
              <td>
                <a
                  class="text-reset"
                  href={`/work-orders/${w.id}`}
                  title={w.description ?? undefined}
                >
                  {w.title}
                </a>
              </td>
              {p.showCompany ? (
                <td>
                  <a class="text-reset" href={`/companies/${w.companyId}`}>
                    {w.companyName}
                  </a>
                </td>
              ) : null}
              <td class="text-nowrap">{STATUS_LABEL[w.status]}</td>
              <td>{PRIORITY_LABEL[w.priority]}</td>
              <td>{w.assignedToName ?? <span class="text-body-tertiary">Unassigned</span>}</td>
              <td class="text-nowrap">
                <DueCell w={w} today={p.today} />
              </td>
              <td class="text-nowrap text-body-secondary small">{w.updatedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkOrderListPage(p: WoListProps) {
  const params = listParams(p.query);
  return (
    <>
      {p.heading ?? (
        <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
          <h1 class="h3 mb-0">{p.title}</h1>
          <div class="d-flex gap-2">
            <a
              class={`btn btn-sm ${p.mine ? 'btn-secondary' : 'btn-outline-secondary'}`}
              href="/work-orders?mine=1"
            >
              My work
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/work-orders">
              All open
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/work-orders?overdue=1">
              Overdue
            </a>
            <a class="btn btn-sm btn-outline-secondary" href="/work-orders/board">
              Board
            </a>
            {p.canWrite ? (
              <a class="btn btn-sm btn-primary" href={p.newHref}>
                New work order
              </a>
            ) : null}
          </div>
        </div>
      )}
      {p.mine ? (
        <p class="text-body-secondary small">
          Your open work orders: overdue first, then due today, then by priority.
        </p>
      ) : p.query.sort === 'urgency' && p.query.dir === 'asc' ? (
        <p class="text-body-secondary small mb-2">
          Most urgent first: overdue, then by due date (none last), then by priority.
          {p.query.status === 'all' ? ' Open work orders come before the rest.' : ''}
        </p>
      ) : null}
      <Filters {...p} />
      {p.scoped ? null : <SavedViews {...p} />}
      {p.items.length === 0 ? (
        <EmptyState title={p.mine ? 'Nothing assigned to you is open' : 'No work orders match'}>
          {p.canWrite ? (
            <a class="btn btn-primary btn-sm" href={p.newHref}>
              Create a work order
            </a>
          ) : null}{' '}
          {p.query.status === 'open' ? (
            <a
              class="btn btn-outline-secondary btn-sm"
              href={withQuery(p.base, params, { status: 'all' })}
            >
              Include resolved and closed
            </a>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <WorkOrderTable
            items={p.items}
            today={p.today}
            showCompany={!p.scoped}
            sortable={
              p.mine
                ? undefined
                : { base: p.base, query: params, sort: p.query.sort, dir: p.query.dir }
            }
          />
          <Pager
            base={p.base}
            query={params}
            page={p.query.page}
            pageSize={p.query.size}
            total={p.total}
          />
        </>
      )}
    </>
  );
}
