// Asset import use cases. Nothing is written until every row is valid: the import re-reads the CSV,
// re-matches names against the company's own locations and contacts inside the transaction, and
// either writes every asset (plus any locations it creates, and an audit row for each) or nothing.
import type { Ctx } from '../../../platform/context.ts';
import { audit } from '../../../platform/audit.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { assertCan } from '../../../platform/permissions.ts';
import type { UploadedFile } from '../../../platform/uploads.ts';
import { parseInput } from '../../../platform/validation.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { nowIso } from '../../../lib/dates.ts';
import { newId } from '../../../lib/ids.ts';
import type { Company } from '../../companies/queries.ts';
import { getCompany } from '../../companies/service.ts';
import { listCategories, type Category } from '../../categories/queries.ts';
import { insertLocation } from '../../locations/queries.ts';
import type { Asset } from '../queries.ts';
import { decodeCsv, MAX_CSV_BYTES, parseCsv, type CsvTable } from './csv.ts';
import { checkMapping, guessMapping, type Mapping } from './mapping.ts';
import { validateRows, type ImportLookups, type RowsResult } from './rows.ts';
import { companyContactNames, companyLocationNames, insertAssets } from './queries.ts';
import { ImportForm, mappingFromForm } from './schemas.ts';

export type ImportState = {
  company: Company;
  csv: string;
  filename: string;
  table: CsvTable;
  mapping: Mapping;
  defaultCategoryId: string;
  createLocations: boolean;
  categories: Category[];
  mappingErrors: string[];
};
/** A checked import: result is null while the mapping itself is unusable. */
export type ImportPreview = ImportState & { lookups: ImportLookups; result: RowsResult | null };

async function lookupsFor(db: DbOrTrx, companyId: string): Promise<ImportLookups> {
  const [categories, locations, contacts] = await Promise.all([
    listCategories(db),
    companyLocationNames(db, companyId),
    companyContactNames(db, companyId),
  ]);
  return { categories, locations, contacts };
}

function tableOf(csv: string, path: string): CsvTable {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new ValidationError([{ path, message: parsed.error }], parsed.error);
  return parsed.table;
}

/** Step 1 -> 2: the uploaded file read and a mapping guessed from its header row. */
export async function startImport(
  ctx: Ctx,
  companyId: string,
  file: UploadedFile | null,
): Promise<ImportState> {
  assertCan(ctx.actor, 'assets.write');
  const company = await getCompany(ctx, companyId);
  const refuse = (message: string) => new ValidationError([{ path: 'file', message }], message);
  if (!file || file.data.length === 0) throw refuse('Choose a CSV file to upload.');
  if (file.data.length > MAX_CSV_BYTES)
    throw refuse(
      `The file is larger than ${MAX_CSV_BYTES / (1024 * 1024)} MB. Split it into smaller files.`,
    );
  const csv = decodeCsv(file.data);
  const table = tableOf(csv, 'file');
  const categories = await listCategories(ctx.db);
  const defaultCategoryId =
    (categories.find((c) => c.id === 'cat-computers') ?? categories[0])?.id ?? '';
  return {
    company,
    csv,
    filename: file.filename.slice(0, 200),
    table,
    mapping: guessMapping(table.headers, categories),
    defaultCategoryId,
    createLocations: false,
    categories,
    mappingErrors: [],
  };
}

/** The mapping form as submitted (step 2, 3 or 4), with what is wrong with the mapping as a whole. */
export async function readImportForm(
  ctx: Ctx,
  companyId: string,
  raw: Record<string, unknown>,
): Promise<ImportState> {
  assertCan(ctx.actor, 'assets.write');
  const company = await getCompany(ctx, companyId);
  const form = parseInput(ImportForm, raw);
  const table = tableOf(form.csv, 'csv');
  const categories = await listCategories(ctx.db);
  const mapping = mappingFromForm(raw, table.headers.length, categories);
  const mappingErrors = checkMapping(table.headers, mapping, categories);
  if (!categories.some((c) => c.id === form.categoryId))
    mappingErrors.push('Choose the category for rows that do not name one.');
  return {
    company,
    csv: form.csv,
    filename: form.filename,
    table,
    mapping,
    defaultCategoryId: form.categoryId,
    createLocations: form.createLocations,
    categories,
    mappingErrors,
  };
}

function check(state: ImportState, lookups: ImportLookups): ImportPreview {
  const result = state.mappingErrors.length
    ? null
    : validateRows(state.table, state.mapping, lookups, {
        defaultCategoryId: state.defaultCategoryId,
        createLocations: state.createLocations,
      });
  return { ...state, lookups, result };
}

/** Step 3: every row checked, nothing written. */
export async function previewImport(
  ctx: Ctx,
  companyId: string,
  raw: Record<string, unknown>,
): Promise<ImportPreview> {
  const state = await readImportForm(ctx, companyId, raw);
  return check(state, await lookupsFor(ctx.db, companyId));
}

/** Step 4: all rows in one transaction, or none when any row (or the mapping) has a problem. */
export async function runImport(
  ctx: Ctx,
  companyId: string,
  raw: Record<string, unknown>,
): Promise<{ ok: true; count: number } | { ok: false; preview: ImportPreview }> {
  const state = await readImportForm(ctx, companyId, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const preview = check(state, await lookupsFor(trx, companyId));
    const result = preview.result;
    if (!result || result.errors.length || result.valid.length === 0)
      return { ok: false as const, preview };
    const now = nowIso();
    const createdIds = new Map<string, string>();
    for (const name of result.newLocations) {
      const id = newId();
      await insertLocation(trx, {
        id,
        companyId,
        name,
        address: null,
        notes: null,
        createdAt: now,
        updatedAt: now,
      });
      await audit(trx, ctx, {
        action: 'location.create',
        entityType: 'location',
        entityId: id,
        companyId,
        summary: { name, source: 'csv import' },
      });
      createdIds.set(name.toLowerCase(), id);
    }
    const assets: Asset[] = result.valid.map((v) => ({
      id: newId(),
      companyId,
      ...v.input,
      locationId: v.newLocation
        ? (createdIds.get(v.newLocation.toLowerCase()) ?? null)
        : v.input.locationId,
      createdAt: now,
      updatedAt: now,
    }));
    await insertAssets(trx, assets);
    const categoryName = new Map(preview.lookups.categories.map((c) => [c.id, c.name]));
    for (const a of assets) {
      await audit(trx, ctx, {
        action: 'asset.create',
        entityType: 'asset',
        entityId: a.id,
        companyId,
        summary: {
          name: a.name,
          category: categoryName.get(a.categoryId),
          status: a.status,
          source: 'csv import',
        },
      });
    }
    await audit(trx, ctx, {
      action: 'asset.import',
      entityType: 'company',
      entityId: companyId,
      companyId,
      summary: {
        count: assets.length,
        file: state.filename || null,
        locationsCreated: result.newLocations,
      },
    });
    return { ok: true as const, count: assets.length };
  });
}
