// Invoice use cases. A draft is freely edited; issuing takes the gapless number, fixes the dates and
// the customer's name and address, and from then on the invoice never changes: corrections are a
// void (nothing paid yet) or a credit note. Every change is audited with its figures.
//
// The *InTrx functions are the building blocks the billing run uses inside its own transaction;
// they check nothing about the actor. The exported use cases check permission first.
import type { Ctx } from '../../platform/context.ts';
import type { CompaniesTable, Db, DbOrTrx, InvoicesTable } from '../../db/database.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { addDaysToDate, nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { businessToday } from '../assets/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { markInvoiced, readUnbilled } from '../time/billing.ts';
import { applyCreditInTrx } from '../payments/service.ts';
import { ensureSeries, takeNumber } from './numbering.ts';
import { CreateInvoiceInput, CreditNoteInput, DraftLineInput, VoidInput } from './schemas.ts';
import { readInvoiceSettings } from './settings.ts';
import { invoiceTotals } from './totals.ts';
import { lineFromWork } from './work-lines.ts';
import {
  findInvoice,
  findInvoiceRow,
  insertInvoiceRow,
  insertLineRows,
  lineRows,
  linesOf,
  recomputeTotals,
  releaseWork,
  taxRateForCompany,
  type Invoice,
  type InvoiceWithLines,
  type NewLine,
  type TaxRate,
} from './queries.ts';

export type DraftSpec = {
  company: CompaniesTable;
  lines: readonly NewLine[];
  tax: TaxRate | null;
  currency: string;
  kind?: 'invoice' | 'credit_note';
  source: Invoice['source'];
  periodStart?: string | null;
  periodEnd?: string | null;
  runKey?: string | null;
  billingRunId?: string | null;
  creditForInvoiceId?: string | null;
  notes?: string | null;
};

