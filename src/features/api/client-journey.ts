// One integrator's journey through a client generated from /api/v1/openapi.json: company, work
// order, time for a technician found through GET /users, invoice, payment. client.test.ts generates
// the types with openapi-typescript, type-checks this file against them with tsc, then runs it
// against the app listening on a port. It imports nothing of the app: only what a client would have.
import createClient from 'openapi-fetch';
// biome-ignore lint/correctness/noUndeclaredDependencies: generated at test time (openapi-types.d.ts)
import type { paths } from 'supporttracker-openapi-types';

export type JourneyResult = {
  meRole: string;
  technicianId: string;
  timeEntryBillableCents: number;
  invoiceNumber: string | null;
  invoiceTotalCents: number;
  allocatedCents: number;
  unappliedCents: number;
  invoiceBalanceCents: number;
  invoiceStatus: string;
  companyBalanceCents: number;
};

/** Throws with the problem's detail when a call did not succeed, so a failure names its step. */
function need<T>(step: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined)
    throw new Error(`${step}: HTTP ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

// Response fields are optional in the generated types (the document's response schemas do not list
// them as required), hence the `?? ''` where an id is passed on.
export async function runJourney(baseUrl: string, key: string, today: string) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${key}` } });

  const me = need('getMe', await client.GET('/me', {}));
  const staff = need(
    'listUsers',
    await client.GET('/users', { params: { query: { role: 'technician', active: 'true' } } }),
  );
  const technician = staff.items[0];
  if (!technician?.id) throw new Error('listUsers: no active technician');

  const company = need(
    'createCompany',
    await client.POST('/companies', {
      body: { name: 'Journey Dental', paymentTermsDays: 30, taxExempt: true },
    }),
  );
  const companyId = company.id ?? '';
  const workOrder = need(
    'createWorkOrder',
    await client.POST('/work-orders', {
      body: { companyId, title: 'Replace the front-desk printer', billing: 'billable' },
    }),
  );
  const entry = need(
    'createTimeEntry',
    await client.POST('/time-entries', {
      body: {
        workOrderId: workOrder.id ?? '',
        userId: technician.id,
        workDate: today,
        minutes: 90,
        description: 'Swapped the printer and its drivers',
        billable: true,
      },
    }),
  );

  const unbilled = need(
    'listUnbilledItems',
    await client.GET('/companies/{id}/unbilled', { params: { path: { id: companyId } } }),
  );
  const items = [];
  for (const item of unbilled.items ?? [])
    items.push({ kind: item.kind ?? 'time', id: item.id ?? '' });
  const invoice = need(
    'createInvoice',
    await client.POST('/invoices', { body: { companyId, items, issue: true } }),
  );
  const invoiceId = invoice.id ?? '';

  const payment = need(
    'recordPayment',
    await client.POST('/payments', {
      params: { header: { 'Idempotency-Key': `journey-${invoiceId}` } },
      body: {
        companyId,
        amountCents: invoice.totalCents ?? 0,
        method: 'bank',
        receivedOn: today,
        reference: 'ACH 20417',
      },
    }),
  );
  const paid = need(
    'getInvoice',
    await client.GET('/invoices/{id}', { params: { path: { id: invoiceId } } }),
  );
  const balance = need(
    'getCompanyBalance',
    await client.GET('/companies/{id}/balance', { params: { path: { id: companyId } } }),
  );

  let allocatedCents = 0;
  for (const a of payment.allocations ?? []) allocatedCents += a.amountCents ?? 0;

  return {
    meRole: me.role,
    technicianId: technician.id,
    timeEntryBillableCents: entry.billableCents ?? -1,
    invoiceNumber: invoice.number ?? null,
    invoiceTotalCents: invoice.totalCents ?? -1,
    allocatedCents,
    unappliedCents: payment.unappliedCents ?? -1,
    invoiceBalanceCents: paid.balanceCents ?? -1,
    invoiceStatus: paid.status ?? '',
    companyBalanceCents: balance.balanceCents ?? -1,
  } satisfies JourneyResult;
}
