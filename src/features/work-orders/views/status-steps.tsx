// The status controls: the current status as a badge and the allowed next steps (transitions.ts)
// as buttons named for what they do ("Start work", "Wait on parts", "Resolve"), never a select
// preselected with a status the work order is not in. Each button posts its status with the CSRF
// token; on the work order page one optional note goes with whichever step is taken (on resolve it
// becomes each asset's service record). Cancelling, which cannot be undone, is its own form and
// asks first. The board's cards get the same steps behind a "Move" toggle.
import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../views/components.tsx';
import type { Role } from '../../../platform/actor.ts';
import { nextStatuses, type WoStatus } from '../transitions.ts';
import { StatusBadge, woNumber } from './header.tsx';

/** What the button moving from `from` to `to` says. */
export function stepLabel(from: WoStatus, to: WoStatus): string {
  switch (to) {
    case 'new':
      return 'Back to new';
    case 'scheduled':
      return 'Schedule';
    case 'in_progress':
      if (from === 'resolved' || from === 'closed') return 'Reopen';
      if (from === 'waiting_customer' || from === 'waiting_parts') return 'Resume work';
      return 'Start work';
    case 'waiting_customer':
      return 'Wait on customer';
    case 'waiting_parts':
      return 'Wait on parts';
    case 'resolved':
      return 'Resolve';
    case 'closed':
      return 'Close';
    case 'cancelled':
      return 'Cancel work order';
  }
}

const STEP_BUTTON: Partial<Record<WoStatus, string>> = {
  in_progress: 'btn-primary',
  resolved: 'btn-success',
  closed: 'btn-primary',
  cancelled: 'btn-outline-danger',
};
const stepButton = (to: WoStatus) => STEP_BUTTON[to] ?? 'btn-outline-secondary';

/** The allowed steps, cancelling apart (it ends the work for good). */
function steps(status: WoStatus, role: Role) {
  const next = nextStatuses(status, role);
  return { moves: next.filter((s) => s !== 'cancelled'), cancel: next.includes('cancelled') };
}

function CancelForm(p: {
  wo: { id: string; number: number };
  csrf: string;
  back?: string;
  children: ComponentChildren;
}) {
  return (
    <form
      method="post"
      action={`/work-orders/${p.wo.id}/status`}
      data-confirm={`Cancel ${woNumber(p.wo.number)}? A cancelled work order cannot be reopened.`}
    >
      <CsrfField token={p.csrf} />
      {p.back ? <input type="hidden" name="back" value={p.back} /> : null}
      <input type="hidden" name="status" value="cancelled" />
      {p.children}
    </form>
  );
}

/** The work order page's status block: current status, then the next steps with an optional note. */
export function StatusSteps(p: {
  wo: { id: string; number: number; status: WoStatus };
  role: Role;
  csrf: string;
}) {
  const { moves, cancel } = steps(p.wo.status, p.role);
  return (
    <section aria-labelledby="wo-status-h" class="mb-3">
      <h2 class="form-label fw-semibold fs-6 mb-1" id="wo-status-h">
        Status
      </h2>
      <p class="mb-2">
        <StatusBadge status={p.wo.status} class="fs-6" />
      </p>
      {moves.length ? (
        <form method="post" action={`/work-orders/${p.wo.id}/status`}>
          <CsrfField token={p.csrf} />
          <label class="form-label small text-body-secondary mb-1" for="f-status-note">
            Note with the change (optional; on resolve, what fixed it)
          </label>
          <textarea
            class="form-control form-control-sm mb-2"
            id="f-status-note"
            name="note"
            rows={2}
          ></textarea>
          <fieldset>
            <legend class="form-label small text-body-secondary mb-1">Next step</legend>
            <div class="d-flex flex-wrap gap-2">
              {moves.map((s) => (
                <button type="submit" name="status" value={s} class={`btn btn-sm ${stepButton(s)}`}>
                  {stepLabel(p.wo.status, s)}
                </button>
              ))}
            </div>
          </fieldset>
        </form>
      ) : null}
      {cancel ? (
        <div class="mt-2 text-end">
          <CancelForm wo={p.wo} csrf={p.csrf}>
            <button type="submit" class="btn btn-sm btn-link link-danger p-0">
              Cancel work order
            </button>
          </CancelForm>
        </div>
      ) : null}
      {moves.length || cancel ? null : (
        <p class="text-body-secondary small mb-0">
          {p.wo.status === 'closed'
            ? 'Closed: only an admin can reopen it.'
            : 'No further status changes.'}
        </p>
      )}
    </section>
  );
}

/** A board card's next steps: a small "Move" toggle opening one button per allowed step. */
export function BoardSteps(p: {
  wo: { id: string; number: number; status: WoStatus };
  role: Role;
  csrf: string;
}) {
  const { moves, cancel } = steps(p.wo.status, p.role);
  if (!moves.length && !cancel) return null;
  return (
    <details class="mt-1 wo-move">
      <summary class="btn btn-sm btn-outline-primary py-0">
        Move<span class="visually-hidden"> {woNumber(p.wo.number)}</span>
        <span aria-hidden="true"> ▾</span>
      </summary>
      <form method="post" action={`/work-orders/${p.wo.id}/status`} class="mt-1">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="back" value="/work-orders/board" />
        <div class="d-flex flex-wrap gap-1">
          {moves.map((s) => (
            <button
              type="submit"
              name="status"
              value={s}
              class={`btn btn-sm py-0 ${stepButton(s)}`}
            >
              {stepLabel(p.wo.status, s)}
            </button>
          ))}
        </div>
      </form>
      {cancel ? (
        <CancelForm wo={p.wo} csrf={p.csrf} back="/work-orders/board">
          <button type="submit" class="btn btn-sm btn-link link-danger p-0 mt-1">
            Cancel work order
          </button>
        </CancelForm>
      ) : null}
    </details>
  );
}
