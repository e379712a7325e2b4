// Starts-with lookups for what people type as a whole value: an invoice number ("inv-2026-0012"),
// a payment reference or check number ("10234", "ch_3N…"). Case-insensitive, the user's %, _ and \
// taken literally, served in order by the indexes of migration 0011 on every dialect:
// - SQLite: lower(column) between the term and the term with its last character incremented.
//   SQLite's lower() folds ASCII only, so the term is folded the same way here.
// - PostgreSQL: lower(column) COLLATE "C" LIKE 'term%', a range on the "C" index.
// - MariaDB/MySQL: column LIKE 'term%'; the case-insensitive collation makes it case-blind, and the
//   column's own index serves it.
import { MysqlAdapter, PostgresAdapter, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

export type PrefixColumn = 'invoices.number' | 'payments.reference';

type Dialect = 'sqlite' | 'postgres' | 'mysql';
const dialectOf = (db: DbOrTrx): Dialect => {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  return 'sqlite';
};

/** ASCII-only lower-casing, as SQLite's lower() does. */
export const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** The smallest string greater than every string that starts with `s` (by code point), or null. */
export function afterPrefix(s: string): string | null {
  const chars = [...s];
  while (chars.length) {
    const last = chars.pop()!.codePointAt(0)!;
    // Skip the surrogate range, which no well-formed string contains.
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    if (next <= 0x10ffff) return chars.join('') + String.fromCodePoint(next);
  }
  return null;
}

const likePrefix = (term: string) => `${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** The expression the index of migration 0011 is on, for WHERE and ORDER BY alike. */
export function prefixKey(db: DbOrTrx, column: PrefixColumn): RawBuilder<string> {
  const ref = sql.ref(column);
  switch (dialectOf(db)) {
    case 'sqlite':
      return sql<string>`lower(${ref})`;
    case 'postgres':
      return sql<string>`(lower(${ref}) collate "C")`;
    case 'mysql':
      return sql<string>`${ref}`;
  }
}

/** The column starts with the term (case-insensitive); with `exact`, equals it. */
export function prefixMatch(
  db: DbOrTrx,
  column: PrefixColumn,
  term: string,
  exact = false,
): RawBuilder<SqlBool> {
  const key = prefixKey(db, column);
  switch (dialectOf(db)) {
    case 'sqlite': {
      const lo = asciiLower(term);
      if (exact) return sql<SqlBool>`${key} = ${lo}`;
      const hi = afterPrefix(lo);
      return hi === null
        ? sql<SqlBool>`${key} >= ${lo}`
        : sql<SqlBool>`${key} >= ${lo} and ${key} < ${hi}`;
    }
    case 'postgres':
      return exact
        ? sql<SqlBool>`${key} = ${term.toLowerCase()}`
        : sql<SqlBool>`${key} like ${likePrefix(term.toLowerCase())}`;
    case 'mysql':
      return exact ? sql<SqlBool>`${key} = ${term}` : sql<SqlBool>`${key} like ${likePrefix(term)}`;
  }
}
