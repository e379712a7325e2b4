// Spreadsheet spellings -> the values an asset stores. Each function returns null for a value it
// cannot read, so the row check can say which cell is wrong; none of them guesses across meanings
// (a date is either year-first, US month-first with slashes, or day-first with dots).
import { isCalendarDate } from '../../../lib/dates.ts';
import { parseMoney, type Cents } from '../../../lib/money.ts';
import type { AssetStatus } from '../schemas.ts';

const STATUS_WORDS: Record<AssetStatus, string[]> = {
  in_service: [
    'in service',
    'inservice',
    'active',
    'in use',
    'inuse',
    'deployed',
    'production',
    'live',
    'online',
    'operational',
    'assigned',
    'used',
  ],
  spare: [
    'spare',
    'in stock',
    'stock',
    'available',
    'unassigned',
    'storage',
    'in storage',
    'inventory',
    'reserve',
    'standby',
    'new',
  ],
  in_repair: [
    'in repair',
    'repair',
    'repairing',
    'broken',
    'faulty',
    'rma',
    'maintenance',
    'under repair',
    'out for repair',
    'damaged',
  ],
  retired: [
    'retired',
    'disposed',
    'decommissioned',
    'inactive',
    'recycled',
    'sold',
    'lost',
    'stolen',
    'end of life',
    'eol',
    'scrapped',
    'archived',
  ],
};
const STATUS_BY_WORD = new Map(
  Object.entries(STATUS_WORDS).flatMap(([status, words]) =>
    words.map((w) => [w, status as AssetStatus]),
  ),
);

/** "In Service", "ACTIVE", "in_repair", "Decommissioned" -> the status; null when the word means nothing we know. */
export function normalizeStatus(s: string): AssetStatus | null {
  const w = s
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ')
    .trim();
  return STATUS_BY_WORD.get(w) ?? null;
}

const pad = (n: string) => n.padStart(2, '0');
const fullYear = (y: string) => (y.length === 2 ? `20${y}` : y);

/**
 * A calendar date as YYYY-MM-DD from: 2027-03-31 (optionally with a time after it), 2027/3/31,
 * 3/31/2027 or 3/31/27 (US month first), 31.03.2027 (day first, as European spreadsheets write it).
 * Null when it is none of these or not a real date (2027-02-30).
 */
export function normalizeDate(s: string): string | null {
  const iso = isoFromParts(s.trim());
  return iso && isCalendarDate(iso) ? iso : null;
}

function isoFromParts(v: string): string | null {
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    v,
  );
  if (ymd) return `${ymd[1]}-${pad(ymd[2])}-${pad(ymd[3])}`;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(v);
  if (us) return `${fullYear(us[3])}-${pad(us[1])}-${pad(us[2])}`;
  const eu = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  return eu ? `${eu[3]}-${pad(eu[2])}-${pad(eu[1])}` : null;
}

/**
 * An amount in cents from "$1,299.00", "1299", "USD 1,299.5", or a European "1.299,00" / "12,5"
 * (a comma followed by one or two final digits is the decimal mark). Null when it is not an amount.
 */
export function normalizeMoney(s: string): Cents | null {
  let v = s
    .trim()
    .replace(/^(usd|eur|gbp|cad|aud)\s*/i, '')
    .replace(/\s*(usd|eur|gbp|cad|aud)$/i, '');
  if (/^[^,]*,\d{1,2}$/.test(v.replace(/[$€£\s]/g, ''))) v = v.replace(/\./g, '').replace(',', '.');
  return parseMoney(v);
}
