// Payments at large-MSP scale: 120,000 (60 per company) against the generated invoices. Older
// invoices are mostly paid in full (within terms, some late), some partly (half of those settled
// later), a few left open and overdue; recent ones are mostly still open. A few companies paid their
// latest invoice with more than it owed: the rest is unapplied credit (no later invoice to use it).
// Full payments are split into two installments until the count is reached. Invoices' paid/balance
// and payments' applied/unapplied are written consistent with the allocation rows.
import type { PaymentAllocationsTable, PaymentsTable } from '../../src/db/database.ts';
import {
  ANCHOR_MS,
  DAY_MS,
  dateAt,
  insertRows,
  isoAt,
  updateColumnById,
  type GenContext,
} from './context.ts';

export const PAYMENTS_PER_COMPANY = 60;

type Inv = {
  id: string;
  companyId: string;
  issueMs: number;
  dueMs: number;
  total: number;
  latest: boolean;
};
type Inst = { inv: Inv; amount: number; receivedMs: number; overpay: number; splittable: boolean };

export async function generatePayments(g: GenContext): Promise<void> {
  const { faker: f } = g;
  const TOTAL = g.world.companies.length * PAYMENTS_PER_COMPANY;
  const rows = await g.trx
    .selectFrom('invoices')
    .select(['id', 'company_id', 'issue_date', 'due_date', 'total_cents'])
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .orderBy('company_id')
    .orderBy('issue_date')
    .orderBy('id')
    .execute();
  const invoices: Inv[] = rows.map((r, i) => ({
    id: r.id,
    companyId: r.company_id,
    issueMs: Date.parse(`${r.issue_date}T12:00:00Z`),
    dueMs: Date.parse(`${r.due_date}T12:00:00Z`),
    total: Number(r.total_cents),
    latest: rows[i + 1]?.company_id !== r.company_id,
  }));
  const last = ANCHOR_MS - DAY_MS;
  const at = (ms: number) => Math.min(last, Math.max(ms, 0));
  const plan: Inst[] = [];
  for (const inv of invoices) {
    if (inv.total <= 0) continue;
    const terms = Math.max(1, Math.round((inv.dueMs - inv.issueMs) / DAY_MS));
    const recent = inv.dueMs > ANCHOR_MS - 10 * DAY_MS;
    const r = f.number.float();
    if (recent) {
      // Mostly still open; a quarter already paid (if there was time to).
      const when = inv.issueMs + f.number.int({ min: 2, max: Math.max(2, terms) }) * DAY_MS;
      if (r < 0.25 && when <= last)
        plan.push({
          inv,
          amount: inv.total,
          receivedMs: when,
          overpay:
            inv.latest && f.number.int(3) === 0 ? f.number.int({ min: 10, max: 500 }) * 100 : 0,
          splittable: false,
        });
      continue;
    }
    if (r < 0.82) {
      const late = f.number.float() < 0.15;
      const when = late
        ? inv.dueMs + f.number.int({ min: 3, max: 45 }) * DAY_MS
        : inv.issueMs + f.number.int({ min: 3, max: terms + 2 }) * DAY_MS;
      const overpay =
        inv.latest && f.number.int(4) === 0 ? f.number.int({ min: 10, max: 500 }) * 100 : 0;
      plan.push({
        inv,
        amount: inv.total,
        receivedMs: at(when),
        overpay,
        splittable: overpay === 0,
      });
    } else if (r < 0.93) {
      const first = Math.max(1, Math.round((inv.total * f.number.int({ min: 30, max: 80 })) / 100));
      plan.push({
        inv,
        amount: first,
        receivedMs: at(inv.issueMs + f.number.int({ min: 5, max: terms + 10 }) * DAY_MS),
        overpay: 0,
        splittable: false,
      });
      if (f.number.float() < 0.6 && first < inv.total)
        plan.push({
          inv,
          amount: inv.total - first,
          receivedMs: at(inv.dueMs + f.number.int({ min: 10, max: 60 }) * DAY_MS),
          overpay: 0,
          splittable: false,
        });
    }
    // else: left open, overdue.
  }
  // Up to the total: pay some full invoices in two installments (the second a few days later).
  const candidates = plan.filter((p) => p.splittable && p.amount >= 2);
  let deficit = TOTAL - plan.length;
  const extra: Inst[] = [];
  for (const p of f.helpers.shuffle(candidates)) {
    if (deficit <= 0) break;
    const firstPart = Math.round((p.amount * f.number.int({ min: 40, max: 70 })) / 100);
    extra.push({
      ...p,
      amount: p.amount - firstPart,
      receivedMs: at(p.receivedMs + f.number.int({ min: 5, max: 20 }) * DAY_MS),
    });
    p.amount = firstPart;
    deficit--;
  }
  plan.push(...extra);
  if (plan.length > TOTAL) plan.length = TOTAL;

  const payments: PaymentsTable[] = [];
  const allocations: PaymentAllocationsTable[] = [];
  const paid = new Map<string, number>();
  const checkNo = new Map<string, number>();
  for (const p of plan.sort(
    (a, b) => a.receivedMs - b.receivedMs || a.inv.id.localeCompare(b.inv.id),
  )) {
    const ms = p.receivedMs + f.number.int(6 * 3600_000);
    const id = g.idAt(ms);
    const m = f.number.int(99);
    const method =
      m < 55 ? 'check' : m < 85 ? 'bank' : m < 93 ? 'card' : m < 96 ? 'paypal' : 'cash';
    const n = (checkNo.get(p.inv.companyId) ?? f.number.int({ min: 1000, max: 8000 })) + 1;
    checkNo.set(p.inv.companyId, n);
    const reference =
      method === 'check'
        ? String(n)
        : method === 'bank'
          ? `ACH ${f.string.numeric(8)}`
          : method === 'cash'
            ? null
            : `TXN-${f.string.alphanumeric(10).toUpperCase()}`;
    const received = dateAt(p.receivedMs);
    const applied = Math.min(p.amount, p.inv.total - (paid.get(p.inv.id) ?? 0));
    paid.set(p.inv.id, (paid.get(p.inv.id) ?? 0) + applied);
    const amount = p.amount + p.overpay;
    payments.push({
      id,
      company_id: p.inv.companyId,
      method,
      reference,
      received_on: received,
      amount_cents: amount,
      fee_cents: method === 'card' || method === 'paypal' ? Math.round(amount * 0.029) + 30 : 0,
      memo: null,
      deposit_batch: method === 'check' || method === 'cash' ? received : null,
      status: 'recorded',
      applied_cents: applied,
      unapplied_cents: amount - applied,
      refunded_cents: 0,
      provider: null,
      provider_ref: null,
      created_by_label: 'Bench Admin',
      created_at: isoAt(ms),
      updated_at: isoAt(ms),
      voided_at: null,
      voided_on: null,
      void_reason: null,
    });
    if (applied > 0)
      allocations.push({
        id: g.idAt(ms),
        payment_id: id,
        invoice_id: p.inv.id,
        company_id: p.inv.companyId,
        amount_cents: applied,
        kind: 'payment',
        created_at: isoAt(ms),
        effective_on: received, // received after the invoice was issued
        reversed_at: null,
        reversed_on: null,
        reversed_reason: null,
      });
  }
  await insertRows(g.trx, 'payments', payments);
  await insertRows(g.trx, 'payment_allocations', allocations);
  const byId = new Map(invoices.map((i) => [i.id, i]));
  await updateColumnById(
    g.trx,
    'invoices',
    'paid_cents',
    new Map([...paid].map(([id, v]) => [id, v])),
  );
  await updateColumnById(
    g.trx,
    'invoices',
    'balance_cents',
    new Map([...paid].map(([id, v]) => [id, byId.get(id)!.total - v])),
  );
}
