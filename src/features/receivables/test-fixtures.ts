// Test fixtures for receivables: invoices, payments and allocations inserted directly with chosen
// dates and running figures, so a history can be written down and computed by hand.
import type { Db, InvoicesTable } from '../../db/database.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';

let seq = 0;
export async function invoice(
  db: Db,
  companyId: string,
  o: {
    issueDate: string;
    dueDate: string;
    total: number;
    paid?: number;
    credited?: number;
    status?: 'issued' | 'void' | 'draft';
    kind?: 'invoice' | 'credit_note';
    voidedAt?: string | null;
    creditFor?: string | null;
    number?: string;
    email?: string | null;
  },
): Promise<string> {
  seq += 1;
  const id = newId();
  const kind = o.kind ?? 'invoice';
  const paid = o.paid ?? 0;
  const credited = o.credited ?? 0;
  const row: InvoicesTable = {
    id,
    company_id: companyId,
    kind,
    number:
      o.status === 'draft'
        ? null
        : (o.number ?? `${kind === 'invoice' ? 'INV' : 'CN'}-T-${String(seq).padStart(5, '0')}`),
    status: o.status ?? 'issued',
    issue_date: o.status === 'draft' ? null : o.issueDate,
    due_date: o.status === 'draft' ? null : o.dueDate,
    terms_days: 30,
    period_start: null,
    period_end: null,
    currency: 'USD',
    bill_to_name: 'Customer',
    bill_to_address: null,
    bill_to_email: o.email ?? null,
    subtotal_cents: o.total,
    tax_cents: 0,
    total_cents: o.total,
    paid_cents: paid,
    credited_cents: credited,
    balance_cents: kind === 'credit_note' || o.status === 'void' ? 0 : o.total - paid - credited,
    credit_for_invoice_id: o.creditFor ?? null,
    source: 'manual',
    billing_run_id: null,
    run_key: null,
    notes: null,
    footer: null,
    created_by_label: 'test',
    created_at: nowIso(),
    updated_at: nowIso(),
    issued_at: nowIso(),
    voided_at: o.voidedAt ?? null,
    // The instants used here are midday UTC: the same calendar day in the tests' time zones.
    voided_on: o.voidedAt ? o.voidedAt.slice(0, 10) : null,
    void_reason: o.voidedAt ? 'test' : null,
    sent_at: null,
    auto_sent_at: null,
  };
  await db.insertInto('invoices').values(row).execute();
  await db
    .insertInto('invoice_lines')
    .values({
      id: newId(),
      invoice_id: id,
      position: 1,
      kind: 'manual',
      description: 'Services',
      quantity_thousandths: 1000,
      unit_price_cents: o.total,
      amount_cents: o.total,
      tax_rate_id: null,
      tax_name: null,
      tax_rate_ppm: 0,
      tax_cents: 0,
      period_start: null,
      period_end: null,
      service_id: null,
      work_order_id: null,
      source_type: null,
      source_id: null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export async function payment(
  db: Db,
  companyId: string,
  o: {
    receivedOn: string;
    amount: number;
    unapplied?: number;
    voidedAt?: string | null;
    method?: string;
    reference?: string;
  },
): Promise<string> {
  const id = newId();
  const unapplied = o.voidedAt ? 0 : (o.unapplied ?? 0);
  await db
    .insertInto('payments')
    .values({
      id,
      company_id: companyId,
      method: o.method ?? 'check',
      reference: o.reference ?? `CHK-${id.slice(-4)}`,
      received_on: o.receivedOn,
      amount_cents: o.amount,
      fee_cents: 0,
      memo: null,
      deposit_batch: null,
      status: o.voidedAt ? 'void' : 'recorded',
      applied_cents: o.voidedAt ? 0 : o.amount - unapplied,
      unapplied_cents: unapplied,
      refunded_cents: 0,
      provider: null,
      provider_ref: null,
      created_by_label: 'test',
      created_at: `${o.receivedOn}T17:00:00.000Z`,
      updated_at: nowIso(),
      voided_at: o.voidedAt ?? null,
      voided_on: o.voidedAt ? o.voidedAt.slice(0, 10) : null,
      void_reason: o.voidedAt ? 'bounced' : null,
    })
    .execute();
  return id;
}

export async function allocation(
  db: Db,
  companyId: string,
  paymentId: string,
  invoiceId: string,
  amount: number,
  effectiveOn: string,
  reversedOn: string | null = null,
) {
  await db
    .insertInto('payment_allocations')
    .values({
      id: newId(),
      payment_id: paymentId,
      invoice_id: invoiceId,
      company_id: companyId,
      amount_cents: amount,
      kind: 'payment',
      created_at: `${effectiveOn}T18:00:00.000Z`,
      effective_on: effectiveOn,
      reversed_at: reversedOn ? `${reversedOn}T15:00:00.000Z` : null,
      reversed_on: reversedOn,
      reversed_reason: reversedOn ? 'void' : null,
    })
    .execute();
}

/**
 * The hand-computed history (business time zone America/Chicago; CDT = UTC−5 from 2026-03-08):
 * company A, as of 2026-04-15: current 25,000 (I3) · 1–30 40,000 (I2: 50,000 − credit 10,000; its
 * 40,000 allocation was reversed on 04-10) · 31–60 70,000 (I1: 100,000 − 30,000 allocated 03-10; the
 * 20,000 of 04-20 not yet) · 61–90 0 · over 90 12,000 (I6, voided only on 04-20) · I5 voided 04-01 out ·
 * I4 issued 04-20 out · I7 paid by a payment received 04-15 (entered after midnight UTC) → 0.
 * Unapplied credit then: 0. Balance 147,000. Today: I1 50,000 + I4 7,000 open, 5,000 credit → 52,000.
 */
export async function history(db: Db, a: string) {
  const I1 = await invoice(db, a, {
    issueDate: '2026-02-01',
    dueDate: '2026-03-03',
    total: 100000,
    paid: 50000,
  });
  const I2 = await invoice(db, a, {
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    total: 50000,
    paid: 40000,
    credited: 10000,
  });
  const I3 = await invoice(db, a, {
    issueDate: '2026-04-10',
    dueDate: '2026-05-10',
    total: 25000,
    paid: 25000,
  });
  await invoice(db, a, { issueDate: '2026-04-20', dueDate: '2026-05-20', total: 7000 });
  await invoice(db, a, {
    issueDate: '2026-01-05',
    dueDate: '2026-01-05',
    total: 9000,
    status: 'void',
    voidedAt: '2026-04-01T15:00:00.000Z',
  });
  await invoice(db, a, {
    issueDate: '2026-01-02',
    dueDate: '2026-01-10',
    total: 12000,
    status: 'void',
    voidedAt: '2026-04-20T15:00:00.000Z',
  });
  const I7 = await invoice(db, a, {
    issueDate: '2026-03-01',
    dueDate: '2026-04-14',
    total: 8000,
    paid: 8000,
  });
  await invoice(db, a, {
    issueDate: '2026-04-01',
    dueDate: '2026-04-01',
    total: 10000,
    kind: 'credit_note',
    creditFor: I2,
  });
  await invoice(db, a, {
    issueDate: '2026-04-02',
    dueDate: '2026-05-02',
    total: 3000,
    status: 'draft',
  });
  const PA = await payment(db, a, { receivedOn: '2026-03-10', amount: 30000 });
  await allocation(db, a, PA, I1, 30000, '2026-03-10');
  const PB = await payment(db, a, {
    receivedOn: '2026-03-20',
    amount: 40000,
    voidedAt: '2026-04-10T15:00:00.000Z',
  });
  await allocation(db, a, PB, I2, 40000, '2026-03-20', '2026-04-10');
  const PC = await payment(db, a, { receivedOn: '2026-04-15', amount: 8000 });
  await allocation(db, a, PC, I7, 8000, '2026-04-15');
  const PD = await payment(db, a, { receivedOn: '2026-04-20', amount: 20000 });
  await allocation(db, a, PD, I1, 20000, '2026-04-20');
  const PE = await payment(db, a, { receivedOn: '2026-04-30', amount: 30000, unapplied: 5000 });
  await allocation(db, a, PE, I3, 25000, '2026-04-30');
  const PF = await payment(db, a, { receivedOn: '2026-05-01', amount: 40000 });
  await allocation(db, a, PF, I2, 40000, '2026-05-01');
  return { I1, I2, I3, I7 };
}
