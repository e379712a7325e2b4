// Which CSV column feeds which asset field. The guess reads header names the way MSP spreadsheets
// and RMM exports spell them ("Hostname", "S/N", "Manufacturer", "Site", "Assigned to"); the user
// confirms or changes it on the mapping step. Category fields are targets named "cf.<key>".
import type { Category } from '../../categories/queries.ts';

export const IMPORT_FIELDS = [
  {
    key: 'name',
    label: 'Name / hostname',
    aliases: [
      'name',
      'hostname',
      'host name',
      'host',
      'computer name',
      'computer',
      'device name',
      'device',
      'asset name',
      'asset',
      'machine name',
      'system name',
    ],
  },
  {
    key: 'category',
    label: 'Category',
    aliases: ['category', 'type', 'asset type', 'device type', 'asset category', 'kind', 'class'],
  },
  { key: 'make', label: 'Make', aliases: ['make', 'manufacturer', 'brand', 'mfr', 'mfg'] },
  {
    key: 'model',
    label: 'Model',
    aliases: ['model', 'model name', 'model number', 'model no', 'product'],
  },
  {
    key: 'serial',
    label: 'Serial number',
    aliases: [
      'serial',
      'serial number',
      'serial no',
      'serial num',
      'sn',
      's n',
      'service tag',
      'serialnumber',
    ],
  },
  {
    key: 'assetTag',
    label: 'Asset tag',
    aliases: [
      'asset tag',
      'tag',
      'asset number',
      'asset no',
      'asset id',
      'inventory number',
      'inventory tag',
      'assettag',
    ],
  },
  { key: 'status', label: 'Status', aliases: ['status', 'state', 'asset status', 'lifecycle'] },
  {
    key: 'location',
    label: 'Location',
    aliases: ['location', 'site', 'office', 'location name', 'site name', 'branch'],
  },
  {
    key: 'contact',
    label: 'Assigned contact (name or email)',
    aliases: [
      'assigned to',
      'assigned',
      'user',
      'assigned user',
      'contact',
      'owner',
      'employee',
      'primary user',
      'user name',
      'username',
      'email',
      'user email',
      'assigned contact',
    ],
  },
  {
    key: 'ipAddresses',
    label: 'IP addresses',
    aliases: [
      'ip',
      'ip address',
      'ip addresses',
      'ips',
      'ipv4',
      'ipv4 address',
      'ip addr',
      'lan ip',
      'ipaddress',
    ],
  },
  {
    key: 'mac',
    label: 'MAC address',
    aliases: ['mac', 'mac address', 'mac addr', 'macaddress', 'hardware address'],
  },
  {
    key: 'os',
    label: 'OS / firmware',
    aliases: ['os', 'operating system', 'os version', 'firmware', 'firmware version', 'platform'],
  },
  {
    key: 'purchaseDate',
    label: 'Purchase date',
    aliases: [
      'purchase date',
      'purchased',
      'date purchased',
      'purchased on',
      'bought',
      'acquired',
      'acquisition date',
      'order date',
    ],
  },
  {
    key: 'purchasePrice',
    label: 'Purchase price',
    aliases: ['purchase price', 'price', 'cost', 'purchase cost', 'amount'],
  },
  {
    key: 'vendor',
    label: 'Vendor',
    aliases: ['vendor', 'supplier', 'purchased from', 'reseller', 'distributor'],
  },
  {
    key: 'warrantyExpires',
    label: 'Warranty expires',
    aliases: [
      'warranty',
      'warranty expires',
      'warranty expiry',
      'warranty expiration',
      'warranty end',
      'warranty end date',
      'warranty until',
      'warranty expiration date',
      'warranty exp',
      'warranty date',
    ],
  },
  {
    key: 'notes',
    label: 'Notes',
    aliases: ['notes', 'note', 'comments', 'comment', 'description', 'remarks'],
  },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];
/** Where a column goes: a field, a category field ("cf.ramGb"), or nowhere. */
export type Target = ImportFieldKey | `cf.${string}` | 'ignore';
export type Mapping = Target[];

const FIELD_KEYS = new Set<string>(IMPORT_FIELDS.map((f) => f.key));

/** "Warranty_Expires (date)" -> "warranty expires date"; "S/N" -> "s n". */
export const normalizeHeader = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Category fields any category defines, by key, with the label of the first definition. */
export function categoryFieldTargets(
  categories: Pick<Category, 'name' | 'fields'>[],
): { key: `cf.${string}`; label: string }[] {
  const seen = new Map<string, string>();
  for (const c of categories)
    for (const f of c.fields) if (!seen.has(f.key)) seen.set(f.key, f.label);
  return [...seen].map(([key, label]) => ({ key: `cf.${key}` as const, label }));
}

/**
 * One target per header: an exact alias first, then a category field's label or key; each target is
 * used once (the leftmost column wins), everything else is "ignore".
 */
export function guessMapping(
  headers: string[],
  categories: Pick<Category, 'name' | 'fields'>[] = [],
): Mapping {
  const byAlias = new Map<string, Target>();
  for (const f of IMPORT_FIELDS) for (const a of f.aliases) byAlias.set(a, f.key);
  for (const cf of categoryFieldTargets(categories)) {
    for (const a of [
      normalizeHeader(cf.label),
      normalizeHeader(cf.key.slice(3)),
      normalizeHeader(cf.key.slice(3).replace(/([a-z])([A-Z])/g, '$1 $2')),
    ])
      if (a && !byAlias.has(a)) byAlias.set(a, cf.key);
  }
  const used = new Set<Target>();
  return headers.map((h) => {
    const target = byAlias.get(normalizeHeader(h));
    if (!target || used.has(target)) return 'ignore';
    used.add(target);
    return target;
  });
}

/** True for a value the mapping form may send. */
export const isTarget = (s: string, categories: Pick<Category, 'name' | 'fields'>[]): s is Target =>
  s === 'ignore' || FIELD_KEYS.has(s) || categoryFieldTargets(categories).some((c) => c.key === s);

export const targetLabel = (t: Target, categories: Pick<Category, 'name' | 'fields'>[]) =>
  IMPORT_FIELDS.find((f) => f.key === t)?.label ??
  categoryFieldTargets(categories).find((c) => c.key === t)?.label ??
  'Ignored';

/** Problems with a mapping as a whole: the name must come from a column, and no field from two. */
export function checkMapping(
  headers: string[],
  mapping: Mapping,
  categories: Pick<Category, 'name' | 'fields'>[] = [],
): string[] {
  const errors: string[] = [];
  if (!mapping.includes('name'))
    errors.push('Choose the column that holds each asset’s name (or hostname).');
  const columns = new Map<Target, string[]>();
  mapping.forEach((t, i) => {
    if (t !== 'ignore') columns.set(t, [...(columns.get(t) ?? []), headers[i]]);
  });
  for (const [t, cols] of columns)
    if (cols.length > 1)
      errors.push(
        `${targetLabel(t, categories)} is chosen for more than one column (${cols.map((c) => `“${c}”`).join(', ')}); choose it for one only.`,
      );
  return errors;
}
