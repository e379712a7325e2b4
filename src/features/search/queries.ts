// Global search, one query code for the search page and the type-ahead under the search box. Each
// kind of record is a finder in KINDS: one or two bounded queries, capped at `limit` (+1 to know
// whether there are more), never a count. The user sees only the kinds their role may read.
// How each kind is found, at the bench scale (200,000 work orders, 100,000 invoices, 120,000
// payments, 50,000 assets):
// - work orders: an exact number (#1042, WO-01042, 1042) by the unique index on number; the title
//   and number text through the trigram index (contains.ts, migration 0006), newest first;
// - invoices: number from its start, case-insensitive (prefix.ts, migration 0011);
// - payments: reference (the check number for a check) from its start, likewise; "check 1042" looks
//   for check 1042;
// - companies and assets: through the trigram index; contacts (a few per company) by a scan.
// In the type-ahead a contains-search of work orders or assets waits for three characters: shorter
// terms have no trigram to look up and would scan the table.
import type { DbOrTrx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { can, type Permission } from '../../platform/permissions.ts';
import { OPEN_STATUSES, type WoStatus } from '../work-orders/transitions.ts';
import { columnContains, orderColumn, textSearch } from './contains.ts';
import { prefixKey, prefixMatch } from './prefix.ts';

export type SearchMode = 'page' | 'typeahead';
export type FindOptions = { limit: number; mode: SearchMode };
/** Up to `limit` rows, and whether more matched. */
export type Found<T> = { items: T[]; more: boolean };

export type WorkOrderHit = {
  id: string;
  number: number;
  title: string;
  status: WoStatus;
  priority: string;
  dueOn: string | null;
  open: boolean;
  companyId: string;
  companyName: string;
  assignedToName: string | null;
  /** The number typed is this work order's. */
  exact: boolean;
};
export type InvoiceHit = {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'issued' | 'void';
  issueDate: string | null;
  dueDate: string | null;
  currency: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  balanceCents: number;
  companyId: string;
  companyName: string;
  exact: boolean;
};
export type PaymentHit = {
  id: string;
  method: 'check' | 'cash' | 'bank' | 'card' | 'paypal';
  reference: string;
  receivedOn: string;
  amountCents: number;
  unappliedCents: number;
  refundedCents: number;
  status: 'recorded' | 'void';
  companyId: string;
  companyName: string;
  exact: boolean;
};
export type CompanyHit = {
  id: string;
  name: string;
  status: string;
  email: string | null;
  phone: string | null;
};
export type ContactHit = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  companyId: string;
  companyName: string;
};
export type AssetHit = {
  id: string;
  name: string;
  serial: string | null;
  assetTag: string | null;
  ipAddresses: string | null;
  companyId: string;
  companyName: string;
};

export type Hits = {
  workOrders: WorkOrderHit;
  invoices: InvoiceHit;
  payments: PaymentHit;
  companies: CompanyHit;
  contacts: ContactHit;
  assets: AssetHit;
  // Phone numbers (issue 13) join here: `phones: PhoneHit`, a finder in KINDS below (permission
  // telephony.read), and a presenter in views.tsx.
};
export type KindKey = keyof Hits;

type Kind<K extends KindKey> = {
  key: K;
  /** "Work orders": the section heading and the type-ahead group label. */
  label: string;
  permission: Permission;
  find: (db: DbOrTrx, term: string, o: FindOptions) => Promise<Found<Hits[K]>>;
};

const MIN_CONTAINS_TYPEAHEAD = 3;
const containsAllowed = (term: string, o: FindOptions) =>
  o.mode === 'page' || [...term].length >= MIN_CONTAINS_TYPEAHEAD;

const capped = <T>(rows: T[], limit: number): Found<T> => ({
  items: rows.slice(0, limit),
  more: rows.length > limit,
});

