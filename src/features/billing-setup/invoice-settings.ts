// Settings › Invoices: whether billing runs issue and email at once or leave drafts, what invoices
// say about paying (payable to, remittance address, online payment link, footer), and the credit
// note prefix. Admins only (settings.manage); audited with old/new values.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import {
  InvoiceSettingsInput,
  readInvoiceSettings,
  writeInvoiceSettings,
  type InvoiceSettings,
} from '../invoices/settings.ts';

export async function invoiceSettings(ctx: Ctx): Promise<InvoiceSettings> {
  assertCan(ctx.actor, 'billing.read');
  return readInvoiceSettings(ctx.db);
}

/** A partial change: fields not sent keep their value. */
export async function saveInvoiceSettings(ctx: Ctx, raw: unknown): Promise<InvoiceSettings> {
  assertCan(ctx.actor, 'settings.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readInvoiceSettings(trx);
    const input = parseInput(InvoiceSettingsInput, {
      ...before,
      ...(raw && typeof raw === 'object' ? raw : {}),
    });
    await writeInvoiceSettings(trx, input, nowIso());
    await audit(trx, ctx, {
      action: 'settings.invoices',
      entityType: 'settings',
      summary: diff(before, input),
    });
    return input;
  });
}
