// The work order header with its tabs: overview (details, assets, comments), time, parts.
// The time and parts pages (src/features/time) render it too, so a work order feels like one place.
import { TabStrip } from '../../../views/components.tsx';
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
const PRIORITY_BADGE: Record<string, string> = {
  low: 'text-bg-light',
  normal: 'text-bg-secondary',
  high: 'text-bg-warning',
  urgent: 'text-bg-danger',
};

const TABS: [WorkOrderTab, string, string][] = [
  ['overview', 'Overview', ''],
  ['time', 'Time', '/time'],
  ['parts', 'Parts and expenses', '/parts'],
];

export function WorkOrderHeader(p: {
  wo: WorkOrderHeading;
  active: WorkOrderTab;
  actions?: ComponentChildren;
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
          <span class="badge text-bg-primary align-middle fs-6">
            {STATUS_LABEL[w.status] ?? w.status}
          </span>{' '}
          <span class={`badge ${PRIORITY_BADGE[w.priority] ?? 'text-bg-light'} align-middle fs-6`}>
            {PRIORITY_LABEL[w.priority] ?? w.priority}
          </span>
        </h1>
        <div class="d-flex gap-2">{p.actions}</div>
      </div>
      <TabStrip base={`/work-orders/${w.id}`} tabs={TABS} active={p.active} />
    </>
  );
}
