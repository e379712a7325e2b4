// One schema per asset input, shared by the HTML forms and the JSON API. The category's extra
// fields are checked in the service (they depend on the category row); everything else is here.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';
import { parseMoney } from '../../lib/money.ts';

export const ASSET_STATUSES = ['in_service', 'spare', 'in_repair', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

const optionalText = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const optionalId = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));
const optionalDate = (label: string) =>
  z
    .string({ message: `${label} must be a date (YYYY-MM-DD)` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), `${label} must be a date (YYYY-MM-DD)`);

/** "10.0.0.5, fe80::1 10.0.0.6" or ["10.0.0.5"] -> ["10.0.0.5", "fe80::1", "10.0.0.6"], each a valid IPv4/IPv6. */
export const ipList = z
  .union([z.string(), z.array(z.string())], { message: 'IP addresses must be text or a list' })
  .nullish()
  .transform((v, ctx) => {
    const parts = (Array.isArray(v) ? v.join(' ') : (v ?? '')).split(/[\s,;]+/).filter(Boolean);
    const bad = parts.filter((p) => isIP(p) === 0);
    if (bad.length)
      ctx.addIssue({ code: 'custom', message: `Not an IP address: ${bad.slice(0, 3).join(', ')}` });
    if (parts.join(', ').length > 500)
      ctx.addIssue({ code: 'custom', message: 'Too many IP addresses (500 characters at most)' });
    return [...new Set(parts.map((p) => p.toLowerCase()))];
  });

/** Any common MAC spelling (aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff, AABBCCDDEEFF) -> AA:BB:CC:DD:EE:FF. */
export function normalizeMac(s: string): string | null {
  const hex = s.replace(/[\s:.-]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

const mac = z
  .string({ message: 'MAC address must be text' })
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const m = normalizeMac(v);
    if (!m) ctx.addIssue({ code: 'custom', message: 'Enter a MAC address like AA:BB:CC:DD:EE:FF' });
    return m;
  });

const fields = {
  categoryId: z.string({ message: 'Choose a category' }).trim().min(1, 'Choose a category'),
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(200, 'Name must be at most 200 characters'),
  make: optionalText(100, 'Make'),
  model: optionalText(100, 'Model'),
  serial: optionalText(100, 'Serial number'),
  assetTag: optionalText(100, 'Asset tag'),
  status: z.enum(ASSET_STATUSES, {
    message: 'Status must be in service, spare, in repair or retired',
  }),
  locationId: optionalId,
  contactId: optionalId,
  ipAddresses: ipList,
  mac,
  os: optionalText(200, 'OS / firmware'),
  purchaseDate: optionalDate('Purchase date'),
  purchasePriceCents: z
    .number({ message: 'Purchase price must be an amount like 1299.00' })
    .int('Purchase price must be a whole number of cents')
    .min(0, 'Purchase price cannot be negative')
    .max(100_000_000_00, 'Purchase price is too large')
    .nullish()
    .transform((v) => v ?? null),
  vendor: optionalText(200, 'Vendor'),
  warrantyExpires: optionalDate('Warranty expiry'),
  notes: optionalText(10_000, 'Notes'),
  customFields: z
    .record(z.string(), z.unknown(), { message: 'Custom fields must be an object of key: value' })
    .nullish(),
};

export const CreateAssetInput = z.object({
  ...fields,
  status: fields.status.default('in_service'),
  ipAddresses: fields.ipAddresses.default([]),
});
export type CreateAssetInput = z.infer<typeof CreateAssetInput>;
export const CreateAssetApiInput = CreateAssetInput.extend({
  companyId: z.string({ message: 'companyId is required' }).trim().min(1, 'companyId is required'),
});
export const UpdateAssetInput = z.object(fields).partial();
export type UpdateAssetInput = z.infer<typeof UpdateAssetInput>;

export const BulkAssetInput = z
  .object({
    ids: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
      .pipe(
        z
          .array(z.string().min(1))
          .min(1, 'Select at least one asset')
          .max(500, 'Select at most 500 assets at a time'),
      ),
    status: z.enum(ASSET_STATUSES, { message: 'Choose a status' }).optional(),
    locationId: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined ? undefined : v || null)),
  })
  .refine((b) => b.status !== undefined || b.locationId !== undefined, {
    message: 'Choose a status or a location',
    path: ['status'],
  });
export type BulkAssetInput = z.infer<typeof BulkAssetInput>;

export const ASSET_SORTS = ['name', 'warranty', 'created'] as const;
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
export const ListAssetsQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  company: z.string().trim().max(200).optional().default(''),
  companyId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  categoryId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  locationId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  status: z.preprocess(
    blankToUndefined,
    z.enum(ASSET_STATUSES, { message: 'Unknown status' }).optional(),
  ),
  warranty: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(3650, 'warranty must be 0–3650 days').optional(),
  ),
  sort: z.enum(ASSET_SORTS).optional().default('name'),
  dir: z.enum(['asc', 'desc']).optional().default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});
export type ListAssetsQuery = z.infer<typeof ListAssetsQuery>;

/** HTML form strings -> the API's types. Category fields arrive as cf.<key>. Unparseable values pass through so the schema names them. */
export function formToAssetInput(
  form: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const s = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
  const price = s('purchasePrice');
  const customFields: Record<string, string> = {};
  for (const [k, v] of Object.entries(form))
    if (k.startsWith('cf.') && typeof v === 'string') customFields[k.slice(3)] = v;
  return {
    categoryId: s('categoryId'),
    name: s('name'),
    make: s('make'),
    model: s('model'),
    serial: s('serial'),
    assetTag: s('assetTag'),
    status: s('status') || undefined,
    locationId: s('locationId'),
    contactId: s('contactId'),
    ipAddresses: s('ipAddresses'),
    mac: s('mac'),
    os: s('os'),
    purchaseDate: s('purchaseDate'),
    purchasePriceCents:
      price === undefined || price.trim() === '' ? null : (parseMoney(price) ?? price),
    vendor: s('vendor'),
    warrantyExpires: s('warrantyExpires'),
    notes: s('notes'),
    customFields,
  };
}
