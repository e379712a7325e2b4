// The invoice (or credit note) as a PDF: reads what the layout needs (the invoice and its lines as
// stored, the business profile and logo, the invoice settings) and hands it to pdf-render.ts.
import type { Ctx } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { findInvoice, findInvoiceRow } from './queries.ts';
import { readInvoiceSettings } from './settings.ts';
import { renderInvoicePdf } from './pdf-render.ts';
import { pdfFilename, type PdfBusiness } from './pdf-layout.ts';

async function logoOf(
  ctx: Pick<Ctx, 'storage' | 'log'>,
  key: string | null,
): Promise<Buffer | null> {
  if (!key) return null;
  try {
    return await ctx.storage.get(key);
  } catch (err) {
    // A missing or unreadable logo never stops an invoice from printing.
    ctx.log.warn(
      { err: err instanceof Error ? err.message : String(err), key },
      'invoice PDF: logo not readable',
    );
    return null;
  }
}

/** The invoice (or credit note) as a PDF; permission billing.read. */
export async function invoicePdf(
  ctx: Ctx,
  id: string,
): Promise<{ filename: string; bytes: Buffer }> {
  assertCan(ctx.actor, 'billing.read');
  const invoice = await findInvoice(ctx.db, id);
  if (!invoice) throw new NotFoundError('No such invoice.');
  const [profile, settings, original] = await Promise.all([
    getProfileCached(ctx.db),
    readInvoiceSettings(ctx.db),
    invoice.creditForInvoiceId
      ? findInvoiceRow(ctx.db, invoice.creditForInvoiceId)
      : Promise.resolve(null),
  ]);
  const business: PdfBusiness = {
    // No placeholder for a missing name: the PDF leaves the line out (setup always sets one).
    name: profile?.name?.trim() ?? '',
    address: profile?.address ?? null,
    email: profile?.email ?? null,
    phone: profile?.phone ?? null,
    logo: await logoOf(ctx, profile?.logoKey ?? null),
  };
  const bytes = await renderInvoicePdf({
    invoice,
    business,
    settings,
    creditForNumber: original?.number ?? null,
  });
  return { filename: pdfFilename(invoice), bytes };
}
