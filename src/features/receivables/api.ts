// JSON API: a company's balance and the aging report (problem+json on errors, like every API route).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import { agingReport, getCompanyBalance } from './service.ts';

export async function receivablesApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/companies/:id/balance', async (req) => {
    const b = await getCompanyBalance(staffCtx(req, deps), (req.params as { id: string }).id);
    return {
      balanceCents: b.balanceCents,
      openInvoiceCents: b.openInvoiceCents,
      unappliedCreditCents: b.unappliedCreditCents,
    };
  });
  app.get('/api/v1/reports/aging', async (req) => {
    const { asOf } = (req.query ?? {}) as { asOf?: unknown };
    const r = await agingReport(staffCtx(req, deps), { asOf });
    return { asOf: r.asOf, totals: r.totals, companies: r.companies };
  });
}
