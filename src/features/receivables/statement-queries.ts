// The SQL behind a statement: what changed a company's balance between two dates, each on its own
// date (docs/user-guide.md "Receivables as of a date"). Amounts are signed from the customer's side:
// an invoice or a refund raises what they owe, a payment or a credit lowers it.
import type { DbOrTrx } from '../../db/database.ts';

const num = (v: unknown) => Number(v ?? 0);

export type Range = {
  companyId: string;
  from: string;
  to: string;
};

export async function documentsIssued(db: DbOrTrx, r: Range) {
  const rows = await db
    .selectFrom('invoices as i')
    .leftJoin('invoices as o', 'o.id', 'i.credit_for_invoice_id')
    .select([
      'i.id',
      'i.kind',
      'i.number',
      'i.issue_date',
      'i.due_date',
      'i.total_cents',
      'o.number as for_number',
    ])
    .where('i.company_id', '=', r.companyId)
    .where('i.status', 'in', ['issued', 'void'])
    .where('i.issue_date', '>=', r.from)
    .where('i.issue_date', '<=', r.to)
    // Voided before its issue date (it was issued ahead): it never counted.
    .where((eb) =>
      eb.or([eb('i.voided_on', 'is', null), eb('i.voided_on', '>=', eb.ref('i.issue_date'))]),
    )
    .orderBy('i.issue_date')
    .orderBy('i.number')
    .execute();
  return rows.map((x) => ({
    id: x.id,
    kind: x.kind as 'invoice' | 'credit_note',
    number: x.number ?? '',
    date: x.issue_date!,
    dueDate: x.due_date,
    totalCents: num(x.total_cents),
    forNumber: x.for_number,
  }));
}

export async function documentsVoided(db: DbOrTrx, r: Range) {
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'kind', 'number', 'voided_on', 'total_cents'])
    .where('company_id', '=', r.companyId)
    .where('status', '=', 'void')
    .where('issue_date', 'is not', null)
    .where('issue_date', '<=', r.to)
    .where('voided_on', '>=', r.from)
    .where('voided_on', '<=', r.to)
    // Voided before it was issued: it never counted, so its void changes nothing.
    .whereRef('voided_on', '>=', 'issue_date')
    .execute();
  return rows.map((x) => ({
    id: x.id,
    kind: x.kind as 'invoice' | 'credit_note',
    number: x.number ?? '',
    voidedOn: x.voided_on!,
    totalCents: num(x.total_cents),
  }));
}

export async function paymentsReceived(db: DbOrTrx, r: Range) {
  const rows = await db
    .selectFrom('payments')
    .select(['id', 'method', 'reference', 'received_on', 'amount_cents'])
    .where('company_id', '=', r.companyId)
    .where('received_on', '>=', r.from)
    .where('received_on', '<=', r.to)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
  const ids = rows.map((p) => p.id);
  // What each paid, as it stood at the end of the period.
  const allocs =
    ids.length === 0
      ? []
      : await db
          .selectFrom('payment_allocations as a')
          .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
          .select(['a.payment_id', 'i.number', 'a.amount_cents'])
          .where('a.payment_id', 'in', ids)
          .where('a.effective_on', '<=', r.to)
          .where((eb) => eb.or([eb('a.reversed_on', 'is', null), eb('a.reversed_on', '>', r.to)]))
          .orderBy('a.effective_on')
          .orderBy('a.created_at')
          .execute();
  return rows.map((p) => ({
    id: p.id,
    method: p.method,
    reference: p.reference,
    date: p.received_on,
    amountCents: num(p.amount_cents),
    paid: allocs
      .filter((a) => a.payment_id === p.id)
      .map((a) => ({ number: a.number ?? '', amountCents: num(a.amount_cents) })),
  }));
}

/** Payments voided in the period: the void gives back the payment less what had been refunded of it. */
export async function paymentsVoided(db: DbOrTrx, r: Range) {
  const rows = await db
    .selectFrom('payments as p')
    .select((eb) => [
      'p.id',
      'p.method',
      'p.reference',
      'p.voided_on',
      'p.amount_cents',
      eb
        .selectFrom('refunds as f')
        .select((e2) => e2.fn.sum<number>('f.amount_cents').as('s'))
        .whereRef('f.payment_id', '=', 'p.id')
        .whereRef('f.refunded_on', '<=', 'p.voided_on')
        .as('refunded'),
    ])
    .where('p.company_id', '=', r.companyId)
    .where('p.received_on', '<=', r.to)
    .where('p.voided_on', '>=', r.from)
    .where('p.voided_on', '<=', r.to)
    .execute();
  return rows.map((p) => ({
    id: p.id,
    method: p.method,
    reference: p.reference,
    voidedOn: p.voided_on!,
    amountCents: num(p.amount_cents) - num(p.refunded),
  }));
}

export async function refundsMade(db: DbOrTrx, r: Range) {
  const rows = await db
    .selectFrom('refunds as f')
    .innerJoin('payments as p', 'p.id', 'f.payment_id')
    .select(['f.id', 'f.amount_cents', 'f.refunded_on', 'f.reason', 'p.method', 'p.reference'])
    .where('p.company_id', '=', r.companyId)
    .where('p.received_on', '<=', r.to)
    .where('f.refunded_on', '>=', r.from)
    .where('f.refunded_on', '<=', r.to)
    .where((eb) =>
      eb.or([eb('p.voided_on', 'is', null), eb('p.voided_on', '>=', eb.ref('f.refunded_on'))]),
    )
    .execute();
  return rows.map((f) => ({
    id: f.id,
    amountCents: num(f.amount_cents),
    refundedOn: f.refunded_on,
    reason: f.reason,
    method: f.method,
    reference: f.reference,
  }));
}
