// The Billing page (billing.read; running needs billing.run): preview a run (a GET that writes
// nothing), then "Create N invoices" (a POST that plans again on the server — the preview's figures
// are never trusted), and the recent runs with the invoices each created.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { staffCtx } from '../../platform/web.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import { formatMoney, sumCents } from '../../lib/money.ts';
import { businessToday } from '../assets/service.ts';
import { readInvoiceSettings } from '../invoices/settings.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { planBilling } from './plan.ts';
import { findRun, recentRuns, runInvoices, searchActiveCompanies } from './queries.ts';
import { runBilling } from './run.ts';
import { BillingPage, MATCH_LIMIT, type PreviewView } from './views/billing-page.tsx';

type Query = { asOf?: string; companyQ?: string; preview?: string; page?: string; run?: string };
const PREVIEW_PAGE = 50;
const RUNS_PAGE = 25;
const pageOf = (v: string | undefined) =>
  Math.max(1, Math.min(100_000, Number.parseInt(v ?? '1', 10) || 1));
const idsOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).filter(
    (x): x is string => typeof x === 'string' && x.length > 0 && x.length <= 36,
  );

export async function billingRoutes(app: FastifyInstance, deps: Deps) {
  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const q = req.query as Query;
    const canRun = can(ctx.actor, 'billing.run');
    const today = await businessToday(ctx);
    const asOf = q.asOf?.trim() || today;
    const companyQ = (q.companyQ ?? '').trim().slice(0, 100);
    const profile = await getProfileCached(ctx.db);
    const currency = profile?.currency ?? 'USD';
    let preview: PreviewView | null = null;
    let matches: { id: string; name: string }[] | null = null;
    let error: string | undefined;
    const current = pageOf(q.page);
    if (q.preview && canRun) {
      if (!isCalendarDate(asOf)) error = 'Enter the as-of date as a date like 2026-12-01.';
      else {
        matches = companyQ ? await searchActiveCompanies(ctx.db, companyQ, MATCH_LIMIT) : null;
        if (!matches || matches.length) {
          const plan = await planBilling(ctx, { asOf, companyIds: matches?.map((m) => m.id) });
          const all = plan.plans;
          preview = {
            plans: all.slice((current - 1) * PREVIEW_PAGE, current * PREVIEW_PAGE),
            page: current,
            pageSize: PREVIEW_PAGE,
            count: all.length,
            subtotalCents: sumCents(all.map((x) => x.totals.subtotalCents)),
            taxCents: sumCents(all.map((x) => x.totals.taxCents)),
            totalCents: sumCents(all.map((x) => x.totals.totalCents)),
            alreadyBilled: plan.alreadyBilled.length,
            companyIds: matches ? matches.map((m) => m.id) : null,
          };
        }
      }
    }
    const runsPage = preview ? 1 : current;
    const { runs, total } = await recentRuns(ctx.db, runsPage, RUNS_PAGE);
    const shownRun = q.run ? await findRun(ctx.db, q.run) : null;
    return reply.page(
      'Billing',
      <BillingPage
        csrf={reply.generateCsrf()}
        canRun={canRun}
        currency={currency}
        today={today}
        timeZone={profile?.timeZone ?? 'UTC'}
        asOf={asOf}
        companyQ={companyQ}
        autoIssue={(await readInvoiceSettings(ctx.db)).autoIssue}
        canEditSettings={can(ctx.actor, 'billing.catalog')}
        preview={preview}
        matches={matches}
        runs={runs}
        runsTotal={total}
        runsPage={runsPage}
        runsPageSize={RUNS_PAGE}
        shownRun={shownRun}
        shownRunInvoices={shownRun ? await runInvoices(ctx.db, shownRun.id) : []}
        error={error}
        schedule={deps.config.scheduler ? deps.config.billingSchedule : null}
      />,
      error ? 422 : 200,
    );
  };
  app.get('/billing', page);

  app.post('/billing/run', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.run');
    const form = (req.body ?? {}) as { asOf?: string; companyIds?: string | string[] };
    const ids = idsOf(form.companyIds);
    try {
      const r = await runBilling(ctx, {
        asOf: form.asOf,
        trigger: 'page',
        companyIds: ids.length ? ids : undefined,
      });
      const profile = await getProfileCached(ctx.db);
      const currency = profile?.currency ?? 'USD';
      const parts = [
        `Created ${r.invoicesCreated} invoice${r.invoicesCreated === 1 ? '' : 's'} (${formatMoney(r.totalCents, currency)})${r.invoicesCreated ? (r.autoIssue ? `, issued; ${r.emailed} emailed` : ' as drafts') : ''}.`,
        r.skipped ? `${r.skipped} already billed.` : '',
        r.errors.length
          ? `${r.errors.length} could not be billed: ${r.errors.map((e) => e.companyName).join(', ')}.`
          : '',
        r.sendErrors.length
          ? `${r.sendErrors.length} could not be emailed; send them from the invoice page.`
          : '',
      ]
        .filter(Boolean)
        .join(' ');
      return reply
        .flash(r.errors.length || r.sendErrors.length ? 'warning' : 'success', parts)
        .redirect(`/billing?run=${r.runId}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.flash('danger', err.errors.map((e) => e.message).join(' ')).redirect('/billing');
    }
  });
}
