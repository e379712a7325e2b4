// Payment use cases. Guarantees: every cent received is either allocated to an invoice or held as
// the payment's unapplied credit (applied + unapplied = amount − refunded); no invoice is ever paid
// past its balance, because each allocation is one conditional UPDATE (balance_cents >= x) inside
// the transaction that writes the payment, and the company row is locked first on PostgreSQL/MySQL so
// two payments for one company take turns. Allocations are never deleted: a void or a refund marks
// them reversed (a partial reversal leaves a new row for what stays), so history stays truthful.
// Every change is audited with its figures.
//
// Names and signatures here are a contract: online payments call recordPaymentInTrx / refundInTrx,
// invoice issuing calls applyCreditInTrx.
import type { Ctx } from '../../platform/context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findProfile } from '../settings/queries.ts';
import { allocateOldestFirst, checkManualAllocation, type Allocation } from './allocation.ts';
import {
  applyToInvoice,
  findPaymentRow,
  insertAllocationRows,
  insertPaymentRow,
  insertRefundRow,
  lastRefundOn,
  liveAllocations,
  lockCompany,
  markAllocationsReversed,
  openInvoices,
  paymentsWithCredit,
  unapplyFromInvoice,
  updatePaymentFigures,
  type NewAllocation,
  type Payment,
} from './queries.ts';
import {
  RecordPaymentInput,
  RefundPaymentInput,
  VoidPaymentInput,
  type PaymentMethod,
} from './schemas.ts';
export type RecordPaymentValues = {
  companyId: string;
  amountCents: number;
  method: PaymentMethod;
  reference: string | null;
  receivedOn: string;
  memo?: string | null;
  depositBatch?: string | null;
  allocations?: { invoiceId: string; amountCents: number }[] | null;
  /** Online payments: what the provider kept, who it was, and its id of the money movement (unique). */
  feeCents?: number;
  provider?: 'stripe' | 'paypal' | null;
  providerRef?: string | null;
};
export type PaymentResult = {
  id: string;
  allocations: { invoiceId: string; amountCents: number }[];
  unappliedCents: number;
};

type Actorish = Pick<Ctx, 'actor' | 'ip'>;

/** A concurrent writer changed a balance between our read and our update: the caller retries. */
export class AllocationRaceError extends ConflictError {
  constructor() {
    super('Another payment changed this company’s invoices at the same moment; please try again.');
  }
}

const isRetryable = (err: unknown) => {
  if (err instanceof AllocationRaceError) return true;
  const e = err as { code?: string; errno?: number } | null;
  // PostgreSQL serialization failure / deadlock; MySQL deadlock / lock wait timeout.
  return (
    !!e &&
    (e.code === '40001' ||
      e.code === '40P01' ||
      e.errno === 1213 ||
      e.errno === 1205 ||
      e.code === 'ER_LOCK_DEADLOCK')
  );
};

/** Runs a transaction, retrying it twice with fresh reads when it lost a race (never over-allocating). */
export async function withRetry<T>(db: Ctx['db'], work: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      if (attempt >= 2 || !isRetryable(err)) throw err;
    }
  }
}

async function businessTodayIn(db: DbOrTrx): Promise<string> {
  return todayIn((await findProfile(db))?.timeZone ?? 'UTC');
}

const later = (a: string, b: string | null) => (b && b > a ? b : a);

/**
 * The date a void or refund takes effect: the one given, or today; never before `notBefore` (the
 * received date, or the last refund's date) nor after today. Names the field when it is wrong.
 */
async function effectiveDate(
  db: DbOrTrx,
  given: string | undefined,
  notBefore: { date: string; what: string },
): Promise<string> {
  const today = await businessTodayIn(db);
  const on = given ?? today;
  const message =
    on > today
      ? 'Effective date cannot be in the future'
      : on < notBefore.date
        ? `Effective date cannot be before ${notBefore.what} (${notBefore.date})`
        : null;
  if (message) throw new ValidationError([{ path: 'effectiveOn', message }]);
  return on;
}

function manualErrors(problems: { index: number; message: string }[]): FieldError[] {
  return problems.map((p) => ({
    path:
      p.index < 0
        ? 'allocations'
        : /amount/i.test(p.message)
          ? `allocations.${p.index}.amountCents`
          : `allocations.${p.index}.invoiceId`,
    message: p.message,
  }));
}

