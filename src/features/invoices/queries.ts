// Every SQL statement about invoices and their lines. Rows stay here; callers get Invoice objects.
import type { DbOrTrx, InvoiceLinesTable, InvoicesTable } from '../../db/database.ts';
import { newId } from '../../lib/ids.ts';
import { priceLine, invoiceTotals } from './totals.ts';

export type InvoiceStatus = 'draft' | 'issued' | 'void';
export type InvoiceKind = 'invoice' | 'credit_note';
export type LineKind = 'contract' | 'service' | 'time' | 'part' | 'manual' | 'credit';

export type InvoiceLine = {
  id: string;
  position: number;
  kind: LineKind;
  description: string;
  quantityThousandths: number;
  unitPriceCents: number;
  amountCents: number;
  taxRateId: string | null;
  taxName: string | null;
  taxRatePpm: number;
  taxCents: number;
  periodStart: string | null;
  periodEnd: string | null;
  serviceId: string | null;
  workOrderId: string | null;
  sourceType: string | null;
  sourceId: string | null;
};

export type Invoice = {
  id: string;
  companyId: string;
  kind: InvoiceKind;
  number: string | null;
  status: InvoiceStatus;
  issueDate: string | null;
  dueDate: string | null;
  termsDays: number;
  periodStart: string | null;
  periodEnd: string | null;
  currency: string;
  billToName: string;
  billToAddress: string | null;
  billToEmail: string | null;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  balanceCents: number;
  creditForInvoiceId: string | null;
  source: 'manual' | 'billing_run' | 'work_order';
  billingRunId: string | null;
  runKey: string | null;
  notes: string | null;
  footer: string | null;
  createdByLabel: string;
  createdAt: string;
  updatedAt: string;
  issuedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  sentAt: string | null;
  autoSentAt: string | null;
};
export type InvoiceWithLines = Invoice & { lines: InvoiceLine[] };

/** What people see: an issued invoice reads as paid or partially paid from its payments and credits. */
export type DisplayStatus = 'draft' | 'issued' | 'partially_paid' | 'paid' | 'void';
export function displayStatus(
  i: Pick<
    Invoice,
    'status' | 'kind' | 'totalCents' | 'paidCents' | 'creditedCents' | 'balanceCents'
  >,
): DisplayStatus {
  if (i.status !== 'issued' || i.kind === 'credit_note') return i.status;
  if (i.balanceCents <= 0 && i.totalCents > 0) return 'paid';
  if (i.paidCents > 0 || i.creditedCents > 0) return 'partially_paid';
  return 'issued';
}

/** A line to add: the amount and tax are computed from these figures, never passed in. */
export type NewLine = {
  kind: LineKind;
  description: string;
  quantityThousandths: number;
  unitPriceCents: number;
  taxable: boolean;
  periodStart?: string | null;
  periodEnd?: string | null;
  serviceId?: string | null;
  workOrderId?: string | null;
  sourceType?: 'time_entry' | 'part' | 'invoice_line' | null;
  sourceId?: string | null;
};
export type TaxRate = { id: string | null; name: string; ratePpm: number };

const n = (v: unknown) => Number(v);

export const toInvoice = (r: InvoicesTable): Invoice => ({
  id: r.id,
  companyId: r.company_id,
  kind: r.kind as InvoiceKind,
  number: r.number,
  status: r.status as InvoiceStatus,
  issueDate: r.issue_date,
  dueDate: r.due_date,
  termsDays: n(r.terms_days),
  periodStart: r.period_start,
  periodEnd: r.period_end,
  currency: r.currency,
  billToName: r.bill_to_name,
  billToAddress: r.bill_to_address,
  billToEmail: r.bill_to_email,
  subtotalCents: n(r.subtotal_cents),
  taxCents: n(r.tax_cents),
  totalCents: n(r.total_cents),
  paidCents: n(r.paid_cents),
  creditedCents: n(r.credited_cents),
  balanceCents: n(r.balance_cents),
  creditForInvoiceId: r.credit_for_invoice_id,
  source: r.source as Invoice['source'],
  billingRunId: r.billing_run_id,
  runKey: r.run_key,
  notes: r.notes,
  footer: r.footer,
  createdByLabel: r.created_by_label,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  issuedAt: r.issued_at,
  voidedAt: r.voided_at,
  voidReason: r.void_reason,
  sentAt: r.sent_at,
  autoSentAt: r.auto_sent_at,
});

export const toLine = (r: InvoiceLinesTable): InvoiceLine => ({
  id: r.id,
  position: n(r.position),
  kind: r.kind as LineKind,
  description: r.description,
  quantityThousandths: n(r.quantity_thousandths),
  unitPriceCents: n(r.unit_price_cents),
  amountCents: n(r.amount_cents),
  taxRateId: r.tax_rate_id,
  taxName: r.tax_name,
  taxRatePpm: n(r.tax_rate_ppm),
  taxCents: n(r.tax_cents),
  periodStart: r.period_start,
  periodEnd: r.period_end,
  serviceId: r.service_id,
  workOrderId: r.work_order_id,
  sourceType: r.source_type,
  sourceId: r.source_id,
});

