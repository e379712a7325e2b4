// JSON API of the billing run: POST /api/v1/billing/run (a dry run returns what it would create and
// writes nothing) and GET /api/v1/billing/runs.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { priceLine } from '../invoices/totals.ts';
import type { CompanyPlan } from './plan.ts';
import { recentRuns } from './queries.ts';
import { runBilling } from './run.ts';
import { RunBillingInput } from './schemas.ts';

/** A plan as the API shows it: figures computed by the same functions as the invoice. */
export function planJson(p: CompanyPlan) {
  const rate = p.tax?.ratePpm ?? 0;
  return {
    companyId: p.companyId,
    companyName: p.companyName,
    runKey: p.runKey,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    subtotalCents: p.totals.subtotalCents,
    taxCents: p.totals.taxCents,
    totalCents: p.totals.totalCents,
    workItems: p.workItems.length,
    lines: p.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      quantityThousandths: l.quantityThousandths,
      unitPriceCents: l.unitPriceCents,
      taxable: l.taxable,
      ...priceLine({
        quantityThousandths: l.quantityThousandths,
        unitPriceCents: l.unitPriceCents,
        taxRatePpm: l.taxable ? rate : 0,
      }),
      periodStart: l.periodStart ?? null,
      periodEnd: l.periodEnd ?? null,
      serviceId: l.serviceId ?? null,
      sourceType: l.sourceType ?? null,
      sourceId: l.sourceId ?? null,
    })),
  };
}

export async function billingApi(app: FastifyInstance, deps: Deps) {
  app.post('/api/v1/billing/run', async (req) => {
    const ctx = staffCtx(req, deps);
    assertCan(ctx.actor, 'billing.run');
    const input = parseInput(RunBillingInput, req.body ?? {});
    const r = await runBilling(ctx, {
      asOf: input.asOf,
      dryRun: input.dryRun,
      trigger: 'api',
      companyIds: input.companyIds,
    });
    const { plans, created, ...rest } = r;
    return { ...rest, invoices: created, ...(plans ? { plans: plans.map(planJson) } : {}) };
  });
  app.get('/api/v1/billing/runs', async (req) => {
    const ctx = staffCtx(req, deps);
    assertCan(ctx.actor, 'billing.read');
    const q = req.query as { page?: string; limit?: string };
    const limit = Math.min(200, Math.max(1, Number(q.limit) || 50));
    const page = Math.max(1, Number(q.page) || 1);
    const { runs, total } = await recentRuns(ctx.db, page, limit);
    return { items: runs, total, page, limit };
  });
}
