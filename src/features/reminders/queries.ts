// All SQL of reminders and late fees: the invoices a run may remind (by status and due-date window),
// the reminder rows they already have, the claim, the log, the pause, and late-fee candidates.
import type { DbOrTrx } from '../../db/database.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';

const num = (v: unknown) => Number(v ?? 0);

export type ReminderCandidate = {
  id: string;
  companyId: string;
  number: string;
  dueDate: string;
  balanceCents: number;
  currency: string;
  companyName: string;
};

/** Issued invoices with a balance, due in [dueFrom, dueTo], of companies not paused. Index invoices_due (status, due_date). */
export async function reminderCandidates(
  db: DbOrTrx,
  dueFrom: string,
  dueTo: string,
): Promise<ReminderCandidate[]> {
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('companies', 'companies.id', 'invoices.company_id')
    .select([
      'invoices.id',
      'invoices.company_id',
      'invoices.number',
      'invoices.due_date',
      'invoices.balance_cents',
      'invoices.currency',
      'companies.name',
    ])
    .where('invoices.status', '=', 'issued')
    .where('invoices.due_date', '>=', dueFrom)
    .where('invoices.due_date', '<=', dueTo)
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.balance_cents', '>', 0)
    .where('companies.reminders_paused', '=', 0)
    .orderBy('invoices.due_date')
    .orderBy('invoices.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    number: r.number ?? '',
    dueDate: r.due_date!,
    balanceCents: num(r.balance_cents),
    currency: r.currency,
    companyName: r.name,
  }));
}

/** The steps each invoice already has a row for, with the row's status (step -> status). */
export async function stepsTaken(
  db: DbOrTrx,
  invoiceIds: string[],
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const rows = await db
      .selectFrom('invoice_reminders')
      .select(['invoice_id', 'step', 'status'])
      .where('invoice_id', 'in', invoiceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (!out.has(r.invoice_id)) out.set(r.invoice_id, new Map());
      out.get(r.invoice_id)!.set(r.step, r.status);
    }
  }
  return out;
}

/**
 * Takes a failed step back for another try: only one run can turn 'failed' into 'sending', so a
 * retried step is still sent by one process. Returns the row id, or null when another run got it.
 */
export async function reclaimFailedReminder(
  db: DbOrTrx,
  r: { invoiceId: string; step: string; to: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('invoice_reminders')
    .select('id')
    .where('invoice_id', '=', r.invoiceId)
    .where('step', '=', r.step)
    .executeTakeFirst();
  if (!row) return null;
  const res = await db
    .updateTable('invoice_reminders')
    .set({ status: 'sending', to_address: r.to.slice(0, 255), created_at: nowIso() })
    .where('id', '=', row.id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? row.id : null;
}

/** Inserts a reminder row; the unique (invoice_id, step) index makes this the claim. Returns the row id. */
export async function insertReminder(
  db: DbOrTrx,
  r: { invoiceId: string; companyId: string; step: string; status: string; to: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('invoice_reminders')
    .values({
      id,
      invoice_id: r.invoiceId,
      company_id: r.companyId,
      step: r.step,
      status: r.status,
      to_address: r.to ? r.to.slice(0, 255) : null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export const setReminderStatus = (db: DbOrTrx, id: string, status: string) =>
  db.updateTable('invoice_reminders').set({ status }).where('id', '=', id).execute();

export async function logEmail(
  db: DbOrTrx,
  e: {
    to: string;
    subject: string;
    kind: string;
    entityType: string;
    entityId: string;
    status: string;
    error: string | null;
  },
) {
  await db
    .insertInto('email_log')
    .values({
      id: newId(),
      to_address: e.to.slice(0, 255),
      subject: e.subject.slice(0, 500),
      kind: e.kind,
      entity_type: e.entityType,
      entity_id: e.entityId,
      status: e.status,
      error: e.error ? e.error.slice(0, 1000) : null,
      created_at: nowIso(),
    })
    .execute();
}

export type ReminderLogRow = {
  id: string;
  createdAt: string;
  step: string;
  status: string;
  to: string | null;
  invoiceId: string;
  number: string | null;
  companyId: string;
  companyName: string;
};

export async function reminderLog(
  db: DbOrTrx,
  f: { companyId?: string; status?: string; limit: number; offset: number },
): Promise<{ items: ReminderLogRow[]; total: number }> {
  let q = db
    .selectFrom('invoice_reminders as r')
    .innerJoin('invoices as i', 'i.id', 'r.invoice_id')
    .innerJoin('companies as c', 'c.id', 'r.company_id');
  if (f.companyId) q = q.where('r.company_id', '=', f.companyId);
  if (f.status) q = q.where('r.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .select([
        'r.id',
        'r.created_at',
        'r.step',
        'r.status',
        'r.to_address',
        'r.invoice_id',
        'i.number',
        'r.company_id',
        'c.name',
      ])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      step: r.step,
      status: r.status,
      to: r.to_address,
      invoiceId: r.invoice_id,
      number: r.number,
      companyId: r.company_id,
      companyName: r.name,
    })),
    total: num(count?.n),
  };
}

export async function setPause(
  db: DbOrTrx,
  companyId: string,
  paused: boolean,
  reason: string | null,
) {
  await db
    .updateTable('companies')
    .set({
      reminders_paused: paused ? 1 : 0,
      reminders_paused_reason: paused ? reason : null,
      updated_at: nowIso(),
    })
    .where('id', '=', companyId)
    .execute();
}

export type LateFeeCandidate = {
  id: string;
  companyId: string;
  number: string;
  dueDate: string;
  balanceCents: number;
  currency: string;
};

/** Overdue invoices with no fee under `rule` yet, of companies not paused, that are not themselves fee invoices. */
export async function lateFeeCandidates(
  db: DbOrTrx,
  rule: string,
  dueOnOrBefore: string,
  dueFrom: string | null,
): Promise<LateFeeCandidate[]> {
  let q = db
    .selectFrom('invoices as i')
    .innerJoin('companies as c', 'c.id', 'i.company_id')
    .select(['i.id', 'i.company_id', 'i.number', 'i.due_date', 'i.balance_cents', 'i.currency'])
    .where('i.status', '=', 'issued')
    .where('i.due_date', '<=', dueOnOrBefore)
    .where('i.kind', '=', 'invoice')
    .where('i.balance_cents', '>', 0)
    .where('c.reminders_paused', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('late_fees as f')
            .select('f.id')
            .whereRef('f.invoice_id', '=', 'i.id')
            .where('f.rule', '=', rule),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('late_fees as g').select('g.id').whereRef('g.fee_invoice_id', '=', 'i.id'),
        ),
      ),
    );
  if (dueFrom) q = q.where('i.due_date', '>=', dueFrom);
  const rows = await q.orderBy('i.due_date').orderBy('i.id').execute();
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    number: r.number ?? '',
    dueDate: r.due_date!,
    balanceCents: num(r.balance_cents),
    currency: r.currency,
  }));
}

export const insertLateFee = (
  db: DbOrTrx,
  f: { invoiceId: string; rule: string; feeInvoiceId: string; amountCents: number },
) =>
  db
    .insertInto('late_fees')
    .values({
      id: newId(),
      invoice_id: f.invoiceId,
      rule: f.rule,
      fee_invoice_id: f.feeInvoiceId,
      amount_cents: f.amountCents,
      created_at: nowIso(),
    })
    .execute();