/** The work order number in "#1042", "WO-01042", "wo 1042" or "1042", or null. */
export function workOrderNumberOf(term: string): number | null {
  const m = /^(?:#|wo[-\s#]?)?\s*(\d{1,12})$/i.exec(term.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

/** "check 1042" / "chk #1042" / "check no. 1042": the check number, or null. */
const checkNumberOf = (term: string) =>
  /^(?:check|cheque|chk|ck)\s*(?:no\.?|#)?\s*(\S.*)$/i.exec(term.trim())?.[1] ?? null;

async function findWorkOrders(
  db: DbOrTrx,
  term: string,
  o: FindOptions,
): Promise<Found<WorkOrderHit>> {
  const number = workOrderNumberOf(term);
  const text = term.replace(/^#/, '');
  const search = containsAllowed(text, o) ? await textSearch(db, 'work_orders', text) : undefined;
  const [exact, matching] = await Promise.all([
    number === null
      ? []
      : db.selectFrom('work_orders').select('id').where('number', '=', number).execute(),
    search
      ? db
          .selectFrom('work_orders')
          .select('id')
          .where(search.where)
          .orderBy(orderColumn(search, 'work_orders.number'), 'desc')
          .limit(o.limit + 1)
          .execute()
      : [],
  ]);
  const exactId = exact[0]?.id;
  const ids = [...new Set([...(exactId ? [exactId] : []), ...matching.map((r) => r.id)])];
  const found = capped(ids, o.limit);
  if (!found.items.length) return { items: [], more: false };
  const rows = await db
    .selectFrom('work_orders')
    .innerJoin('companies', 'companies.id', 'work_orders.company_id')
    .leftJoin('users', 'users.id', 'work_orders.assigned_to_id')
    .select([
      'work_orders.id',
      'work_orders.number',
      'work_orders.title',
      'work_orders.status',
      'work_orders.priority',
      'work_orders.due_on',
      'work_orders.company_id',
      'companies.name as company_name',
      'users.name as assigned_to_name',
    ])
    .where('work_orders.id', 'in', found.items)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    more: found.more,
    items: found.items.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const status = r.status as WoStatus;
      return [
        {
          id: r.id,
          number: Number(r.number),
          title: r.title,
          status,
          priority: r.priority,
          dueOn: r.due_on,
          open: (OPEN_STATUSES as readonly string[]).includes(status),
          companyId: r.company_id,
          companyName: r.company_name,
          assignedToName: r.assigned_to_name,
          exact: id === exactId,
        },
      ];
    }),
  };
}

async function findInvoices(db: DbOrTrx, term: string, o: FindOptions): Promise<Found<InvoiceHit>> {
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('companies', 'companies.id', 'invoices.company_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.kind',
      'invoices.status',
      'invoices.issue_date',
      'invoices.due_date',
      'invoices.currency',
      'invoices.total_cents',
      'invoices.paid_cents',
      'invoices.credited_cents',
      'invoices.balance_cents',
      'invoices.company_id',
      'companies.name as company_name',
    ])
    .where(prefixMatch(db, 'invoices.number', term.trim()))
    .orderBy(prefixKey(db, 'invoices.number'))
    .limit(o.limit + 1)
    .execute();
  const typed = term.trim().toLowerCase();
  return capped(
    rows.map((r) => ({
      id: r.id,
      number: r.number ?? '',
      kind: r.kind as InvoiceHit['kind'],
      status: r.status as InvoiceHit['status'],
      issueDate: r.issue_date,
      dueDate: r.due_date,
      currency: r.currency,
      totalCents: Number(r.total_cents),
      paidCents: Number(r.paid_cents),
      creditedCents: Number(r.credited_cents),
      balanceCents: Number(r.balance_cents),
      companyId: r.company_id,
      companyName: r.company_name,
      exact: (r.number ?? '').toLowerCase() === typed,
    })),
    o.limit,
  );
}

async function findPayments(db: DbOrTrx, term: string, o: FindOptions): Promise<Found<PaymentHit>> {
  const check = checkNumberOf(term);
  const reference = (check ?? term).trim();
  let q = db
    .selectFrom('payments')
    .innerJoin('companies', 'companies.id', 'payments.company_id')
    .select([
      'payments.id',
      'payments.method',
      'payments.reference',
      'payments.received_on',
      'payments.amount_cents',
      'payments.unapplied_cents',
      'payments.refunded_cents',
      'payments.status',
      'payments.company_id',
      'companies.name as company_name',
    ])
    .where(prefixMatch(db, 'payments.reference', reference));
  if (check !== null) q = q.where('payments.method', '=', 'check');
  const rows = await q
    .orderBy(prefixKey(db, 'payments.reference'))
    .orderBy('payments.id')
    .limit(o.limit + 1)
    .execute();
  const typed = reference.toLowerCase();
  return capped(
    rows.map((r) => ({
      id: r.id,
      method: r.method as PaymentHit['method'],
      reference: r.reference ?? '',
      receivedOn: r.received_on,
      amountCents: Number(r.amount_cents),
      unappliedCents: Number(r.unapplied_cents),
      refundedCents: Number(r.refunded_cents),
      status: r.status as PaymentHit['status'],
      companyId: r.company_id,
      companyName: r.company_name,
      exact: (r.reference ?? '').toLowerCase() === typed,
    })),
    o.limit,
  );
}

async function findCompanies(
  db: DbOrTrx,
  term: string,
  o: FindOptions,
): Promise<Found<CompanyHit>> {
  const search = await textSearch(db, 'companies', term);
  if (!search) return { items: [], more: false };
  const rows = await db
    .selectFrom('companies')
    .select(['id', 'name', 'status', 'email', 'phone'])
    .where(search.where)
    .orderBy(orderColumn(search, 'name_sort'))
    .orderBy('id')
    .limit(o.limit + 1)
    .execute();
  return capped(rows, o.limit);
}

