// The portal's work order pages: the list, one work order with its public thread, and the new
// request form. Views of data only; nothing here decides what a contact may see.
import type { ComponentChildren } from 'preact';
import { formatInstant } from '../../../lib/dates.ts';
import { CsrfField, Field, FormErrorSummary, withQuery } from '../../../views/components.tsx';
import { humanSize } from '../../documents/files.ts';
import { PRIORITY_LABEL, StatusBadge, woNumber } from '../../work-orders/views/header.tsx';
import { PORTAL_REOPEN_DAYS } from '../../work-orders/portal.ts';
import type { PortalAssetRow, PortalWoRow, PortalWorkOrder } from '../service-queries.ts';

type Errs = Partial<Record<string, string>>;

export function PrevNext(p: {
  base: string;
  query: Record<string, string | number | undefined>;
  page: number;
  hasNext: boolean;
}) {
  if (p.page === 1 && !p.hasNext) return null;
  const link = (page: number, label: string, on: boolean, rel: string) => (
    <li class={`page-item${on ? '' : ' disabled'}`}>
      {on ? (
        <a class="page-link" rel={rel} href={withQuery(p.base, p.query, { page })}>
          {label}
        </a>
      ) : (
        <span class="page-link">{label}</span>
      )}
    </li>
  );
  return (
    <nav aria-label="Pages" class="mt-3">
      <ul class="pagination pagination-sm mb-0">
        {link(p.page - 1, '‹ Previous', p.page > 1, 'prev')}
        <li class="page-item active" aria-current="page">
          <span class="page-link">Page {p.page}</span>
        </li>
        {link(p.page + 1, 'Next ›', p.hasNext, 'next')}
      </ul>
    </nav>
  );
}

const STATUS_TABS = [
  ['open', 'Open'],
  ['closed', 'Finished'],
  ['all', 'All'],
] as const;

export function AssetNames({ assets }: { assets: { id: string; name: string }[] }) {
  if (!assets.length) return <span class="text-body-tertiary">—</span>;
  return (
    <>
      {assets.slice(0, 2).map((a, i) => (
        <>
          {i ? ', ' : ''}
          {a.name}
        </>
      ))}
      {assets.length > 2 ? ` +${assets.length - 2}` : ''}
    </>
  );
}

