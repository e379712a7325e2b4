// Inputs of the documents feature. The file itself arrives beside these fields (platform/uploads.ts).
import { z } from 'zod';

const id = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(36, `${label} is not a valid id`);
const optionalId = (label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(36, `${label} is not a valid id`)
    .nullish()
    .transform((v) => (v ? v : null));

export const UploadDocumentInput = z.object({
  companyId: id('Company'),
  assetId: optionalId('Asset'),
});
export type UploadDocumentInput = z.infer<typeof UploadDocumentInput>;

export const ListDocumentsQuery = z.object({
  companyId: optionalId('companyId'),
  assetId: optionalId('assetId'),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(36).optional(),
});
export type ListDocumentsQuery = z.infer<typeof ListDocumentsQuery>;

/** The HTML list: page numbers, with the remembered page size. */
export const DocumentPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});
export type DocumentPageQuery = z.infer<typeof DocumentPageQuery>;
