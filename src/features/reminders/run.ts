// The reminder run. For each issued invoice with a balance, of a company not paused and with someone
// to write to, the LATEST step whose day has arrived is sent, once: the run first inserts the
// (invoice, step) row — the unique index lets exactly one run or process win — and only the winner
// sends. Earlier steps it supersedes are recorded as skipped, so a customer never gets a pile of
// reminders at once. A step whose send failed is taken back (failed -> sending, again by one run
// only) and tried again by the next run while it is still the step due. Invoices are found by
// (status, due_date) over the window of due dates the steps can reach, plus a short catch-up for days
// the job did not run; older invoices are left alone (so switching reminders on does not email every
// old debt at once).
import type { Ctx } from '../../platform/context.ts';
import type { CompaniesTable, DbOrTrx } from '../../db/database.ts';
import { audit } from '../../platform/audit.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { applyBasisPoints, formatMoney } from '../../lib/money.ts';
import { businessToday } from '../assets/service.ts';
import { isUniqueViolation } from '../billing/run.ts';
import { invoicePdf } from '../invoices/pdf.ts';
import { longDate } from '../invoices/pdf-render.ts';
import { escapeHtml } from '../invoices/send.ts';
import {
  billingEmail,
  companyRow,
  insertDraftInTrx,
  issueInTrx,
  prepareIssue,
} from '../invoices/service.ts';
import { paymentLinkFor, readInvoiceSettings } from '../invoices/settings.ts';
import { daysLate } from '../payments/aging.ts';
import {
  insertLateFee,
  insertReminder,
  lateFeeCandidates,
  logEmail,
  reclaimFailedReminder,
  reminderCandidates,
  setReminderStatus,
  stepsTaken,
  type ReminderCandidate,
} from './queries.ts';
import {
  fillTemplate,
  readReminderSettings,
  stepKey,
  stepOffset,
  stepToSend,
  templateKind,
  type ReminderSettings,
} from './settings.ts';

/** Days after the last step's day during which a missed run still sends it. */
export const CATCH_UP_DAYS = 7;

export type ReminderRunResult = {
  asOf: string;
  enabled: boolean;
  sent: number;
  logged: number;
  failed: number;
  skippedSteps: number;
  claimedElsewhere: number;
  noRecipient: number;
  lateFees: LateFeeResult;
};
export type LateFeeResult = { created: number; feeInvoiceIds: string[]; errors: string[] };

export async function runReminders(
  ctx: Ctx,
  opts: { asOf?: string } = {},
): Promise<ReminderRunResult> {
  const asOf = opts.asOf ?? (await businessToday(ctx));
  const settings = await readReminderSettings(ctx.db);
  const result: ReminderRunResult = {
    asOf,
    enabled: settings.enabled,
    sent: 0,
    logged: 0,
    failed: 0,
    skippedSteps: 0,
    claimedElsewhere: 0,
    noRecipient: 0,
    lateFees: { created: 0, feeInvoiceIds: [], errors: [] },
  };
  if (settings.enabled) await remind(ctx, asOf, settings, result);
  if (settings.lateFee.enabled) result.lateFees = await runLateFees(ctx, { asOf, settings });
  return result;
}

