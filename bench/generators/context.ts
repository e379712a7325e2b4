// What every generator step receives: the open transaction, its own seeded faker, a fixed clock and
// what earlier steps made. Each step is seeded on its own (seed + step name), so adding a step for a
// new table later leaves the rows of the existing tables exactly as they were.
import { Faker, base, en, en_US } from '@faker-js/faker';
import { MysqlAdapter, sql } from 'kysely';
import { v7 } from 'uuid';
import type { Database, Dialect, Trx } from '../../src/db/database.ts';
import type { Company } from '../../src/features/companies/queries.ts';
import type { Contact } from '../../src/features/contacts/queries.ts';

/** The generated world is anchored here, not at the wall clock, so two runs write the same rows. */
export const ANCHOR = new Date('2026-11-01T12:00:00.000Z');
export const ANCHOR_MS = ANCHOR.getTime();
export const DAY_MS = 86_400_000;

export type Scale = { companies: number; contacts: number };
export const LARGE_MSP: Scale = { companies: 2_000, contacts: 10_000 };

/** What steps hand on to later steps (ids to point at); later issues add their own fields. */
export type World = {
  admin?: { id: string; email: string; name: string };
  staff: { id: string; name: string; email: string }[];
  companies: Company[];
  contacts: Contact[];
  /** Set by the work-orders step: what the time-entries step needs of each work order, oldest first. */
  workOrders?: {
    id: string;
    companyId: string;
    createdMs: number;
    doneMs: number;
    status: string;
    billing: string;
    assignedToId: string | null;
  }[];
  /** Set by the work-orders step: the technicians who do the work (ids). */
  technicians?: string[];
};

export type GenContext = {
  trx: Trx;
  dialect: Dialect;
  scale: Scale;
  faker: Faker;
  world: World;
  /** A UUIDv7 for an instant, with its random part from the step's seed: time-ordered and repeatable. */
  idAt(ms: number): string;
};

/** 32-bit FNV-1a, to turn "seed + step name" into the step's own seed. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function stepContext(
  base_: Omit<GenContext, 'faker' | 'idAt'>,
  seed: number,
  stepName: string,
): GenContext {
  const faker = new Faker({ locale: [en_US, en, base], seed: hash32(`${seed}:${stepName}`) });
  faker.setDefaultRefDate(ANCHOR);
  const bytes = new Uint8Array(16);
  const idAt = (ms: number) => {
    for (let i = 0; i < 16; i++) bytes[i] = faker.number.int(255);
    return v7({ msecs: Math.floor(ms), random: bytes });
  };
  return { ...base_, faker, idAt };
}

export const isoAt = (ms: number) => new Date(Math.floor(ms)).toISOString();
export const dateAt = (ms: number) => isoAt(ms).slice(0, 10);

// SQLite allows 32,766 bound values per statement, PostgreSQL 65,535; stay well below both.
const MAX_PARAMS = 20_000;
const MAX_ROWS = 1_000;

/** Multi-row INSERTs in batches sized to the dialects' bound-parameter limits. */
export async function insertRows<T extends keyof Database & string>(
  trx: Trx,
  table: T,
  rows: Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / perRow)));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot check a table chosen at run time; the row type above already ties rows to table.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/** Sets one column on many rows by id, a few hundred per statement (UPDATE ... CASE id WHEN ...). */
export async function updateColumnById(
  trx: Trx,
  table: keyof Database & string,
  column: string,
  values: Map<string, string | number | null>,
) {
  const entries = [...values];
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    const cases = sql.join(
      chunk.map(([id, v]) => sql`when ${id} then ${v}`),
      sql` `,
    );
    const ids = sql.join(chunk.map(([id]) => sql`${id}`));
    // PostgreSQL types a CASE of bound parameters as text: numbers need a cast to go into a bigint column.
    const numeric =
      chunk.some(([, v]) => typeof v === 'number') &&
      chunk.every(([, v]) => typeof v === 'number' || v === null);
    const value = numeric
      ? sql`cast(case ${sql.ref('id')} ${cases} end as ${sql.raw(trx.getExecutor().adapter instanceof MysqlAdapter ? 'signed' : 'bigint')})`
      : sql`case ${sql.ref('id')} ${cases} end`;
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value} where ${sql.ref('id')} in (${ids})`.execute(
      trx,
    );
  }
}
