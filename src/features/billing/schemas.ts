// Input of the billing run from the JSON API.
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';

export const RunBillingInput = z.object({
  asOf: z
    .string({ message: 'As-of date is required (YYYY-MM-DD)' })
    .refine(isCalendarDate, 'As-of date must be a date like 2026-12-01'),
  dryRun: z.boolean({ message: 'dryRun must be true or false' }).default(false),
  companyIds: z
    .array(z.string().min(1).max(36), { message: 'companyIds must be a list of company ids' })
    .max(5000)
    .optional(),
});
export type RunBillingInput = z.infer<typeof RunBillingInput>;
