// Late-payment reminder and late-fee settings, one JSON value in app_settings. Reminders are OFF
// until an admin has read the wording and switched them on (an email to every customer is not
// something to start by surprise); late fees are off by default as the issue asks.
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import { readSetting, writeSetting } from '../time/queries.ts';

export type TemplateKind = 'before' | 'due' | 'overdue';
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['before', 'due', 'overdue'];
export const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  before: 'Before the due date',
  due: 'On the due date',
  overdue: 'Overdue',
};
export const PLACEHOLDERS = [
  '{company}',
  '{number}',
  '{balance}',
  '{dueDate}',
  '{daysLate}',
  '{paymentLink}',
] as const;

const Template = z.object({
  subject: z
    .string({ message: 'Subject is required' })
    .trim()
    .min(1, 'Subject is required')
    .max(200, 'Subject must be at most 200 characters'),
  body: z
    .string({ message: 'Message is required' })
    .trim()
    .min(1, 'Message is required')
    .max(5000, 'Message must be at most 5,000 characters'),
});

export const LateFeeSettings = z.object({
  enabled: z.boolean(),
  /** Name of the rule: a fee is charged at most once per invoice and rule. */
  rule: z
    .string({ message: 'Rule name is required' })
    .trim()
    .min(1, 'Rule name is required')
    .max(50, 'Rule name must be at most 50 characters'),
  mode: z.enum(['flat', 'percent'], { message: 'Choose a flat fee or a percentage' }),
  flatCents: z
    .number()
    .int()
    .min(0, 'Flat fee cannot be negative')
    .max(10_000_000, 'Flat fee is too large'),
  /** Basis points of the overdue balance: 150 = 1.5%. */
  percentBp: z
    .number()
    .int()
    .min(0, 'Percentage cannot be negative')
    .max(10_000, 'Percentage must be at most 100%'),
  afterDays: z
    .number({ message: 'Days overdue must be a whole number' })
    .int('Days overdue must be a whole number')
    .min(1, 'Days overdue must be at least 1')
    .max(365, 'Days overdue must be at most 365'),
  /** Only invoices due on or after this date are charged (set when the fee is switched on), so switching it on does not bill years of old invoices. */
  effectiveFrom: z.string().refine(isCalendarDate, 'Apply from must be a date').nullable(),
});

export const ReminderSettingsInput = z.object({
  enabled: z.boolean(),
  /** Days relative to the due date: −3 = three days before, 0 = on the day, 7 = a week overdue. */
  steps: z
    .array(
      z
        .number()
        .int()
        .min(-60, 'A step can be at most 60 days before the due date')
        .max(365, 'A step can be at most 365 days overdue'),
    )
    .min(1, 'Add at least one step')
    .max(10, 'At most 10 steps')
    .refine((s) => new Set(s).size === s.length, 'Each day may appear once')
    .transform((s) => [...s].sort((a, b) => a - b)),
  templates: z.object({ before: Template, due: Template, overdue: Template }),
  lateFee: LateFeeSettings,
});
export type ReminderSettings = z.infer<typeof ReminderSettingsInput>;

export const REMINDER_SETTINGS_KEY = 'billing.reminders';
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: false,
  steps: [-3, 0, 7, 14, 30],
  templates: {
    before: {
      subject: 'Reminder: invoice {number} is due on {dueDate}',
      body: 'Hello {company},\n\nThis is a friendly reminder that invoice {number} for {balance} is due on {dueDate}.\n\nYou can pay online: {paymentLink}\n\nIf you have already paid, thank you — please ignore this message.',
    },
    due: {
      subject: 'Invoice {number} is due today',
      body: 'Hello {company},\n\nInvoice {number} for {balance} is due today ({dueDate}).\n\nYou can pay online: {paymentLink}\n\nIf you have already paid, thank you — please ignore this message.',
    },
    overdue: {
      subject: 'Overdue: invoice {number} was due on {dueDate}',
      body: 'Hello {company},\n\nOur records show that invoice {number}, due on {dueDate}, is {daysLate} days past due with {balance} outstanding.\n\nPlease arrange payment at your earliest convenience. You can pay online: {paymentLink}\n\nIf you have already paid or have a question about this invoice, please reply to this email.',
    },
  },
  lateFee: {
    enabled: false,
    rule: 'late-fee',
    mode: 'flat',
    flatCents: 2500,
    percentBp: 150,
    afterDays: 30,
    effectiveFrom: null,
  },
};

export async function readReminderSettings(db: DbOrTrx): Promise<ReminderSettings> {
  const stored = (await readSetting(db, REMINDER_SETTINGS_KEY)) as
    | Partial<ReminderSettings>
    | undefined;
  const merged = {
    ...DEFAULT_REMINDER_SETTINGS,
    ...stored,
    templates: { ...DEFAULT_REMINDER_SETTINGS.templates, ...stored?.templates },
    lateFee: { ...DEFAULT_REMINDER_SETTINGS.lateFee, ...stored?.lateFee },
  };
  const parsed = ReminderSettingsInput.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_REMINDER_SETTINGS;
}

export const writeReminderSettings = (db: DbOrTrx, s: ReminderSettings, now: string) =>
  writeSetting(db, REMINDER_SETTINGS_KEY, s, now);

/** The step's key in invoice_reminders: before-3, due, after-7. */
export const stepKey = (offset: number) =>
  offset < 0 ? `before-${-offset}` : offset === 0 ? 'due' : `after-${offset}`;
export const stepOffset = (key: string): number | null => {
  if (key === 'due') return 0;
  const m = /^(before|after)-(\d+)$/.exec(key);
  return m ? (m[1] === 'before' ? -Number(m[2]) : Number(m[2])) : null;
};
export const stepLabel = (offset: number) =>
  offset < 0
    ? `${-offset} day${offset === -1 ? '' : 's'} before due`
    : offset === 0
      ? 'On the due date'
      : `${offset} day${offset === 1 ? '' : 's'} overdue`;
/** The wording for an invoice `daysLate` days past due (negative: before the due date). */
export const templateKind = (daysLate: number): TemplateKind =>
  daysLate < 0 ? 'before' : daysLate === 0 ? 'due' : 'overdue';

/** Replaces the placeholders; unknown {words} are left as typed. */
export function fillTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}

/**
 * Which step is due for an invoice `daysLate` days past its due date (negative = before it): the
 * latest step whose day has arrived, and the earlier ones it supersedes.
 */
export function stepToSend(
  steps: readonly number[],
  daysLate: number,
): { latest: number; older: number[] } | null {
  const arrived = steps.filter((s) => s <= daysLate);
  if (arrived.length === 0) return null;
  const latest = Math.max(...arrived);
  return { latest, older: arrived.filter((s) => s !== latest) };
}