export async function companyRow(db: DbOrTrx, id: string): Promise<CompaniesTable | null> {
  return (
    (await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  );
}

/** Inserts a draft and its lines; returns the new invoice id. */
export async function insertDraftInTrx(
  trx: DbOrTrx,
  ctx: Pick<Ctx, 'actor'>,
  spec: DraftSpec,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  const rows = lineRows(id, spec.lines, spec.tax, now);
  const totals = invoiceTotals(
    rows.map((r) => ({ amountCents: r.amount_cents, taxCents: r.tax_cents })),
  );
  const c = spec.company;
  const row: InvoicesTable = {
    id,
    company_id: c.id,
    kind: spec.kind ?? 'invoice',
    number: null,
    status: 'draft',
    issue_date: null,
    due_date: null,
    terms_days: Number(c.payment_terms_days),
    period_start: spec.periodStart ?? null,
    period_end: spec.periodEnd ?? null,
    currency: spec.currency,
    bill_to_name: c.name,
    bill_to_address: c.billing_address,
    bill_to_email: null,
    subtotal_cents: totals.subtotalCents,
    tax_cents: totals.taxCents,
    total_cents: totals.totalCents,
    paid_cents: 0,
    credited_cents: 0,
    balance_cents: totals.totalCents,
    credit_for_invoice_id: spec.creditForInvoiceId ?? null,
    source: spec.source,
    billing_run_id: spec.billingRunId ?? null,
    run_key: spec.runKey ?? null,
    notes: spec.notes ?? null,
    footer: null,
    created_by_label: actorLabel(ctx.actor as Ctx['actor']),
    created_at: now,
    updated_at: now,
    issued_at: null,
    voided_at: null,
    voided_on: null,
    void_reason: null,
    sent_at: null,
    auto_sent_at: null,
  };
  await insertInvoiceRow(trx, row);
  await insertLineRows(trx, rows);
  return id;
}

/** The email an invoice goes to: the company's billing contact, else the company's own address. */
export async function billingEmail(db: DbOrTrx, c: CompaniesTable): Promise<string | null> {
  if (c.billing_contact_id) {
    const contact = await db
      .selectFrom('contacts')
      .select(['email', 'active'])
      .where('id', '=', c.billing_contact_id)
      .executeTakeFirst();
    if (contact?.email && Number(contact.active) === 1) return contact.email;
  }
  return c.email;
}

export type IssueNumbering = { invoicePrefix: string; creditNotePrefix: string; issueDate: string };

/** What issuing needs from outside the transaction; also creates this year's number series. */
export async function prepareIssue(
  deps: { db: Db; dialect: Ctx['dialect'] },
  issueDate?: string,
): Promise<IssueNumbering> {
  const date = issueDate ?? (await businessToday(deps));
  const profile = await getProfileCached(deps.db);
  const settings = await readInvoiceSettings(deps.db);
  const numbering = {
    invoicePrefix: profile?.invoicePrefix ?? 'INV',
    creditNotePrefix: settings.creditNotePrefix,
    issueDate: date,
  };
  const year = date.slice(0, 4);
  await ensureSeries(deps.db, deps.dialect, numbering.invoicePrefix, year);
  await ensureSeries(deps.db, deps.dialect, numbering.creditNotePrefix, year);
  return numbering;
}

/**
 * Issues a draft inside the caller's transaction: number, dates (the company's payment terms as of
 * now), the customer's name and address as of now, and for a
 * credit note the credit applied to its invoice (refused if it would take the balance below zero).
 */
export async function issueInTrx(
  trx: DbOrTrx,
  ctx: Pick<Ctx, 'actor' | 'ip'>,
  invoiceId: string,
  numbering: IssueNumbering,
): Promise<Invoice> {
  const inv = await findInvoiceRow(trx, invoiceId);
  if (!inv) throw new NotFoundError('No such invoice.');
  if (inv.status !== 'draft') throw new ConflictError(`This invoice is already ${inv.status}.`);
  const lines = await linesOf(trx, invoiceId);
  if (lines.length === 0)
    throw new ValidationError([{ path: 'lines', message: 'Add at least one line before issuing' }]);
  if (inv.totalCents < 0)
    throw new ValidationError([
      {
        path: 'lines',
        message: 'The total cannot be negative; use a credit note to give money back',
      },
    ]);
  const company = (await companyRow(trx, inv.companyId))!;
  const isCredit = inv.kind === 'credit_note';
  const number = await takeNumber(
    trx,
    isCredit ? numbering.creditNotePrefix : numbering.invoicePrefix,
    numbering.issueDate.slice(0, 4),
  );
  const now = nowIso();
  if (isCredit) {
    // One conditional update: concurrent credit notes can never credit more than the balance.
    const res = await trx
      .updateTable('invoices')
      .set((eb) => ({
        credited_cents: eb('credited_cents', '+', inv.totalCents),
        balance_cents: eb('balance_cents', '-', inv.totalCents),
        updated_at: now,
      }))
      .where('id', '=', inv.creditForInvoiceId!)
      .where('status', '=', 'issued')
      .where('balance_cents', '>=', inv.totalCents)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new ConflictError(
        'The credit is more than the invoice’s balance (or the invoice is no longer open).',
      );
  }
  const termsDays = Number(company.payment_terms_days);
  const dueDate = isCredit ? numbering.issueDate : addDaysToDate(numbering.issueDate, termsDays);
  await trx
    .updateTable('invoices')
    .set({
      number,
      status: 'issued',
      terms_days: termsDays,
      issue_date: numbering.issueDate,
      due_date: dueDate,
      issued_at: now,
      updated_at: now,
      bill_to_name: company.name,
      bill_to_address: company.billing_address,
      bill_to_email: await billingEmail(trx, company),
      // A credit note is settled by being applied to its invoice.
      balance_cents: isCredit ? 0 : inv.totalCents,
      footer: (await readInvoiceSettings(trx)).footerNote,
    })
    .where('id', '=', invoiceId)
    .where('status', '=', 'draft')
    .execute();
  await audit(trx, ctx, {
    action: isCredit ? 'credit_note.issue' : 'invoice.issue',
    entityType: 'invoice',
    entityId: invoiceId,
    companyId: inv.companyId,
    summary: {
      number,
      totalCents: inv.totalCents,
      taxCents: inv.taxCents,
      issueDate: numbering.issueDate,
      dueDate,
      ...(isCredit ? { creditFor: inv.creditForInvoiceId } : {}),
    },
  });
  // A customer's unapplied credit (an overpayment) pays the new invoice at once, oldest first.
  if (!isCredit) await applyCreditInTrx(trx, ctx, inv.companyId);
  return (await findInvoiceRow(trx, invoiceId))!;
}

export async function getInvoice(ctx: Ctx, id: string): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.read');
  const inv = await findInvoice(ctx.db, id);
  if (!inv) throw new NotFoundError('No such invoice.');
  return inv;
}

