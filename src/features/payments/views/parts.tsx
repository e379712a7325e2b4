// Small pieces shared by the payment pages: method label, status badge, reference text.
import { METHOD_LABELS } from '../schemas.ts';
import type { Payment } from '../queries.ts';

export const methodLabel = (m: Payment['method']) => METHOD_LABELS[m] ?? m;

/** "Check 10234", "Bank transfer ref ABC", "Cash". */
export function paymentLabel(p: { method: Payment['method']; reference: string | null }) {
  if (!p.reference) return methodLabel(p.method);
  return p.method === 'check' ? `Check ${p.reference}` : `${methodLabel(p.method)} ${p.reference}`;
}

export function PaymentBadge({
  p,
}: {
  p: Pick<Payment, 'status' | 'unappliedCents' | 'refundedCents' | 'amountCents'>;
}) {
  if (p.status === 'void') return <span class="badge text-bg-dark">Void</span>;
  if (p.refundedCents >= p.amountCents)
    return <span class="badge text-bg-secondary">Refunded</span>;
  if (p.unappliedCents > 0) return <span class="badge text-bg-warning">Credit left</span>;
  return <span class="badge text-bg-success">Applied</span>;
}
