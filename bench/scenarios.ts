// The pages measured, chosen from the generated data the same way every time.
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { OPEN_STATUSES } from '../src/features/work-orders/transitions.ts';
import { woNumber } from '../src/features/work-orders/views/header.tsx';
import { weekStart } from '../src/features/time/timesheet.ts';

export type Scenario = {
  name: string;
  path: string;
  note: string;
  /** Checked once before the load: text the page must contain, rows of company (or asset) links it must list. */
  expect?: string;
  rows?: number;
  assetRows?: number;
  /** A contact to load the page as (a portal page): run.ts gives them portal access with both flags and a portal session. */
  contact?: string;
};

/** A word from company names that matches a handful (closest to six) of active companies. */
async function searchTerm(db: Db): Promise<{ term: string; matches: number }> {
  const rows = await db
    .selectFrom('companies')
    .select(['name', 'search_text'])
    .where('status', '=', 'active')
    .execute();
  const words = [
    ...new Set(rows.flatMap((r) => r.name.toLowerCase().match(/[a-z]{5,}/g) ?? [])),
  ].sort((a, b) => a.localeCompare(b));
  let best = { term: words[0] ?? 'a', matches: Infinity };
  for (const term of words) {
    const matches = rows.filter((r) => r.search_text.includes(term)).length;
    if (Math.abs(matches - 6) < Math.abs(best.matches - 6)) best = { term, matches };
    if (matches === 6) break;
  }
  return best;
}

