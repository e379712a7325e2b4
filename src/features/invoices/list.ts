// Reading many invoices: the HTML list (filters, sortable offset pages, one aggregate for the totals
// row and the page count), the API's keyset pages with their lines, and what the invoice page shows
// around one invoice (credit notes, email log, history). Every list query runs on `invoices` alone
// first, so the planner can walk one of its indexes in the page's order and stop after one page.
import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { findCompany } from '../companies/queries.ts';
import { columnContains } from '../search/contains.ts';
import { linesOfMany, toInvoice, type Invoice, type InvoiceLine } from './queries.ts';

export const LIST_STATUSES = [
  'draft',
  'issued',
  'open',
  'overdue',
  'partially_paid',
  'paid',
  'void',
] as const;
export const LIST_SORTS = [
  'created',
  'number',
  'issueDate',
  'dueDate',
  'total',
  'balance',
] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export type ListSort = (typeof LIST_SORTS)[number];

const blank = (v: unknown) => (v === '' ? undefined : v);
const date = (label: string) =>
  z.preprocess(
    blank,
    z.string().refine(isCalendarDate, `${label} must be a date (YYYY-MM-DD)`).optional(),
  );

export const ListInvoicesQuery = z.object({
  q: z.string().trim().max(100).optional().default(''),
  company: z.string().trim().max(200).optional().default(''),
  companyId: z.preprocess(blank, z.string().max(64).optional()),
  /** Absent: the list's default (open invoices on /invoices, any status on a company's tab). */
  status: z.preprocess(
    blank,
    z.enum([...LIST_STATUSES, 'all'], { message: 'Unknown status' }).optional(),
  ),
  kind: z.preprocess(
    blank,
    z
      .enum(['invoice', 'credit_note'], { message: 'Kind must be invoice or credit_note' })
      .optional(),
  ),
  from: date('From'),
  to: date('To'),
  sort: z.preprocess(
    blank,
    z.enum(LIST_SORTS, { message: 'Unknown sort' }).optional().default('created'),
  ),
  dir: z.preprocess(blank, z.enum(['asc', 'desc']).optional().default('desc')),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

export const ApiInvoicesQuery = z.object({
  companyId: z.string().max(64).optional(),
  status: z
    .enum(LIST_STATUSES, {
      message: 'status must be draft, issued, open, overdue, partially_paid, paid or void',
    })
    .optional(),
  kind: z
    .enum(['invoice', 'credit_note'], { message: 'kind must be invoice or credit_note' })
    .optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});

export type InvoiceFilter = {
  companyId?: string;
  companyIds?: string[];
  status?: ListStatus;
  kind?: 'invoice' | 'credit_note';
  from?: string;
  to?: string;
  q?: string;
  today: string;
};
export type InvoiceRow = Invoice & { companyName: string };
export type ListSummary = { count: number; totalCents: number; balanceCents: number };

function filtered(db: DbOrTrx, f: InvoiceFilter) {
  let q = db.selectFrom('invoices');
  if (f.companyId) q = q.where('invoices.company_id', '=', f.companyId);
  else if (f.companyIds)
    q = q.where('invoices.company_id', 'in', f.companyIds.length ? f.companyIds : ['-']);
  if (f.status === 'open' || f.status === 'overdue') {
    q = q
      .where('invoices.status', '=', 'issued')
      .where('invoices.kind', '=', 'invoice')
      .where('invoices.balance_cents', '>', 0);
    if (f.status === 'overdue') q = q.where('invoices.due_date', '<', f.today);
  } else if (f.status === 'paid') {
    q = q
      .where('invoices.status', '=', 'issued')
      .where('invoices.kind', '=', 'invoice')
      .where('invoices.balance_cents', '<=', 0)
      .where('invoices.total_cents', '>', 0);
  } else if (f.status === 'partially_paid') {
    q = q
      .where('invoices.status', '=', 'issued')
      .where('invoices.kind', '=', 'invoice')
      .where('invoices.balance_cents', '>', 0)
      .where((eb) =>
        eb.or([eb('invoices.paid_cents', '>', 0), eb('invoices.credited_cents', '>', 0)]),
      );
  } else if (f.status) q = q.where('invoices.status', '=', f.status);
  if (f.kind) q = q.where('invoices.kind', '=', f.kind);
  if (f.from) q = q.where('invoices.issue_date', '>=', f.from);
  if (f.to) q = q.where('invoices.issue_date', '<=', f.to);
  if (f.q) q = q.where(columnContains(db, sql`lower(invoices.number)`, f.q));
  return q;
}

const SORT_COLUMN = {
  created: 'invoices.created_at',
  number: 'invoices.number',
  issueDate: 'invoices.issue_date',
  dueDate: 'invoices.due_date',
  total: 'invoices.total_cents',
  balance: 'invoices.balance_cents',
} as const;

/**
 * One page and the summary of everything that matches: count, total (credit notes subtract, void
 * invoices count nothing) and balance, in a single aggregate query with the page's WHERE. The list
 * opens on the open invoices, whose aggregate invoices_receivable covers (status, kind,
 * balance_cents … total_cents): the default costs what is owed, not the whole history. Broader
 * filters (any status, paid) sum every invoice they match; see docs/PERFORMANCE.md.
 */
export async function listInvoices(
  db: DbOrTrx,
  f: InvoiceFilter,
  o: { sort: ListSort; dir: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: InvoiceRow[]; summary: ListSummary }> {
  const [ids, summary] = await Promise.all([
    pageIdsQuery(db, f, o).execute(),
    summaryQuery(db, f).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await withCompanyNames(
      db,
      ids.map((r) => r.id),
    ),
    summary: {
      count: Number(summary.n),
      totalCents: Number(summary.total ?? 0),
      balanceCents: Number(summary.balance ?? 0),
    },
  };
}

/** The page's ids in order, from `invoices` alone (exported for the performance check). */
export const pageIdsQuery = (
  db: DbOrTrx,
  f: InvoiceFilter,
  o: { sort: ListSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) =>
  filtered(db, f)
    .select('invoices.id')
    .orderBy(SORT_COLUMN[o.sort], o.dir)
    .orderBy('invoices.id', o.dir)
    .limit(o.limit)
    .offset(o.offset);

export const summaryQuery = (db: DbOrTrx, f: InvoiceFilter) =>
  filtered(db, f).select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn
      .sum<number>(
        sql`case when invoices.status = 'void' then 0 when invoices.kind = 'credit_note' then -invoices.total_cents else invoices.total_cents end`,
      )
      .as('total'),
    eb.fn.sum<number>('invoices.balance_cents').as('balance'),
  ]);

async function withCompanyNames(db: DbOrTrx, ids: string[]): Promise<InvoiceRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('companies', 'companies.id', 'invoices.company_id')
    .selectAll('invoices')
    .select('companies.name as company_name')
    .where('invoices.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { ...toInvoice(r), companyName: r.company_name }]));
  return ids.map((id) => byId.get(id)!);
}

/** Keyset page for the API (by id, which is time-ordered), each invoice with its lines from one query. */
export async function listInvoicesAfter(
  db: DbOrTrx,
  f: InvoiceFilter,
  o: { limit: number; cursor?: string },
): Promise<{ items: (Invoice & { lines: InvoiceLine[] })[]; nextCursor: string | null }> {
  let q = filtered(db, f)
    .selectAll('invoices')
    .orderBy('invoices.id', 'asc')
    .limit(o.limit + 1);
  if (o.cursor) q = q.where('invoices.id', '>', o.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, o.limit).map(toInvoice);
  const lines = await linesOfMany(
    db,
    page.map((i) => i.id),
  );
  return {
    items: page.map((i) => ({ ...i, lines: lines.get(i.id) ?? [] })),
    nextCursor: rows.length > o.limit ? page[page.length - 1].id : null,
  };
}

/** Companies whose name contains the text (for the list's company box), at most `limit`. */
export async function companiesNamed(db: DbOrTrx, name: string, limit = 10) {
  return db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where(columnContains(db, 'name_sort', name))
    .orderBy('name_sort')
    .limit(limit)
    .execute();
}

/** What the company owes on issued invoices. */
export async function companyOpenBalance(
  db: DbOrTrx,
  companyId: string,
): Promise<{ count: number; balanceCents: number }> {
  const r = await db
    .selectFrom('invoices')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('balance_cents').as('b')])
    .where('company_id', '=', companyId)
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), balanceCents: Number(r.b ?? 0) };
}

