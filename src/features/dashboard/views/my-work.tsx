// "My work": the signed-in user's open work orders by urgency (UX.md 1), one line each with company,
// asset, age and status and a one-click timer. Only what is wrong is coloured (UX.md 2): the days a
// work order is overdue, and an urgent or high priority.
import { CsrfField, EmptyState, PageHeader } from '../../../views/components.tsx';
import { PRIORITY_LABEL, STATUS_LABEL, woNumber } from '../../work-orders/views/header.tsx';
import {
  GROUP_LABEL,
  daysOverdue,
  elapsed,
  waitingSince,
  type GroupKey,
  type MyWorkItem,
  type WorkGroup,
} from '../my-work.ts';
import { HomeSwitch, type HomeSwitchProps } from './home-switch.tsx';

/** Rows shown per group; the rest are a link away. */
export const GROUP_CAP = 10;

export type RunningTimer = {
  workOrderId: string;
  workOrderNumber: number;
  workOrderTitle: string;
  startedAt: string;
};

export type MyWorkProps = {
  userId: string;
  groups: WorkGroup[];
  /** True when the user has more open work than the page reads (MY_WORK_LIMIT). */
  truncated: boolean;
  today: string;
  nowMs: number;
  /** Null when the user may not log time; otherwise their running timer, if any. */
  timer: { running: RunningTimer | null } | null;
  csrf: string;
  /** Where the timer buttons come back to. */
  back: string;
  unassigned: number;
  canCreate: boolean;
  home: HomeSwitchProps;
};

const SUMMARY_LABEL: Record<GroupKey, string> = {
  overdue: 'overdue',
  today: 'due today',
  waiting: 'waiting on us',
  customer: 'updated by the customer',
  rest: 'other',
};

const n = (v: number) => v.toLocaleString('en-US');
const days = (d: number) => `${d} ${d === 1 ? 'day' : 'days'}`;

export const myOpenWorkHref = (userId: string) =>
  `/work-orders?status=open&assignedTo=${encodeURIComponent(userId)}`;

function moreHref(key: GroupKey, userId: string) {
  return key === 'overdue' ? `${myOpenWorkHref(userId)}&overdue=1` : myOpenWorkHref(userId);
}

/** The group's fact about the row: how late, how long it has waited, when the customer wrote. */
function When(p: { group: GroupKey; w: MyWorkItem; today: string; nowMs: number }) {
  const { group, w } = p;
  if (group === 'overdue' && w.dueOn)
    return (
      <span class="text-danger fw-semibold">{days(daysOverdue(w.dueOn, p.today))} overdue</span>
    );
  if (group === 'today') return <span class="fw-semibold">Due today</span>;
  if (group === 'waiting') return <span>Waiting {elapsed(waitingSince(w), p.nowMs)}</span>;
  if (group === 'customer' && w.lastCustomerAt)
    return <span>Customer wrote {elapsed(w.lastCustomerAt, p.nowMs)} ago</span>;
  if (w.dueOn) return <span>Due {w.dueOn}</span>;
  return <span class="text-body-tertiary">No due date</span>;
}

function TimerButton(p: {
  w: MyWorkItem;
  running: RunningTimer | null;
  csrf: string;
  back: string;
}) {
  const mine = p.running?.workOrderId === p.w.id;
  // One timer at a time: while one runs, only its own row offers a button (Stop).
  if (p.running && !mine) return null;
  return (
    <form method="post" action={`/my-work/${p.w.id}/timer/${mine ? 'stop' : 'start'}`}>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="back" value={p.back} />
      <button
        type="submit"
        class={`btn btn-sm text-nowrap ${mine ? 'btn-success' : 'btn-outline-secondary'}`}
      >
        {mine ? 'Stop' : 'Start'}
        <span class="visually-hidden"> timer on {woNumber(p.w.number)}</span>
      </button>
    </form>
  );
}

function Row(p: { group: GroupKey; w: MyWorkItem; props: MyWorkProps }) {
  const { w } = p;
  const running = p.props.timer?.running ?? null;
  // The running row is marked (and its button says Stop); the banner above ticks the time.
  const isRunning = running?.workOrderId === w.id;
  const asset = w.assetName
    ? `${w.assetName}${w.assetCount > 1 ? ` +${w.assetCount - 1}` : ''}`
    : null;
  return (
    <tr class={isRunning ? 'table-success' : undefined} data-group={p.group}>
      {p.props.timer ? (
        <td class="text-nowrap">
          <TimerButton w={w} running={running} csrf={p.props.csrf} back={p.props.back} />
        </td>
      ) : null}
      <td>
        <a href={`/work-orders/${w.id}`} class="text-nowrap">
          {woNumber(w.number)}
        </a>{' '}
        <a class="text-reset" href={`/work-orders/${w.id}`}>
          {w.title}
        </a>
        {w.priority === 'urgent' || w.priority === 'high' ? (
          <span
            class={`badge ms-1 ${w.priority === 'urgent' ? 'text-bg-danger' : 'text-bg-warning'}`}
          >
            {PRIORITY_LABEL[w.priority]}
          </span>
        ) : null}
        {/* On a phone the secondary columns fold into one line under the title. */}
        <div class="d-md-none small text-body-secondary">
          {w.companyName} · {STATUS_LABEL[w.status]} ·{' '}
          <span class="text-nowrap">
            <When group={p.group} w={w} today={p.props.today} nowMs={p.props.nowMs} />
          </span>
        </div>
      </td>
      <td class="d-none d-md-table-cell">
        <a class="text-reset" href={`/companies/${w.companyId}`}>
          {w.companyName}
        </a>
      </td>
      <td class="d-none d-lg-table-cell">{asset ?? <span class="text-body-tertiary">—</span>}</td>
      <td class="d-none d-lg-table-cell text-nowrap text-body-secondary" title={w.createdAt}>
        {elapsed(w.createdAt, p.props.nowMs)}
      </td>
      <td class="d-none d-md-table-cell text-nowrap">{STATUS_LABEL[w.status]}</td>
      <td class="d-none d-md-table-cell text-nowrap small">
        <When group={p.group} w={w} today={p.props.today} nowMs={p.props.nowMs} />
      </td>
    </tr>
  );
}

