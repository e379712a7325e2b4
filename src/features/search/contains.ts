// Contains-search over a table's lower-cased search_text: the rows whose text contains the term,
// with the user's %, _ and \ taken literally. The same rows, in the same order, on every dialect and
// by either path below; only how they are found differs (decision 0011, migration 0006):
// - SQLite, a term of 3+ characters without LIKE specials that matches few rows: the ids come from
//   the trigram FTS5 table `<table>_search`, a trigger-kept copy of (id, search_text), so only the
//   matching rows are read. FTS5 finds candidates by trigram and SQLite still applies the LIKE to
//   each (FTS5 does not claim LIKE constraints as fully handled), so the rows are the plain LIKE's.
// - SQLite otherwise: the plain LIKE on the base table, which scans. Trigram needs three characters;
//   FTS5 ignores its index for LIKE with an ESCAPE clause; and when a term matches many rows,
//   walking the list's order index and stopping after a page is cheaper than reading every match.
// - PostgreSQL: the plain LIKE, which the pg_trgm GIN index serves when the extension was allowed.
// - MariaDB/MySQL: the plain LIKE, which scans.
import { sql, SqliteAdapter, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

export type SearchedTable = 'companies' | 'assets' | 'work_orders';

/** The filter for one search, decided once and used by a list's rows and its count alike. */
export type TextSearch = { where: RawBuilder<SqlBool>; indexed: boolean };

/**
 * Above this many matches the trigram path stops paying (measured on the bench data, decision
 * 0011): reading ~1,000 matches by id costs about as much as scanning 20,000–50,000 rows.
 */
export const INDEXED_MAX_MATCHES = 1000;

/** LIKE pattern for a contains-search, with the user's %, _ and \ taken literally (escaped with \). */
export const containsPattern = (q: string) =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const isSqlite = (db: DbOrTrx) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Whether the term can be looked up in the trigram table at all (SQLite only). */
export const trigramTerm = (db: DbOrTrx, term: string): boolean => {
  const lower = term.toLowerCase();
  return isSqlite(db) && [...lower].length >= 3 && !/[\\%_]/.test(lower);
};

/**
 * The column contains the term, by a plain LIKE. SQLite's LIKE has no escape character unless told,
 * so it gets ESCAPE '\' (PostgreSQL and MySQL use backslash by default).
 */
export function columnContains(
  db: DbOrTrx,
  column: string | RawBuilder<unknown>,
  term: string,
): RawBuilder<SqlBool> {
  const pattern = containsPattern(term);
  const target = typeof column === 'string' ? sql.ref(column) : column;
  return isSqlite(db)
    ? sql<SqlBool>`${target} like ${pattern} escape '\\'`
    : sql<SqlBool>`${target} like ${pattern}`;
}

/** The ids of the rows containing the term, from the trigram table (for `trigramTerm` terms). */
const indexedIds = (table: SearchedTable, term: string) =>
  sql`select id from ${sql.table(`${table}_search`)} where search_text like ${containsPattern(term)}`;

/**
 * How to find `<table>` rows whose search_text contains the term, or undefined for no term. On
 * SQLite this asks the trigram table whether the term matches at most INDEXED_MAX_MATCHES rows
 * (it stops counting there).
 */
export async function textSearch(
  db: DbOrTrx,
  table: SearchedTable,
  term: string | undefined,
): Promise<TextSearch | undefined> {
  if (!term) return undefined;
  const plain = { where: columnContains(db, `${table}.search_text`, term), indexed: false };
  if (!trigramTerm(db, term)) return plain;
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from (${indexedIds(table, term)} limit ${INDEXED_MAX_MATCHES + 1}) as m`.execute(
    db,
  );
  if (Number(rows[0]?.n ?? 0) > INDEXED_MAX_MATCHES) return plain;
  return {
    where: sql<SqlBool>`${sql.ref(`${table}.id`)} in (${indexedIds(table, term)})`,
    indexed: true,
  };
}

/**
 * An ORDER BY column that the SQLite planner will not walk as an index while the trigram table
 * drives the search (unary + is a no-op on the value and keeps the column's collation): walking
 * the name index would test every row against the id list; sorting the few matches is cheaper.
 */
export function orderColumn(search: TextSearch | undefined, column: string): RawBuilder<unknown> {
  return search?.indexed ? sql`+${sql.ref(column)}` : sql`${sql.ref(column)}`;
}
