// Every row of an import checked against the same rules as the asset form (CreateAssetInput and the
// category's typed fields), with names resolved only among what the caller passes in: the company's
// own locations and contacts. Pure: the service loads those lists and decides what to write.
import type { Category } from '../../categories/queries.ts';
import { validateCustomFields, type CustomValues } from '../../categories/custom-fields.ts';
import { CreateAssetInput } from '../schemas.ts';
import type { CsvTable } from './csv.ts';
import { categoryFieldTargets, IMPORT_FIELDS, type Mapping, type Target } from './mapping.ts';
import { normalizeDate, normalizeMoney, normalizeStatus } from './normalize.ts';

export type RowError = { row: number; field: string; message: string };
export type ImportLookups = {
  categories: Category[];
  locations: { id: string; name: string }[];
  contacts: { id: string; name: string; email: string | null }[];
};
export type ImportOptions = { defaultCategoryId: string; createLocations: boolean };
/** A row ready to insert. locationId is null and newLocation set when the row names a location to create. */
export type ValidRow = {
  row: number;
  input: Omit<CreateAssetInput, 'customFields'> & { customFields: CustomValues };
  newLocation: string | null;
};
export type RowsResult = { valid: ValidRow[]; errors: RowError[]; newLocations: string[] };

const SCHEMA_LABELS: Record<string, string> = {
  categoryId: 'Category',
  name: 'Name',
  make: 'Make',
  model: 'Model',
  serial: 'Serial number',
  assetTag: 'Asset tag',
  status: 'Status',
  locationId: 'Location',
  contactId: 'Assigned contact',
  contact: 'Assigned contact',
  ipAddresses: 'IP addresses',
  mac: 'MAC address',
  os: 'OS / firmware',
  purchaseDate: 'Purchase date',
  purchasePriceCents: 'Purchase price',
  vendor: 'Vendor',
  warrantyExpires: 'Warranty expires',
  notes: 'Notes',
};
const label = (key: string) =>
  SCHEMA_LABELS[key] ?? IMPORT_FIELDS.find((f) => f.key === key)?.label ?? key;
const quote = (s: string) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;
const lower = (s: string) => s.trim().toLowerCase();
/** "Printer" finds "Printers": names compare case-insensitively and without a final s. */
const categoryKey = (s: string) => lower(s).replace(/s$/, '');

