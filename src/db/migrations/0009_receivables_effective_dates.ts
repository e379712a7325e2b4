// Frozen once landed: never edit, add a new numbered migration instead.
// Receivables as of a date follow the documents' calendar dates, not the time a row was written
// (docs/user-guide.md "Receivables as of a date"):
// - payment_allocations.effective_on: the later of the payment's received date and the invoice's
//   issue date (a part that stays after a partial refund: the refund's date); reversed_on: the date
//   the void or refund that reversed it takes effect.
// - payments.voided_on, refunds.refunded_on, invoices.voided_on: each event's own date.
// Existing instants become dates in the business time zone (as the screens showed them).
import { MysqlAdapter, sql, type Kysely } from 'kysely';

const dayIn = (timeZone: string, iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** Sets `dateCol` from `instantCol` for every row that has one, one UPDATE per distinct day. */
async function backfillDates(
  db: Kysely<any>,
  tz: string,
  table: string,
  instantCol: string,
  dateCol: string,
) {
  const rows: { id: string; at: string }[] = await db
    .selectFrom(table)
    .select(['id', `${instantCol} as at`])
    .where(instantCol, 'is not', null)
    .execute();
  const byDay = new Map<string, string[]>();
  for (const r of rows) {
    const day = dayIn(tz, r.at);
    byDay.set(day, [...(byDay.get(day) ?? []), r.id]);
  }
  for (const [day, ids] of byDay)
    for (let i = 0; i < ids.length; i += 500)
      await db
        .updateTable(table)
        .set({ [dateCol]: day })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('payment_allocations')
    .addColumn('effective_on', 'varchar(10)')
    .execute();
  await db.schema
    .alterTable('payment_allocations')
    .addColumn('reversed_on', 'varchar(10)')
    .execute();
  await db.schema.alterTable('payments').addColumn('voided_on', 'varchar(10)').execute();
  await db.schema.alterTable('refunds').addColumn('refunded_on', 'varchar(10)').execute();
  await db.schema.alterTable('invoices').addColumn('voided_on', 'varchar(10)').execute();

  const profile = await db.selectFrom('business_profile').select('time_zone').executeTakeFirst();
  const tz: string = profile?.time_zone ?? 'UTC';
  await backfillDates(db, tz, 'payment_allocations', 'reversed_at', 'reversed_on');
  await backfillDates(db, tz, 'payments', 'voided_at', 'voided_on');
  await backfillDates(db, tz, 'refunds', 'created_at', 'refunded_on');
  await backfillDates(db, tz, 'invoices', 'voided_at', 'voided_on');
  // Correlated subqueries over the other two tables only: portable to SQLite, PostgreSQL and MySQL.
  await sql`update payment_allocations set effective_on = (
      select case when p.received_on > i.issue_date then p.received_on else i.issue_date end
      from payments p, invoices i
      where p.id = payment_allocations.payment_id and i.id = payment_allocations.invoice_id)`.execute(
    db,
  );

  // The part of an allocation that stayed after a partial refund was written at the refund's
  // instant, beside the reversed row it replaces: it takes effect when the refund does.
  const remainders: { id: string; on: string }[] = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payment_allocations as r', (j) =>
      j
        .onRef('r.payment_id', '=', 'a.payment_id')
        .onRef('r.invoice_id', '=', 'a.invoice_id')
        .onRef('r.reversed_at', '=', 'a.created_at'),
    )
    .select(['a.id', 'r.reversed_on as on'])
    .where('a.reversed_at', 'is', null)
    .where('r.reversed_reason', 'like', 'Refund%')
    .execute();
  for (const r of remainders)
    await db
      .updateTable('payment_allocations')
      .set({ effective_on: r.on })
      .where('id', '=', r.id)
      .where('effective_on', '<', r.on)
      .execute();

  await db.schema
    .createIndex('payment_allocations_effective')
    .on('payment_allocations')
    .columns(['company_id', 'effective_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  const drop = db.schema.dropIndex('payment_allocations_effective');
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  await (mysql ? drop.on('payment_allocations') : drop).execute();
  await db.schema.alterTable('invoices').dropColumn('voided_on').execute();
  await db.schema.alterTable('refunds').dropColumn('refunded_on').execute();
  await db.schema.alterTable('payments').dropColumn('voided_on').execute();
  await db.schema.alterTable('payment_allocations').dropColumn('reversed_on').execute();
  await db.schema.alterTable('payment_allocations').dropColumn('effective_on').execute();
}
