// Reading many assets: the HTML lists (offset pages with a total), the CSV export of the same
// filtered list (capped), the API's keyset pages and the warranty view.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { centsToInput } from '../../lib/money.ts';
import { ASSET_STATUSES, ListAssetsQuery } from './schemas.ts';
import { addDays, listAssets, listAssetsAfter, type AssetView } from './queries.ts';
import { businessToday } from './service.ts';

export const CSV_MAX_ROWS = 50_000;

export async function browseAssets(ctx: Ctx, raw: unknown, scope: { companyId?: string } = {}) {
  assertCan(ctx.actor, 'assets.read');
  const query = parseInput(ListAssetsQuery, raw);
  if (scope.companyId) query.companyId = scope.companyId;
  const today = await businessToday(ctx);
  const page = await listAssets(
    ctx.db,
    { ...query, today },
    { sort: query.sort, dir: query.dir, limit: query.size, offset: (query.page - 1) * query.size },
  );
  return { query, today, ...page };
}

// A cell starting with = + - @ is a formula to Excel; a leading apostrophe keeps it text.
const safe = (v: string | null | undefined) => (v ? (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) : '');

const CSV_COLUMNS = [
  'Company',
  'Name',
  'Category',
  'Status',
  'Make',
  'Model',
  'Serial',
  'Asset tag',
  'Location',
  'Assigned to',
  'IP addresses',
  'MAC',
  'OS / firmware',
  'Purchase date',
  'Purchase price',
  'Vendor',
  'Warranty expires',
  'Notes',
  'Extra fields',
  'ID',
];

const csvRow = (a: AssetView) => [
  safe(a.companyName),
  safe(a.name),
  safe(a.categoryName),
  a.status,
  safe(a.make),
  safe(a.model),
  safe(a.serial),
  safe(a.assetTag),
  safe(a.locationName),
  safe(a.contactName),
  a.ipAddresses.join(' '),
  a.mac ?? '',
  safe(a.os),
  a.purchaseDate ?? '',
  a.purchasePriceCents === null ? '' : centsToInput(a.purchasePriceCents),
  safe(a.vendor),
  a.warrantyExpires ?? '',
  safe(a.notes),
  safe(
    Object.entries(a.customFields)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
  ),
  a.id,
];

/** The current filtered, sorted list as CSV (every page, up to CSV_MAX_ROWS rows). */
export async function exportAssetsCsv(
  ctx: Ctx,
  raw: unknown,
  scope: { companyId?: string } = {},
): Promise<{ csv: string; truncated: boolean }> {
  assertCan(ctx.actor, 'assets.read');
  const query = parseInput(ListAssetsQuery, raw);
  if (scope.companyId) query.companyId = scope.companyId;
  const today = await businessToday(ctx);
  const { items } = await listAssets(
    ctx.db,
    { ...query, today },
    { sort: query.sort, dir: query.dir, limit: CSV_MAX_ROWS + 1, offset: 0, count: false },
  );
  return {
    csv: stringify([CSV_COLUMNS, ...items.slice(0, CSV_MAX_ROWS).map(csvRow)]),
    truncated: items.length > CSV_MAX_ROWS,
  };
}

export const ApiListQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  companyId: z.string().max(64).optional(),
  categoryId: z.string().max(64).optional(),
  locationId: z.string().max(64).optional(),
  status: z
    .enum(ASSET_STATUSES, { message: 'status must be in_service, spare, in_repair or retired' })
    .optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});

export async function pageAssets(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'assets.read');
  const q = parseInput(ApiListQuery, raw);
  const { items, nextCursor } = await listAssetsAfter(
    ctx.db,
    { ...q, company: '', today: '' },
    { limit: q.limit, cursor: q.cursor },
  );
  // The API returns plain assets; names are one request away.
  return {
    items: items.map(
      ({ companyName: _a, categoryName: _b, locationName: _c, contactName: _d, ...asset }) => asset,
    ),
    nextCursor,
  };
}

export const WARRANTY_AHEAD_DAYS = 90;
export const WARRANTY_BEHIND_DAYS = 30;
const WarrantyQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});

/** Warranties ending in the next 90 days or ended in the last 30, soonest first, across companies. */
export async function warrantyAssets(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'assets.read');
  const q = parseInput(WarrantyQuery, raw);
  const today = await businessToday(ctx);
  const filter = {
    q: '',
    company: '',
    today,
    warrantyFrom: addDays(today, -WARRANTY_BEHIND_DAYS),
    warrantyTo: addDays(today, WARRANTY_AHEAD_DAYS),
  };
  const page = await listAssets(ctx.db, filter, {
    sort: 'warranty',
    dir: 'asc',
    limit: q.size,
    offset: (q.page - 1) * q.size,
  });
  return { query: q, today, ...page };
}
