// The statement page: pick a range, download the PDF or email it to the billing contact.
import { CsrfField, Field, FormErrorSummary } from '../../../views/components.tsx';
import { formatMoney } from '../../../lib/money.ts';
import type { Statement } from '../statement-types.ts';

export function StatementForm(p: {
  companyId: string;
  from: string;
  to: string;
  email: string;
  errors: Record<string, string>;
  csrf: string;
  canSend: boolean;
  preview: Statement | null;
}) {
  const s = p.preview;
  const m = (c: number) => formatMoney(c, s?.currency ?? 'USD');
  return (
    <div class="row g-4">
      <div class="col-lg-4">
        <FormErrorSummary errors={p.errors} />
        <form method="get" action={`/companies/${p.companyId}/statement`} class="mb-3">
          <Field
            name="from"
            label="From"
            type="date"
            value={p.from}
            error={p.errors.from}
            required
          />
          <Field name="to" label="To" type="date" value={p.to} error={p.errors.to} required />
          <div class="d-flex gap-2">
            <button class="btn btn-outline-secondary" type="submit">
              Preview
            </button>
            <button class="btn btn-primary" type="submit" name="download" value="1">
              Download PDF
            </button>
          </div>
        </form>
        {p.canSend ? (
          <form
            method="post"
            action={`/companies/${p.companyId}/statement/email`}
            class="border-top pt-3"
          >
            <CsrfField token={p.csrf} />
            <input type="hidden" name="from" value={p.from} />
            <input type="hidden" name="to" value={p.to} />
            <Field
              name="email"
              label="Email to"
              type="email"
              value={p.email}
              error={p.errors.email}
              help="Empty: the billing contact, else the company's email."
            />
            <button class="btn btn-outline-primary" type="submit">
              Email statement
            </button>
          </form>
        ) : null}
      </div>
      <div class="col-lg-8">
        {s ? (
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Description</th>
                <th scope="col" class="text-end">
                  Amount
                </th>
                <th scope="col" class="text-end">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              <tr class="fw-semibold">
                <td>{s.from}</td>
                <td>Opening balance</td>
                <td />
                <td class="text-end">{m(s.openingCents)}</td>
              </tr>
              {s.entries.map((e) => (
                <tr>
                  <td>{e.date}</td>
                  <td>
                    {e.description}
                    {e.detail.map((d) => (
                      <div class="small text-body-secondary">{d}</div>
                    ))}
                  </td>
                  <td class="text-end">{m(e.amountCents)}</td>
                  <td class="text-end">{m(e.balanceCents)}</td>
                </tr>
              ))}
              <tr class="fw-semibold table-light">
                <td>{s.to}</td>
                <td>Closing balance</td>
                <td />
                <td class="text-end">{m(s.closingCents)}</td>
              </tr>
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