export type Related = {
  id: string;
  number: string | null;
  status: string;
  totalCents: number;
  issueDate: string | null;
};
/**
 * Credit notes against an invoice. Looked up within the invoice's company (invoices_company, in
 * created order): almost every invoice has no credit_for_invoice_id, so once the database has
 * statistics the planner rightly will not use that column's index and would read every invoice.
 */
export async function creditNotesFor(
  db: DbOrTrx,
  invoice: { id: string; companyId: string },
): Promise<Related[]> {
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'status', 'total_cents', 'issue_date'])
    .where('company_id', '=', invoice.companyId)
    .where('credit_for_invoice_id', '=', invoice.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    totalCents: Number(r.total_cents),
    issueDate: r.issue_date,
  }));
}
export async function relatedInvoice(db: DbOrTrx, id: string): Promise<Related | null> {
  const r = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'status', 'total_cents', 'issue_date'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        number: r.number,
        status: r.status,
        totalCents: Number(r.total_cents),
        issueDate: r.issue_date,
      }
    : null;
}

export type EmailLogRow = {
  at: string;
  to: string;
  subject: string;
  status: string;
  error: string | null;
};
export async function emailLogFor(db: DbOrTrx, invoiceId: string): Promise<EmailLogRow[]> {
  const rows = await db
    .selectFrom('email_log')
    .select(['created_at', 'to_address', 'subject', 'status', 'error'])
    .where('entity_type', '=', 'invoice')
    .where('entity_id', '=', invoiceId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    at: r.created_at,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    error: r.error,
  }));
}

