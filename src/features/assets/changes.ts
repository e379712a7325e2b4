// What changed on an asset, field by field, in words people read in the history: ids become names
// (location, assigned contact, category), IPs a list, and each category field `field.<key>`.
import type { Asset } from './queries.ts';

type Names = {
  location: Map<string, string>;
  contact: Map<string, string>;
  category: Map<string, string>;
};

const PLAIN = [
  'name',
  'make',
  'model',
  'serial',
  'assetTag',
  'status',
  'mac',
  'os',
  'purchaseDate',
  'purchasePriceCents',
  'vendor',
  'warrantyExpires',
  'notes',
] as const;

export function assetChanges(
  before: Asset,
  after: Asset,
  names: Names,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const put = (key: string, a: unknown, b: unknown) => {
    const x = a === undefined || a === '' ? null : a;
    const y = b === undefined || b === '' ? null : b;
    if (x !== y) out[key] = [x, y];
  };
  for (const k of PLAIN) put(k, before[k], after[k]);
  const name = (m: Map<string, string>, id: string | null) => (id ? (m.get(id) ?? id) : null);
  if (before.categoryId !== after.categoryId)
    put(
      'category',
      name(names.category, before.categoryId),
      name(names.category, after.categoryId),
    );
  if (before.locationId !== after.locationId)
    put(
      'location',
      name(names.location, before.locationId),
      name(names.location, after.locationId),
    );
  if (before.contactId !== after.contactId)
    put(
      'assignedContact',
      name(names.contact, before.contactId),
      name(names.contact, after.contactId),
    );
  put('ipAddresses', before.ipAddresses.join(', '), after.ipAddresses.join(', '));
  const keys = new Set([...Object.keys(before.customFields), ...Object.keys(after.customFields)]);
  for (const k of [...keys].sort((a, b) => a.localeCompare(b)))
    put(`field.${k}`, before.customFields[k], after.customFields[k]);
  return out;
}
