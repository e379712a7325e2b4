// Staff side of pay links: withdraw every emailed pay link of an invoice (billing.write), from the
// invoice page. The next email sent for the invoice carries a fresh link.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import { revokeInvoicePayLinks } from './pay-links.ts';

export async function payLinkStaffRoutes(app: FastifyInstance, deps: Deps) {
  app.post('/invoices/:id/pay-links/revoke', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const n = await revokeInvoicePayLinks(staffCtx(req, deps, 'billing.write'), id);
    return reply
      .flash(
        'success',
        n === 0
          ? 'This invoice had no active pay links.'
          : `${n} pay ${n === 1 ? 'link' : 'links'} withdrawn: ${n === 1 ? 'it' : 'they'} no longer open the invoice.`,
      )
      .redirect(`/invoices/${id}`, 303);
  });
}

/** The invoice page's small form (the count of live links is not needed to withdraw them). */
export function RevokePayLinksForm({ invoiceId, csrf }: { invoiceId: string; csrf: string }) {
  return (
    <form method="post" action={`/invoices/${invoiceId}/pay-links/revoke`} class="d-inline">
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class="btn btn-sm btn-outline-danger">
        Withdraw emailed pay links
      </button>
    </form>
  );
}