async function findContacts(db: DbOrTrx, term: string, o: FindOptions): Promise<Found<ContactHit>> {
  const rows = await db
    .selectFrom('contacts')
    .innerJoin('companies', 'companies.id', 'contacts.company_id')
    .select([
      'contacts.id',
      'contacts.name',
      'contacts.email',
      'contacts.phone',
      'contacts.company_id',
      'companies.name as company_name',
    ])
    .where((eb) =>
      eb.or([
        columnContains(db, 'contacts.name_sort', term),
        columnContains(db, 'contacts.email', term),
        columnContains(db, 'contacts.phone', term),
      ]),
    )
    .orderBy('contacts.name_sort')
    .orderBy('contacts.id')
    .limit(o.limit + 1)
    .execute();
  return capped(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      companyId: r.company_id,
      companyName: r.company_name,
    })),
    o.limit,
  );
}

async function findAssets(db: DbOrTrx, term: string, o: FindOptions): Promise<Found<AssetHit>> {
  const search = containsAllowed(term, o) ? await textSearch(db, 'assets', term) : undefined;
  if (!search) return { items: [], more: false };
  const rows = await db
    .selectFrom('assets')
    .innerJoin('companies', 'companies.id', 'assets.company_id')
    .select([
      'assets.id',
      'assets.name',
      'assets.serial',
      'assets.asset_tag',
      'assets.ip_addresses',
      'assets.company_id',
      'companies.name as company_name',
    ])
    .where(search.where)
    .orderBy(orderColumn(search, 'assets.name_sort'))
    .orderBy('assets.id')
    .limit(o.limit + 1)
    .execute();
  return capped(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      serial: r.serial,
      assetTag: r.asset_tag,
      ipAddresses: r.ip_addresses,
      companyId: r.company_id,
      companyName: r.company_name,
    })),
    o.limit,
  );
}

/** Every kind, in the order results are shown. */
export const KINDS: { [K in KindKey]: Kind<K> }[KindKey][] = [
  { key: 'workOrders', label: 'Work orders', permission: 'workorders.read', find: findWorkOrders },
  { key: 'invoices', label: 'Invoices', permission: 'billing.read', find: findInvoices },
  { key: 'payments', label: 'Payments', permission: 'billing.read', find: findPayments },
  { key: 'companies', label: 'Companies', permission: 'companies.read', find: findCompanies },
  { key: 'contacts', label: 'Contacts', permission: 'companies.read', find: findContacts },
  { key: 'assets', label: 'Assets', permission: 'assets.read', find: findAssets },
];

export const kindsFor = (actor: Actor) => KINDS.filter((k) => can(actor, k.permission));

export type SearchResults = {
  q: string;
  /** The kinds searched: those the user may read. */
  kinds: KindKey[];
  found: { [K in KindKey]?: Found<Hits[K]> };
  total: number;
};

/** The longest term searched; longer input is cut. */
export const MAX_TERM = 200;
export const normalizeTerm = (raw: unknown) =>
  String(raw ?? '')
    .trim()
    .slice(0, MAX_TERM);

/** Every kind the actor may read, searched at once. */
export async function search(
  db: DbOrTrx,
  actor: Actor,
  q: string,
  o: FindOptions,
): Promise<SearchResults> {
  const kinds = kindsFor(actor);
  const found: SearchResults['found'] = {};
  if (q) {
    const results = await Promise.all(
      kinds.map((k) => (k.find as Kind<typeof k.key>['find'])(db, q, o)),
    );
    kinds.forEach((k, i) => {
      (found as Record<string, unknown>)[k.key] = results[i];
    });
  }
  const total = Object.values(found).reduce((n, f) => n + (f?.items.length ?? 0), 0);
  return { q, kinds: kinds.map((k) => k.key), found, total };
}

/**
 * The one record an exact number names, to open it directly: a work order (#1042, WO-01042 or a
 * bare 1042 that is no invoice number or payment reference too) or an invoice or credit note by its
 * whole number. Null when nothing, or more than one record, answers to it.
 */
export function exactTarget(r: SearchResults): string | null {
  const wo = r.found.workOrders?.items.find((w) => w.exact);
  const invoices = r.found.invoices?.items.filter((i) => i.exact) ?? [];
  const payments = r.found.payments?.items.filter((p) => p.exact) ?? [];
  const targets = [
    ...(wo ? [`/work-orders/${wo.id}`] : []),
    ...invoices.map((i) => `/invoices/${i.id}`),
  ];
  if (targets.length !== 1) return null;
  // A bare number that is also a payment's reference (a check number) is ambiguous: list both.
  if (wo && payments.length && !/^(#|wo)/i.test(r.q)) return null;
  return targets[0];
}

/** Today's date for the overdue facts, unless nothing found needs it. */
export const needsToday = (r: SearchResults) =>
  Boolean(r.found.workOrders?.items.length || r.found.invoices?.items.length);