export async function issueInvoice(ctx: Ctx, id: string): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.write');
  const numbering = await prepareIssue(ctx);
  await ctx.db.transaction().execute((trx) => issueInTrx(trx, ctx, id, numbering));
  return (await findInvoice(ctx.db, id))!;
}

/**
 * Ad-hoc invoice (a draft) from typed lines and/or ready-to-bill items of the company. The items are
 * claimed in the same transaction, so an item can never be on two invoices.
 */
export async function createInvoice(ctx: Ctx, raw: unknown): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(CreateInvoiceInput, raw);
  const company = await companyRow(ctx.db, input.companyId);
  if (!company) throw new ValidationError([{ path: 'companyId', message: 'No such company' }]);
  const profile = await getProfileCached(ctx.db);
  const currency = profile?.currency ?? 'USD';
  const settings = await readInvoiceSettings(ctx.db);
  const unbilled = input.items.length ? await readUnbilled(ctx.db, company.id) : { items: [] };
  const byKey = new Map(unbilled.items.map((i) => [`${i.kind}:${i.id}`, i]));
  const picked = input.items.map((i) => byKey.get(`${i.kind}:${i.id}`));
  const missing = input.items.findIndex((_, k) => !picked[k]);
  if (missing >= 0)
    throw new ValidationError([
      {
        path: `items.${missing}`,
        message:
          'This item is not ready to bill for this company (already invoiced, not billable, or another company’s)',
      },
    ]);
  const items = picked.map((p) => p!);
  const lines: NewLine[] = [
    ...items.map((i) => lineFromWork(i, currency, settings.taxLabor)),
    ...input.lines.map((l) => ({
      kind: 'manual' as const,
      description: l.description,
      quantityThousandths: l.quantityThousandths,
      unitPriceCents: l.unitPriceCents,
      taxable: l.taxable,
    })),
  ];
  const tax = await taxRateForCompany(ctx.db, company);
  const workOrderIds = new Set(items.map((i) => i.workOrderId));
  const id = await ctx.db.transaction().execute(async (trx) => {
    const invoiceId = await insertDraftInTrx(trx, ctx, {
      company,
      lines,
      tax,
      currency,
      source:
        items.length && workOrderIds.size === 1 && input.lines.length === 0
          ? 'work_order'
          : 'manual',
      notes: input.notes,
    });
    await markInvoiced(trx, items, invoiceId);
    await audit(trx, ctx, {
      action: 'invoice.create',
      entityType: 'invoice',
      entityId: invoiceId,
      companyId: company.id,
      summary: { lines: lines.length, workItems: items.length },
    });
    return invoiceId;
  });
  if (input.issue) return issueInvoice(ctx, id);
  return (await findInvoice(ctx.db, id))!;
}

async function draftFor(ctx: Ctx, id: string): Promise<Invoice> {
  const inv = await findInvoiceRow(ctx.db, id);
  if (!inv) throw new NotFoundError('No such invoice.');
  if (inv.status !== 'draft')
    throw new ConflictError(
      'Only a draft can be changed; an issued invoice is corrected by a credit note or a void.',
    );
  return inv;
}