export type HistoryRow = {
  at: string;
  by: string;
  action: string;
  summary: Record<string, unknown>;
};
export async function invoiceHistory(db: DbOrTrx, invoiceId: string): Promise<HistoryRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'action', 'summary'])
    .where('entity_type', '=', 'invoice')
    .where('entity_id', '=', invoiceId)
    .orderBy('id', 'asc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    by: r.actor_label,
    action: r.action,
    summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : {},
  }));
}

/** The list page's data: the query, the company it is scoped to or resolved from the name box, one page and the summary. */
export async function browseInvoices(ctx: Ctx, raw: unknown, scope: { companyId?: string } = {}) {
  assertCan(ctx.actor, 'billing.read');
  const query = parseInput(ListInvoicesQuery, raw);
  if (scope.companyId) query.companyId = scope.companyId;
  // All invoices open on what is owed (a clerk's worklist, and a bounded aggregate); a company's
  // tab on its whole history (bounded by the company).
  query.status ??= scope.companyId ? 'all' : 'open';
  const today = await businessToday(ctx);
  const { company, companyIds, matches } = await companyFilter(ctx.db, query);
  const filter: InvoiceFilter = {
    companyId: company?.id,
    companyIds,
    status: query.status === 'all' ? undefined : query.status,
    kind: query.kind,
    from: query.from,
    to: query.to,
    q: query.q,
    today,
  };
  const page = await listInvoices(ctx.db, filter, {
    sort: query.sort,
    dir: query.dir,
    limit: query.size,
    offset: (query.page - 1) * query.size,
  });
  return { query, today, company, matches, ...page };
}

/**
 * The company box of the invoice and payment lists: a company id, or a typed name. One matching
 * company is that company; several filter the list by all of them (up to 500), and the first ten
 * or so are offered to pick from (`matches`, empty unless there are several).
 */
export async function companyFilter(db: DbOrTrx, q: { companyId?: string; company?: string }) {
  let company = q.companyId ? await findCompany(db, q.companyId) : null;
  if (q.companyId && !company) throw new NotFoundError('No such company.');
  let companyIds: string[] | undefined;
  let matches: { id: string; name: string }[] = [];
  if (!company && q.company) {
    const named = await companiesNamed(db, q.company, 500);
    if (named.length === 1) company = await findCompany(db, named[0].id);
    else {
      companyIds = named.map((c) => c.id);
      if (named.length > 1) matches = named.slice(0, 11);
    }
  }
  return { company, companyIds, matches };
}

export async function pageInvoices(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'billing.read');
  const q = parseInput(ApiInvoicesQuery, raw);
  return listInvoicesAfter(
    ctx.db,
    { companyId: q.companyId, status: q.status, kind: q.kind, today: await businessToday(ctx) },
    { limit: q.limit, cursor: q.cursor },
  );
}
