import { z } from 'zod';
import { optionalEmail } from '../companies/schemas.ts';

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const fields = {
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(200, 'Name must be at most 200 characters'),
  title: text(200, 'Title'),
  email: optionalEmail,
  phone: text(50, 'Phone'),
  notes: text(10_000, 'Notes'),
  portalAccess: z.boolean({ message: 'Portal access must be true or false' }),
  portalBilling: z.boolean({ message: 'Portal billing must be true or false' }),
  portalService: z.boolean({ message: 'Portal service must be true or false' }),
  emailOptOut: z.boolean({ message: 'Email opt-out must be true or false' }),
};

export const CreateContactInput = z
  .object({
    ...fields,
    portalAccess: fields.portalAccess.default(false),
    portalBilling: fields.portalBilling.default(false),
    portalService: fields.portalService.default(false),
    emailOptOut: fields.emailOptOut.default(false),
  })
  .refine((c) => !c.portalAccess || c.email, {
    path: ['email'],
    message: 'A contact with portal access needs an email address to sign in with',
  });
export type CreateContactInput = z.infer<typeof CreateContactInput>;

export const UpdateContactInput = z
  .object({ ...fields, active: z.boolean({ message: 'Active must be true or false' }) })
  .partial();
export type UpdateContactInput = z.infer<typeof UpdateContactInput>;

export function formToContactInput(form: Record<string, string | undefined>) {
  return {
    name: form.name,
    title: form.title,
    email: form.email,
    phone: form.phone,
    notes: form.notes,
    portalAccess: form.portalAccess === 'on',
    portalBilling: form.portalBilling === 'on',
    portalService: form.portalService === 'on',
    emailOptOut: form.emailOptOut === 'on',
  };
}