/** Records a payment and allocates it (oldest first unless allocations are given); billing.write. */
export async function recordPayment(
  ctx: Ctx,
  raw: unknown,
  opts: { inTrx?: (trx: DbOrTrx, r: PaymentResult) => Promise<void> } = {},
): Promise<PaymentResult> {
  assertCan(ctx.actor, 'billing.write');
  // The future-date rule needs the business day; report it together with the schema's messages.
  const when = (raw as { receivedOn?: unknown } | null)?.receivedOn;
  const future: FieldError[] =
    typeof when === 'string' && when > (await businessTodayIn(ctx.db))
      ? [{ path: 'receivedOn', message: 'Date received cannot be in the future' }]
      : [];
  let input: RecordPaymentInput;
  try {
    input = parseInput(RecordPaymentInput, raw);
  } catch (err) {
    if (err instanceof ValidationError)
      throw new ValidationError([
        ...err.errors.filter((e) => e.path !== 'receivedOn' || !future.length),
        ...future,
      ]);
    throw err;
  }
  if (future.length) throw new ValidationError(future);
  return withRetry(ctx.db, async (trx) => {
    const r = await recordPaymentInTrx(trx, ctx, input);
    if (opts.inTrx) await opts.inTrx(trx, r);
    return r;
  });
}

/** The same inside the caller's transaction, without a permission check (webhooks run as the system). */
export async function recordPaymentInTrx(
  trx: DbOrTrx,
  ctx: Actorish,
  v: RecordPaymentValues,
): Promise<PaymentResult> {
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(v.amountCents) || v.amountCents <= 0)
    errors.push({ path: 'amountCents', message: 'Amount must be more than zero' });
  if (!['check', 'cash', 'bank', 'card', 'paypal'].includes(v.method))
    errors.push({ path: 'method', message: 'Method must be check, cash, bank, card or paypal' });
  if (v.method === 'check' && !v.reference)
    errors.push({ path: 'reference', message: 'Check number is required for a check' });
  if (v.receivedOn > (await businessTodayIn(trx)))
    errors.push({ path: 'receivedOn', message: 'Date received cannot be in the future' });
  if (!(await lockCompany(trx, v.companyId)))
    errors.unshift({ path: 'companyId', message: 'No such company' });
  if (errors.length) throw new ValidationError(errors);

  const open = await openInvoices(trx, v.companyId);
  let plan: { allocations: Allocation[]; unappliedCents: number };
  const manual = Boolean(v.allocations?.length);
  if (manual) {
    const problems = checkManualAllocation(v.amountCents, v.allocations!, open);
    if (problems.length) throw new ValidationError(manualErrors(problems));
    const sum = v.allocations!.reduce((s, a) => s + a.amountCents, 0);
    plan = {
      allocations: v.allocations!.map((a) => ({
        invoiceId: a.invoiceId,
        amountCents: a.amountCents,
      })),
      unappliedCents: v.amountCents - sum,
    };
  } else {
    plan = allocateOldestFirst(v.amountCents, open);
  }
  const id = newId();
  const now = nowIso();
  const applied = v.amountCents - plan.unappliedCents;
  await insertPaymentRow(trx, {
    id,
    company_id: v.companyId,
    method: v.method,
    reference: v.reference,
    received_on: v.receivedOn,
    amount_cents: v.amountCents,
    fee_cents: v.feeCents ?? 0,
    memo: v.memo ?? null,
    deposit_batch: v.depositBatch ?? null,
    status: 'recorded',
    applied_cents: applied,
    unapplied_cents: plan.unappliedCents,
    refunded_cents: 0,
    provider: v.provider ?? null,
    provider_ref: v.providerRef ?? null,
    created_by_label: actorLabel(ctx.actor),
    created_at: now,
    updated_at: now,
    voided_at: null,
    voided_on: null,
    void_reason: null,
  });
  const issued = new Map(open.map((i) => [i.id, i.issueDate]));
  await allocate(trx, id, v.companyId, plan.allocations, {
    kind: manual ? 'manual' : 'payment',
    now,
    on: (invoiceId) => later(v.receivedOn, issued.get(invoiceId) ?? null),
  });
  const byNumber = new Map(open.map((i) => [i.id, i.number]));
  await audit(trx, ctx, {
    action: 'payment.record',
    entityType: 'payment',
    entityId: id,
    companyId: v.companyId,
    summary: {
      amountCents: v.amountCents,
      method: v.method,
      reference: v.reference,
      receivedOn: v.receivedOn,
      depositBatch: v.depositBatch ?? null,
      feeCents: v.feeCents ?? 0,
      provider: v.provider ?? null,
      allocations: plan.allocations.map((a) => ({
        invoice: byNumber.get(a.invoiceId) ?? a.invoiceId,
        amountCents: a.amountCents,
      })),
      unappliedCents: plan.unappliedCents,
    },
  });
  return { id, allocations: plan.allocations, unappliedCents: plan.unappliedCents };
}