export async function addDraftLine(ctx: Ctx, id: string, raw: unknown): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(DraftLineInput, raw);
  const inv = await draftFor(ctx, id);
  const company = (await companyRow(ctx.db, inv.companyId))!;
  const tax = await taxRateForCompany(ctx.db, company);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const last = await trx
      .selectFrom('invoice_lines')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('invoice_id', '=', id)
      .executeTakeFirst();
    await insertLineRows(
      trx,
      lineRows(id, [{ kind: 'manual', ...input }], tax, now, Number(last?.p ?? 0) + 1),
    );
    const t = await recomputeTotals(trx, id, now);
    await audit(trx, ctx, {
      action: 'invoice.line_add',
      entityType: 'invoice',
      entityId: id,
      companyId: inv.companyId,
      summary: {
        description: input.description,
        quantityThousandths: input.quantityThousandths,
        unitPriceCents: input.unitPriceCents,
        totalCents: t.totalCents,
      },
    });
  });
  return (await findInvoice(ctx.db, id))!;
}

/** Removes a line from a draft; a work item's line puts the item back on the ready-to-bill list. */
export async function removeDraftLine(
  ctx: Ctx,
  id: string,
  lineId: string,
): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.write');
  const inv = await draftFor(ctx, id);
  const line = (await linesOf(ctx.db, id)).find((l) => l.id === lineId);
  if (!line) throw new NotFoundError('No such line on this invoice.');
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (line.sourceType === 'time_entry')
      await trx
        .updateTable('time_entries')
        .set({ invoice_id: null, invoiced_at: null })
        .where('id', '=', line.sourceId!)
        .where('invoice_id', '=', id)
        .execute();
    if (line.sourceType === 'part')
      await trx
        .updateTable('work_order_parts')
        .set({ invoice_id: null, invoiced_at: null })
        .where('id', '=', line.sourceId!)
        .where('invoice_id', '=', id)
        .execute();
    // A recurring line removed from a draft is not billed for that period by the next run either.
    await trx.deleteFrom('invoice_lines').where('id', '=', lineId).execute();
    const t = await recomputeTotals(trx, id, now);
    await audit(trx, ctx, {
      action: 'invoice.line_remove',
      entityType: 'invoice',
      entityId: id,
      companyId: inv.companyId,
      summary: {
        description: line.description,
        amountCents: line.amountCents,
        totalCents: t.totalCents,
      },
    });
  });
  return (await findInvoice(ctx.db, id))!;
}

/** Deletes a draft: its work goes back to ready to bill and its recurring periods can be billed again. */
export async function deleteDraft(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx.actor, 'billing.write');
  const inv = await draftFor(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await releaseWork(trx, id);
    await trx.deleteFrom('recurring_charges').where('invoice_id', '=', id).execute();
    await trx.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute();
    await trx.deleteFrom('invoices').where('id', '=', id).where('status', '=', 'draft').execute();
    await audit(trx, ctx, {
      action: 'invoice.delete_draft',
      entityType: 'invoice',
      entityId: id,
      companyId: inv.companyId,
      summary: { totalCents: inv.totalCents },
    });
  });
}

/**
 * Voids an issued invoice or credit note. An invoice with payments or credits cannot be voided (undo
 * those first). Its time and parts return to ready to bill; its recurring periods stay billed unless
 * `rebill` is set, so the next billing run does not silently re-create what was deliberately voided.
 */
