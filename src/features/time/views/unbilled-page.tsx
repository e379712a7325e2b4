// Ready to bill for one company: billable time and parts not yet invoiced, grouped per work order.
import { EmptyState } from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { Unbilled, UnbilledItem } from '../billing.ts';
import { Money, hm, qty } from './format.tsx';

type Props = Unbilled & { company: Parameters<typeof CompanyHeader>[0]['company']; currency: string };

export function UnbilledPage(p: Props) {
  const groups = new Map<string, UnbilledItem[]>();
  for (const i of p.items) groups.set(i.workOrderId, [...(groups.get(i.workOrderId) ?? []), i]);
  return (
    <>
      <CompanyHeader company={p.company} active="unbilled" />
      <h2 class="h4">Ready to bill <span class="text-body-secondary">· <Money cents={p.totalCents} currency={p.currency} /></span></h2>
      {p.items.length === 0 ? <EmptyState title="Nothing waiting to be billed"><p>Billable time and parts on this company’s work orders appear here until they are invoiced.</p></EmptyState> : (
        <table class="table table-sm align-middle">
          <thead><tr><th>Date</th><th>Item</th><th class="text-end">Quantity</th><th class="text-end">Rate / unit</th><th class="text-end">Amount</th></tr></thead>
          {[...groups.values()].map((items) => (
            <tbody>
              <tr class="table-light"><th colspan={4}><a href={`/work-orders/${items[0].workOrderId}/time`}>{items[0].workOrderNumber}</a></th>
                <th class="text-end"><Money cents={items.reduce((a, i) => a + i.amountCents, 0)} currency={p.currency} /></th></tr>
              {items.map((i) => (
                <tr>
                  <td class="text-nowrap">{i.date}</td><td>{i.kind === 'time' ? 'Labor · ' : ''}{i.description}</td>
                  <td class="text-end">{i.kind === 'time' ? hm(i.minutes ?? 0) : qty(i.quantityThousandths ?? 0)}</td>
                  <td class="text-end"><Money cents={i.unitCents} currency={p.currency} /></td><td class="text-end"><Money cents={i.amountCents} currency={p.currency} /></td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot><tr class="fw-semibold"><td colspan={4}>Total</td><td class="text-end"><Money cents={p.totalCents} currency={p.currency} /></td></tr></tfoot>
        </table>
      )}
    </>
  );
}
