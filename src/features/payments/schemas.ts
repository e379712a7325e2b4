// What a payment may look like on the way in: one schema for the record form and the JSON API.
// Whether the date is in the future (business time zone) and whether the invoices are open is
// checked by the service, which can read the database.
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';

export const PAYMENT_METHODS = ['check', 'cash', 'bank', 'card', 'paypal'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const METHOD_LABELS: Record<PaymentMethod, string> = {
  check: 'Check',
  cash: 'Cash',
  bank: 'Bank transfer',
  card: 'Card',
  paypal: 'PayPal',
};

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const cents = (label: string) =>
  z
    .number({ message: `${label} must be a whole number of cents` })
    .int(`${label} must be a whole number of cents`);

export const AllocationInput = z.object({
  invoiceId: z
    .string({ message: 'Invoice is required' })
    .trim()
    .min(1, 'Invoice is required')
    .max(64),
  amountCents: cents('Amount')
    .positive('Amount must be more than zero')
    .max(1_000_000_000_00, 'Amount is too large'),
});

export const RecordPaymentInput = z
  .object({
    companyId: z
      .string({ message: 'Company is required' })
      .trim()
      .min(1, 'Company is required')
      .max(64),
    amountCents: cents('Amount')
      .positive('Amount must be more than zero')
      .max(1_000_000_000_00, 'Amount is too large'),
    method: z.enum(PAYMENT_METHODS, {
      message: 'Method must be check, cash, bank, card or paypal',
    }),
    reference: z
      .preprocess(
        blank,
        z.string().trim().max(255, 'Reference must be at most 255 characters').optional(),
      )
      .transform((v) => v || null),
    receivedOn: z
      .string({ message: 'Date received is required (YYYY-MM-DD)' })
      .trim()
      .refine(isCalendarDate, 'Date received must be a date like 2026-03-31'),
    memo: z
      .preprocess(
        blank,
        z.string().trim().max(1000, 'Memo must be at most 1000 characters').optional(),
      )
      .transform((v) => v || null),
    depositBatch: z
      .preprocess(
        blank,
        z.string().trim().max(50, 'Deposit batch must be at most 50 characters').optional(),
      )
      .transform((v) => v || null),
    allocations: z.array(AllocationInput).max(500, 'At most 500 allocations').nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'check' && !v.reference)
      ctx.addIssue({
        code: 'custom',
        path: ['reference'],
        message: 'Check number is required for a check',
      });
  });
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

/**
 * The date a void or refund takes effect (a bounced check's return date); blank means today in the
 * business time zone. The service checks it against the payment's dates and today.
 */
const effectiveOn = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine(isCalendarDate, 'Effective date must be a date like 2026-03-31')
    .optional(),
);

export const VoidPaymentInput = z.object({
  reason: z
    .string({ message: 'Reason is required' })
    .trim()
    .min(1, 'Reason is required')
    .max(500, 'Reason must be at most 500 characters'),
  effectiveOn,
});

/** A refund recorded by hand (money given back by check or transfer). */
export const RefundPaymentInput = z.object({
  amountCents: cents('Amount').positive('Amount must be more than zero'),
  reason: z
    .preprocess(
      blank,
      z.string().trim().max(500, 'Reason must be at most 500 characters').optional(),
    )
    .transform((v) => v || null),
  effectiveOn,
});

const date = (label: string) =>
  z.preprocess(
    blank,
    z.string().refine(isCalendarDate, `${label} must be a date (YYYY-MM-DD)`).optional(),
  );
export const LIST_SORTS = ['receivedOn', 'amount', 'company', 'created'] as const;

export const ListPaymentsQuery = z.object({
  companyId: z.preprocess(blank, z.string().max(64).optional()),
  company: z.string().trim().max(200).optional().default(''),
  method: z.preprocess(blank, z.enum(PAYMENT_METHODS, { message: 'Unknown method' }).optional()),
  status: z.preprocess(
    blank,
    z
      .enum(['recorded', 'void', 'unapplied'], {
        message: 'Status must be recorded, void or unapplied',
      })
      .optional(),
  ),
  batch: z.string().trim().max(50).optional().default(''),
  q: z.string().trim().max(100).optional().default(''),
  from: date('From'),
  to: date('To'),
  sort: z.preprocess(
    blank,
    z.enum(LIST_SORTS, { message: 'Unknown sort' }).optional().default('receivedOn'),
  ),
  dir: z.preprocess(blank, z.enum(['asc', 'desc']).optional().default('desc')),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});
export type ListPaymentsQuery = z.infer<typeof ListPaymentsQuery>;

export const ApiPaymentsQuery = z.object({
  companyId: z.string().max(64).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});

export const DepositsQuery = z.object({
  from: date('From'),
  to: date('To'),
  batch: z.string().trim().max(50).optional().default(''),
});

export const ExportPaymentsQuery = z
  .object({
    from: z
      .string({ message: 'From is required (YYYY-MM-DD)' })
      .trim()
      .refine(isCalendarDate, 'From must be a date like 2026-03-31'),
    to: z
      .string({ message: 'To is required (YYYY-MM-DD)' })
      .trim()
      .refine(isCalendarDate, 'To must be a date like 2026-03-31'),
  })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'To must be on or after From' });
