// The record-payment form's strings -> RecordPaymentInput, and error paths back to the form's
// field names. A hand split sends one amount box per open invoice (alloc_<invoice id>).
import { parseMoney } from '../../lib/money.ts';

export type Form = Record<string, string | string[] | undefined>;
const str = (f: Form, k: string) =>
  typeof f[k] === 'string'
    ? (f[k] as string)
    : Array.isArray(f[k])
      ? (f[k] as string[])[0]
      : undefined;
const blank = (s: string | undefined) => s === undefined || s.trim() === '';
const money = (s: string | undefined) => (blank(s) ? null : (parseMoney(s!) ?? Number.NaN));

export const ALLOC_PREFIX = 'alloc_';

export function formToPayment(f: Form) {
  const manual = str(f, 'mode') === 'manual';
  const allocations = manual
    ? Object.keys(f)
        .filter((k) => k.startsWith(ALLOC_PREFIX) && !blank(str(f, k)))
        .map((k) => ({ invoiceId: k.slice(ALLOC_PREFIX.length), amountCents: money(str(f, k)) }))
    : null;
  const input = {
    companyId: str(f, 'companyId') ?? '',
    amountCents: money(str(f, 'amount')),
    method: str(f, 'method') ?? '',
    reference: str(f, 'reference') ?? null,
    receivedOn: str(f, 'receivedOn') ?? '',
    memo: str(f, 'memo') ?? null,
    depositBatch: str(f, 'depositBatch') ?? null,
    allocations,
  };
  const rename = (path: string) => {
    const m = /^allocations\.(\d+)\.(\w+)$/.exec(path);
    if (m && allocations?.[Number(m[1])])
      return `${ALLOC_PREFIX}${allocations[Number(m[1])].invoiceId}`;
    if (path === 'allocations') return 'mode';
    return ({ amountCents: 'amount' } as Record<string, string>)[path] ?? path;
  };
  return { input, manual, rename };
}

export const formValues = (f: Form): Record<string, string> =>
  Object.fromEntries(
    Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]),
  );

/** The refund form (refundAmount, refundOn, refundReason) -> RefundPaymentInput, and errors back. */
export function formToRefund(f: Form) {
  const input = {
    amountCents: money(str(f, 'refundAmount')),
    effectiveOn: str(f, 'refundOn') ?? '',
    reason: str(f, 'refundReason') ?? null,
  };
  const rename = (path: string) =>
    ({ amountCents: 'refundAmount', effectiveOn: 'refundOn', reason: 'refundReason' })[path] ??
    path;
  return { input, rename };
}
