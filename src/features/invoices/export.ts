// The accounting export: issued invoices and credit notes whose issue date is in [from, to], one CSV
// row per line with the invoice's columns repeated, in the column layout QuickBooks Online's or
// Xero's invoice import expects. Amounts are the stored line figures (never recomputed) written as
// plain decimals; cells that a spreadsheet would run as a formula are neutralised. Invoices are read
// in keyset pages of EXPORT_PAGE and their lines fetched per page, so the file streams out without
// loading 100,000 invoices at once.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import { centsToInput } from '../../lib/money.ts';
import {
  linesOfMany,
  toInvoice,
  type Invoice,
  type InvoiceLine,
  type LineKind,
} from './queries.ts';
import { formatQuantity, formatTaxRate } from './totals.ts';
import { termsLabel } from './pdf-layout.ts';

export const EXPORT_LAYOUTS = ['quickbooks', 'xero'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];
export const DATE_FORMATS = ['MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD'] as const;
export const EXPORT_PAGE = 500;

const date = (label: string) =>
  z
    .string({ message: `${label} is required (YYYY-MM-DD)` })
    .trim()
    .refine(isCalendarDate, `${label} must be a date like 2026-03-31`);
const blank = (v: unknown) => (v === '' ? undefined : v);
const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'on', ''])], {
    message: 'must be true or false',
  })
  .optional()
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'on');

export const ExportQuery = z
  .object({
    from: date('From'),
    to: date('To'),
    layout: z.preprocess(
      blank,
      z
        .enum(EXPORT_LAYOUTS, { message: 'Layout must be quickbooks or xero' })
        .default('quickbooks'),
    ),
    /** Default: MM/DD/YYYY for QuickBooks Online (US), DD/MM/YYYY for Xero. */
    dateFormat: z.preprocess(
      blank,
      z
        .enum(DATE_FORMATS, { message: 'Date format must be MM/DD/YYYY, DD/MM/YYYY or YYYY-MM-DD' })
        .optional(),
    ),
    /** all: invoices and credit notes (credit notes negative); invoices; credit_notes (Xero: its credit note import, positive). */
    kind: z.preprocess(
      blank,
      z
        .enum(['all', 'invoices', 'credit_notes'], {
          message: 'Kind must be all, invoices or credit_notes',
        })
        .default('all'),
    ),
    includeVoid: flag,
    /** Xero's revenue account for every line (200 is Sales in Xero's default chart of accounts). */
    accountCode: z
      .string()
      .trim()
      .max(10, 'Account code must be at most 10 characters')
      .regex(/^[A-Za-z0-9.-]*$/, 'Account code may use letters, digits, dots and dashes')
      .optional()
      .transform((v) => v || '200'),
  })
  .refine((q) => !isCalendarDate(q.from) || !isCalendarDate(q.to) || q.to >= q.from, {
    path: ['to'],
    message: 'To must be on or after From',
  });
export type ExportOptions = z.infer<typeof ExportQuery>;

// A cell starting with = + - @ (or a tab / CR) is a formula to a spreadsheet; a leading apostrophe
// keeps it text. Only for text taken from people: numbers we write ourselves may be negative.
const safe = (v: string | null | undefined) => (v ? (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) : '');

export function formatDate(d: string | null, f: (typeof DATE_FORMATS)[number]): string {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  return f === 'MM/DD/YYYY' ? `${m}/${day}/${y}` : f === 'DD/MM/YYYY' ? `${day}/${m}/${y}` : d;
}

/** The QuickBooks product/service each kind of line is booked to (create these items in QuickBooks). */
export const QB_ITEMS: Record<LineKind, string> = {
  contract: 'Support contract',
  service: 'Recurring services',
  time: 'Labor',
  part: 'Parts',
  manual: 'Services',
  credit: 'Credit',
};

type Doc = Invoice & { creditForNumber: string | null };
type Ctx2 = { opts: ExportOptions; dateFormat: (typeof DATE_FORMATS)[number] };

const QB_COLUMNS = [
  'InvoiceNo',
  'Customer',
  'InvoiceDate',
  'DueDate',
  'Terms',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'Taxable',
  'TaxRate',
  'ServiceDate',
  'Currency',
];

function quickbooksRow(inv: Doc, l: InvoiceLine, c: Ctx2): string[] {
  // Credit notes carry negative rates and amounts (QuickBooks accepts negative service lines).
  const sign = inv.kind === 'credit_note' ? -1 : 1;
  const memo = [
    inv.status === 'void' ? `VOID${inv.voidReason ? `: ${inv.voidReason}` : ''}` : '',
    inv.kind === 'credit_note' ? `Credit note for ${inv.creditForNumber ?? 'an invoice'}` : '',
    inv.notes ?? '',
  ]
    .filter(Boolean)
    .join(' — ');
  return [
    inv.number ?? '',
    safe(inv.billToName),
    formatDate(inv.issueDate, c.dateFormat),
    formatDate(inv.dueDate ?? inv.issueDate, c.dateFormat),
    inv.kind === 'credit_note' ? '' : termsLabel(inv.termsDays),
    safe(memo),
    QB_ITEMS[l.kind],
    safe(l.description),
    formatQuantity(l.quantityThousandths),
    centsToInput(sign * l.unitPriceCents),
    centsToInput(sign * l.amountCents),
    l.taxRatePpm > 0 ? 'Y' : 'N',
    l.taxRatePpm > 0 ? formatTaxRate(l.taxRatePpm) : '',
    formatDate(l.periodStart, c.dateFormat),
    inv.currency,
  ];
}

