// An invoice's payments, for the invoice page: every allocation made to it (date, payment linked,
// amount), reversed ones struck through with when and why, and a "Record payment" link for the company.
import { formatMoney } from '../../../lib/money.ts';
import type { AllocationRow } from '../queries.ts';
import { paymentLabel } from './parts.tsx';

export function InvoicePayments(p: {
  allocations: AllocationRow[];
  currency: string;
  companyId: string;
  canWrite: boolean;
  open: boolean;
}) {
  return (
    <section class="mb-3" aria-labelledby="h-payments">
      <div class="d-flex align-items-center justify-content-between">
        <h2 class="h5 mb-2" id="h-payments">
          Payments
        </h2>
        {p.canWrite && p.open ? (
          <a class="btn btn-sm btn-outline-primary" href={recordPaymentHref(p.companyId)}>
            Record payment
          </a>
        ) : null}
      </div>
      {p.allocations.length === 0 ? (
        <p class="small text-body-secondary">No payments applied yet.</p>
      ) : (
        <table class="table table-sm align-middle">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Payment</th>
              <th scope="col" class="text-end">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {p.allocations.map((a) => (
              <tr class={a.reversedAt ? 'allocation-reversed text-body-tertiary' : undefined}>
                <td class="text-nowrap">{a.paymentReceivedOn}</td>
                <td>
                  <a href={`/payments/${a.paymentId}`}>
                    {paymentLabel({ method: a.paymentMethod, reference: a.paymentReference })}
                  </a>
                  {a.kind === 'credit' ? (
                    <span class="small text-body-secondary"> (credit applied)</span>
                  ) : null}
                  {a.reversedAt ? (
                    <div class="small">
                      Reversed {a.reversedAt.slice(0, 10)}: {a.reversedReason}
                    </div>
                  ) : null}
                </td>
                <td class="text-end">
                  {a.reversedAt ? (
                    <s>{formatMoney(a.amountCents, p.currency)}</s>
                  ) : (
                    formatMoney(a.amountCents, p.currency)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Where "Record payment" goes for a company: the form with the company chosen. */
export const recordPaymentHref = (companyId: string) =>
  `/payments/new?companyId=${encodeURIComponent(companyId)}`;
