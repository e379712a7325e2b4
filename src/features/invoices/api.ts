// JSON API for invoices: /api/v1/invoices. The same use cases as the pages; errors are problem+json
// (400 naming the fields, 404, 409 when the invoice's state does not allow the action).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { staffCtx } from '../../platform/web.ts';
import { pageInvoices } from './list.ts';
import type { InvoiceWithLines } from './queries.ts';
import {
  addDraftLine,
  createCreditNote,
  createInvoice,
  deleteDraft,
  getInvoice,
  issueInvoice,
  removeDraftLine,
  voidInvoice,
} from './service.ts';
import { invoicePdf } from './pdf.ts';
import { sendInvoice } from './send.ts';
import { displayStatus } from './queries.ts';

type Params = { id: string; lineId?: string };

/** The API's shape: the invoice's own fields (bookkeeping columns left out) with its lines. */
/**
 * An invoice as the API shows it. `status` follows the money: an issued invoice reads
 * partially_paid or paid from its payments and credits; `documentStatus` is the document's own
 * state (draft, issued, void).
 */
export const apiInvoice = (i: InvoiceWithLines) => {
  const { runKey: _r, billingRunId: _b, ...rest } = i;
  return { ...rest, status: displayStatus(i), documentStatus: i.status };
};

export async function invoiceApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/invoices', async (req) => {
    const page = await pageInvoices(staffCtx(req, deps), req.query);
    return { items: page.items.map(apiInvoice), nextCursor: page.nextCursor };
  });
  app.post('/api/v1/invoices', async (req, reply) => {
    const inv = await createInvoice(staffCtx(req, deps), req.body ?? {});
    return reply.status(201).header('location', `/api/v1/invoices/${inv.id}`).send(apiInvoice(inv));
  });
  app.get('/api/v1/invoices/:id', async (req) =>
    apiInvoice(await getInvoice(staffCtx(req, deps), (req.params as Params).id)),
  );
  app.delete('/api/v1/invoices/:id', async (req, reply) => {
    await deleteDraft(staffCtx(req, deps), (req.params as Params).id);
    return reply.status(204).send();
  });
  app.get('/api/v1/invoices/:id/pdf', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    const { id } = req.params as Params;
    const pdf = await invoicePdf(ctx, id);
    return reply
      .type('application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="${pdf.filename.replace(/["\\\r\n]/g, '')}"`,
      )
      .send(pdf.bytes);
  });
  app.post('/api/v1/invoices/:id/issue', async (req) =>
    apiInvoice(await issueInvoice(staffCtx(req, deps), (req.params as Params).id)),
  );
  app.post('/api/v1/invoices/:id/void', async (req) =>
    apiInvoice(await voidInvoice(staffCtx(req, deps), (req.params as Params).id, req.body ?? {})),
  );
  app.post('/api/v1/invoices/:id/credit-notes', async (req, reply) => {
    const note = await createCreditNote(
      staffCtx(req, deps),
      (req.params as Params).id,
      req.body ?? {},
    );
    return reply
      .status(201)
      .header('location', `/api/v1/invoices/${note.id}`)
      .send(apiInvoice(note));
  });
  app.post('/api/v1/invoices/:id/send', async (req) => {
    const ctx = staffCtx(req, deps);
    const { id } = req.params as Params;
    const raw = (req.body ?? {}) as { to?: unknown };
    if (raw.to != null && typeof raw.to !== 'string')
      throw new ValidationError([{ path: 'to', message: 'to must be an email address' }]);
    return sendInvoice(ctx, id, { to: raw.to ?? null });
  });
  app.post('/api/v1/invoices/:id/lines', async (req, reply) =>
    reply
      .status(201)
      .send(
        apiInvoice(
          await addDraftLine(staffCtx(req, deps), (req.params as Params).id, req.body ?? {}),
        ),
      ),
  );
  app.delete('/api/v1/invoices/:id/lines/:lineId', async (req) => {
    const { id, lineId } = req.params as Params;
    return apiInvoice(await removeDraftLine(staffCtx(req, deps), id, lineId!));
  });
}
