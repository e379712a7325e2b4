// The pages measured, chosen from the generated data the same way every time.
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';

export type Scenario = {
  name: string;
  path: string;
  note: string;
  /** Checked once before the load: text the page must contain, rows of company links it must list. */
  expect?: string;
  rows?: number;
};

/** A word from company names that matches a handful (closest to six) of active companies. */
async function searchTerm(db: Db): Promise<{ term: string; matches: number }> {
  const rows = await db.selectFrom('companies').select(['name', 'search_text']).where('status', '=', 'active').execute();
  const words = [...new Set(rows.flatMap((r) => r.name.toLowerCase().match(/[a-z]{5,}/g) ?? []))].sort();
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
  const activity = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', top.company_id).executeTakeFirstOrThrow();
  return { id: top.company_id, contacts: Number(top.n), activity: Number(activity.n) };
}

export async function pageScenarios(db: Db): Promise<Scenario[]> {
  const search = await searchTerm(db);
  const busiest = await busiestCompany(db);
  const all = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // Page 40 of 50 exists only in the full list (about 8% of companies are inactive and the default
  // view shows active ones), so the deep page asks for status=all: rows 1,951-2,000 at full scale.
  const deep = Math.min(40, Math.ceil(Number(all.n) / 50));
  return [
    { name: 'company list, page 1', path: '/companies', note: '50 per page, active, by name', rows: 50 },
    { name: `company list, page ${deep}`, path: `/companies?status=all&page=${deep}`, note: `all statuses, OFFSET ${(deep - 1) * 50}`, rows: 1 },
    { name: `company search "${search.term}"`, path: `/companies?q=${encodeURIComponent(search.term)}`, note: `${search.matches} matches`, rows: search.matches },
    { name: 'company detail', path: `/companies/${busiest.id}`, note: `busiest company: ${busiest.contacts} contacts, ${busiest.activity} audit rows`, expect: busiest.id },
  ];
}