export async function voidInvoice(ctx: Ctx, id: string, raw: unknown): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(VoidInput, raw);
  const inv = await findInvoiceRow(ctx.db, id);
  if (!inv) throw new NotFoundError('No such invoice.');
  if (inv.status === 'draft') throw new ConflictError('A draft is not voided; delete it instead.');
  if (inv.status === 'void') throw new ConflictError('This invoice is already void.');
  const today = await businessToday(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const res = await trx
      .updateTable('invoices')
      .set({
        status: 'void',
        voided_at: now,
        voided_on: today,
        void_reason: input.reason,
        balance_cents: 0,
        run_key: input.rebill ? null : inv.runKey,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'issued')
      .where('paid_cents', '=', 0)
      .where('credited_cents', '=', 0)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw new ConflictError(
        inv.paidCents > 0
          ? 'Payments are applied to this invoice; void or reallocate them first.'
          : 'Credit notes are applied to this invoice; void them first.',
      );
    }
    if (inv.kind === 'credit_note') {
      await trx
        .updateTable('invoices')
        .set((eb) => ({
          credited_cents: eb('credited_cents', '-', inv.totalCents),
          balance_cents: eb('balance_cents', '+', inv.totalCents),
          updated_at: now,
        }))
        .where('id', '=', inv.creditForInvoiceId!)
        .execute();
    }
    await releaseWork(trx, id);
    if (input.rebill)
      await trx.deleteFrom('recurring_charges').where('invoice_id', '=', id).execute();
    await audit(trx, ctx, {
      action: inv.kind === 'credit_note' ? 'credit_note.void' : 'invoice.void',
      entityType: 'invoice',
      entityId: id,
      companyId: inv.companyId,
      summary: {
        number: inv.number,
        totalCents: inv.totalCents,
        reason: input.reason,
        rebill: input.rebill,
      },
    });
  });
  return (await findInvoice(ctx.db, id))!;
}

/**
 * A credit note against an issued invoice, issued at once: either the whole invoice (line for line,
 * same taxes; only while nothing is paid or credited) or one amount with a description, which may not
 * exceed the balance.
 */
export async function createCreditNote(
  ctx: Ctx,
  invoiceId: string,
  raw: unknown,
): Promise<InvoiceWithLines> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(CreditNoteInput, raw);
  const inv = await findInvoice(ctx.db, invoiceId);
  if (!inv) throw new NotFoundError('No such invoice.');
  if (inv.kind !== 'invoice' || inv.status !== 'issued')
    throw new ConflictError('Credit notes are made against an issued invoice.');
  const company = (await companyRow(ctx.db, inv.companyId))!;
  let lines: NewLine[];
  let tax: TaxRate | null;
  if (input.full) {
    if (inv.creditedCents !== 0 || inv.paidCents !== 0)
      throw new ConflictError(
        'A full credit needs an invoice with nothing paid or credited yet; credit an amount instead.',
      );
    // Same figures and taxes as the original, line for line.
    lines = inv.lines.map((l) => ({
      kind: 'credit',
      description: `Credit: ${l.description}`,
      quantityThousandths: l.quantityThousandths,
      unitPriceCents: l.unitPriceCents,
      taxable: l.taxRatePpm > 0,
      sourceType: 'invoice_line',
      sourceId: l.id,
    }));
    const taxed = inv.lines.find((l) => l.taxRatePpm > 0);
    tax = taxed
      ? { id: taxed.taxRateId, name: taxed.taxName ?? 'Tax', ratePpm: taxed.taxRatePpm }
      : null;
    if (new Set(inv.lines.filter((l) => l.taxRatePpm > 0).map((l) => l.taxRatePpm)).size > 1)
      throw new ConflictError(
        'This invoice has lines at different tax rates; credit an amount instead.',
      );
  } else {
    tax = input.taxable ? await taxRateForCompany(ctx.db, company) : null;
    lines = [
      {
        kind: 'credit',
        description: input.description!,
        quantityThousandths: 1000,
        unitPriceCents: input.amountCents!,
        taxable: input.taxable,
      },
    ];
  }
  const profile = await getProfileCached(ctx.db);
  const numbering = await prepareIssue(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const creditId = await insertDraftInTrx(trx, ctx, {
      company,
      lines,
      tax,
      currency: profile?.currency ?? inv.currency,
      kind: 'credit_note',
      source: 'manual',
      creditForInvoiceId: inv.id,
      notes: input.reason,
    });
    await issueInTrx(trx, ctx, creditId, numbering);
    return creditId;
  });
  return (await findInvoice(ctx.db, id))!;
}
