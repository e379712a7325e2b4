// Reminder use cases: the settings (admin), pausing and resuming a company's reminders (billing
// staff, audited with the reason), and the reminder log.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { companyRow } from '../invoices/service.ts';
import { reminderLog, setPause } from './queries.ts';
import {
  ReminderSettingsInput,
  readReminderSettings,
  writeReminderSettings,
  type ReminderSettings,
} from './settings.ts';

export async function getReminderSettings(ctx: Ctx): Promise<ReminderSettings> {
  assertCan(ctx.actor, 'billing.catalog');
  return readReminderSettings(ctx.db);
}

/** Saves the settings; switching the late fee on starts it from today unless a date is given. */
export async function saveReminderSettings(ctx: Ctx, raw: unknown): Promise<ReminderSettings> {
  assertCan(ctx.actor, 'billing.catalog');
  const input = parseInput(ReminderSettingsInput, raw);
  const before = await readReminderSettings(ctx.db);
  if (input.lateFee.enabled && !input.lateFee.effectiveFrom)
    input.lateFee.effectiveFrom = await businessToday(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await writeReminderSettings(trx, input, nowIso());
    const changed = Object.fromEntries(
      (['enabled', 'steps', 'templates', 'lateFee'] as const)
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]))
        .map((k) => [k, k === 'templates' ? 'changed' : { from: before[k], to: input[k] }]),
    );
    await audit(trx, ctx, {
      action: 'settings.reminders',
      entityType: 'settings',
      entityId: 'billing.reminders',
      summary: changed,
    });
  });
  return input;
}

const PauseInput = z.object({
  reason: z
    .string({ message: 'Give a reason' })
    .trim()
    .min(1, 'Give a reason (e.g. “invoice disputed”)')
    .max(500, 'Reason must be at most 500 characters'),
});

export async function pauseReminders(ctx: Ctx, companyId: string, raw: unknown): Promise<void> {
  assertCan(ctx.actor, 'billing.write');
  const { reason } = parseInput(PauseInput, raw);
  const c = await companyRow(ctx.db, companyId);
  if (!c) throw new NotFoundError('No such company.');
  await ctx.db.transaction().execute(async (trx) => {
    await setPause(trx, companyId, true, reason);
    await audit(trx, ctx, {
      action: 'company.reminders_pause',
      entityType: 'company',
      entityId: companyId,
      companyId,
      summary: { reason, wasPaused: Number(c.reminders_paused ?? 0) === 1 },
    });
  });
}

export async function resumeReminders(ctx: Ctx, companyId: string): Promise<void> {
  assertCan(ctx.actor, 'billing.write');
  const c = await companyRow(ctx.db, companyId);
  if (!c) throw new NotFoundError('No such company.');
  await ctx.db.transaction().execute(async (trx) => {
    await setPause(trx, companyId, false, null);
    await audit(trx, ctx, {
      action: 'company.reminders_resume',
      entityType: 'company',
      entityId: companyId,
      companyId,
      summary: { reason: c.reminders_paused_reason ?? null },
    });
  });
}

const LogQuery = z.object({
  companyId: z
    .string()
    .trim()
    .max(36)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  status: z
    .enum(['sent', 'logged', 'failed', 'skipped', 'sending', ''])
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).catch(1),
  size: z.coerce.number().int().min(10).max(200).catch(50),
});

export async function browseReminderLog(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'billing.read');
  const q = LogQuery.parse(raw ?? {});
  const r = await reminderLog(ctx.db, {
    companyId: q.companyId,
    status: q.status,
    limit: q.size,
    offset: (q.page - 1) * q.size,
  });
  return { ...r, query: q };
}

/** What ReminderPauseControl needs for a company (billing.read). */
export async function reminderPauseOf(
  ctx: Ctx,
  companyId: string,
): Promise<{ paused: boolean; reason: string | null }> {
  assertCan(ctx.actor, 'billing.read');
  const c = await companyRow(ctx.db, companyId);
  if (!c) throw new NotFoundError('No such company.');
  return {
    paused: Number(c.reminders_paused ?? 0) === 1,
    reason: c.reminders_paused_reason ?? null,
  };
}
