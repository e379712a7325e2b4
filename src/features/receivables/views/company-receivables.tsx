// The company overview's receivables card: balance, unapplied credit, the aging row, and links to
// the statement and the drill-down. The lead places it on the company page.
import { formatMoney } from '../../../lib/money.ts';
import { BUCKETS, type AgingTotals } from '../../payments/aging.ts';
import { BUCKET_HEADS } from './bucket-heads.ts';

export type CompanyReceivablesData = {
  companyId: string;
  balanceCents: number;
  openInvoiceCents: number;
  unappliedCreditCents: number;
  aging: AgingTotals;
  currency: string;
};

export function CompanyReceivables(p: CompanyReceivablesData) {
  const m = (c: number) => formatMoney(c, p.currency);
  const late = p.aging.totalCents - p.aging.currentCents;
  return (
    <section class="card mb-3" aria-labelledby="receivables-title">
      <div class="card-header d-flex justify-content-between align-items-center">
        <h2 class="h6 mb-0" id="receivables-title">
          Receivables
        </h2>
        <span class="small">
          <a href={`/companies/${p.companyId}/statement`}>Statement</a> ·{' '}
          <a href={`/reports/aging/${p.companyId}`}>Aging detail</a>
        </span>
      </div>
      <div class="card-body py-2">
        <div class="d-flex flex-wrap gap-4 mb-2">
          <div>
            <div class="small text-body-secondary">Balance</div>
            <div class={`fs-5 fw-semibold${late > 0 ? ' text-danger' : ''}`}>
              {m(p.balanceCents)}
            </div>
          </div>
          <div>
            <div class="small text-body-secondary">Open invoices</div>
            <div>
              <a href={`/companies/${p.companyId}/invoices?status=open`}>{m(p.openInvoiceCents)}</a>
            </div>
          </div>
          <div>
            <div class="small text-body-secondary">Unapplied credit</div>
            <div>{m(p.unappliedCreditCents)}</div>
          </div>
          {late > 0 ? (
            <div>
              <div class="small text-body-secondary">Past due</div>
              <div class="text-danger">{m(late)}</div>
            </div>
          ) : null}
        </div>
        <table class="table table-sm mb-0">
          <thead>
            <tr>
              {BUCKETS.map((b) => (
                <th scope="col" class="text-end small fw-normal text-body-secondary text-nowrap">
                  {BUCKET_HEADS[b]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {BUCKETS.map((b) => {
                const v = p.aging[`${b}Cents` as keyof AgingTotals];
                return (
                  <td class={`text-end${v !== 0 && b !== 'current' ? ' text-danger' : ''}`}>
                    {v === 0 ? '—' : m(v)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
