import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';

const date = (label: string) =>
  z
    .string({ message: `${label} must be a date (YYYY-MM-DD)` })
    .trim()
    .refine(isCalendarDate, `${label} must be a date (YYYY-MM-DD)`);
const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v == null ? undefined : v), date(label).optional());

export const AgingQuery = z.object({
  asOf: optionalDate('As of'),
  sort: z.enum(['total', 'over90', 'name']).catch('total'),
  page: z.coerce.number().int().min(1).catch(1),
  size: z.coerce.number().int().min(10).max(200).catch(50),
});

export const StatementQuery = z
  .object({ from: date('From'), to: date('To') })
  .refine((v) => v.from <= v.to, { message: 'From must be on or before To', path: ['to'] });

export const StatementEmailInput = z
  .object({
    from: date('From'),
    to: date('To'),
    email: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.email({ message: 'Enter a valid email address' }).optional(),
    ),
  })
  .refine((v) => v.from <= v.to, { message: 'From must be on or before To', path: ['to'] });
