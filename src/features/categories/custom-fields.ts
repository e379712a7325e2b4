// Validates an asset's extra fields against its category's definitions: numbers are numbers, dates
// are calendar dates, URLs are http(s), selects are one of the options, unknown keys are refused.
// Empty values are dropped, so "not filled in" is simply absent.
import type { FieldError } from '../../platform/errors.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import type { CategoryField } from './schemas.ts';

export type CustomValues = Record<string, string | number>;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function validateCustomFields(
  defs: CategoryField[],
  raw: unknown,
  opts: { dropUnknown?: boolean } = {},
): { values: CustomValues; errors: FieldError[] } {
  const values: CustomValues = {};
  const errors: FieldError[] = [];
  if (raw === null || raw === undefined) return { values, errors };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return {
      values,
      errors: [{ path: 'customFields', message: 'Custom fields must be an object of key: value' }],
    };
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const path = `customFields.${key}`;
    const def = byKey.get(key);
    if (!def) {
      if (!opts.dropUnknown)
        errors.push({ path, message: `${key} is not a field of this category` });
      continue;
    }
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    if (typeof v !== 'string' && typeof v !== 'number') {
      errors.push({ path, message: `${def.label} must be text or a number` });
      continue;
    }
    const s = String(v).trim();
    switch (def.type) {
      case 'number': {
        const n = typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
        if (!Number.isFinite(n)) errors.push({ path, message: `${def.label} must be a number` });
        else values[key] = n;
        break;
      }
      case 'date':
        if (!isCalendarDate(s))
          errors.push({ path, message: `${def.label} must be a date (YYYY-MM-DD)` });
        else values[key] = s;
        break;
      case 'url':
        if (!isHttpUrl(s))
          errors.push({
            path,
            message: `${def.label} must be a web address starting with http:// or https://`,
          });
        else values[key] = s;
        break;
      case 'select':
        if (!(def.options ?? []).includes(s))
          errors.push({
            path,
            message: `${def.label} must be one of: ${(def.options ?? []).join(', ')}`,
          });
        else values[key] = s;
        break;
      default:
        if (s.length > 500)
          errors.push({ path, message: `${def.label} must be at most 500 characters` });
        else values[key] = s;
    }
  }
  return { values, errors };
}
