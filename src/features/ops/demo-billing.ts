// The demo's year of billing, made the way the app makes it: a default sales tax rate, recurring
// services from the catalogue on some companies, then the monthly billing run as of the 28th of each
// of the last eleven months and as of today (every demo billing day is on or before the 28th, so
// each run bills each company's period once; work from the demo's work orders lands on the run after
// it was done), and finally payments on those invoices (some partial, some late, one overpaid).
// Nothing is emailed: the demo's customers have made-up addresses.
import type { Ctx } from '../../platform/context.ts';
import { createTaxRate, catalogItems } from '../billing-setup/catalog.ts';
import { addCompanyService } from '../billing-setup/company-services.ts';
import { runBilling } from '../billing/run.ts';
import { seedDemoPayments } from '../payments/demo.ts';
import { shiftMonths } from '../billing/periods.ts';

// Which catalogue bundles each demo company (by position) resells, with quantities.
const SERVICES: Record<number, [kind: string, quantity: number][]> = {
  0: [
    ['backup', 2],
    ['telephony', 8],
  ],
  1: [
    ['backup', 1],
    ['support', 3],
  ],
  3: [
    ['backup', 3],
    ['telephony', 12],
    ['pbx', 1],
  ],
  6: [['telephony', 5]],
  7: [
    ['backup', 4],
    ['pbx', 1],
  ],
  9: [
    ['backup', 2],
    ['telephony', 15],
    ['pbx', 1],
  ],
  11: [['support', 2]],
};

export async function seedDemoBilling(
  ctx: Ctx,
  companies: { id: string }[],
  today: string,
): Promise<{ invoices: number; payments: number }> {
  await createTaxRate(ctx, { name: 'Sales tax', ratePpm: 62_500, isDefault: true, active: true });
  const catalog = await catalogItems(ctx, { activeOnly: true });
  const firstRun = `${shiftMonths(today, -11).slice(0, 7)}-28`;
  for (const [i, lines] of Object.entries(SERVICES)) {
    const company = companies[Number(i)];
    if (!company) continue;
    for (const [kind, quantity] of lines) {
      const item = catalog.find((c) => c.kind === kind);
      if (!item) continue;
      await addCompanyService(ctx, company.id, {
        catalogId: item.id,
        description: item.name,
        quantityThousandths: quantity * 1000,
        startDate: `${firstRun.slice(0, 7)}-01`,
        taxable: item.taxable,
      });
    }
  }
  let invoices = 0;
  const asOfs = Array.from(
    { length: 11 },
    (_, k) => `${shiftMonths(today, k - 11).slice(0, 7)}-28`,
  ).filter((d) => d < today);
  for (const asOf of [...asOfs, today]) {
    const r = await runBilling(ctx, { asOf, dryRun: false, trigger: 'cli', email: false });
    invoices += r.invoicesCreated;
  }
  // Demo customers have made-up addresses: the history counts as delivered, so no later run emails it.
  await ctx.db
    .updateTable('invoices')
    .set((eb) => ({ auto_sent_at: eb.ref('issued_at') }))
    .where('source', '=', 'billing_run')
    .where('auto_sent_at', 'is', null)
    .execute();
  const paid = await seedDemoPayments(ctx);
  return { invoices, payments: paid.payments };
}