async function remind(
  ctx: Ctx,
  asOf: string,
  settings: ReminderSettings,
  result: ReminderRunResult,
) {
  const steps = settings.steps;
  // A step at offset o has arrived when due_date + o <= asOf.
  const dueTo = addDaysToDate(asOf, -steps[0]);
  const dueFrom = addDaysToDate(asOf, -(steps[steps.length - 1] + CATCH_UP_DAYS));
  const candidates = await reminderCandidates(ctx.db, dueFrom, dueTo);
  if (candidates.length === 0) return;
  const taken = await stepsTaken(
    ctx.db,
    candidates.map((c) => c.id),
  );
  const invoiceSettings = await readInvoiceSettings(ctx.db);
  const recipients = new Map<string, string | null>();
  const recipientOf = async (companyId: string) => {
    if (!recipients.has(companyId)) {
      const c = await companyRow(ctx.db, companyId);
      recipients.set(companyId, c ? await billingEmail(ctx.db, c as CompaniesTable) : null);
    }
    return recipients.get(companyId)!;
  };
  for (const inv of candidates) {
    const late = daysLate(inv.dueDate, asOf);
    const pick = stepToSend(steps, late);
    if (!pick) continue;
    const have = taken.get(inv.id) ?? new Map<string, string>();
    const latestKey = stepKey(pick.latest);
    // A step whose send failed (SMTP down, say) is tried again by the next run while it is still the
    // step due; once a later step is due, that one goes out instead.
    const retry = have.get(latestKey) === 'failed';
    // Already sent this step, or a later one (a run for an earlier date after a later one).
    if (!retry && [...have.keys()].some((k) => (stepOffset(k) ?? -Infinity) >= pick.latest))
      continue;
    const to = await recipientOf(inv.companyId);
    if (!to) {
      result.noRecipient += 1;
      continue;
    }
    let rowId: string;
    if (retry) {
      const reclaimed = await reclaimFailedReminder(ctx.db, {
        invoiceId: inv.id,
        step: latestKey,
        to,
      });
      if (!reclaimed) {
        result.claimedElsewhere += 1;
        continue;
      }
      rowId = reclaimed;
    } else {
      try {
        rowId = await insertReminder(ctx.db, {
          invoiceId: inv.id,
          companyId: inv.companyId,
          step: latestKey,
          status: 'sending',
          to,
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        result.claimedElsewhere += 1;
        continue;
      }
    }
    for (const older of pick.older) {
      if (have.has(stepKey(older))) continue;
      try {
        await insertReminder(ctx.db, {
          invoiceId: inv.id,
          companyId: inv.companyId,
          step: stepKey(older),
          status: 'skipped',
          to: null,
        });
        result.skippedSteps += 1;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    const status = await deliver(
      ctx,
      inv,
      to,
      pick.latest,
      late,
      settings,
      paymentLinkFor(invoiceSettings, inv) ?? '',
    );
    await setReminderStatus(ctx.db, rowId, status);
    result[status] += 1;
  }
}

async function deliver(
  ctx: Ctx,
  inv: ReminderCandidate,
  to: string,
  offset: number,
  late: number,
  settings: ReminderSettings,
  link: string,
): Promise<'sent' | 'logged' | 'failed'> {
  // The wording follows the invoice's real state today (a step caught up late is worded as overdue).
  const t = settings.templates[templateKind(late)];
  const vars = {
    company: inv.companyName,
    number: inv.number,
    balance: formatMoney(inv.balanceCents, inv.currency),
    dueDate: longDate(inv.dueDate),
    daysLate: String(Math.max(0, late)),
    paymentLink: link,
  };
  const subject = fillTemplate(t.subject, vars).replace(/[\r\n]+/g, ' ');
  // An empty payment link leaves no dangling "pay online:" sentence behind.
  const text = fillTemplate(link ? t.body : t.body.replace(/^.*\{paymentLink\}.*$\n?/gm, ''), vars);
  const html = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  let status: 'sent' | 'logged' | 'failed' = 'failed';
  let error: string | null = null;
  try {
    const attachments = [];
    try {
      const pdf = await invoicePdf(ctx, inv.id);
      attachments.push({
        filename: pdf.filename,
        content: pdf.bytes,
        contentType: 'application/pdf',
      });
    } catch (err) {
      ctx.log.warn(
        { err: err instanceof Error ? err.message : String(err), invoiceId: inv.id },
        'reminder: invoice PDF not attached',
      );
    }
    const res = await ctx.mailer.send({ to, subject, text, html, attachments });
    status = res.delivered ? 'sent' : 'logged';
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    ctx.log.error({ err: error, to, invoiceId: inv.id }, 'reminder email failed');
  }
  await logEmail(ctx.db, {
    to,
    subject,
    kind: 'reminder',
    entityType: 'invoice',
    entityId: inv.id,
    status,
    error,
  });
  await audit(ctx.db, ctx, {
    action: 'invoice.reminder',
    entityType: 'invoice',
    entityId: inv.id,
    companyId: inv.companyId,
    summary: { step: stepKey(offset), to, status },
  });
  return status;
}

/** A deadlock or serialization failure (MySQL, PostgreSQL): the transaction was rolled back and may be retried. */
const isRetryable = (err: unknown) => {
  const e = err as { code?: string; errno?: number } | null;
  return (
    !!e &&
    (e.code === '40001' ||
      e.code === '40P01' ||
      e.errno === 1213 ||
      e.errno === 1205 ||
      e.code === 'SQLITE_BUSY')
  );
};

/** Runs a transaction again (up to 5 times, after a short random pause) when the database chose it as a deadlock victim. */
async function retryingTransaction<T>(ctx: Ctx, work: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(work);
    } catch (err) {
      if (attempt >= 5 || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.floor(Math.random() * 40 * attempt)));
    }
  }
}

/**
 * Late fees: each overdue invoice (past the rule's days, due on or after its start date, company not
 * paused) gets at most one fee per rule, billed on its own issued invoice. The late_fees row, the
 * draft and its issue share one transaction, and late_fees' unique (invoice, rule) decides races.
 */
export async function runLateFees(
  ctx: Ctx,
  opts: { asOf?: string; settings?: ReminderSettings } = {},
): Promise<LateFeeResult> {
  const settings = opts.settings ?? (await readReminderSettings(ctx.db));
  const out: LateFeeResult = { created: 0, feeInvoiceIds: [], errors: [] };
  const fee = settings.lateFee;
  if (!fee.enabled) return out;
  const asOf = opts.asOf ?? (await businessToday(ctx));
  const candidates = await lateFeeCandidates(
    ctx.db,
    fee.rule,
    addDaysToDate(asOf, -fee.afterDays),
    fee.effectiveFrom,
  );
  if (candidates.length === 0) return out;
  const numbering = await prepareIssue(ctx, asOf);
  for (const inv of candidates) {
    const amount =
      fee.mode === 'flat' ? fee.flatCents : applyBasisPoints(inv.balanceCents, fee.percentBp);
    if (amount <= 0) continue;
    try {
      const feeId = await retryingTransaction(ctx, async (trx) => {
        const company = (await companyRow(trx, inv.companyId))!;
        const description = `Late fee on ${inv.number} (due ${longDate(inv.dueDate)})`;
        const draftId = await insertDraftInTrx(trx, ctx, {
          company,
          tax: null,
          currency: inv.currency,
          source: 'manual',
          notes: `Late fee (${fee.rule}) on ${inv.number}`,
          lines: [
            {
              kind: 'manual',
              description,
              quantityThousandths: 1000,
              unitPriceCents: amount,
              taxable: false,
            },
          ],
        });
        await insertLateFee(trx, {
          invoiceId: inv.id,
          rule: fee.rule,
          feeInvoiceId: draftId,
          amountCents: amount,
        });
        await issueInTrx(trx, ctx, draftId, numbering);
        await audit(trx, ctx, {
          action: 'invoice.late_fee',
          entityType: 'invoice',
          entityId: inv.id,
          companyId: inv.companyId,
          summary: { rule: fee.rule, amountCents: amount, feeInvoiceId: draftId },
        });
        return draftId;
      });
      out.created += 1;
      out.feeInvoiceIds.push(feeId);
    } catch (err) {
      if (isUniqueViolation(err)) continue; // another run charged it first
      out.errors.push(`${inv.number}: ${err instanceof Error ? err.message : String(err)}`);
      ctx.log.error(
        { err: err instanceof Error ? err.message : String(err), invoiceId: inv.id },
        'late fee failed',
      );
    }
  }
  return out;
}
