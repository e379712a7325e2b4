// Invoice and credit note numbers: PREFIX-YEAR-00001, gapless per prefix and year, taken when the
// document is issued. Each series is a row in `counters`, created before the issuing transaction
// (creating it inside would make two first issues of a year race on the insert) and incremented
// inside it, so a rolled-back issue gives its number back and concurrent issues queue on the row.
import { sql } from 'kysely';
import type { Db, DbOrTrx, Dialect } from '../../db/database.ts';

export const seriesName = (prefix: string, year: string) => `invoice:${prefix}-${year}`;

export const formatNumber = (prefix: string, year: string, seq: number) =>
  `${prefix}-${year}-${String(seq).padStart(5, '0')}`;

/** Makes sure the series row exists; safe to call from any number of processes at once. */
export async function ensureSeries(
  db: Db,
  dialect: Dialect,
  prefix: string,
  year: string,
): Promise<void> {
  const name = seriesName(prefix, year);
  const exists = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  if (exists) return;
  if (dialect === 'mysql')
    await sql`INSERT IGNORE INTO counters (name, value) VALUES (${name}, 0)`.execute(db);
  else
    await db
      .insertInto('counters')
      .values({ name, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
}

/** Takes the next number in the caller's transaction; ensureSeries must have run first. */
export async function takeNumber(trx: DbOrTrx, prefix: string, year: string): Promise<string> {
  const name = seriesName(prefix, year);
  const res = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new Error(`Number series ${name} is missing; call ensureSeries first`);
  const r = await trx
    .selectFrom('counters')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return formatNumber(prefix, year, Number(r.value));
}