export function WorkOrderListPage(p: {
  rows: PortalWoRow[];
  hasNext: boolean;
  query: { status: string; page: number };
  allOfCompany: boolean;
  canCreate: boolean;
  tz: string;
}) {
  return (
    <>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <div>
          <h1 class="h3 mb-0">Work orders</h1>
          <p class="text-body-secondary mb-0">
            {p.allOfCompany ? 'All of your company’s requests.' : 'The requests you made.'}
          </p>
        </div>
        {p.canCreate ? (
          <a class="btn btn-primary" href="/portal/work-orders/new">
            Report a problem
          </a>
        ) : null}
      </div>
      <div class="d-flex flex-wrap gap-2 mb-3">
        {STATUS_TABS.map(([key, label]) => (
          <a
            class={`btn btn-sm ${p.query.status === key ? 'btn-primary' : 'btn-outline-secondary'}`}
            aria-current={p.query.status === key ? 'page' : undefined}
            href={`/portal/work-orders?status=${key}`}
          >
            {label}
          </a>
        ))}
      </div>
      {p.rows.length === 0 ? (
        <div class="card">
          <div class="card-body">
            <p class="mb-2">
              {p.query.status === 'open' ? 'No open work orders.' : 'No work orders here.'}
            </p>
            {p.canCreate ? (
              <a href="/portal/work-orders/new">Report a problem with a device</a>
            ) : null}
          </div>
        </div>
      ) : (
        <div class="card">
          <table class="table table-hover mb-0 align-middle">
            <thead>
              <tr>
                <th scope="col">Work order</th>
                <th scope="col">Status</th>
                <th scope="col" class="d-none d-md-table-cell">
                  Device
                </th>
                <th scope="col" class="d-none d-sm-table-cell">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((w) => (
                <tr>
                  <td class="text-break">
                    <a href={`/portal/work-orders/${w.id}`}>{w.title}</a>
                    <div class="small text-body-secondary">
                      {woNumber(w.number)}
                      {p.allOfCompany && w.requester ? ` · ${w.requester}` : ''}
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={w.status} />
                  </td>
                  <td class="d-none d-md-table-cell">
                    <AssetNames assets={w.assets} />
                  </td>
                  <td class="d-none d-sm-table-cell text-nowrap small">
                    {formatInstant(w.updatedAt, p.tz)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PrevNext
        base="/portal/work-orders"
        query={{ status: p.query.status }}
        page={p.query.page}
        hasNext={p.hasNext}
      />
    </>
  );
}

type Thread = {
  id: string;
  fromCustomer: boolean;
  authorName: string;
  body: string;
  createdAt: string;
}[];
type Files = { id: string; filename: string; sizeBytes: number; commentId: string | null }[];

/** Text with its line breaks kept (escaped like all output; no CSS needed). */
function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split(/\r?\n/).map((line, i) => (
        <>
          {i ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

function FileLinks({ files, woId }: { files: Files; woId: string }) {
  if (!files.length) return null;
  return (
    <ul class="list-unstyled small mb-0 mt-2">
      {files.map((f) => (
        <li class="text-break">
          📎 <a href={`/portal/work-orders/${woId}/files/${f.id}`}>{f.filename}</a>{' '}
          <span class="text-body-secondary">({humanSize(f.sizeBytes)})</span>
        </li>
      ))}
    </ul>
  );
}

function Box({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card mb-3">
      <div class="card-body">
        <h2 class="h5">{title}</h2>
        {children}
      </div>
    </section>
  );
}

export function WorkOrderPage(p: {
  wo: PortalWorkOrder;
  thread: Thread;
  files: Files;
  history: { at: string; to: string; byCustomer: boolean }[];
  actions: { close: boolean; reopen: boolean; until: string | null };
  csrf: string;
  tz: string;
  errors: Errs;
  values: Record<string, string | undefined>;
  readOnly: boolean;
}) {
  const { wo } = p;
  const own = p.files.filter((f) => !f.commentId);
  const byComment = (id: string) => p.files.filter((f) => f.commentId === id);
  return (
    <>
      <p class="mb-1">
        <a href="/portal/work-orders">← Work orders</a>
      </p>
      <h1 class="h3 mb-1 text-break">{wo.title}</h1>
      <p class="text-body-secondary mb-3">
        {woNumber(wo.number)} · <StatusBadge status={wo.status} /> · Urgency{' '}
        {PRIORITY_LABEL[wo.priority] ?? wo.priority} · Opened {formatInstant(wo.createdAt, p.tz)}
        {wo.requester ? ` by ${wo.requester}` : ''}
      </p>
      {p.actions.close || p.actions.reopen ? (
        <div class="alert alert-success d-flex flex-wrap align-items-center gap-2" role="status">
          <span class="me-auto">
            {wo.status === 'resolved'
              ? 'We think this is fixed. Is it?'
              : 'This work order is closed.'}{' '}
            {p.actions.until
              ? `You can reopen it until ${formatInstant(p.actions.until, p.tz)}.`
              : ''}
          </span>
          {p.readOnly ? null : (
            <>
              {p.actions.close ? (
                <form method="post" action={`/portal/work-orders/${wo.id}/close`}>
                  <CsrfField token={p.csrf} />
                  <button class="btn btn-success btn-sm" type="submit">
                    Yes, it is fixed: close it
                  </button>
                </form>
              ) : null}
              {p.actions.reopen ? (
                <form method="post" action={`/portal/work-orders/${wo.id}/reopen`}>
                  <CsrfField token={p.csrf} />
                  <button class="btn btn-outline-secondary btn-sm" type="submit">
                    It is not fixed: reopen
                  </button>
                </form>
              ) : null}
            </>
          )}
        </div>
      ) : null}
      <div class="row g-3">
        <div class="col-lg-8">
          <Box title="The request">
            {wo.description ? (
              <p class="mb-0 text-break">
                <Lines text={wo.description} />
              </p>
            ) : (
              <p class="text-body-secondary mb-0">No description.</p>
            )}
            <FileLinks files={own} woId={wo.id} />
          </Box>
          <Box title="Messages">
            {p.thread.length === 0 ? (
              <p class="text-body-secondary">No messages yet.</p>
            ) : (
              <ol class="list-unstyled mb-3">
                {p.thread.map((c) => (
                  <li
                    class={`border-start border-3 ps-3 mb-3 ${c.fromCustomer ? 'border-secondary' : 'border-primary'}`}
                  >
                    <div class="small text-body-secondary">
                      <strong class="text-body">
                        {c.fromCustomer ? c.authorName : `${c.authorName} (support)`}
                      </strong>{' '}
                      · {formatInstant(c.createdAt, p.tz)}
                    </div>
                    <div class="text-break">
                      <Lines text={c.body} />
                    </div>
                    <FileLinks files={byComment(c.id)} woId={wo.id} />
                  </li>
                ))}
              </ol>
            )}
            {p.readOnly ? null : wo.status === 'cancelled' ? (
              <p class="text-body-secondary mb-0">This work order was cancelled.</p>
            ) : (
              <form
                method="post"
                action={`/portal/work-orders/${wo.id}/comments`}
                enctype="multipart/form-data"
                novalidate
              >
                <CsrfField token={p.csrf} />
                <FormErrorSummary errors={p.errors} />
                <Field
                  name="body"
                  label="Your message"
                  textarea
                  value={p.values.body ?? ''}
                  error={p.errors.body}
                  required
                />
                <div class="mb-3">
                  <label class="form-label" for="f-file">
                    Attach a file (optional)
                  </label>
                  <input
                    class={`form-control${p.errors.file ? ' is-invalid' : ''}`}
                    type="file"
                    id="f-file"
                    name="file"
                  />
                  {p.errors.file ? <div class="invalid-feedback">{p.errors.file}</div> : null}
                </div>
                <button class="btn btn-primary" type="submit">
                  Send message
                </button>
              </form>
            )}
          </Box>
        </div>
        <div class="col-lg-4">
          <Box title="Devices">
            {wo.assets.length ? (
              <ul class="list-unstyled mb-0">
                {wo.assets.map((a) => (
                  <li class="text-break">
                    <a href={`/portal/assets/${a.id}`}>{a.name}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="text-body-secondary mb-0">No device named.</p>
            )}
          </Box>
          <Box title="History">
            <ol class="list-unstyled small mb-0">
              <li>{formatInstant(wo.createdAt, p.tz)} · Opened</li>
              {p.history.map((h) => (
                <li>
                  {formatInstant(h.at, p.tz)} · <StatusBadge status={h.to} />
                  {h.byCustomer ? ' (by you)' : ''}
                </li>
              ))}
            </ol>
          </Box>
        </div>
      </div>
    </>
  );
}

export function NewWorkOrderPage(p: {
  csrf: string;
  q: string;
  assets: PortalAssetRow[];
  chosen: Set<string>;
  more: boolean;
  values: Record<string, string | undefined>;
  errors: Errs;
  readOnly: boolean;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <div class="row">
      <div class="col-xl-9">
        <p class="mb-1">
          <a href="/portal/work-orders">← Work orders</a>
        </p>
        <h1 class="h3 mb-1">Report a problem</h1>
        <p class="text-body-secondary mb-3">
          Tell us which device is affected and what is wrong. We will reply here and by email.
        </p>
        <FormErrorSummary errors={e} />
        <form
          method="post"
          action="/portal/work-orders/new"
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField token={p.csrf} />
          <fieldset class="card mb-3">
            <div class="card-body">
              <legend class="h5">Which device? *</legend>
              <div class="input-group mb-2">
                <label class="visually-hidden" for="f-q">
                  Find a device
                </label>
                <input
                  class="form-control"
                  type="search"
                  id="f-q"
                  name="q"
                  value={p.q}
                  placeholder="Name, asset tag, serial or location"
                />
                {/* Searching re-shows this form with the matches, keeping what was typed and
                  chosen (a GET of the same fields; no script needed). */}
                <button
                  class="btn btn-outline-secondary"
                  type="submit"
                  formaction="/portal/work-orders/new"
                  formmethod="get"
                  formnovalidate
                >
                  Find
                </button>
              </div>
              {e.assetIds ? (
                <div class="text-danger small mb-2" id="f-assetIds-error">
                  {e.assetIds}
                </div>
              ) : null}
              {p.assets.length === 0 ? (
                <p class="text-body-secondary mb-0">
                  {p.q
                    ? `No device matches “${p.q}”.`
                    : 'We have no devices on record for you yet.'}{' '}
                  You can still describe the problem below.
                </p>
              ) : (
                <div class="list-group">
                  {p.assets.map((a) => (
                    <label class="list-group-item d-flex gap-2 align-items-start">
                      <input
                        class="form-check-input flex-shrink-0 mt-1"
                        type="checkbox"
                        name="assetIds"
                        value={a.id}
                        checked={p.chosen.has(a.id)}
                      />
                      <span class="text-break">
                        {a.name}
                        <span class="d-block small text-body-secondary">
                          {[a.category, a.location, a.assetTag ? `Tag ${a.assetTag}` : null]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              )}
              {p.more ? (
                <p class="small text-body-secondary mt-2 mb-0">
                  Showing the first 50. Type part of a name, tag, serial or location and press Find.
                </p>
              ) : null}
            </div>
          </fieldset>
          <div class="card mb-3">
            <div class="card-body">
              <Field
                name="title"
                label="What is wrong, in a few words"
                value={v.title ?? ''}
                error={e.title}
                required
              />
              <Field
                name="description"
                label="Details"
                textarea
                value={v.description ?? ''}
                error={e.description}
                help="What happened, since when, any error message."
              />
              <div class="mb-3">
                <label class="form-label" for="f-priority">
                  How urgent is it?
                </label>
                <select
                  class={`form-select${e.priority ? ' is-invalid' : ''}`}
                  id="f-priority"
                  name="priority"
                >
                  {(
                    [
                      ['low', 'Low: whenever you can'],
                      ['normal', 'Normal: it slows us down'],
                      ['high', 'High: someone cannot work'],
                      ['urgent', 'Urgent: the business is stopped'],
                    ] as const
                  ).map(([value, label]) => (
                    <option value={value} selected={(v.priority ?? 'normal') === value}>
                      {label}
                    </option>
                  ))}
                </select>
                {e.priority ? <div class="invalid-feedback">{e.priority}</div> : null}
              </div>
              <div class="mb-3">
                <label class="form-label" for="f-file">
                  Attach a file (optional)
                </label>
                <input
                  class={`form-control${e.file ? ' is-invalid' : ''}`}
                  type="file"
                  id="f-file"
                  name="file"
                />
                {e.file ? <div class="invalid-feedback">{e.file}</div> : null}
                <div class="form-text">
                  A screenshot or photo helps. More files can be added as messages afterwards.
                </div>
              </div>
              {p.readOnly ? (
                <p class="text-body-secondary mb-0">Read-only while viewing as the customer.</p>
              ) : (
                <button class="btn btn-primary" type="submit">
                  Send the request
                </button>
              )}
            </div>
          </div>
        </form>
        <p class="small text-body-secondary">
          A resolved request can be reopened here within {PORTAL_REOPEN_DAYS} days.
        </p>
      </div>
    </div>
  );
}
