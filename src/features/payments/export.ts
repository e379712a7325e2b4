// The payments accounting export: payments received in [from, to] (received_on), one CSV row per
// allocation, plus one row for what a payment left unapplied (or for a payment with no allocation),
// so the rows of a payment add up to what was received. Reversed allocations are left out; a void
// payment appears with status "void" and zero amounts. Amounts are plain decimals; text typed by
// people that a spreadsheet would run as a formula is neutralised. Keyset pages keep memory flat.
import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { centsToInput } from '../../lib/money.ts';
import { allocationsForPayments, exportPage, type PaymentRow } from './queries.ts';
import { ExportPaymentsQuery } from './schemas.ts';

export const PAGE = 500;
export type PaymentExportOptions = { from: string; to: string };

// A cell starting with = + - @ (or a tab / CR) is a formula to a spreadsheet; a leading apostrophe keeps it text.
const safe = (v: string | null | undefined) => (v ? (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) : '');

export const COLUMNS = [
  'PaymentId',
  'ReceivedOn',
  'Customer',
  'Method',
  'Reference',
  'DepositBatch',
  'PaymentAmount',
  'Fee',
  'Refunded',
  'Status',
  'InvoiceNumber',
  'InvoiceId',
  'AllocationKind',
  'AllocatedOn',
  'Amount',
  'Memo',
];

export function prepareExport(ctx: Ctx, raw: unknown): PaymentExportOptions {
  assertCan(ctx.actor, 'billing.read');
  return parseInput(ExportPaymentsQuery, raw);
}

export const exportFilename = (o: PaymentExportOptions) => `payments-${o.from}-to-${o.to}.csv`;

export async function* exportPaymentsCsv(
  ctx: Pick<Ctx, 'db'>,
  opts: PaymentExportOptions,
): AsyncGenerator<string> {
  yield stringify([COLUMNS]);
  let after: { receivedOn: string; id: string } | null = null;
  for (;;) {
    const page: PaymentRow[] = await exportPage(ctx.db, opts, after, PAGE);
    if (page.length === 0) return;
    const allocs = await allocationsForPayments(
      ctx.db,
      page.map((p) => p.id),
    );
    const rows: string[][] = [];
    for (const p of page) {
      const base = [
        p.id,
        p.receivedOn,
        safe(p.companyName),
        p.method,
        safe(p.reference),
        safe(p.depositBatch),
        centsToInput(p.amountCents),
        centsToInput(p.feeCents),
        centsToInput(p.refundedCents),
        p.status,
      ];
      const live =
        p.status === 'void' ? [] : (allocs.get(p.id) ?? []).filter((a) => a.reversedAt === null);
      for (const a of live)
        rows.push([
          ...base,
          a.invoiceNumber ?? '',
          a.invoiceId,
          a.kind,
          a.effectiveOn,
          centsToInput(a.amountCents),
          safe(p.memo),
        ]);
      if (p.status === 'void' || p.unappliedCents > 0 || live.length === 0)
        rows.push([
          ...base,
          '',
          '',
          'unapplied',
          '',
          centsToInput(p.status === 'void' ? 0 : p.unappliedCents),
          safe(p.memo),
        ]);
    }
    yield stringify(rows);
    if (page.length < PAGE) return;
    const last = page[page.length - 1];
    after = { receivedOn: last.receivedOn, id: last.id };
  }
}
