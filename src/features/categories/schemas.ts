// Asset categories and the extra typed fields each defines. A field's key is stable (stored in each
// asset's custom_fields); its label, type and options may change.
import { z } from 'zod';

export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type CategoryField = { key: string; label: string; type: FieldType; options?: string[] };

const FieldDef = z
  .object({
    key: z
      .string({ message: 'Field key is required' })
      .trim()
      .regex(
        /^[a-zA-Z][a-zA-Z0-9]{0,39}$/,
        'Field key must be letters and digits, starting with a letter (e.g. managementUrl)',
      ),
    label: z
      .string({ message: 'Field label is required' })
      .trim()
      .min(1, 'Field label is required')
      .max(100, 'Field label must be at most 100 characters'),
    type: z.enum(FIELD_TYPES, { message: 'Field type must be text, number, date, select or URL' }),
    options: z.array(z.string().trim().min(1).max(100)).max(50, 'At most 50 options').optional(),
  })
  .refine((f) => f.type !== 'select' || (f.options && f.options.length > 0), {
    message: 'A select field needs at least one option',
    path: ['options'],
  })
  .transform(
    (f): CategoryField =>
      f.type === 'select'
        ? { key: f.key, label: f.label, type: f.type, options: f.options }
        : { key: f.key, label: f.label, type: f.type },
  );

export const CategoryInput = z.object({
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(100, 'Name must be at most 100 characters'),
  fields: z
    .array(FieldDef)
    .max(30, 'At most 30 extra fields')
    .default([])
    .refine(
      (fs) => new Set(fs.map((f) => f.key)).size === fs.length,
      'Two fields have the same key',
    ),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

/** "Management URL" -> "managementUrl": a key for a field added without one. */
export const keyFromLabel = (label: string) =>
  label
    .trim()
    .replace(/[^a-zA-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .replace(/^[0-9]+/, '')
    .slice(0, 40);

/** The category form posts rows f0_label, f0_type, f0_options (comma separated), f0_key; a row with no label is dropped. */
export function formToCategoryInput(form: Record<string, string | undefined>, rows: number) {
  const fields = [];
  for (let i = 0; i < rows; i++) {
    const label = form[`f${i}_label`]?.trim();
    if (!label) continue;
    const type = form[`f${i}_type`] || 'text';
    const options = (form[`f${i}_options`] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    fields.push({
      key: form[`f${i}_key`]?.trim() || keyFromLabel(label),
      label,
      type,
      ...(type === 'select' ? { options } : {}),
    });
  }
  return { name: form.name, fields };
}
