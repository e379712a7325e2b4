// JSON API for payments: /api/v1/payments. POST honours an Idempotency-Key header (the answer is
// stored in the payment's own transaction), so a retried request never records a second payment.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { staffCtx } from '../../platform/web.ts';
import { apiPayment, pagePayments, paymentDetail } from './browse.ts';
import { exportFilename, exportPaymentsCsv, prepareExport } from './export.ts';
import { allocationsForPayment, findPaymentRow } from './queries.ts';
import { recordPayment, refundPayment, voidPayment } from './service.ts';

type Params = { id: string };

export async function paymentApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/payments', async (req) => pagePayments(staffCtx(req, deps), req.query));
  app.get('/api/v1/payments/export', async (req, reply) => {
    const opts = prepareExport(staffCtx(req, deps), req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFilename(opts)}"`)
      .send(Readable.from(exportPaymentsCsv(deps, opts)));
  });
  app.post('/api/v1/payments', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    return idempotent(req, reply, deps.db, async (store) => {
      let body: unknown;
      const r = await recordPayment(ctx, req.body ?? {}, {
        inTrx: async (trx, result) => {
          const p = (await findPaymentRow(trx, result.id))!;
          body = {
            ...apiPayment(p, await allocationsForPayment(trx, result.id)),
            allocations: result.allocations,
            unappliedCents: result.unappliedCents,
          };
          if (store) await store(trx, 201, body);
        },
      });
      reply.header('location', `/api/v1/payments/${r.id}`);
      return { statusCode: 201, body };
    });
  });
  app.get('/api/v1/payments/:id', async (req) => {
    const d = await paymentDetail(staffCtx(req, deps), (req.params as Params).id);
    return apiPayment(d.payment, d.allocations);
  });
  app.post('/api/v1/payments/:id/void', async (req) => {
    const ctx = staffCtx(req, deps);
    const { id } = req.params as Params;
    await voidPayment(ctx, id, req.body ?? {});
    const d = await paymentDetail(ctx, id);
    return apiPayment(d.payment, d.allocations);
  });
  app.post('/api/v1/payments/:id/refunds', async (req) => {
    const ctx = staffCtx(req, deps);
    const { id } = req.params as Params;
    await refundPayment(ctx, id, req.body ?? {});
    const d = await paymentDetail(ctx, id);
    return apiPayment(d.payment, d.allocations);
  });
}
