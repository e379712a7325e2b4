// Ready to bill for one company: billable time and parts not yet invoiced, grouped per work order.
import { CsrfField, EmptyState } from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import type { Unbilled, UnbilledItem } from '../billing.ts';
import { formatDuration } from '../../../lib/duration.ts';
import { Money, qty } from './format.tsx';

/** `invoice` is set for billing.write users: the rows get checkboxes and the invoice-now buttons. */
type Props = Unbilled & {
  company: Parameters<typeof CompanyHeader>[0]['company'];
  currency: string;
  invoice?: { csrf: string };
};

export function UnbilledPage(p: Props) {
  const groups = new Map<string, UnbilledItem[]>();
  for (const i of p.items) groups.set(i.workOrderId, [...(groups.get(i.workOrderId) ?? []), i]);
  return (
    <>
      <CompanyHeader company={p.company} active="unbilled" />
      <h2 class="h4">
        Ready to bill{' '}
        <span class="text-body-secondary">
          · <Money cents={p.totalCents} currency={p.currency} />
        </span>
      </h2>
      {p.items.length === 0 ? (
        <EmptyState title="Nothing waiting to be billed">
          <p>
            Billable time and parts on this company’s work orders appear here until they are
            invoiced.
          </p>
        </EmptyState>
      ) : (
        <form
          method="post"
          action={`/companies/${p.company.id}/unbilled/invoice`}
          aria-label="Invoice ready-to-bill items"
        >
          {p.invoice ? <CsrfField token={p.invoice.csrf} /> : null}
          <div class="table-responsive">
            <table class="table table-sm align-middle">
              <thead>
                <tr>
                  {p.invoice ? (
                    <th class="col-check">
                      <span class="visually-hidden">Select</span>
                    </th>
                  ) : null}
                  <th>Date</th>
                  <th>Item</th>
                  <th class="text-end">Quantity</th>
                  <th class="text-end">Rate / unit</th>
                  <th class="text-end">Amount</th>
                </tr>
              </thead>
              {[...groups.values()].map((items) => (
                <tbody>
                  <tr class="table-light">
                    {p.invoice ? <th></th> : null}
                    <th colspan={4}>
                      <a href={`/work-orders/${items[0].workOrderId}/time`}>
                        {items[0].workOrderNumber}
                      </a>
                    </th>
                    <th class="text-end">
                      <Money
                        cents={items.reduce((a, i) => a + i.amountCents, 0)}
                        currency={p.currency}
                      />
                    </th>
                  </tr>
                  {items.map((i) => (
                    <tr>
                      {p.invoice ? (
                        <td>
                          <input
                            class="form-check-input"
                            type="checkbox"
                            name="item"
                            value={`${i.kind}:${i.id}`}
                            id={`item-${i.id}`}
                            aria-label={`Select ${i.description}`}
                          />
                        </td>
                      ) : null}
                      <td class="text-nowrap">{i.date}</td>
                      <td>
                        {p.invoice ? (
                          <label for={`item-${i.id}`}>
                            {i.kind === 'time' ? 'Labor · ' : ''}
                            {i.description}
                          </label>
                        ) : (
                          <>
                            {i.kind === 'time' ? 'Labor · ' : ''}
                            {i.description}
                          </>
                        )}
                      </td>
                      <td class="text-end">
                        {i.kind === 'time'
                          ? formatDuration(i.minutes ?? 0)
                          : qty(i.quantityThousandths ?? 0)}
                      </td>
                      <td class="text-end">
                        <Money cents={i.unitCents} currency={p.currency} />
                      </td>
                      <td class="text-end">
                        <Money cents={i.amountCents} currency={p.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              ))}
              <tfoot>
                <tr class="fw-semibold">
                  <td colspan={p.invoice ? 5 : 4}>Total</td>
                  <td class="text-end">
                    <Money cents={p.totalCents} currency={p.currency} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          {p.invoice ? (
            <div class="d-flex flex-wrap align-items-center gap-2 mb-3">
              <div class="btn-group">
                <button class="btn btn-primary" type="submit" name="scope" value="selected">
                  Invoice selected now
                </button>
                <button
                  class="btn btn-outline-primary"
                  type="submit"
                  name="scope"
                  value="selected-issue"
                >
                  Create and issue
                </button>
              </div>
              <div class="btn-group">
                <button class="btn btn-primary" type="submit" name="scope" value="all">
                  Invoice all now
                </button>
                <button
                  class="btn btn-outline-primary"
                  type="submit"
                  name="scope"
                  value="all-issue"
                >
                  Create and issue
                </button>
              </div>
              <span class="small text-body-secondary">
                “Invoice … now” makes a draft to review and issue; “Create and issue” issues it at
                once. Items left here go on the monthly invoice if the company bills work monthly.
              </span>
            </div>
          ) : null}
        </form>
      )}
    </>
  );
}