function listOf(names: string[]) {
  if (names.length === 0) return 'none yet';
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, …` : names.join(', ');
}

/** Name lookups built once per import, not once per row. */
function indexes(l: ImportLookups) {
  const categories = new Map<string, Category>();
  for (const c of l.categories) {
    categories.set(lower(c.id), c);
    if (!categories.has(categoryKey(c.name))) categories.set(categoryKey(c.name), c);
  }
  const locations = new Map<string, string>();
  for (const x of l.locations)
    if (!locations.has(lower(x.name))) locations.set(lower(x.name), x.id);
  const contactsByName = new Map<string, string[]>();
  const contactsByEmail = new Map<string, string>();
  for (const c of l.contacts) {
    contactsByName.set(lower(c.name), [...(contactsByName.get(lower(c.name)) ?? []), c.id]);
    if (c.email) contactsByEmail.set(lower(c.email), c.id);
  }
  return { categories, locations, contactsByName, contactsByEmail };
}

export function validateRows(
  table: CsvTable,
  mapping: Mapping,
  lookups: ImportLookups,
  opts: ImportOptions,
): RowsResult {
  const ix = indexes(lookups);
  const cfLabels = new Map<string, string>(
    categoryFieldTargets(lookups.categories).map((t) => [t.key, t.label]),
  );
  const column = new Map<Target, number>();
  mapping.forEach((t, i) => {
    if (t !== 'ignore' && !column.has(t)) column.set(t, i);
  });
  const width = table.headers.length;
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const newLocations = new Map<string, string>();

  for (const { row, cells } of table.rows) {
    const rowErrors: RowError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ row, field, message });
    const cell = (t: Target) => (column.has(t) ? (cells[column.get(t)!] ?? '').trim() : '');
    const extra = cells.slice(width).filter((c) => c !== '');
    if (extra.length)
      fail(
        'Row',
        `has ${cells.length} values but the header has ${width} columns — a value with a comma in it may be missing its quotes`,
      );

    const raw: Record<string, unknown> = {
      name: cell('name'),
      make: cell('make'),
      model: cell('model'),
      serial: cell('serial'),
      assetTag: cell('assetTag'),
      mac: cell('mac'),
      ipAddresses: cell('ipAddresses'),
      os: cell('os'),
      vendor: cell('vendor'),
      notes: cell('notes'),
    };

    const status = cell('status');
    if (status) {
      const s = normalizeStatus(status);
      if (s) raw.status = s;
      else
        fail(
          label('status'),
          `${quote(status)} is not a status; use in service, spare, in repair or retired`,
        );
    }
    for (const key of ['purchaseDate', 'warrantyExpires'] as const) {
      const v = cell(key);
      if (!v) continue;
      const d = normalizeDate(v);
      if (d) raw[key] = d;
      else fail(label(key), `${quote(v)} must be a date like 2027-03-31 or 3/31/2027`);
    }
    const price = cell('purchasePrice');
    if (price) {
      const cents = normalizeMoney(price);
      if (cents === null)
        fail(label('purchasePrice'), `${quote(price)} must be an amount like 1299.00`);
      else raw.purchasePriceCents = cents;
    }

    const categoryName = cell('category');
    const category = categoryName
      ? (ix.categories.get(categoryKey(categoryName)) ?? ix.categories.get(lower(categoryName)))
      : ix.categories.get(lower(opts.defaultCategoryId));
    if (category) raw.categoryId = category.id;
    else if (categoryName)
      fail(
        label('category'),
        `${quote(categoryName)} is not a category; the categories are ${listOf(lookups.categories.map((c) => c.name))}`,
      );
    else fail(label('category'), 'no category in this row and no default category chosen');

    let newLocation: string | null = null;
    const locationName = cell('location');
    if (locationName) {
      const id = ix.locations.get(lower(locationName));
      if (id) raw.locationId = id;
      else if (!opts.createLocations)
        fail(
          label('location'),
          `this company has no location called ${quote(locationName)} (its locations: ${listOf(lookups.locations.map((l) => l.name))}); add it first or tick “Create missing locations”`,
        );
      else if (locationName.length > 200)
        fail(label('location'), 'a new location’s name must be at most 200 characters');
      else {
        newLocation = newLocations.get(lower(locationName)) ?? locationName;
        newLocations.set(lower(locationName), newLocation);
      }
    }

    const who = cell('contact');
    if (who) {
      const byEmail = who.includes('@') ? ix.contactsByEmail.get(lower(who)) : undefined;
      const byName = ix.contactsByName.get(lower(who)) ?? [];
      if (byEmail) raw.contactId = byEmail;
      else if (byName.length === 1) raw.contactId = byName[0];
      else if (byName.length > 1)
        fail(
          label('contact'),
          `${byName.length} contacts are called ${quote(who)}; use the contact’s email address instead`,
        );
      else
        fail(label('contact'), `this company has no contact with the name or email ${quote(who)}`);
    }

    const custom: Record<string, string> = {};
    for (const [t, i] of column) {
      if (!t.startsWith('cf.') || !cells[i]?.trim()) continue;
      const key = t.slice(3);
      if (category && !category.fields.some((f) => f.key === key))
        fail(
          cfLabels.get(t) ?? key,
          `is not a field of the category ${category.name}; leave it empty in this row`,
        );
      else custom[key] = cells[i].trim();
    }
    const customValues = category
      ? validateCustomFields(category.fields, custom, { dropUnknown: true })
      : { values: {}, errors: [] };
    for (const e of customValues.errors)
      fail(cfLabels.get(`cf.${e.path.replace(/^customFields\./, '')}`) ?? e.path, e.message);

    const parsed = CreateAssetInput.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'name');
        // A category already reported as unknown is not reported again as "Choose a category".
        if (key === 'categoryId' && rowErrors.some((e) => e.field === label('category'))) continue;
        fail(label(key), issue.message);
      }
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (parsed.success)
      valid.push({
        row,
        input: { ...parsed.data, customFields: customValues.values },
        newLocation,
      });
  }
  return { valid, errors, newLocations: [...newLocations.values()] };
}

/** "Row 7 · Warranty expires: “2026-02-30” must be a date like …" */
export const formatRowError = (e: RowError) => `Row ${e.row} · ${e.field}: ${e.message}`;
