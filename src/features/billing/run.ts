// The monthly billing run. Each company is billed in its own transaction: the invoice (run_key =
// company:period start, unique), its recurring charges (unique per line and period), the claim of its
// ready-to-bill items, its billing anchor and — when invoices are issued automatically — its number.
// Another run getting there first shows up as a unique violation or a claim conflict: that company is
// rolled back and counted as skipped, never billed twice. A crash halfway leaves whole companies done
// and the rest untouched, so running again completes the month without duplicates or gaps.
import type { Ctx } from '../../platform/context.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { nowIso } from '../../lib/dates.ts';
import { sumCents } from '../../lib/money.ts';
import { markInvoiced } from '../time/billing.ts';
import {
  insertDraftInTrx,
  issueInTrx,
  prepareIssue,
  type IssueNumbering,
} from '../invoices/service.ts';
import { businessToday } from '../assets/service.ts';
import { readInvoiceSettings } from '../invoices/settings.ts';
import { autoSendInvoice } from '../invoices/send.ts';
import { buildPlan, parseAsOf, type CompanyPlan, type Plan } from './plan.ts';
import {
  finishRun,
  insertCharges,
  insertRun,
  markInterruptedRuns,
  setAnchorIfUnset,
  unsentRunInvoices,
} from './queries.ts';

export type Trigger = 'scheduler' | 'cli' | 'page' | 'api';
export type RunOptions = {
  asOf: unknown;
  dryRun?: boolean;
  trigger: Trigger;
  companyIds?: readonly string[];
  /** false: issue without emailing (loading history, e.g. the demo). Default true. */
  email?: boolean;
  /** Tests only: called after each company's commit (index from 0); throwing stops the run as a crash would. */
  afterCompany?: (index: number, plan: CompanyPlan) => void | Promise<void>;
};
export type RunResult = {
  runId: string | null;
  asOf: string;
  dryRun: boolean;
  autoIssue: boolean;
  invoicesCreated: number;
  invoiceIds: string[];
  skipped: number;
  totalCents: number;
  errors: { companyId: string; companyName: string; message: string }[];
  sendErrors: { invoiceId: string; message: string }[];
  /** Invoices emailed by this run (sent, or written to the log when no SMTP server is configured). */
  emailed: number;
  created: {
    invoiceId: string;
    companyId: string;
    companyName: string;
    periodStart: string;
    periodEnd: string;
    lines: number;
    totalCents: number;
  }[];
  plans?: Plan['plans'];
};

/** A duplicate key on any of the three databases. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; message?: string } | null;
  if (!e) return false;
  return (
    e.code === '23505' ||
    e.code === 'ER_DUP_ENTRY' ||
    e.errno === 1062 ||
    (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
/** A transaction the database chose to abort because of another one: safe to retry. */
const isRetryable = (err: unknown) => {
  const e = err as { code?: string; errno?: number } | null;
  return (
    !!e &&
    (e.code === '40P01' ||
      e.code === '40001' ||
      e.errno === 1213 ||
      e.errno === 1205 ||
      e.code === 'SQLITE_BUSY')
  );
};

type Outcome = { status: 'created'; invoiceId: string } | { status: 'skipped' };

async function billCompany(
  ctx: Ctx,
  plan: CompanyPlan,
  runId: string,
  currency: string,
  numbering: IssueNumbering | null,
): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const invoiceId = await ctx.db.transaction().execute(async (trx) => {
        const id = await insertDraftInTrx(trx, ctx, {
          company: plan.company,
          lines: plan.lines,
          tax: plan.tax,
          currency,
          source: 'billing_run',
          billingRunId: runId,
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          runKey: plan.runKey,
        });
        await insertCharges(trx, id, plan.charges, nowIso());
        if (plan.workItems.length) await markInvoiced(trx, plan.workItems, id);
        await setAnchorIfUnset(trx, plan.companyId, plan.anchor);
        await audit(trx, ctx, {
          action: 'invoice.create',
          entityType: 'invoice',
          entityId: id,
          companyId: plan.companyId,
          summary: {
            billingRunId: runId,
            periodStart: plan.periodStart,
            lines: plan.lines.length,
            charges: plan.charges.length,
            workItems: plan.workItems.length,
            totalCents: plan.totals.totalCents,
          },
        });
        if (numbering) await issueInTrx(trx, ctx, id, numbering);
        return id;
      });
      return { status: 'created', invoiceId };
    } catch (err) {
      if (isUniqueViolation(err) || err instanceof ConflictError) return { status: 'skipped' };
      if (isRetryable(err) && attempt < 4) continue;
      throw err;
    }
  }
}