/**
 * Writes allocation rows and applies each to its invoice; a lost race throws AllocationRaceError.
 * `on` gives each allocation's effective date: the later of the payment's received date and the
 * invoice's issue date (docs/user-guide.md "Receivables as of a date").
 */
async function allocate(
  trx: DbOrTrx,
  paymentId: string,
  companyId: string,
  allocations: Allocation[],
  w: { kind: NewAllocation['kind']; now: string; on: (invoiceId: string) => string },
) {
  const { kind, now } = w;
  for (const a of allocations)
    if (!(await applyToInvoice(trx, a.invoiceId, a.amountCents, now)))
      throw new AllocationRaceError();
  await insertAllocationRows(
    trx,
    allocations.map((a) => ({
      id: newId(),
      paymentId,
      invoiceId: a.invoiceId,
      companyId,
      amountCents: a.amountCents,
      kind,
      createdAt: now,
      effectiveOn: w.on(a.invoiceId),
    })),
  );
}

export async function getPayment(ctx: Ctx, id: string): Promise<Payment> {
  assertCan(ctx.actor, 'billing.read');
  const p = await findPaymentRow(ctx.db, id);
  if (!p) throw new NotFoundError('No such payment.');
  return p;
}

/** Voids a payment: its allocations are reversed (kept, marked reversed) and the invoices reopen. */
export async function voidPayment(ctx: Ctx, id: string, raw: unknown): Promise<void> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(VoidPaymentInput, raw);
  const { reason } = input;
  await withRetry(ctx.db, async (trx) => {
    const before = await findPaymentRow(trx, id);
    if (!before) throw new NotFoundError('No such payment.');
    await lockCompany(trx, before.companyId);
    const p = (await findPaymentRow(trx, id, true))!;
    if (p.status === 'void') throw new ConflictError('This payment is already void.');
    if (p.refundedCents > 0)
      throw new ConflictError(
        'This payment has been partly refunded; refund the rest instead of voiding it.',
      );
    const on = await effectiveDate(trx, input.effectiveOn, {
      date: p.receivedOn,
      what: 'the date the payment was received',
    });
    const now = nowIso();
    const live = await liveAllocations(trx, id);
    for (const a of live) await unapplyFromInvoice(trx, a.invoiceId, a.amountCents, now);
    await markAllocationsReversed(
      trx,
      live.map((a) => a.id),
      { now, on },
      `Payment voided: ${reason}`,
    );
    const res = await trx
      .updateTable('payments')
      .set({
        status: 'void',
        voided_at: now,
        voided_on: on,
        void_reason: reason,
        applied_cents: 0,
        unapplied_cents: 0,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'recorded')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AllocationRaceError();
    await audit(trx, ctx, {
      action: 'payment.void',
      entityType: 'payment',
      entityId: id,
      companyId: p.companyId,
      summary: {
        reason,
        effectiveOn: on,
        amountCents: p.amountCents,
        reversed: live.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })),
        unappliedCents: p.unappliedCents,
      },
    });
  });
}

/**
 * A refund of part or all of a payment (online refunds arrive by webhook): takes the amount back from
 * the payment's unapplied credit first, then reverses allocations newest first, reopening invoices.
 */
