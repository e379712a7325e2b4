// One schema per input, shared by the HTML forms and the JSON API; the form mappers only turn form
// strings into the API's types (money via parseMoney, percentages into basis points (tax rates into parts per million), quantities into
// thousandths). Every rule lives here.
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';
import { parseMoney } from '../../lib/money.ts';
import { scaled } from '../time/schemas.ts';

export const SERVICE_KINDS = ['support', 'backup', 'telephony', 'pbx', 'other'] as const;
export const KIND_LABELS: Record<(typeof SERVICE_KINDS)[number], string> = {
  support: 'IT support',
  backup: 'Backup',
  telephony: 'Phone service',
  pbx: 'PBX management',
  other: 'Other',
};

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const required = (max: number, label: string) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);
const cents = (label: string, min = 0) =>
  z
    .number({ message: `${label} must be an amount like 45.00` })
    .int(`${label} must be whole cents`)
    .min(min, min === 0 ? `${label} cannot be negative` : `${label} is too small`)
    .max(100_000_000, `${label} is too large`);
const optional = <T extends z.ZodType>(s: T) =>
  s.nullish().transform((v) => (v ?? null) as z.infer<T> | null);
const markup = z
  .number({ message: 'Markup must be a percentage like 40' })
  .int('Markup has at most two decimals')
  .min(0, 'Markup cannot be negative')
  .max(1_000_000, 'Markup is too large');
const flag = (label: string) => z.boolean({ message: `${label} must be true or false` });
const date = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .refine(isCalendarDate, `${label} must be a date (YYYY-MM-DD)`);
const optionalDate = (label: string) =>
  z
    .string({ message: `${label} must be a date (YYYY-MM-DD)` })
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), `${label} must be a date (YYYY-MM-DD)`);

/** A price is fixed, or derived from a unit cost and a markup (then the cost is required). */
const pricingRule = (
  v: { unitPriceCents?: number | null; unitCostCents?: number | null; markupBp?: number | null },
  c: z.RefinementCtx,
) => {
  if (v.markupBp != null && v.unitCostCents == null)
    c.addIssue({
      code: 'custom',
      path: ['unitCostCents'],
      message: 'Enter the unit cost the markup applies to',
    });
  if (v.markupBp == null && v.unitPriceCents == null)
    c.addIssue({
      code: 'custom',
      path: ['unitPriceCents'],
      message: 'Enter a unit price, or a unit cost and a markup',
    });
};
/** Cross-field rules run even when another field is bad, so a form shows every message at once. */
const always = { when: () => true };

export const CatalogItemInput = z
  .object({
    name: required(200, 'Name'),
    description: text(1000, 'Description'),
    kind: z.enum(SERVICE_KINDS, { message: `Kind must be one of ${SERVICE_KINDS.join(', ')}` }),
    unitPriceCents: optional(cents('Unit price')),
    unitCostCents: optional(cents('Unit cost')),
    markupBp: optional(markup),
    taxable: flag('Taxable').default(true),
    active: flag('Active').default(true),
    /** On a change of price: also re-price the running company lines of this item that charge the old price. */
    applyToCompanies: flag('Apply to companies').default(false),
  })
  .superRefine(pricingRule, always);
export type CatalogItemValues = z.infer<typeof CatalogItemInput>;

export const TaxRateInput = z
  .object({
    name: required(100, 'Name'),
    // Parts per million (8.875% = 88750): US combined sales tax rates often have three decimals.
    ratePpm: z
      .number({ message: 'Rate must be a percentage like 8.875' })
      .int('Rate has at most four decimals')
      .min(0, 'Rate cannot be negative')
      .max(1_000_000, 'Rate must be at most 100%'),
    isDefault: flag('Default').default(false),
    active: flag('Active').default(true),
  })
  .refine((v) => v.active || !v.isDefault, {
    path: ['active'],
    message: 'The default rate must stay active: make another rate the default first',
  });
export type TaxRateValues = z.infer<typeof TaxRateInput>;

