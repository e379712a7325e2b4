// The mapping and preview forms: the CSV text travels in the form (no server-side upload table),
// bounded by MAX_CSV_BYTES; each column's target arrives as map.<column index>.
import { z } from 'zod';
import type { Category } from '../../categories/queries.ts';
import { MAX_CSV_BYTES } from './csv.ts';
import { isTarget, type Mapping } from './mapping.ts';

export const ImportForm = z.object({
  csv: z
    .string({ message: 'The CSV is missing; upload the file again' })
    .min(1, 'The CSV is missing; upload the file again')
    .max(MAX_CSV_BYTES, 'The CSV is too large; upload a smaller file'),
  filename: z
    .string()
    .trim()
    .max(200)
    .optional()
    .default('')
    .transform((s) => s.replace(/[^\p{L}\p{N} ._()-]/gu, '')),
  categoryId: z.string().trim().max(64).optional().default(''),
  createLocations: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === '1' || v === 'true'),
});
export type ImportForm = z.infer<typeof ImportForm>;

/** The submitted target of each column; anything the form could not have offered counts as "ignore". */
export function mappingFromForm(
  form: Record<string, unknown>,
  columns: number,
  categories: Category[],
): Mapping {
  return Array.from({ length: columns }, (_, i) => {
    const v = form[`map.${i}`];
    return typeof v === 'string' && isTarget(v, categories) ? v : 'ignore';
  });
}
