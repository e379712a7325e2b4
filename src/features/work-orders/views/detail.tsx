// The work order page: key facts and the status/assign actions above the fold, the technician's
// timer in the header, then assets, the comments thread (internal notes and public replies) with
// the update box (a comment, and time spent with it), and the status history from the audit log.
import { CsrfField, FormErrorSummary } from '../../../views/components.tsx';
import { humanSize } from '../../documents/files.ts';
import type { Role } from '../../../platform/actor.ts';
import type { Comment, WorkOrderView } from '../queries.ts';
import { BILLING_LABEL, WO_BILLING, WO_PRIORITIES } from '../transitions.ts';
import { DueCell } from './list.tsx';
import { type HeaderTimer, PRIORITY_LABEL, STATUS_LABEL, WorkOrderHeader } from './header.tsx';
import { StatusSteps } from './status-steps.tsx';

type HistoryRow = { at: string; by: string; action: string; summary: Record<string, unknown> };

export type WoPageProps = {
  wo: WorkOrderView;
  assets: { id: string; name: string }[];
  comments: Comment[];
  attachments: Map<string, { id: string; filename: string; sizeBytes: number }[]>;
  canAttach: boolean;
  history: HistoryRow[];
  technicians: { id: string; name: string }[];
  today: string;
  csrf: string;
  canWrite: boolean;
  role: Role;
  formatTime: (iso: string) => string;
  /** Set for billing.write users when the work order has ready-to-bill items. */
  invoiceNow?: { count: number; total: string };
  /** time.own: the header timer, and time spent in the update box. */
  timer?: HeaderTimer;
  /** Whether time spent starts as billable: the time feature's defaultBillable for this work order. */
  billableByDefault: boolean;
  /** The update box as typed, with field errors (body, timeSpent), when it was refused. */
  update?: { values: Record<string, string | undefined>; errors: Record<string, string> };
};

function InvoiceNow(p: WoPageProps) {
  if (!p.invoiceNow) return null;
  return (
    <div class="card mb-3">
      <div class="card-body">
        <p class="small mb-2">
          <strong>Ready to bill:</strong> {p.invoiceNow.count}{' '}
          {p.invoiceNow.count === 1 ? 'item' : 'items'}, {p.invoiceNow.total}.
        </p>
        <form method="post" action={`/work-orders/${p.wo.id}/invoice`} class="d-flex gap-2">
          <CsrfField token={p.csrf} />
          <button class="btn btn-sm btn-primary" type="submit">
            Invoice now
          </button>
          <button class="btn btn-sm btn-outline-primary" type="submit" name="issue" value="1">
            Create and issue
          </button>
        </form>
      </div>
    </div>
  );
}

function historyText(h: HistoryRow): string {
  const s = h.summary;
  if (h.action === 'work_order.status')
    return `Status ${STATUS_LABEL[String(s.from)] ?? s.from} → ${STATUS_LABEL[String(s.to)] ?? s.to}${s.note ? `: ${String(s.note)}` : ''}`;
  if (h.action === 'work_order.create') return 'Created';
  if (h.action === 'work_order.update') return `Changed ${Object.keys(s).join(', ')}`;
  if (h.action === 'work_order.reply') return 'Replied to the requester';
  if (h.action === 'work_order.note') return 'Added an internal note';
  return h.action;
}