/** The company with the most contacts: the worst case for the detail page. */
async function busiestCompany(db: Db): Promise<{ id: string; contacts: number; activity: number }> {
  const top = await db
    .selectFrom('contacts')
    .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('company_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('company_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const activity = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', top.company_id)
    .executeTakeFirstOrThrow();
  return { id: top.company_id, contacts: Number(top.n), activity: Number(activity.n) };
}

/** The company with the most assets (500 in the generated data): the worst case for its Assets tab. */
async function biggestAssetCompany(db: Db): Promise<{ id: string; assets: number } | null> {
  const top = await db
    .selectFrom('assets')
    .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('company_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('company_id')
    .limit(1)
    .executeTakeFirst();
  return top ? { id: top.company_id, assets: Number(top.n) } : null;
}

/**
 * A fragment of a serial number, as a technician types it off a sticker, that matches a handful
 * (closest to six) of all assets' search text: three-character serial prefixes of the first 400
 * assets by id, counted against every asset, the same choice every run.
 */
async function assetSearchTerm(db: Db): Promise<{ term: string; matches: number }> {
  const texts = (await db.selectFrom('assets').select('search_text').execute()).map(
    (r) => r.search_text,
  );
  const serials = await db
    .selectFrom('assets')
    .select('serial')
    .where('serial', 'is not', null)
    .orderBy('id')
    .limit(400)
    .execute();
  const terms = [
    ...new Set(
      serials
        .map((r) => (r.serial ?? '').slice(0, 3).toLowerCase())
        .filter((t) => /^[a-z0-9]{3}$/.test(t)),
    ),
  ].sort((a, b) => a.localeCompare(b));
  let best = { term: terms[0] ?? 'a', matches: Infinity };
  for (const term of terms) {
    const matches = texts.filter((t) => t.includes(term)).length;
    if (Math.abs(matches - 6) < Math.abs(best.matches - 6)) best = { term, matches };
    if (matches === 6) break;
  }
  return best;
}

/** An asset of the biggest company with a location, a contact and category fields: every part of the page filled. */
async function fullAsset(db: Db, companyId: string): Promise<{ id: string; name: string }> {
  const full = await db
    .selectFrom('assets')
    .select(['id', 'name'])
    .where('company_id', '=', companyId)
    .where('location_id', 'is not', null)
    .where('contact_id', 'is not', null)
    .where('custom_fields', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return (
    full ??
    db
      .selectFrom('assets')
      .select(['id', 'name'])
      .where('company_id', '=', companyId)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
  );
}

async function assetScenarios(db: Db): Promise<Scenario[]> {
  const big = await biggestAssetCompany(db);
  if (!big) return [];
  const [search, asset, all] = await Promise.all([
    assetSearchTerm(db),
    fullAsset(db, big.id),
    db
      .selectFrom('assets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const html = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [
    {
      name: `asset list, ${big.assets}-asset company`,
      path: `/companies/${big.id}/assets`,
      note: `first page: 50 of ${big.assets}, by name, with count`,
      assetRows: Math.min(50, big.assets),
      expect: `${big.id}/assets/new`,
    },
    {
      name: 'asset list, all companies',
      path: '/assets',
      note: `first page: 50 of ${Number(all.n).toLocaleString('en-US')}, by name, with count`,
      assetRows: 50,
    },
    {
      name: `asset search "${search.term}"`,
      path: `/assets?q=${encodeURIComponent(search.term)}`,
      note: `${search.matches} matches among ${Number(all.n).toLocaleString('en-US')} (serial fragment)`,
      assetRows: search.matches,
    },
    {
      name: `global search "${search.term}"`,
      path: `/search?q=${encodeURIComponent(search.term)}`,
      note: "companies, contacts and assets (up to 20 of each) for the asset search's term",
      expect: 'Search',
    },
    {
      name: 'asset page',
      path: `/assets/${asset.id}`,
      note: 'overview of an asset with location, contact and category fields',
      expect: html(asset.name),
    },
  ];
}

type WoSearch = { term: string; matches: number; newest: number };
/**
 * Two searches a technician types into the work order list (all statuses): four digits of a work
 * order number (those of the number two thirds of the way up, which match a hundred or so), and the
 * title word (five letters or more) that matches the fewest work orders, still thousands, since
 * titles come from a fixed list.
 */
async function workOrderSearchTerms(db: Db): Promise<{ number: WoSearch; word: WoSearch }> {
  const rows = await db
    .selectFrom('work_orders')
    .select(['number', 'search_text'])
    .orderBy('number', 'desc')
    .execute();
  const search = (term: string): WoSearch => {
    const hits = rows.filter((r) => r.search_text.includes(term));
    return { term, matches: hits.length, newest: hits[0]?.number ?? 0 };
  };
  const counts = new Map<string, number>();
  for (const r of rows)
    for (const w of new Set(
      r.search_text
        .split(' ')
        .slice(2)
        .filter((x) => /^[a-z]{5,}$/.test(x)),
    ))
      counts.set(w, (counts.get(w) ?? 0) + 1);
  const word = [...counts].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'a';
  return {
    number: search(String(Math.floor((Number(rows[0]?.number ?? 0) * 2) / 3)).slice(0, 4)),
    word: search(word),
  };
}

/**
 * Work orders and time: the open list (default filter, most urgent first), the board, and the
 * weekly timesheet of the technician with the most entries, at the most recent week where they logged time.
 */
async function workOrderScenarios(db: Db): Promise<Scenario[]> {
  const open = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', OPEN_STATUSES as unknown as string[])
    .executeTakeFirstOrThrow();
  if (!Number(open.n)) return [];
  // The list's default order: the generated urgency key (migration 0014), then the number.
  const mostUrgent = await db
    .selectFrom('work_orders')
    .select('number')
    .where(sql.ref('urgency'), '<', '1')
    .orderBy(sql.ref('urgency'))
    .orderBy('number')
    .limit(1)
    .executeTakeFirstOrThrow();
  const all = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const top = await db
    .selectFrom('time_entries')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('user_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('user_id')
    .limit(1)
    .executeTakeFirst();
  const search = await workOrderSearchTerms(db);
  const out: Scenario[] = [
    {
      name: 'work order list, open',
      path: '/work-orders',
      note: `first page: 50 of ${Number(open.n).toLocaleString('en-US')} open (of ${Number(all.n).toLocaleString('en-US')}), by urgency`,
      expect: woNumber(Number(mostUrgent.number)),
    },
    {
      name: 'work order board',
      path: '/work-orders/board',
      note: 'open statuses as columns, capped cards per column, with counts',
      expect: 'Work order board',
    },
    {
      name: `work order search "${search.number.term}"`,
      path: `/work-orders?status=all&q=${search.number.term}`,
      note: `part of a number, all statuses: ${search.number.matches} matches among ${Number(all.n).toLocaleString('en-US')}`,
      expect: woNumber(search.number.newest),
    },
    {
      name: `work order search "${search.word.term}"`,
      path: `/work-orders?status=all&q=${search.word.term}`,
      note: `a title word, all statuses: ${search.word.matches.toLocaleString('en-US')} matches, first page of 50`,
      expect: woNumber(search.word.newest),
    },
  ];
  if (top) {
    const last = await db
      .selectFrom('time_entries')
      .select((eb) => eb.fn.max('work_date').as('d'))
      .where('user_id', '=', top.user_id)
      .executeTakeFirstOrThrow();
    const week = weekStart(String(last.d));
    const n = await db
      .selectFrom('time_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', top.user_id)
      .where('work_date', '>=', week)
      .where('work_date', '<=', String(last.d))
      .executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select('name')
      .where('id', '=', top.user_id)
      .executeTakeFirstOrThrow();
    out.push({
      name: 'weekly timesheet, busiest technician',
      path: `/time/timesheet?user=${top.user_id}&week=${week}`,
      note: `${Number(n.n)} entries in the week of ${week} (${user.name}); ${Number(top.n).toLocaleString('en-US')} entries in all`,
      expect: `Week of ${week}`,
    });
  }
  return out;
}

/**
 * Invoicing and receivables: the invoice list (its default open view and any status, newest
 * first), the invoice with the most lines, the invoices tab of the company with the most invoices,
 * the payment list, and the aging report over every open invoice.
 */
async function invoiceScenarios(db: Db): Promise<Scenario[]> {
  const all = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (!Number(all.n)) return [];
  const newest = await db
    .selectFrom('invoices')
    .select('number')
    .where('number', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const big = await db
    .selectFrom('invoice_lines')
    .select(['invoice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('invoice_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('invoice_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const bigInv = await db
    .selectFrom('invoices')
    .select('number')
    .where('id', '=', big.invoice_id)
    .executeTakeFirstOrThrow();
  const top = await db
    .selectFrom('invoices')
    .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('company_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('company_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const payments = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const open = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'issued')
    .where('balance_cents', '>', 0)
    .executeTakeFirstOrThrow();
  const newestOpen = await db
    .selectFrom('invoices')
    .select('number')
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const n = (v: unknown) => Number(v).toLocaleString('en-US');
  const lastIssue = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.max('issue_date').as('d'))
    .executeTakeFirstOrThrow();
  const to = String(lastIssue.d);
  const lastYear = { from: `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`, to };
  return [
    {
      name: 'invoice list',
      path: '/invoices',
      note: `the default view: first page of the ${n(open.n)} open invoices, newest first, with their count, total and balance`,
      expect: String(newestOpen?.number ?? 'Nothing is owed'),
    },
    {
      name: 'invoice list, any status',
      path: '/invoices?status=all',
      note: `first page: 50 of ${n(all.n)}, newest first, with the count, total and balance of all of them`,
      expect: String(newest.number),
    },
    {
      name: 'invoice page',
      path: `/invoices/${big.invoice_id}`,
      note: `the invoice with the most lines (${Number(big.n)}), with payments, emails and history`,
      expect: String(bigInv.number),
    },
    {
      name: 'company invoices tab',
      path: `/companies/${top.company_id}/invoices`,
      note: `the company with the most invoices (${Number(top.n)})`,
      expect: top.company_id,
    },
    ...(Number(payments.n)
      ? [
          {
            name: 'payment list',
            path: '/payments',
            note: `first page: 50 of ${n(payments.n)}, newest first`,
            expect: 'Payments',
          },
        ]
      : []),
    {
      name: 'aging report',
      path: '/reports/aging',
      note: `${n(open.n)} open invoices, per company and in total, as of today`,
      expect: 'Receivables aging',
    },
    {
      name: 'company statement PDF',
      path: `/companies/${top.company_id}/statement?from=${lastYear.from}&to=${lastYear.to}&download=1`,
      note: `a year (${lastYear.from} to ${lastYear.to}) of the company with the most invoices, as a PDF`,
    },
  ];
}

/** The company's first active contact with an email, by id: the one the portal pages are loaded as. */
async function contactOf(db: Db, companyId: string): Promise<string | null> {
  const c = await db
    .selectFrom('contacts')
    .select('id')
    .where('company_id', '=', companyId)
    .where('active', '=', 1)
    .where('email', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return c?.id ?? null;
}

/**
 * The customer portal (issue 12), as a contact of the company with the most invoices (home and
 * invoice list), work orders (work order list) and assets (asset list); compare with the
 * dashboard, the company invoices tab, the work order list and the company asset list.
 */
async function portalScenarios(db: Db): Promise<Scenario[]> {
  const top = await db
    .selectFrom('invoices')
    .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('company_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('company_id')
    .limit(1)
    .executeTakeFirst();
  const big = await biggestAssetCompany(db);
  if (!top || !big) return [];
  const [billing, service] = await Promise.all([
    contactOf(db, top.company_id),
    contactOf(db, big.id),
  ]);
  if (!billing || !service) return [];
  const newest = await db
    .selectFrom('invoices')
    .select('number')
    .where('company_id', '=', top.company_id)
    .where('status', '!=', 'draft')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // Work orders: the company with the most (the asset-richest one has few).
  const wos = await db
    .selectFrom('work_orders')
    .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('company_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('company_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const requester = await contactOf(db, wos.company_id);
  if (!requester) return [];
  return [
    {
      name: 'portal home',
      path: '/portal',
      note: `a contact of the company with the most invoices (${Number(top.n)}): balance, overdue, open work orders`,
      expect: 'Balance due',
      contact: billing,
    },
    {
      name: 'portal invoice list',
      path: '/portal/invoices',
      note: `first page: 25 of the ${Number(top.n)} invoices of the company with the most, with the balance`,
      expect: String(newest.number),
      contact: billing,
    },
    {
      name: 'portal work order list',
      path: '/portal/work-orders',
      note: `the company with the most work orders (${Number(wos.n)}), first page, newest update first`,
      expect: 'href="/portal/work-orders/0',
      contact: requester,
    },
    {
      name: 'portal asset list',
      path: '/portal/assets',
      note: `first page of the ${big.assets} assets of the company with the most, by name`,
      expect: 'href="/portal/assets/0',
      contact: service,
    },
  ];
}

export async function pageScenarios(db: Db): Promise<Scenario[]> {
  const search = await searchTerm(db);
  const busiest = await busiestCompany(db);
  const all = await db
    .selectFrom('companies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // Page 40 of 50 exists only in the full list (about 8% of companies are inactive and the default
  // view shows active ones), so the deep page asks for status=all: rows 1,951-2,000 at full scale.
  const deep = Math.min(40, Math.ceil(Number(all.n) / 50));
  return [
    {
      name: 'dashboard',
      path: '/',
      note: 'the office home page: open and overdue receivables, unapplied credit, drafts, open/unassigned/overdue work orders, warranties ending, active companies',
      expect: 'Receivables',
    },
    {
      name: 'company list, page 1',
      path: '/companies',
      note: '50 per page, active, by name',
      rows: 50,
    },
    {
      name: `company list, page ${deep}`,
      path: `/companies?status=all&page=${deep}`,
      note: `all statuses, OFFSET ${(deep - 1) * 50}`,
      rows: 1,
    },
    {
      name: `company search "${search.term}"`,
      path: `/companies?q=${encodeURIComponent(search.term)}`,
      note: `${search.matches} matches`,
      rows: search.matches,
    },
    {
      name: 'company detail',
      path: `/companies/${busiest.id}`,
      note: `busiest company: ${busiest.contacts} contacts, ${busiest.activity} audit rows`,
      expect: busiest.id,
    },
    ...(await assetScenarios(db)),
    ...(await workOrderScenarios(db)),
    ...(await invoiceScenarios(db)),
    ...(await portalScenarios(db)),
  ];
}