async function sendAll(
  ctx: Ctx,
  ids: readonly string[],
  result: Pick<RunResult, 'sendErrors' | 'emailed'>,
) {
  for (const id of ids) {
    try {
      const r = await autoSendInvoice(ctx, id);
      if (r.status === 'failed')
        result.sendErrors.push({ invoiceId: id, message: r.detail ?? 'sending failed' });
      if (r.status === 'sent' || r.status === 'logged') result.emailed += 1;
    } catch (err) {
      result.sendErrors.push({ invoiceId: id, message: (err as Error).message });
    }
  }
}

export async function runBilling(ctx: Ctx, opts: RunOptions): Promise<RunResult> {
  assertCan(ctx.actor, 'billing.run');
  const asOf = parseAsOf(opts.asOf);
  const dryRun = opts.dryRun ?? false;
  const settings = await readInvoiceSettings(ctx.db);
  const plan = await buildPlan(ctx, { asOf, companyIds: opts.companyIds });
  const result: RunResult = {
    runId: null,
    asOf,
    dryRun,
    autoIssue: settings.autoIssue,
    invoicesCreated: 0,
    invoiceIds: [],
    skipped: plan.alreadyBilled.length,
    totalCents: 0,
    errors: [],
    sendErrors: [],
    emailed: 0,
    created: [],
  };
  if (dryRun) {
    return {
      ...result,
      invoicesCreated: plan.plans.length,
      totalCents: sumCents(plan.plans.map((p) => p.totals.totalCents)),
      plans: plan.plans,
    };
  }
  // No run takes hours: one still "running" after 6 was killed with its process.
  await markInterruptedRuns(ctx.db, new Date(Date.now() - 6 * 3600_000).toISOString(), nowIso());
  const runId = await insertRun(ctx.db, {
    as_of: asOf,
    triggered_by: opts.trigger,
    status: 'running',
    invoices_created: 0,
    total_cents: 0,
    error: null,
    actor_label: actorLabel(ctx.actor),
    started_at: nowIso(),
    finished_at: null,
  });
  result.runId = runId;
  try {
    // Outside every transaction: on SQLite, ctx.db inside an open transaction would wait on itself.
    // A run as of a past date (catching up, or loading history) dates its invoices that day, so due
    // dates follow the period; a run as of today or later dates them today.
    const today = await businessToday(ctx);
    const numbering =
      settings.autoIssue && plan.plans.length
        ? // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
          await prepareIssue(ctx, asOf < today ? asOf : today)
        : null;
    for (const [i, p] of plan.plans.entries()) {
      let outcome: Outcome;
      try {
        outcome = await billCompany(ctx, p, runId, plan.currency, numbering);
      } catch (err) {
        result.errors.push({
          companyId: p.companyId,
          companyName: p.companyName,
          message: (err as Error).message,
        });
        continue;
      }
      if (outcome.status === 'skipped') {
        result.skipped += 1;
      } else {
        result.invoicesCreated += 1;
        result.invoiceIds.push(outcome.invoiceId);
        result.totalCents += p.totals.totalCents;
        result.created.push({
          invoiceId: outcome.invoiceId,
          companyId: p.companyId,
          companyName: p.companyName,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          lines: p.lines.length,
          totalCents: p.totals.totalCents,
        });
        if (numbering && opts.email !== false) await sendAll(ctx, [outcome.invoiceId], result);
      }
      await opts.afterCompany?.(i, p);
    }
    // Invoices an earlier run issued but never emailed (it stopped between commit and send).
    if (settings.autoIssue && opts.email !== false)
      await sendAll(
        ctx,
        (await unsentRunInvoices(ctx.db)).filter((id) => !result.invoiceIds.includes(id)),
        result,
      );
  } catch (err) {
    await finishRun(ctx.db, runId, {
      status: 'failed',
      invoices_created: result.invoicesCreated,
      total_cents: result.totalCents,
      error: (err as Error).message.slice(0, 1000),
      finished_at: nowIso(),
    });
    throw err;
  }
  const error = result.errors.length
    ? `${result.errors.length} compan${result.errors.length === 1 ? 'y' : 'ies'} not billed: ${result.errors.map((e) => `${e.companyName}: ${e.message}`).join('; ')}`
    : null;
  await finishRun(ctx.db, runId, {
    status: result.errors.length ? 'failed' : 'completed',
    invoices_created: result.invoicesCreated,
    total_cents: result.totalCents,
    error: error?.slice(0, 1000) ?? null,
    finished_at: nowIso(),
  });
  await audit(ctx.db, ctx, {
    action: 'billing.run',
    entityType: 'billing_run',
    entityId: runId,
    summary: {
      asOf,
      trigger: opts.trigger,
      invoicesCreated: result.invoicesCreated,
      skipped: result.skipped,
      totalCents: result.totalCents,
      errors: result.errors.length,
      sendErrors: result.sendErrors.length,
    },
  });
  return result;
}