export async function refundInTrx(
  trx: DbOrTrx,
  ctx: Actorish,
  r: {
    paymentId: string;
    amountCents: number;
    providerRef: string | null;
    reason: string | null;
    /** the date the refund takes effect; today when absent */
    effectiveOn?: string;
  },
): Promise<void> {
  const first = await findPaymentRow(trx, r.paymentId);
  if (!first) throw new NotFoundError('No such payment.');
  await lockCompany(trx, first.companyId);
  const p = (await findPaymentRow(trx, r.paymentId, true))!;
  if (p.status !== 'recorded') throw new ConflictError('A void payment cannot be refunded.');
  const refundable = p.amountCents - p.refundedCents;
  if (!Number.isSafeInteger(r.amountCents) || r.amountCents <= 0 || r.amountCents > refundable) {
    throw new ValidationError([
      {
        path: 'amountCents',
        message: `Refund must be more than zero and at most ${refundable} cents`,
      },
    ]);
  }
  // Refunds of one payment take effect in the order they happened, so every date's figures add up.
  const previous = await lastRefundOn(trx, p.id);
  const on = await effectiveDate(
    trx,
    r.effectiveOn,
    previous && previous > p.receivedOn
      ? { date: previous, what: 'this payment’s last refund' }
      : { date: p.receivedOn, what: 'the date the payment was received' },
  );
  const now = nowIso();
  const fromCredit = Math.min(p.unappliedCents, r.amountCents);
  let left = r.amountCents - fromCredit;
  const reversed: { invoiceId: string; amountCents: number }[] = [];
  const why = `Refund${r.reason ? `: ${r.reason}` : ''}`;
  for (const a of await liveAllocations(trx, p.id)) {
    if (left === 0) break;
    const take = Math.min(left, a.amountCents);
    await unapplyFromInvoice(trx, a.invoiceId, take, now);
    await markAllocationsReversed(trx, [a.id], { now, on }, why);
    // The part that stays paid gets its own row, so no row claims money that went back; it
    // counts from the refund's date (or the original's, when that is later).
    if (take < a.amountCents)
      await insertAllocationRows(trx, [
        {
          id: newId(),
          paymentId: p.id,
          invoiceId: a.invoiceId,
          companyId: a.companyId,
          amountCents: a.amountCents - take,
          kind: a.kind,
          createdAt: now,
          effectiveOn: later(on, a.effectiveOn),
        },
      ]);
    reversed.push({ invoiceId: a.invoiceId, amountCents: take });
    left -= take;
  }
  if (left !== 0)
    throw new AppError(
      'The payment’s figures do not add up; nothing was refunded.',
      500,
      'Inconsistent payment',
    );
  await insertRefundRow(trx, {
    id: newId(),
    paymentId: p.id,
    amountCents: r.amountCents,
    providerRef: r.providerRef,
    reason: r.reason,
    refundedOn: on,
    createdAt: now,
  });
  await updatePaymentFigures(
    trx,
    p.id,
    { refunded: r.amountCents, unapplied: -fromCredit, applied: -(r.amountCents - fromCredit) },
    now,
  );
  await audit(trx, ctx, {
    action: 'payment.refund',
    entityType: 'payment',
    entityId: p.id,
    companyId: p.companyId,
    summary: {
      amountCents: r.amountCents,
      effectiveOn: on,
      fromCreditCents: fromCredit,
      reversed,
      providerRef: r.providerRef,
      reason: r.reason,
    },
  });
}

/** Uses the company's unapplied credit on its open invoices, oldest first (called when an invoice is issued). */
export async function applyCreditInTrx(
  trx: DbOrTrx,
  ctx: Actorish,
  companyId: string,
): Promise<void> {
  if (!(await lockCompany(trx, companyId))) return;
  const payments = await paymentsWithCredit(trx, companyId);
  if (payments.length === 0) return;
  const open = await openInvoices(trx, companyId);
  if (open.length === 0) return;
  const now = nowIso();
  for (const p of payments) {
    const plan = allocateOldestFirst(p.unappliedCents, open);
    if (plan.allocations.length === 0) break;
    const issued = new Map(open.map((i) => [i.id, i.issueDate]));
    await allocate(trx, p.id, companyId, plan.allocations, {
      kind: 'credit',
      now,
      on: (invoiceId) => later(p.receivedOn, issued.get(invoiceId) ?? null),
    });
    const used = p.unappliedCents - plan.unappliedCents;
    await updatePaymentFigures(trx, p.id, { applied: used, unapplied: -used }, now);
    for (const a of plan.allocations)
      open.find((i) => i.id === a.invoiceId)!.balanceCents -= a.amountCents;
    const byNumber = new Map(open.map((i) => [i.id, i.number]));
    await audit(trx, ctx, {
      action: 'payment.apply_credit',
      entityType: 'payment',
      entityId: p.id,
      companyId,
      summary: {
        usedCents: used,
        allocations: plan.allocations.map((a) => ({
          invoice: byNumber.get(a.invoiceId) ?? a.invoiceId,
          amountCents: a.amountCents,
        })),
        unappliedCents: plan.unappliedCents,
      },
    });
  }
}

/** The use case behind "Apply credit" on a payment or company (billing.write). */
export async function applyCredit(ctx: Ctx, companyId: string): Promise<void> {
  assertCan(ctx.actor, 'billing.write');
  await withRetry(ctx.db, (trx) => applyCreditInTrx(trx, ctx, companyId));
}

/** A refund recorded by hand (money given back by check or transfer); billing.write. */
export async function refundPayment(ctx: Ctx, id: string, raw: unknown): Promise<void> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(RefundPaymentInput, raw);
  await withRetry(ctx.db, (trx) =>
    refundInTrx(trx, ctx, {
      paymentId: id,
      amountCents: input.amountCents,
      providerRef: null,
      reason: input.reason,
      effectiveOn: input.effectiveOn,
    }),
  );
}