function Group({ g, props }: { g: WorkGroup; props: MyWorkProps }) {
  const shown = g.items.slice(0, GROUP_CAP);
  const more = g.items.length - shown.length;
  const cols = props.timer ? 7 : 6;
  return (
    <tbody id={`group-${g.key}`} aria-labelledby={`group-${g.key}-heading`}>
      <tr class="table-light">
        <th scope="rowgroup" colSpan={cols} id={`group-${g.key}-heading`} class="fw-semibold">
          {GROUP_LABEL[g.key]}{' '}
          <span class="text-body-secondary fw-normal" data-count={g.items.length}>
            {n(g.items.length)}
          </span>
        </th>
      </tr>
      {shown.map((w) => (
        <Row group={g.key} w={w} props={props} />
      ))}
      {more > 0 ? (
        <tr>
          <td colSpan={cols} class="small">
            <a href={moreHref(g.key, props.userId)}>
              and {n(more)} more {g.key === 'overdue' ? 'overdue' : 'open'}
            </a>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function RunningBanner(p: { running: RunningTimer; csrf: string; back: string; listed: boolean }) {
  return (
    <div class="alert alert-success d-flex flex-wrap align-items-center gap-2 py-2" role="status">
      <span>
        Timer running on{' '}
        <a class="alert-link" href={`/work-orders/${p.running.workOrderId}`}>
          {woNumber(p.running.workOrderNumber)}
        </a>{' '}
        {p.running.workOrderTitle} · <span data-timer-start={p.running.startedAt} />
      </span>
      {p.listed ? null : (
        <form method="post" action={`/my-work/${p.running.workOrderId}/timer/stop`} class="ms-auto">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="back" value={p.back} />
          <button type="submit" class="btn btn-sm btn-success">
            Stop timer
          </button>
        </form>
      )}
    </div>
  );
}

export function MyWorkPage(p: MyWorkProps) {
  const total = p.groups.reduce((s, g) => s + g.items.length, 0);
  const present = p.groups.filter((g) => g.items.length > 0);
  const running = p.timer?.running ?? null;
  const listed = Boolean(
    running && p.groups.some((g) => g.items.some((w) => w.id === running.workOrderId)),
  );
  return (
    <>
      <PageHeader
        title="My work"
        subtitle={
          total ? (
            <span>
              {n(total)} open{' · '}
              {present.map((g, i) => (
                <>
                  {i ? ' · ' : ''}
                  <a class="text-reset" href={`#group-${g.key}`}>
                    {n(g.items.length)} {SUMMARY_LABEL[g.key]}
                  </a>
                </>
              ))}
            </span>
          ) : (
            'Nothing open is assigned to you'
          )
        }
      >
        {total ? (
          <a class="btn btn-sm btn-outline-secondary" href={myOpenWorkHref(p.userId)}>
            All my open work
          </a>
        ) : null}
      </PageHeader>
      <HomeSwitch {...p.home} />
      {running ? (
        <RunningBanner running={running} csrf={p.csrf} back={p.back} listed={listed} />
      ) : null}
      {total === 0 ? (
        <EmptyState title="No open work is assigned to you">
          <p class="mb-2">
            {p.unassigned ? (
              <a href="/work-orders?status=open&assignedTo=none">
                {p.unassigned === 1
                  ? 'Pick up the unassigned work order'
                  : `Pick up one of the ${n(p.unassigned)} unassigned work orders`}
              </a>
            ) : (
              'Nobody has unassigned work waiting either.'
            )}
          </p>
          <p class="mb-0 d-flex flex-wrap justify-content-center gap-2">
            {p.canCreate ? (
              <a class="btn btn-sm btn-primary" href="/work-orders/new">
                New work order
              </a>
            ) : null}
            <a class="btn btn-sm btn-outline-secondary" href="/work-orders">
              All work orders
            </a>
          </p>
        </EmptyState>
      ) : (
        <table class="table table-sm align-middle">
          <thead>
            {/* On a phone the columns fold under the title, and so does their header. */}
            <tr class="d-none d-md-table-row small text-body-secondary">
              {p.timer ? (
                <th scope="col" class="fw-normal">
                  <span class="visually-hidden">Timer</span>
                </th>
              ) : null}
              <th scope="col" class="fw-normal">
                Work order
              </th>
              <th scope="col" class="fw-normal">
                Company
              </th>
              <th scope="col" class="fw-normal d-none d-lg-table-cell">
                Asset
              </th>
              <th scope="col" class="fw-normal d-none d-lg-table-cell">
                Age
              </th>
              <th scope="col" class="fw-normal">
                Status
              </th>
              <th scope="col" class="fw-normal">
                Due or waiting
              </th>
            </tr>
          </thead>
          {present.map((g) => (
            <Group g={g} props={p} />
          ))}
        </table>
      )}
      {p.truncated ? (
        <p class="small text-body-secondary">
          This page reads your first {n(total)} open work orders by due date;{' '}
          <a href={myOpenWorkHref(p.userId)}>all my open work</a> lists every one.
        </p>
      ) : null}
    </>
  );
}
