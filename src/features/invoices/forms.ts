// HTML form strings -> the invoice schemas' shapes, and the schemas' error paths back to the form's
// field names, so a bad form comes back with each message beside the field the user typed in.
import { parseMoney } from '../../lib/money.ts';
import { scaled } from '../time/schemas.ts';
import { NEW_ROWS } from './views/new-invoice.tsx';

type Form = Record<string, string | string[] | undefined>;
const str = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
const blank = (s: string | undefined) => s === undefined || s.trim() === '';
const money = (s: string | undefined) => (blank(s) ? null : (parseMoney(s!) ?? Number.NaN));
const on = (f: Form, k: string) => str(f, k) === 'on' || str(f, k) === 'true';

const FIELD: Record<string, string> = {
  quantityThousandths: 'quantity',
  unitPriceCents: 'unitPrice',
  amountCents: 'amount',
};
/** Maps an error object keyed by schema paths to form names. */
export function toFormErrors(
  errors: Record<string, string>,
  rename: (path: string) => string = (p) => FIELD[p] ?? p,
): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [rename(k), v]));
}

export const formToLine = (f: Form, suffix = '') => ({
  description: str(f, `description${suffix}`) ?? '',
  quantityThousandths: scaled(str(f, `quantity${suffix}`), 3),
  unitPriceCents: money(str(f, `unitPrice${suffix}`)),
  taxable: on(f, `taxable${suffix}`),
});

/** The manual invoice form: rows left blank are skipped; `rowOf` maps a line index back to its row. */
export function formToCreate(f: Form) {
  const rowOf: number[] = [];
  const lines = [];
  for (let i = 0; i < NEW_ROWS; i += 1) {
    if (['description', 'quantity', 'unitPrice'].every((k) => blank(str(f, `${k}_${i}`)))) continue;
    rowOf.push(i);
    lines.push(formToLine(f, `_${i}`));
  }
  const input = {
    companyId: str(f, 'companyId'),
    lines,
    notes: str(f, 'notes') ?? null,
    issue: str(f, 'issue') === '1',
  };
  const rename = (path: string) => {
    const m = /^lines\.(\d+)\.(\w+)$/.exec(path);
    if (m) return `${FIELD[m[2]] ?? m[2]}_${rowOf[Number(m[1])] ?? 0}`;
    return path === 'lines' ? 'description_0' : path;
  };
  return { input, rename };
}

export const formToVoid = (f: Form) => ({
  reason: str(f, 'reason') ?? '',
  rebill: on(f, 'rebill'),
});
export const formToCredit = (f: Form) => ({
  full: on(f, 'full'),
  amountCents: money(str(f, 'amount')),
  description: str(f, 'description') ?? null,
  taxable: on(f, 'taxable'),
  reason: str(f, 'reason') ?? null,
});
export const formToSend = (f: Form) => ({ to: blank(str(f, 'to')) ? null : str(f, 'to')!.trim() });

/** "time:ID" / "part:ID" checkbox values -> item references; anything else is dropped. */
export function formToItems(f: Form): { kind: 'time' | 'part'; id: string }[] {
  const raw = f.item;
  const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return values.flatMap((v) => {
    const m = /^(time|part):(.{1,64})$/.exec(v);
    return m ? [{ kind: m[1] as 'time' | 'part', id: m[2] }] : [];
  });
}