const XERO_COLUMNS = (creditNotes: boolean) => [
  'ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  creditNotes ? 'CreditNoteNumber' : 'InvoiceNumber',
  'Reference',
  creditNotes ? 'CreditNoteDate' : 'InvoiceDate',
  'DueDate',
  'InventoryItemCode',
  'Description',
  'Quantity',
  'UnitAmount',
  'Discount',
  'AccountCode',
  'TaxType',
  'TaxAmount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
];

function xeroRow(inv: Doc, l: InvoiceLine, c: Ctx2): string[] {
  // In Xero's credit note import amounts are positive; in a mixed file a credit note is negative.
  const sign = inv.kind === 'credit_note' && c.opts.kind !== 'credit_notes' ? -1 : 1;
  const address = (inv.billToAddress ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const lines4 = [0, 1, 2].map((i) => address[i] ?? '').concat(address.slice(3).join(', '));
  const reference = [
    inv.status === 'void' ? `VOID${inv.voidReason ? `: ${inv.voidReason}` : ''}` : '',
    inv.kind === 'credit_note' ? `Credit for ${inv.creditForNumber ?? 'an invoice'}` : '',
  ]
    .filter(Boolean)
    .join(' — ');
  return [
    safe(inv.billToName),
    safe(inv.billToEmail),
    ...lines4.map(safe),
    '',
    '',
    '',
    '',
    inv.number ?? '',
    safe(reference),
    formatDate(inv.issueDate, c.dateFormat),
    formatDate(inv.dueDate ?? inv.issueDate, c.dateFormat),
    '',
    safe(l.description),
    formatQuantity(l.quantityThousandths),
    centsToInput(sign * l.unitPriceCents),
    '',
    c.opts.accountCode,
    l.taxRatePpm > 0 ? safe(`${l.taxName ?? 'Tax'} ${formatTaxRate(l.taxRatePpm)}`) : 'Tax Exempt',
    centsToInput(sign * l.taxCents),
    '',
    '',
    '',
    '',
    inv.currency,
    '',
  ];
}

export function exportHeader(opts: ExportOptions): string[] {
  return opts.layout === 'quickbooks' ? QB_COLUMNS : XERO_COLUMNS(opts.kind === 'credit_notes');
}

export const exportFilename = (o: ExportOptions) =>
  `${o.layout}-${o.kind === 'credit_notes' ? 'credit-notes' : 'invoices'}-${o.from}-to-${o.to}.csv`;

/** Validates the query (400 naming the field) and checks billing.read before anything streams. */
export function prepareExport(ctx: Ctx, raw: unknown): ExportOptions {
  assertCan(ctx.actor, 'billing.read');
  return parseInput(ExportQuery, raw);
}

/** The CSV in pieces: the header, then one piece per page of EXPORT_PAGE invoices. */
export async function* exportCsv(
  ctx: Pick<Ctx, 'db'>,
  opts: ExportOptions,
): AsyncGenerator<string> {
  const c: Ctx2 = {
    opts,
    dateFormat: opts.dateFormat ?? (opts.layout === 'quickbooks' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'),
  };
  const row = opts.layout === 'quickbooks' ? quickbooksRow : xeroRow;
  yield stringify([exportHeader(opts)]);
  let after: { issueDate: string; id: string } | null = null;
  const keep = wanted(opts);
  for (;;) {
    const fetched = await exportPage(ctx.db, opts, after);
    if (fetched.length === 0) return;
    const page = fetched.filter(keep);
    const lines = page.length
      ? await linesOfMany(
          ctx.db,
          page.map((i) => i.id),
        )
      : new Map<string, InvoiceLine[]>();
    const originals = await numbersOf(
      ctx.db,
      page.map((i) => i.creditForInvoiceId).filter((id): id is string => Boolean(id)),
    );
    const rows: string[][] = [];
    for (const inv of page) {
      const doc: Doc = {
        ...inv,
        creditForNumber: inv.creditForInvoiceId
          ? (originals.get(inv.creditForInvoiceId) ?? null)
          : null,
      };
      for (const l of lines.get(inv.id) ?? []) rows.push(row(doc, l, c));
    }
    if (rows.length) yield stringify(rows);
    if (fetched.length < EXPORT_PAGE) return;
    const last = fetched[fetched.length - 1];
    after = { issueDate: last.issueDate!, id: last.id };
  }
}

// ---- SQL of the export (keyset pages on the invoices_issue_date (issue_date, id) index).

async function exportPage(
  db: DbOrTrx,
  o: ExportOptions,
  after: { issueDate: string; id: string } | null,
): Promise<Invoice[]> {
  // Only the date range and the keyset are in SQL, so every dialect walks the (issue_date, id) index
  // in order (a status condition lets planners pick the status index and sort everything per page).
  // Drafts have no issue date; void documents and the kind filter are sifted out by the caller.
  let q = db
    .selectFrom('invoices')
    .selectAll()
    .where('issue_date', '>=', after?.issueDate ?? o.from)
    .where('issue_date', '<=', o.to);
  if (after)
    q = q.where((eb) => eb.or([eb('issue_date', '>', after.issueDate), eb('id', '>', after.id)]));
  const rows = await q.orderBy('issue_date').orderBy('id').limit(EXPORT_PAGE).execute();
  return rows.map(toInvoice);
}

const wanted = (o: ExportOptions) => (inv: Invoice) =>
  (inv.status === 'issued' || (o.includeVoid && inv.status === 'void')) &&
  (o.kind === 'all' ||
    (o.kind === 'invoices' ? inv.kind === 'invoice' : inv.kind === 'credit_note'));

async function numbersOf(db: DbOrTrx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'number'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.number ?? '']));
}