/** Rows for new lines, numbered from `firstPosition`, priced with the tax rate (null = no tax). */
export function lineRows(
  invoiceId: string,
  lines: readonly NewLine[],
  tax: TaxRate | null,
  now: string,
  firstPosition = 1,
): InvoiceLinesTable[] {
  return lines.map((l, i) => {
    const rate = l.taxable && tax ? tax : null;
    const priced = priceLine({
      quantityThousandths: l.quantityThousandths,
      unitPriceCents: l.unitPriceCents,
      taxRatePpm: rate?.ratePpm ?? 0,
    });
    return {
      id: newId(),
      invoice_id: invoiceId,
      position: firstPosition + i,
      kind: l.kind,
      description: l.description,
      quantity_thousandths: l.quantityThousandths,
      unit_price_cents: l.unitPriceCents,
      amount_cents: priced.amountCents,
      tax_rate_id: rate?.id ?? null,
      tax_name: rate?.name ?? null,
      tax_rate_ppm: rate?.ratePpm ?? 0,
      tax_cents: priced.taxCents,
      period_start: l.periodStart ?? null,
      period_end: l.periodEnd ?? null,
      service_id: l.serviceId ?? null,
      work_order_id: l.workOrderId ?? null,
      source_type: l.sourceType ?? null,
      source_id: l.sourceId ?? null,
      created_at: now,
    };
  });
}

export async function insertInvoiceRow(db: DbOrTrx, row: InvoicesTable) {
  await db.insertInto('invoices').values(row).execute();
}

export async function insertLineRows(db: DbOrTrx, rows: InvoiceLinesTable[]) {
  // Chunked: MySQL and SQLite limit the number of bound parameters in one statement.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('invoice_lines')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function findInvoiceRow(db: DbOrTrx, id: string): Promise<Invoice | null> {
  const r = await db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toInvoice(r) : null;
}

export async function linesOf(db: DbOrTrx, invoiceId: string): Promise<InvoiceLine[]> {
  const rows = await db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
  return rows.map(toLine);
}

/** Lines of many invoices in one query (lists and exports), grouped by invoice id. */
export async function linesOfMany(
  db: DbOrTrx,
  invoiceIds: readonly string[],
): Promise<Map<string, InvoiceLine[]>> {
  const out = new Map<string, InvoiceLine[]>(invoiceIds.map((id) => [id, []]));
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const chunk = invoiceIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', 'in', chunk)
      .orderBy('invoice_id')
      .orderBy('position')
      .execute();
    for (const r of rows) out.get(r.invoice_id)!.push(toLine(r));
  }
  return out;
}

export async function findInvoice(db: DbOrTrx, id: string): Promise<InvoiceWithLines | null> {
  const inv = await findInvoiceRow(db, id);
  return inv ? { ...inv, lines: await linesOf(db, id) } : null;
}

/** Re-adds a draft's figures from its lines (after lines were added or removed). */
export async function recomputeTotals(db: DbOrTrx, invoiceId: string, now: string) {
  const lines = await linesOf(db, invoiceId);
  const t = invoiceTotals(lines);
  await db
    .updateTable('invoices')
    .set({
      subtotal_cents: t.subtotalCents,
      tax_cents: t.taxCents,
      total_cents: t.totalCents,
      balance_cents: t.totalCents,
      updated_at: now,
    })
    .where('id', '=', invoiceId)
    .where('status', '=', 'draft')
    .execute();
  return t;
}

/** The tax rate that applies to a company's taxable lines, or null (tax exempt, or none set up). */
export async function taxRateForCompany(
  db: DbOrTrx,
  company: { tax_exempt: number; tax_rate_id?: string | null },
): Promise<TaxRate | null> {
  if (Number(company.tax_exempt) === 1) return null;
  let q = db.selectFrom('tax_rates').select(['id', 'name', 'rate_ppm']).where('active', '=', 1);
  q = company.tax_rate_id ? q.where('id', '=', company.tax_rate_id) : q.where('is_default', '=', 1);
  const r = await q.executeTakeFirst();
  if (r) return { id: r.id, name: r.name, ratePpm: n(r.rate_ppm) };
  if (!company.tax_rate_id) return null;
  // The company's own rate was deactivated: fall back to the default.
  return taxRateForCompany(db, { tax_exempt: 0, tax_rate_id: null });
}

/** Puts the work items of an invoice back on the ready-to-bill list (draft deleted, invoice voided). */
export async function releaseWork(db: DbOrTrx, invoiceId: string) {
  await db
    .updateTable('time_entries')
    .set({ invoice_id: null, invoiced_at: null })
    .where('invoice_id', '=', invoiceId)
    .execute();
  await db
    .updateTable('work_order_parts')
    .set({ invoice_id: null, invoiced_at: null })
    .where('invoice_id', '=', invoiceId)
    .execute();
}
