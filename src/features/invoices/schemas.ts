// One schema per input, shared by the HTML forms and the JSON API.
import { z } from 'zod';

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const description = z
  .string({ message: 'Description is required' })
  .trim()
  .min(1, 'Description is required')
  .max(1000, 'Description must be at most 1000 characters');
const quantity = z
  .number({ message: 'Quantity must be a number like 1 or 2.5' })
  .int('Quantity is in thousandths (1.5 = 1500)')
  .min(1, 'Quantity must be more than zero')
  .max(1_000_000_000, 'Quantity is too large');
// Manual lines may be negative (a discount); the invoice total may not.
const unitPrice = z
  .number({ message: 'Unit price must be an amount like 125.00' })
  .int('Unit price must be whole cents')
  .min(-100_000_000, 'Unit price is too small')
  .max(100_000_000, 'Unit price is too large');

export const DraftLineInput = z.object({
  description,
  quantityThousandths: quantity,
  unitPriceCents: unitPrice,
  taxable: z.boolean({ message: 'Taxable must be true or false' }).default(true),
});
export type DraftLineValues = z.infer<typeof DraftLineInput>;

export const WorkItemRef = z.object({
  kind: z.enum(['time', 'part'], { message: 'Item kind must be time or part' }),
  id: z.string({ message: 'Item id is required' }).min(1, 'Item id is required'),
});

export const CreateInvoiceInput = z
  .object({
    companyId: z.string({ message: 'Company is required' }).min(1, 'Company is required'),
    lines: z
      .array(DraftLineInput, { message: 'Lines must be a list' })
      .max(500, 'At most 500 lines')
      .default([]),
    items: z
      .array(WorkItemRef, { message: 'Items must be a list' })
      .max(2000, 'At most 2000 items')
      .default([]),
    notes: text(2000, 'Notes'),
    /** Issue at once instead of leaving a draft. */
    issue: z.boolean({ message: 'Issue must be true or false' }).default(false),
  })
  .refine((v) => v.lines.length + v.items.length > 0, {
    path: ['lines'],
    message: 'Add at least one line or ready-to-bill item',
  });

export const VoidInput = z.object({
  reason: z
    .string({ message: 'Reason is required' })
    .trim()
    .min(1, 'Say why the invoice is voided')
    .max(500, 'Reason must be at most 500 characters'),
  /** Let the next billing run bill this invoice's recurring periods again. */
  rebill: z.boolean({ message: 'Rebill must be true or false' }).default(false),
});

export const CreditNoteInput = z
  .object({
    full: z.boolean({ message: 'Full must be true or false' }).default(false),
    description: text(1000, 'Description'),
    amountCents: z
      .number({ message: 'Amount must be an amount like 25.00' })
      .int('Amount must be whole cents')
      .min(1, 'Amount must be more than zero')
      .max(100_000_000, 'Amount is too large')
      .nullish(),
    taxable: z.boolean({ message: 'Taxable must be true or false' }).default(false),
    reason: text(500, 'Reason'),
  })
  .superRefine((v, c) => {
    if (v.full) return;
    if (!v.description)
      c.addIssue({ code: 'custom', path: ['description'], message: 'Description is required' });
    if (v.amountCents == null)
      c.addIssue({ code: 'custom', path: ['amountCents'], message: 'Amount is required' });
  });
