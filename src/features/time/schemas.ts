// One schema per input, shared by the HTML forms and the JSON API. Form mappers only turn form
// strings into the API's types (money via parseMoney, quantities into thousandths); every rule is here.
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';
import { parseMoney } from '../../lib/money.ts';
import { parseDuration } from '../../lib/duration.ts';
import { ValidationError } from '../../platform/errors.ts';

const cents = (label: string) =>
  z
    .number({ message: `${label} must be an amount like 125.00` })
    .int(`${label} must be whole cents`)
    .min(0, `${label} cannot be negative`)
    .max(100_000_000, `${label} is too large`);
const optionalCents = (label: string) =>
  cents(label)
    .nullish()
    .transform((v) => v ?? null);
const text = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const hhmm = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine(
      (v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
      `${label} must be a time like 09:30`,
    );

export const BillingSettingsInput = z.object({
  defaultHourlyRateCents: cents('Default hourly rate'),
  roundingIncrementMinutes: z.union([z.literal(1), z.literal(6), z.literal(15)], {
    message: 'Round up to 1, 6 or 15 minutes',
  }),
  minimumMinutes: z
    .number({ message: 'Minimum must be a number of minutes' })
    .int('Minimum must be whole minutes')
    .min(0, 'Minimum cannot be negative')
    .max(480, 'Minimum must be at most 480 minutes'),
});
export type BillingSettings = z.infer<typeof BillingSettingsInput>;

export const UserRatesInput = z.object({
  hourlyRateCents: optionalCents('Hourly rate'),
  costRateCents: optionalCents('Cost rate'),
});
export const CompanyRateInput = z.object({
  hourlyRateCents: optionalCents('Hourly rate override'),
});

export const TimeEntryInput = z
  .object({
    userId: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : null)),
    workDate: z
      .string({ message: 'Date is required' })
      .refine(isCalendarDate, 'Date must be a date (YYYY-MM-DD)'),
    startTime: hhmm('Start'),
    endTime: hhmm('End'),
    minutes: z
      .number({ message: 'Duration must be a number of minutes' })
      .int('Duration must be whole minutes')
      .min(1, 'Duration must be at least a minute')
      .max(24 * 60, 'Duration must be at most 24 hours')
      .nullish()
      .transform((v) => v ?? null),
    description: text(5000, 'Description'),
    billable: z
      .boolean({ message: 'Billable must be true or false' })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, c) => {
    if (v.minutes === null && (!v.startTime || !v.endTime))
      c.addIssue({
        code: 'custom',
        path: ['minutes'],
        message: 'Enter a duration, or a start and an end time',
      });
    if (v.minutes === null && v.startTime && v.endTime && v.endTime <= v.startTime)
      c.addIssue({ code: 'custom', path: ['endTime'], message: 'End must be after start' });
  });
export type TimeEntryValues = z.infer<typeof TimeEntryInput>;

export const UpdateTimeEntryInput = z.object({
  workDate: z.string().refine(isCalendarDate, 'Date must be a date (YYYY-MM-DD)').optional(),
  minutes: z
    .number({ message: 'Duration must be a number of minutes' })
    .int()
    .min(1, 'Duration must be at least a minute')
    .max(24 * 60, 'Duration must be at most 24 hours')
    .optional(),
  description: text(5000, 'Description').optional(),
  billable: z.boolean({ message: 'Billable must be true or false' }).optional(),
});

export const PartInput = z
  .object({
    description: z
      .string({ message: 'Description is required' })
      .trim()
      .min(1, 'Description is required')
      .max(500, 'Description must be at most 500 characters'),
    quantityThousandths: z
      .number({ message: 'Quantity must be a number like 1 or 2.5' })
      .int('Quantity has at most three decimals')
      .min(1, 'Quantity must be more than zero')
      .max(1_000_000_000, 'Quantity is too large'),
    unitCostCents: cents('Unit cost'),
    unitPriceCents: optionalCents('Unit price'),
    markupBp: z
      .number({ message: 'Markup must be a percentage like 25' })
      .int('Markup has at most two decimals')
      .min(0, 'Markup cannot be negative')
      .max(1_000_000, 'Markup is too large')
      .nullish()
      .transform((v) => v ?? null),
    billable: z.boolean({ message: 'Billable must be true or false' }).default(true),
  })
  .refine((v) => v.unitPriceCents !== null || v.markupBp !== null, {
    path: ['unitPriceCents'],
    message: 'Enter a unit price or a markup',
  });

export const EntryListQuery = z.object({
  workOrderId: z.string().optional(),
  userId: z.string().optional(),
  from: z.string().refine(isCalendarDate, 'from must be a date').optional(),
  to: z.string().refine(isCalendarDate, 'to must be a date').optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

type Form = Record<string, string | undefined>;
const blank = (s: string | undefined) => s === undefined || s.trim() === '';
/** A money field: blank -> null, unparseable -> NaN so the schema names the field. */
const money = (s: string | undefined) => (blank(s) ? null : (parseMoney(s!) ?? Number.NaN));
/** A decimal with up to `places` decimals, scaled to an integer (1.5, 3 -> 1500); NaN if malformed. */
export function scaled(s: string | undefined, places: number): number | null {
  if (blank(s)) return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s!.trim());
  if (!m || (m[2] ?? '').length > places) return Number.NaN;
  return Number(m[1]) * 10 ** places + Number((m[2] ?? '').padEnd(places, '0'));
}
/** A form's duration field -> minutes (null when blank); a malformed one is refused naming the field. */
export function formDuration(s: string | undefined, label = 'Duration'): number | null {
  const r = parseDuration(s, label);
  if (!r.ok) throw new ValidationError([{ path: 'minutes', message: r.error }]);
  return r.minutes;
}

export const formToBillingSettings = (f: Form) => ({
  defaultHourlyRateCents: money(f.defaultHourlyRate),
  roundingIncrementMinutes: Number(f.roundingIncrementMinutes),
  minimumMinutes: blank(f.minimumMinutes) ? 0 : Number(f.minimumMinutes),
});
export const formToUserRates = (f: Form) => ({
  hourlyRateCents: money(f.hourlyRate),
  costRateCents: money(f.costRate),
});
export const formToCompanyRate = (f: Form) => ({ hourlyRateCents: money(f.hourlyRate) });
export const formToTimeEntry = (f: Form) => ({
  userId: f.userId,
  workDate: f.workDate,
  startTime: f.startTime,
  endTime: f.endTime,
  minutes: formDuration(f.duration),
  description: f.description,
  billable: f.billable === undefined ? null : f.billable === 'true',
});
export const formToUpdateEntry = (f: Form) => ({
  workDate: f.workDate,
  minutes: formDuration(f.duration) ?? undefined,
  description: f.description ?? null,
  billable: f.billable === 'true',
});
export const formToPart = (f: Form) => ({
  description: f.description,
  quantityThousandths: scaled(f.quantity, 3),
  unitCostCents: money(f.unitCost) ?? 0,
  unitPriceCents: money(f.unitPrice),
  markupBp: scaled(f.markupPercent, 2),
  billable: f.billable === 'on' || f.billable === 'true',
});
