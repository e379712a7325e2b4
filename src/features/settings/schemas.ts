import { z } from 'zod';
import { isValidTimeZone } from '../../lib/dates.ts';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const ProfileInput = z.object({
  name: z
    .string({ message: 'Business name is required' })
    .trim()
    .min(1, 'Business name is required')
    .max(200, 'Business name is too long'),
  address: optionalText(1000, 'Address'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (v) => v === '' || z.email().safeParse(v).success,
      'Enter an email address like billing@example.com',
    )
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  phone: optionalText(50, 'Phone'),
  timeZone: z
    .string({ message: 'Time zone is required' })
    .refine(isValidTimeZone, 'Choose a time zone from the list, e.g. America/Chicago'),
  currency: z
    .string({ message: 'Currency is required' })
    .trim()
    .toUpperCase()
    .refine(
      (v) => Intl.supportedValuesOf('currency').includes(v),
      'Use a three-letter currency code such as USD',
    ),
  invoicePrefix: z
    .string({ message: 'Invoice prefix is required' })
    .trim()
    .regex(/^[A-Z0-9-]{1,10}$/, 'Use 1–10 capital letters, digits or dashes, e.g. INV'),
  accentColor: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === '' || /^#[0-9a-f]{6}$/.test(v), 'Use a colour like #1d4e89')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type ProfileInput = z.infer<typeof ProfileInput>;