function Actions(p: WoPageProps) {
  return (
    <div class="card mb-3">
      <div class="card-body">
        <StatusSteps wo={p.wo} role={p.role} csrf={p.csrf} />
        <form method="post" action={`/work-orders/${p.wo.id}/assign`}>
          <CsrfField token={p.csrf} />
          <label class="form-label fw-semibold" for="f-assignedToId">
            Technician
          </label>
          <div class="d-flex gap-2">
            <select class="form-select" id="f-assignedToId" name="assignedToId">
              <option value="">Unassigned</option>
              {p.technicians.map((t) => (
                <option value={t.id} selected={t.id === p.wo.assignedToId}>
                  {t.name}
                </option>
              ))}
            </select>
            <button class="btn btn-outline-primary" type="submit">
              Assign
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function EditDetails(p: WoPageProps) {
  const w = p.wo;
  return (
    <details class="mb-3">
      <summary>Edit details</summary>
      <form method="post" action={`/work-orders/${w.id}`} class="row g-2 mt-1">
        <CsrfField token={p.csrf} />
        <div class="col-12">
          <label class="form-label small" for="e-title">
            Title
          </label>
          <input class="form-control" id="e-title" name="title" value={w.title} required />
        </div>
        <div class="col-12">
          <label class="form-label small" for="e-description">
            Description
          </label>
          <textarea class="form-control" id="e-description" name="description" rows={3}>
            {w.description ?? ''}
          </textarea>
        </div>
        <div class="col-6">
          <label class="form-label small" for="e-priority">
            Priority
          </label>
          <select class="form-select" id="e-priority" name="priority">
            {WO_PRIORITIES.map((s) => (
              <option value={s} selected={s === w.priority}>
                {PRIORITY_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="col-6">
          <label class="form-label small" for="e-billing">
            Billing
          </label>
          <select class="form-select" id="e-billing" name="billing">
            {WO_BILLING.map((s) => (
              <option value={s} selected={s === w.billing}>
                {BILLING_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="col-6">
          <label class="form-label small" for="e-scheduledFor">
            Scheduled for
          </label>
          <input
            class="form-control"
            type="date"
            id="e-scheduledFor"
            name="scheduledFor"
            value={w.scheduledFor ?? ''}
          />
        </div>
        <div class="col-6">
          <label class="form-label small" for="e-dueOn">
            Due
          </label>
          <input class="form-control" type="date" id="e-dueOn" name="dueOn" value={w.dueOn ?? ''} />
        </div>
        <div class="col-12">
          <button class="btn btn-sm btn-outline-primary" type="submit">
            Save details
          </button>
        </div>
      </form>
    </details>
  );
}

/**
 * The update box: a comment (internal note or public reply, optionally a file) and, for those who
 * log time, the time spent on it and whether it is billable; one post, one transaction.
 */
function UpdateBox(p: WoPageProps) {
  const w = p.wo;
  const v = p.update?.values ?? {};
  const e = p.update?.errors ?? {};
  const visibility = v.visibility === 'public' ? 'public' : 'internal';
  const billable = v.billableShown ? v.billable === 'true' : p.billableByDefault;
  const invalid = (name: string) => (e[name] ? ' is-invalid' : '');
  return (
    <form
      method="post"
      action={`/work-orders/${w.id}/comments`}
      class="mt-2 card card-body"
      enctype="multipart/form-data"
      novalidate
      id="update"
    >
      <CsrfField token={p.csrf} />
      <FormErrorSummary errors={e} />
      <label class="form-label fw-semibold" for="f-body">
        Add an update
      </label>
      <textarea
        class={`form-control mb-1${invalid('body')}`}
        id="f-body"
        name="body"
        rows={3}
        required
        aria-invalid={e.body ? 'true' : undefined}
        aria-describedby={e.body ? 'f-body-error' : undefined}
      >
        {v.body ?? ''}
      </textarea>
      {e.body ? (
        <div class="invalid-feedback d-block mb-1" id="f-body-error">
          {e.body}
        </div>
      ) : null}
      {p.canAttach ? (
        <input
          class="form-control form-control-sm mb-2 mt-1"
          type="file"
          name="file"
          aria-label="Attach a file (optional)"
        />
      ) : null}
      <div class="d-flex flex-wrap gap-3 align-items-center mb-2">
        <div class="form-check">
          <input
            class="form-check-input"
            type="radio"
            name="visibility"
            value="internal"
            id="vis-internal"
            checked={visibility === 'internal'}
          />
          <label class="form-check-label" for="vis-internal">
            Internal note
          </label>
        </div>
        <div class="form-check">
          <input
            class="form-check-input"
            type="radio"
            name="visibility"
            value="public"
            id="vis-public"
            checked={visibility === 'public'}
          />
          <label class="form-check-label" for="vis-public">
            Public reply
            {w.contactEmail && !w.contactOptOut ? ` (emails ${w.contactName})` : ''}
          </label>
        </div>
      </div>
      <div class="d-flex flex-wrap gap-2 align-items-end">
        {p.timer ? (
          <>
            <div class="wo-time-spent">
              <label class="form-label small mb-1" for="f-timeSpent">
                Time spent
              </label>
              <input
                class={`form-control form-control-sm${invalid('timeSpent')}`}
                id="f-timeSpent"
                name="timeSpent"
                value={v.timeSpent ?? ''}
                inputMode="text"
                size={8}
                placeholder="e.g. 0:30"
                aria-invalid={e.timeSpent ? 'true' : undefined}
                aria-describedby={
                  e.timeSpent ? 'f-timeSpent-error f-timeSpent-help' : 'f-timeSpent-help'
                }
              />
            </div>
            <div class="form-check mb-1">
              <input type="hidden" name="billableShown" value="1" />
              <input
                class="form-check-input"
                type="checkbox"
                name="billable"
                value="true"
                id="f-billable"
                checked={billable}
              />
              <label class="form-check-label" for="f-billable">
                Billable
              </label>
            </div>
          </>
        ) : null}
        <button class="btn btn-primary btn-sm ms-auto" type="submit">
          {p.timer ? 'Post update' : 'Add comment'}
        </button>
      </div>
      {e.timeSpent ? (
        <div class="invalid-feedback d-block" id="f-timeSpent-error">
          {e.timeSpent}
        </div>
      ) : null}
      {p.timer ? (
        <div class="form-text" id="f-timeSpent-help">
          Time spent is optional: 30, 1:15 or 1.5h, logged as today’s time entry.
        </div>
      ) : null}
    </form>
  );
}

export function WorkOrderPage(p: WoPageProps) {
  const w = p.wo;
  return (
    <>
      <WorkOrderHeader wo={w} active="overview" timer={p.timer} />
      <div class="row g-3">
        <div class="col-lg-8">
          <dl class="row mb-3">
            <dt class="col-sm-3">Company</dt>
            <dd class="col-sm-9">
              <a href={`/companies/${w.companyId}`}>{w.companyName}</a> ·{' '}
              <a href={`/companies/${w.companyId}/work-orders`}>its work orders</a>
            </dd>
            <dt class="col-sm-3">Requested by</dt>
            <dd class="col-sm-9">
              {w.contactName ? (
                <>
                  {w.contactName}
                  {w.contactEmail ? ` <${w.contactEmail}>` : ''}
                  {w.contactOptOut ? ' (no emails)' : ''}
                </>
              ) : (
                '—'
              )}
            </dd>
            <dt class="col-sm-3">Technician</dt>
            <dd class="col-sm-9">{w.assignedToName ?? 'Unassigned'}</dd>
            <dt class="col-sm-3">Due</dt>
            <dd class="col-sm-9">
              <DueCell w={w} today={p.today} />
              {w.scheduledFor ? ` · scheduled for ${w.scheduledFor}` : ''}
            </dd>
            <dt class="col-sm-3">Billing</dt>
            <dd class="col-sm-9">{BILLING_LABEL[w.billing]}</dd>
            <dt class="col-sm-3">Source</dt>
            <dd class="col-sm-9">
              {w.source === 'portal' ? 'Customer portal' : w.source === 'email' ? 'Email' : 'Staff'}{' '}
              · opened {p.formatTime(w.createdAt)} by {w.createdByLabel}
            </dd>
            <dt class="col-sm-3">Assets</dt>
            <dd class="col-sm-9">
              {p.assets.length
                ? p.assets.map((a, i) => (
                    <>
                      {i ? ', ' : ''}
                      <a href={`/assets/${a.id}`}>{a.name}</a>
                    </>
                  ))
                : '—'}
            </dd>
          </dl>
          {w.description ? (
            <div class="border rounded p-2 mb-3 wo-text">{w.description}</div>
          ) : null}
          {p.canWrite ? <EditDetails {...p} /> : null}
          <h2 class="h5">Comments</h2>
          {p.comments.length === 0 ? (
            <p class="text-body-secondary">No comments yet.</p>
          ) : (
            p.comments.map((c) => (
              <div
                class={`border rounded p-2 mb-2${c.visibility === 'internal' ? ' bg-body-tertiary' : ''}`}
              >
                <div class="small text-body-secondary">
                  <strong class="text-body">{c.authorName}</strong> · {p.formatTime(c.createdAt)} ·{' '}
                  {c.visibility === 'internal' ? 'Internal note' : 'Public reply'}
                </div>
                <div class="wo-text">{c.body}</div>
                {(p.attachments.get(c.id) ?? []).map((d) => (
                  <div class="small">
                    📎 <a href={`/documents/${d.id}/download`}>{d.filename}</a>{' '}
                    <span class="text-body-secondary">({humanSize(d.sizeBytes)})</span>
                  </div>
                ))}
              </div>
            ))
          )}
          {p.canWrite ? <UpdateBox {...p} /> : null}
        </div>
        <div class="col-lg-4">
          {p.canWrite ? <Actions {...p} /> : null}
          <InvoiceNow {...p} />
          <h2 class="h6">Status history</h2>
          <ol class="list-unstyled small">
            {p.history.map((h) => (
              <li class="mb-1">
                <span class="text-body-secondary">{p.formatTime(h.at)}</span> · {historyText(h)}{' '}
                <span class="text-body-secondary">— {h.by}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </>
  );
}
