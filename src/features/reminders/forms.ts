// The reminder settings form <-> ReminderSettings: text inputs in, typed values out (money through
// parseMoney, a percentage to basis points without floats), and schema paths back to field names.
import { centsToInput, formatBasisPoints, parseMoney } from '../../lib/money.ts';
import { TEMPLATE_KINDS, type ReminderSettings } from './settings.ts';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v) ?? '';

/** "1.5" -> 150 basis points; null when not a number with at most two decimals. */
export function percentToBp(s: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s.trim().replace(/%$/, '').trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}
export const bpToPercent = formatBasisPoints;

/** "-3, 0, 7" (also the typographic minus) -> [-3, 0, 7]; NaN entries make the schema complain. */
const parseSteps = (s: string) =>
  s
    .split(/[,;\s]+/)
    .map((x) => x.trim().replace('−', '-'))
    .filter(Boolean)
    .map((x) => (/^-?\d+$/.test(x) ? Number(x) : Number.NaN));

export function formToSettings(f: Form): { raw: unknown; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const flat = parseMoney(one(f.lateFeeFlat) || '0');
  if (flat === null) errors.lateFeeFlat = 'Flat fee must be an amount like 25.00';
  const bp = percentToBp(one(f.lateFeePercent) || '0');
  if (bp === null) errors.lateFeePercent = 'Percentage must be a number like 1.5';
  const steps = parseSteps(one(f.steps));
  if (steps.some(Number.isNaN))
    errors.steps = 'Steps must be whole numbers of days separated by commas, e.g. -3, 0, 7, 14, 30';
  const raw = {
    enabled: Boolean(one(f.enabled)),
    steps: steps.filter((n) => !Number.isNaN(n)),
    templates: Object.fromEntries(
      TEMPLATE_KINDS.map((k) => [
        k,
        { subject: one(f[`${k}Subject`]), body: one(f[`${k}Body`]).replace(/\r\n/g, '\n') },
      ]),
    ),
    lateFee: {
      enabled: Boolean(one(f.lateFeeEnabled)),
      rule: one(f.lateFeeRule),
      mode: one(f.lateFeeMode),
      flatCents: flat ?? 0,
      percentBp: bp ?? 0,
      afterDays: /^\d+$/.test(one(f.lateFeeAfterDays).trim())
        ? Number(one(f.lateFeeAfterDays).trim())
        : Number.NaN,
      effectiveFrom: one(f.lateFeeEffectiveFrom) || null,
    },
  };
  return { raw, errors };
}

const FIELD: Record<string, string> = {
  enabled: 'enabled',
  steps: 'steps',
  'lateFee.rule': 'lateFeeRule',
  'lateFee.mode': 'lateFeeMode',
  'lateFee.flatCents': 'lateFeeFlat',
  'lateFee.percentBp': 'lateFeePercent',
  'lateFee.afterDays': 'lateFeeAfterDays',
  'lateFee.effectiveFrom': 'lateFeeEffectiveFrom',
};
export function toFieldName(path: string): string {
  const t = /^templates\.(\w+)\.(subject|body)$/.exec(path);
  if (t) return `${t[1]}${t[2] === 'subject' ? 'Subject' : 'Body'}`;
  return FIELD[path] ?? FIELD[path.replace(/\.\d+$/, '')] ?? path;
}

export function settingsToForm(s: ReminderSettings): Record<string, string> {
  return {
    enabled: s.enabled ? 'on' : '',
    steps: s.steps.join(', '),
    ...Object.fromEntries(
      TEMPLATE_KINDS.flatMap((k) => [
        [`${k}Subject`, s.templates[k].subject],
        [`${k}Body`, s.templates[k].body],
      ]),
    ),
    lateFeeEnabled: s.lateFee.enabled ? 'on' : '',
    lateFeeRule: s.lateFee.rule,
    lateFeeMode: s.lateFee.mode,
    lateFeeFlat: centsToInput(s.lateFee.flatCents),
    lateFeePercent: bpToPercent(s.lateFee.percentBp),
    lateFeeAfterDays: String(s.lateFee.afterDays),
    lateFeeEffectiveFrom: s.lateFee.effectiveFrom ?? '',
  };
}
