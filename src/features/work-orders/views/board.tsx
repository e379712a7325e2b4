// The board: a column per open status (plus resolved), capped cards with counts; each card has a
// small "Move" toggle with the allowed next steps as buttons (status-steps.tsx).
import { withQuery } from '../../../views/components.tsx';
import type { WorkOrderView } from '../queries.ts';
import type { WoStatus } from '../transitions.ts';
import type { Role } from '../../../platform/actor.ts';
import { DueCell, isOverdue } from './list.tsx';
import { PRIORITY_LABEL, STATUS_LABEL, woNumber } from './header.tsx';
import { BoardSteps } from './status-steps.tsx';

type Column = { status: WoStatus; items: WorkOrderView[]; total: number };

export function BoardPage(p: {
  columns: Column[];
  today: string;
  csrf: string;
  role: Role;
  canWrite: boolean;
}) {
  return (
    <>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0">Work order board</h1>
        <div class="d-flex gap-2">
          <a class="btn btn-sm btn-outline-secondary" href="/work-orders">
            List
          </a>
          <a class="btn btn-sm btn-outline-secondary" href="/work-orders?mine=1">
            My work
          </a>
        </div>
      </div>
      <div class="wo-board d-flex gap-2 overflow-auto pb-2">
        {p.columns.map((c) => (
          <section
            class="wo-board-col flex-shrink-0 bg-body-tertiary rounded p-2"
            aria-label={STATUS_LABEL[c.status]}
          >
            <h2 class="h6 d-flex justify-content-between">
              <a class="text-reset" href={withQuery('/work-orders', {}, { status: c.status })}>
                {STATUS_LABEL[c.status]}
              </a>
              <span class="badge text-bg-secondary">{c.total}</span>
            </h2>
            {c.items.map((w) => (
              <div
                class={`card card-body p-2 mb-2 small${isOverdue(w, p.today) ? ' border-danger' : ''}`}
              >
                <a href={`/work-orders/${w.id}`} class="fw-semibold">
                  {woNumber(w.number)} {w.title}
                </a>
                <div class="text-body-secondary">
                  {w.companyName} · {PRIORITY_LABEL[w.priority]} ·{' '}
                  {w.assignedToName ?? 'Unassigned'}
                </div>
                <div>
                  <DueCell w={w} today={p.today} />
                </div>
                {p.canWrite ? <BoardSteps wo={w} role={p.role} csrf={p.csrf} /> : null}
              </div>
            ))}
            {c.total > c.items.length ? (
              <a class="small" href={withQuery('/work-orders', {}, { status: c.status })}>
                and {c.total - c.items.length} more…
              </a>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}
