import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { formatInstant } from '../../lib/dates.ts';
import { PageHeader, withQuery, EmptyState } from '../../views/components.tsx';
import { AuditSummary } from '../../views/audit-summary.tsx';
import { getProfileCached } from '../settings/profile-cache.ts';
import { companyNames } from '../companies/queries.ts';
import { distinctActions, listAudit, type AuditRow } from './queries.ts';

const Filter = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(36).optional(),
  companyId: z.string().max(36).optional(),
  actorId: z.string().max(36).optional(),
  before: z.string().max(36).optional(),
});

export async function auditRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/settings/audit', async (req, reply) => {
    staffCtx(req, deps, 'audit.read');
    const raw = Object.fromEntries(
      Object.entries(req.query as Record<string, string>).filter(([, v]) => v !== ''),
    );
    const f = parseInput(Filter, raw);
    const [{ items, nextBefore }, actions, profile] = await Promise.all([
      listAudit(deps.db, { ...f, limit: 50 }),
      distinctActions(deps.db),
      getProfileCached(deps.db),
    ]);
    const names = await companyNames(deps.db, [
      ...new Set(items.map((i) => i.companyId).filter((x): x is string => Boolean(x))),
    ]);
    const tz = profile?.timeZone ?? 'UTC';
    const query = { ...f, before: undefined };
    return reply.page(
      'Audit log',
      <>
        <PageHeader title="Audit log" subtitle="Append-only: rows are never changed or deleted" />
        <form class="row g-2 align-items-end mb-3" method="get" action="/settings/audit">
          <div class="col-auto">
            <label class="form-label small mb-1" for="action">
              Action
            </label>
            <select class="form-select" id="action" name="action" data-autosubmit="true">
              <option value="">All actions</option>
              {actions.map((a) => (
                <option value={a} selected={f.action === a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div class="col-auto">
            <label class="form-label small mb-1" for="entityType">
              Entity
            </label>
            <select class="form-select" id="entityType" name="entityType" data-autosubmit="true">
              <option value="">All</option>
              {['company', 'contact', 'user', 'api_key', 'settings'].map((t) => (
                <option value={t} selected={f.entityType === t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          {f.companyId ? <input type="hidden" name="companyId" value={f.companyId} /> : null}
          {f.actorId ? <input type="hidden" name="actorId" value={f.actorId} /> : null}
          <div class="col-auto">
            <button class="btn btn-outline-secondary" type="submit">
              Filter
            </button>{' '}
            <a class="btn btn-link" href="/settings/audit">
              Clear
            </a>
          </div>
        </form>
        {items.length === 0 ? (
          <EmptyState title="No audit entries match." />
        ) : (
          <div class="table-responsive">
            <table class="table table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Company</th>
                  <th scope="col">Details</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a: AuditRow) => (
                  <tr>
                    <td class="text-nowrap">{formatInstant(a.at, tz)}</td>
                    <td>
                      {a.actorId ? (
                        <a href={withQuery('/settings/audit', {}, { actorId: a.actorId })}>
                          {a.actorLabel}
                        </a>
                      ) : (
                        a.actorLabel
                      )}
                    </td>
                    <td>
                      <code>{a.action}</code>
                    </td>
                    <td>
                      {a.companyId ? (
                        <a href={withQuery('/settings/audit', {}, { companyId: a.companyId })}>
                          {names.get(a.companyId) ?? 'company'}
                        </a>
                      ) : (
                        ''
                      )}
                    </td>
                    <td class="small text-break">
                      <AuditSummary summary={a.summary} currency={profile?.currency} />
                    </td>
                    <td class="small text-body-secondary">{a.ip ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextBefore ? (
          <a
            class="btn btn-outline-secondary btn-sm"
            href={withQuery('/settings/audit', query, { before: nextBefore })}
          >
            Older entries ›
          </a>
        ) : null}
      </>,
    );
  });
}
