// One schema per input, shared by the HTML forms and the JSON API. The form mapper only turns
// form strings into the API's types; every rule lives here.
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';
import { parseMoney } from '../../lib/money.ts';

const optionalText = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const optionalEmail = z
  .string({ message: 'Email must be text' })
  .trim()
  .toLowerCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine(
    (v) => v === null || z.email().safeParse(v).success,
    'Enter an email address like name@example.com',
  );

const website = z
  .string({ message: 'Website must be text' })
  .trim()
  .nullish()
  .transform((v) => (v ? (/^https?:\/\//i.test(v) ? v : `https://${v}`) : null))
  .refine(
    (v) => v === null || z.url({ protocol: /^https?$/ }).safeParse(v).success,
    'Enter a web address like example.com',
  );

export const COMPANY_STATUSES = ['active', 'inactive'] as const;

const fields = {
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(200, 'Name must be at most 200 characters'),
  status: z.enum(COMPANY_STATUSES, { message: 'Status must be active or inactive' }),
  phone: optionalText(50, 'Phone'),
  email: optionalEmail,
  website,
  billingAddress: optionalText(1000, 'Billing address'),
  billingContactId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
  monthlyRateCents: z
    .number({ message: 'Monthly contract rate must be an amount like 1500.00' })
    .int('Monthly contract rate must be a whole number of cents')
    .min(0, 'Monthly contract rate cannot be negative')
    .max(100_000_000_00, 'Monthly contract rate is too large'),
  contractStart: z
    .string()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), 'Contract start must be a date (YYYY-MM-DD)'),
  billingDay: z
    .number({ message: 'Billing day must be a day of the month from 1 to 28' })
    .int()
    .min(1, 'Billing day must be from 1 to 28')
    .max(28, 'Billing day must be from 1 to 28'),
  paymentTermsDays: z
    .number({ message: 'Payment terms must be a number of days' })
    .int('Payment terms must be whole days')
    .min(0, 'Payment terms cannot be negative')
    .max(365, 'Payment terms must be at most 365 days'),
  taxExempt: z.boolean({ message: 'Tax exempt must be true or false' }),
  notes: optionalText(10_000, 'Notes'),
};

export const CreateCompanyInput = z.object({
  ...fields,
  status: fields.status.default('active'),
  monthlyRateCents: fields.monthlyRateCents.default(0),
  billingDay: fields.billingDay.default(1),
  paymentTermsDays: fields.paymentTermsDays.default(30),
  taxExempt: fields.taxExempt.default(false),
});
export type CreateCompanyInput = z.infer<typeof CreateCompanyInput>;

export const UpdateCompanyInput = z.object(fields).partial();
export type UpdateCompanyInput = z.infer<typeof UpdateCompanyInput>;

export const COMPANY_SORTS = ['name', 'created', 'rate', 'balance', 'pastDue'] as const;
/** Sorts by receivables figures: only for staff who see billing (others get the name order). */
export const MONEY_SORTS: readonly string[] = ['balance', 'pastDue'];
export const ListCompaniesQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  status: z.enum(['active', 'inactive', 'all']).optional().default('active'),
  sort: z.enum(COMPANY_SORTS).optional().default('name'),
  dir: z.enum(['asc', 'desc']).optional().default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});
export type ListCompaniesQuery = z.infer<typeof ListCompaniesQuery>;

/** HTML form strings -> the API's types. Unparseable values pass through so the schema names them. */
export function formToCompanyInput(
  form: Record<string, string | undefined>,
): Record<string, unknown> {
  const int = (v: string | undefined) =>
    v !== undefined && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v === '' ? undefined : v;
  const money = (v: string | undefined) =>
    v === undefined || v.trim() === '' ? 0 : (parseMoney(v) ?? v);
  return {
    name: form.name,
    status: form.status || undefined,
    phone: form.phone,
    email: form.email,
    website: form.website,
    billingAddress: form.billingAddress,
    billingContactId: form.billingContactId,
    monthlyRateCents: money(form.monthlyRate),
    contractStart: form.contractStart,
    billingDay: int(form.billingDay),
    paymentTermsDays: int(form.paymentTermsDays),
    taxExempt: form.taxExempt === 'on' || form.taxExempt === 'true',
    notes: form.notes,
  };
}
