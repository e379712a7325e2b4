// The work order's Parts and expenses tab: each line with quantity, unit cost and price, totals,
// and the add form (unit price, or markup % over cost). On a phone the unit figures and the
// billable flag give way to the line's cost and price.
import {
  Checkbox,
  CsrfField,
  EmptyState,
  Field,
  FormErrorSummary,
} from '../../../views/components.tsx';
import {
  WorkOrderHeader,
  type HeaderTimer,
  type WorkOrderHeading,
} from '../../work-orders/views/header.tsx';
import type { Part } from '../queries.ts';
import type { WorkOrderTotals } from '../totals.ts';
import { Money, qty } from './format.tsx';

export type PartsPageProps = {
  wo: WorkOrderHeading;
  parts: Part[];
  totals: WorkOrderTotals;
  currency: string;
  csrf: string;
  canWrite: boolean;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  /** The technician's timer in the header (time.own only). */
  timer?: HeaderTimer;
};

export function PartsPage(p: PartsPageProps) {
  return (
    <>
      <WorkOrderHeader wo={p.wo} active="parts" timer={p.timer} />
      {p.parts.length === 0 ? (
        <EmptyState title="No parts or expenses yet">
          {p.canWrite ? <p>Add one below.</p> : null}
        </EmptyState>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th>Description</th>
                <th class="text-end">Qty</th>
                <th class="text-end d-none d-md-table-cell">Unit cost</th>
                <th class="text-end d-none d-md-table-cell">Unit price</th>
                <th class="d-none d-md-table-cell">Billable</th>
                <th class="text-end">Cost</th>
                <th class="text-end">Price</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {p.parts.map((x) => (
                <tr>
                  <td>{x.description}</td>
                  <td class="text-end">{qty(x.quantityThousandths)}</td>
                  <td class="text-end d-none d-md-table-cell">
                    <Money cents={x.unitCostCents} currency={p.currency} />
                  </td>
                  <td class="text-end d-none d-md-table-cell">
                    <Money cents={x.unitPriceCents} currency={p.currency} />
                    {x.markupBp !== null ? (
                      <span class="text-body-secondary small"> (+{qty(x.markupBp * 10)}%)</span>
                    ) : null}
                  </td>
                  <td class="d-none d-md-table-cell">{x.billable ? 'Billable' : 'Not billable'}</td>
                  <td class="text-end">
                    <Money cents={x.totalCostCents} currency={p.currency} />
                  </td>
                  <td class="text-end">
                    <Money cents={x.totalPriceCents} currency={p.currency} />
                  </td>
                  <td class="text-end">
                    {x.invoiceId ? (
                      <span class="badge text-bg-light">Invoiced</span>
                    ) : p.canWrite ? (
                      <form method="post" action={`/work-orders/${p.wo.id}/parts/${x.id}/delete`}>
                        <CsrfField token={p.csrf} />
                        <button type="submit" class="btn btn-link btn-sm text-danger p-0">
                          Remove
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="fw-semibold">
                <td colspan={2}>Totals (billable price)</td>
                <td class="d-none d-md-table-cell" colspan={3}></td>
                <td class="text-end">
                  <Money cents={p.totals.partsCostCents} currency={p.currency} />
                </td>
                <td class="text-end">
                  <Money cents={p.totals.partsRevenueCents} currency={p.currency} />
                </td>
                <td></td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {p.canWrite ? (
        <form
          method="post"
          action={`/work-orders/${p.wo.id}/parts`}
          class="card card-body"
          novalidate
        >
          <h2 class="h5">Add a part or expense</h2>
          <CsrfField token={p.csrf} />
          <FormErrorSummary errors={p.errors} />
          <Field
            name="description"
            label="Description"
            value={p.values.description}
            error={p.errors.description}
            required
          />
          <div class="row">
            <div class="col-md-3">
              <Field
                name="quantity"
                label="Quantity"
                value={p.values.quantity ?? '1'}
                error={p.errors.quantityThousandths}
              />
            </div>
            <div class="col-md-3">
              <Field
                name="unitCost"
                label="Unit cost"
                value={p.values.unitCost}
                error={p.errors.unitCostCents}
              />
            </div>
            <div class="col-md-3">
              <Field
                name="unitPrice"
                label="Unit price"
                value={p.values.unitPrice}
                error={p.errors.unitPriceCents}
              />
            </div>
            <div class="col-md-3">
              <Field
                name="markupPercent"
                label="or markup %"
                value={p.values.markupPercent}
                error={p.errors.markupBp}
                help="Price = cost + markup"
              />
            </div>
          </div>
          <Checkbox
            name="billable"
            label="Billable"
            checked={p.values.billable === undefined ? true : p.values.billable === 'on'}
          />
          <div>
            <button type="submit" class="btn btn-primary">
              Add
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
