// The deposit view: checks and cash grouped by deposit batch with a count and total per batch, laid
// out to copy onto the bank's deposit slip; printable (the print stylesheet hides the chrome).
import { formatMoney } from '../../../lib/money.ts';
import { EmptyState } from '../../../views/components.tsx';
import type { DepositBatch } from '../queries.ts';
import { methodLabel } from './parts.tsx';

export function DepositsPage(p: {
  batches: DepositBatch[];
  query: { from?: string; to?: string; batch: string };
  currency: string;
  errors: Record<string, string>;
}) {
  const m = (c: number) => formatMoney(c, p.currency);
  const total = p.batches.reduce((s, b) => s + b.totalCents, 0);
  return (
    <>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0">Deposits</h1>
        <div class="d-flex gap-2 d-print-none">
          <a class="btn btn-sm btn-outline-secondary" href="/payments">
            Payments
          </a>
        </div>
      </div>
      <form
        class="row g-2 align-items-end mb-3 d-print-none"
        method="get"
        action="/payments/deposits"
      >
        <div class="col-auto">
          <label class="form-label small mb-1" for="dep-from">
            Received from
          </label>
          <input
            class={`form-control${p.errors.from ? ' is-invalid' : ''}`}
            type="date"
            id="dep-from"
            name="from"
            value={p.query.from ?? ''}
          />
        </div>
        <div class="col-auto">
          <label class="form-label small mb-1" for="dep-to">
            to
          </label>
          <input
            class={`form-control${p.errors.to ? ' is-invalid' : ''}`}
            type="date"
            id="dep-to"
            name="to"
            value={p.query.to ?? ''}
          />
        </div>
        <div class="col-auto">
          <label class="form-label small mb-1" for="dep-batch">
            Batch
          </label>
          <input
            class="form-control"
            type="search"
            id="dep-batch"
            name="batch"
            value={p.query.batch}
            placeholder="All batches"
          />
        </div>
        <div class="col-auto">
          <button class="btn btn-outline-secondary" type="submit">
            Show
          </button>
        </div>
      </form>
      <p class="small text-body-secondary">
        Checks and cash received{p.query.from ? ` from ${p.query.from}` : ''}
        {p.query.to ? ` to ${p.query.to}` : ''}, by deposit batch. Void payments are left out. Print
        this page for the bank slip.
      </p>
      {p.batches.length === 0 ? (
        <EmptyState title="No checks or cash in this period">
          <p class="small">
            Record checks with a deposit batch (e.g. the day you take them to the bank) to see them
            grouped here.
          </p>
        </EmptyState>
      ) : null}
      {p.batches.map((b) => (
        <section class="deposit-batch mb-4">
          <h2 class="h5 d-flex justify-content-between">
            <span>{b.batch ? `Batch ${b.batch}` : 'Not yet in a batch'}</span>
            <span data-testid="batch-total">
              {b.count} {b.count === 1 ? 'item' : 'items'} · {m(b.totalCents)}
            </span>
          </h2>
          <table class="table table-sm table-bordered align-middle">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">From</th>
                <th scope="col" class="d-none d-sm-table-cell">
                  Method
                </th>
                <th scope="col">Check no.</th>
                <th scope="col" class="text-end">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {b.items.map((i) => (
                <tr>
                  <td class="text-nowrap">{i.receivedOn}</td>
                  <td>
                    <a class="text-reset" href={`/payments/${i.id}`}>
                      {i.companyName}
                    </a>
                  </td>
                  <td class="d-none d-sm-table-cell">{methodLabel(i.method)}</td>
                  <td>{i.reference ?? ''}</td>
                  <td class="text-end">{m(i.amountCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="fw-semibold">
                <td colspan={3} class="d-sm-none">
                  Total ({b.count})
                </td>
                <td colspan={4} class="d-none d-sm-table-cell">
                  Total of batch{b.batch ? ` ${b.batch}` : ''} ({b.count})
                </td>
                <td class="text-end">{m(b.totalCents)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      ))}
      {p.batches.length > 1 ? <p class="fw-semibold">All batches shown: {m(total)}</p> : null}
    </>
  );
}
