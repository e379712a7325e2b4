// The work order header with its tabs: overview (details, assets, comments), time, parts.
// The time and parts pages (src/features/time) render it too, so a work order feels like one place.
// With `timer`, the header carries the signed-in technician's timer: start, or the elapsed time and
// stop (the routes are the time feature's /work-orders/:id/timer/start and stop).
import { CsrfField, TabStrip } from '../../../views/components.tsx';
import { formatDuration } from '../../../lib/duration.ts';
import type { ComponentChildren } from 'preact';

export type WorkOrderTab = 'overview' | 'time' | 'parts';
export type WorkOrderHeading = {
  id: string;
  number: number;
  title: string;
  status: string;
  priority: string;
  companyId: string;
  companyName: string;
};

export const woNumber = (n: number) => `WO-${String(n).padStart(5, '0')}`;

export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  waiting_customer: 'Waiting on customer',
  waiting_parts: 'Waiting on parts',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};
export const PRIORITY_LABEL: Record<string, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};
export const STATUS_BADGE: Record<string, string> = {
  new: 'text-bg-info',
  scheduled: 'text-bg-secondary',
  in_progress: 'text-bg-primary',
  waiting_customer: 'text-bg-warning',
  waiting_parts: 'text-bg-warning',
  resolved: 'text-bg-success',
  closed: 'text-bg-dark',
  cancelled: 'text-bg-light border',
};

/** The status as a badge, coloured by what it asks of us. */
export function StatusBadge({ status, class: cls }: { status: string; class?: string }) {
  return (
    <span class={`badge ${STATUS_BADGE[status] ?? 'text-bg-secondary'}${cls ? ` ${cls}` : ''}`}>
      {STATUS_LABEL[status] ?? status}
    </span>
  );
}

const PRIORITY_BADGE: Record<string, string> = {
  low: 'text-bg-light',
  normal: 'text-bg-secondary',
  high: 'text-bg-warning',
  urgent: 'text-bg-danger',
};

/** The signed-in technician's timer as the header shows it; running is null when none runs. */
export type HeaderTimer = {
  running: { workOrderId: string; workOrderNumber: number; startedAt: string | null } | null;
  csrf: string;
  /** Where start and stop return to (this tab). */
  back: string;
  /** Now (ISO): the elapsed time is rendered once, then time.js ticks it. */
  now: string;
};

/** Whole minutes from an ISO start to now (0 when unknown or in the future). */
export const elapsedMinutes = (startedAt: string | null, now: string) =>
  startedAt ? Math.max(0, Math.floor((Date.parse(now) - Date.parse(startedAt)) / 60_000)) : 0;

export function TimerControl({ wo, timer }: { wo: { id: string }; timer: HeaderTimer }) {
  const r = timer.running;
  if (r && r.workOrderId !== wo.id)
    return (
      <a
        class="btn btn-sm btn-outline-secondary"
        href={`/work-orders/${r.workOrderId}`}
        title="One timer at a time: stop it there first"
      >
        Timer runs on {woNumber(r.workOrderNumber)}
      </a>
    );
  return (
    <form
      method="post"
      action={`/work-orders/${wo.id}/timer/${r ? 'stop' : 'start'}`}
      class="d-flex align-items-center gap-2 wo-timer"
    >
      <CsrfField token={timer.csrf} />
      <input type="hidden" name="back" value={timer.back} />
      {r ? (
        <>
          <span class="badge text-bg-success fs-6 font-monospace" title="Timer running">
            <span class="visually-hidden">Timer running: </span>
            <span data-timer-start={r.startedAt ?? ''}>
              {formatDuration(elapsedMinutes(r.startedAt, timer.now))}
            </span>
          </span>
          <button type="submit" class="btn btn-sm btn-danger text-nowrap">
            Stop timer
          </button>
        </>
      ) : (
        <button type="submit" class="btn btn-sm btn-outline-success text-nowrap">
          Start timer
        </button>
      )}
    </form>
  );
}

const TABS: [WorkOrderTab, string, string][] = [
  ['overview', 'Overview', ''],
  ['time', 'Time', '/time'],
  ['parts', 'Parts and expenses', '/parts'],
];

export function WorkOrderHeader(p: {
  wo: WorkOrderHeading;
  active: WorkOrderTab;
  actions?: ComponentChildren;
  timer?: HeaderTimer;
}) {
  const w = p.wo;
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/work-orders">Work orders</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/companies/${w.companyId}`}>{w.companyName}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {woNumber(w.number)}
          </li>
        </ol>
      </nav>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0">
          <span class="text-body-secondary">{woNumber(w.number)}</span> {w.title}{' '}
          <StatusBadge status={w.status} class="align-middle fs-6" />{' '}
          <span class={`badge ${PRIORITY_BADGE[w.priority] ?? 'text-bg-light'} align-middle fs-6`}>
            {PRIORITY_LABEL[w.priority] ?? w.priority}
          </span>
        </h1>
        <div class="d-flex flex-wrap align-items-center gap-2">
          {p.timer ? <TimerControl wo={w} timer={p.timer} /> : null}
          {p.actions}
        </div>
      </div>
      <TabStrip base={`/work-orders/${w.id}`} tabs={TABS} active={p.active} />
    </>
  );
}