export const CompanyServiceInput = z
  .object({
    catalogId: z
      .string({ message: 'Catalogue item must be text' })
      .trim()
      .nullish()
      .transform((v) => (v ? v : null)),
    description: required(500, 'Description'),
    quantityThousandths: z
      .number({ message: 'Quantity must be a number like 1 or 2.5' })
      .int('Quantity has at most three decimals')
      .min(1, 'Quantity must be more than zero')
      .max(1_000_000_000, 'Quantity is too large'),
    // A recurring discount is a line with a negative unit price.
    unitPriceCents: optional(cents('Unit price', -100_000_000)),
    unitCostCents: optional(cents('Unit cost')),
    markupBp: optional(markup),
    taxable: flag('Taxable').default(true),
    startDate: date('Start date'),
    endDate: optionalDate('End date'),
  })
  .superRefine((v, c) => {
    pricingRule(v, c);
    if (typeof v.endDate === 'string' && typeof v.startDate === 'string' && v.endDate < v.startDate)
      c.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'End date cannot be before the start date',
      });
  }, always);
export type CompanyServiceValues = z.infer<typeof CompanyServiceInput>;

export const CompanyBillingInput = z.object({
  /** null = the default tax rate. */
  taxRateId: z
    .string({ message: 'Tax rate must be text' })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
  billWorkMonthly: flag('Bill work monthly'),
  /** Periods starting before this date are never billed; null = the first billing run sets it to its own period. */
  billingAnchor: optionalDate('Bill from'),
});
export type CompanyBillingValues = z.infer<typeof CompanyBillingInput>;

type Form = Record<string, string | undefined>;
const blank = (s: string | undefined) => s === undefined || s.trim() === '';
/** A money field: blank -> null, unparseable -> NaN so the schema names the field. */
const money = (s: string | undefined) => (blank(s) ? null : (parseMoney(s!) ?? Number.NaN));
const checked = (s: string | undefined) => s === 'on' || s === 'true';

export const formToCatalogItem = (f: Form) => ({
  name: f.name,
  description: f.description,
  kind: f.kind,
  unitPriceCents: money(f.unitPrice),
  unitCostCents: money(f.unitCost),
  markupBp: scaled(f.markupPercent, 2),
  taxable: checked(f.taxable),
  active: checked(f.active),
  applyToCompanies: checked(f.applyToCompanies),
});

export const formToTaxRate = (f: Form) => ({
  name: f.name,
  ratePpm: scaled(f.ratePercent, 4) ?? Number.NaN,
  isDefault: checked(f.isDefault),
  active: checked(f.active),
});

/** New line: blank fields are left out so a chosen catalogue item (or today) fills them. Edit: blank = none. */
export function formToCompanyService(
  f: Form,
  mode: 'add' | 'edit' = 'add',
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    catalogId: f.catalogId,
    quantityThousandths: scaled(f.quantity, 3) ?? Number.NaN,
    startDate: blank(f.startDate) ? undefined : f.startDate,
    endDate: f.endDate,
  };
  if (mode === 'edit')
    Object.assign(out, {
      description: f.description ?? '',
      unitPriceCents: money(f.unitPrice),
      unitCostCents: money(f.unitCost),
      markupBp: scaled(f.markupPercent, 2),
    });
  // yes | no | blank (the catalogue item's setting, else taxable)
  if (f.taxable === 'yes' || f.taxable === 'no') out.taxable = f.taxable === 'yes';
  if (!blank(f.description)) out.description = f.description;
  if (!blank(f.unitPrice)) out.unitPriceCents = money(f.unitPrice);
  if (!blank(f.unitCost)) out.unitCostCents = money(f.unitCost);
  if (!blank(f.markupPercent)) out.markupBp = scaled(f.markupPercent, 2);
  return out;
}

export const formToCompanyBilling = (f: Form) => ({
  taxRateId: f.taxRateId,
  billWorkMonthly: checked(f.billWorkMonthly),
  billingAnchor: f.billingAnchor,
});
