// Invoice settings, one JSON value in app_settings: whether the monthly run issues and emails its
// invoices at once or leaves drafts for review, what the footer says about paying, and the credit
// note prefix. A missing or malformed value falls back to the defaults.
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.ts';
import { readSetting, writeSetting } from '../time/queries.ts';

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const InvoiceSettingsInput = z.object({
  /** true: the billing run issues and emails its invoices; false: it leaves drafts for review. */
  autoIssue: z.boolean({ message: 'Choose whether billing runs issue invoices at once' }),
  /** "Make checks payable to" */
  payableTo: text(200, 'Payable to'),
  /** Where checks are mailed; the remittance stub shows it. */
  remitAddress: text(1000, 'Mailing address for payments'),
  /** Bank transfer details (bank, account name, account/routing numbers or IBAN/BIC). */
  bankDetails: text(1000, 'Bank details for transfers'),
  /** Online payment link shown on invoices; {number} and {id} are replaced. */
  paymentUrl: text(500, 'Online payment link').refine(
    (v) => v === null || /^https?:\/\//i.test(v),
    'Online payment link must start with http:// or https://',
  ),
  /** Free text printed at the foot of every invoice (bank details, thanks, late fee policy). */
  footerNote: text(2000, 'Footer note'),
  /** Whether the monthly contract line is taxed (at the company's rate) — in many places services are not. */
  taxContract: z.boolean({ message: 'Tax the contract must be true or false' }),
  /** Whether labor (time from work orders) is taxed; parts always follow the company's rate. */
  taxLabor: z.boolean({ message: 'Tax labor must be true or false' }),
  creditNotePrefix: z
    .string({ message: 'Credit note prefix is required' })
    .trim()
    .min(1, 'Credit note prefix is required')
    .max(10, 'Credit note prefix must be at most 10 characters')
    .regex(/^[A-Za-z0-9]+$/, 'Credit note prefix may use letters and digits only'),
});
export type InvoiceSettings = z.infer<typeof InvoiceSettingsInput>;

export const INVOICE_SETTINGS_KEY = 'billing.invoices';
export const DEFAULT_INVOICE_SETTINGS: InvoiceSettings = {
  autoIssue: true,
  payableTo: null,
  remitAddress: null,
  bankDetails: null,
  paymentUrl: null,
  footerNote: null,
  taxContract: true,
  taxLabor: true,
  creditNotePrefix: 'CN',
};

export async function readInvoiceSettings(db: DbOrTrx): Promise<InvoiceSettings> {
  const parsed = InvoiceSettingsInput.safeParse({
    ...DEFAULT_INVOICE_SETTINGS,
    ...((await readSetting(db, INVOICE_SETTINGS_KEY)) as object | undefined),
  });
  return parsed.success ? parsed.data : DEFAULT_INVOICE_SETTINGS;
}

export const writeInvoiceSettings = (db: DbOrTrx, s: InvoiceSettings, now: string) =>
  writeSetting(db, INVOICE_SETTINGS_KEY, s, now);

/** The payment link for one invoice, or null when none is configured. */
export const paymentLinkFor = (
  s: InvoiceSettings,
  inv: { id: string; number: string | null },
): string | null =>
  s.paymentUrl
    ? s.paymentUrl
        .replaceAll('{number}', encodeURIComponent(inv.number ?? ''))
        .replaceAll('{id}', encodeURIComponent(inv.id))
    : null;
