// Invoice rows written directly, so list and page tests control status, dates and figures exactly.
import type { InvoicesTable } from '../../db/database.ts';
import type { TestDb } from '../../../test/support/db.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';

let stamp = 0;
/** Each row is created one second after the previous one (the list's default order). */
export async function invoiceRow(
  t: Pick<TestDb, 'db'>,
  companyId: string,
  over: Partial<InvoicesTable> = {},
): Promise<string> {
  stamp += 1;
  const id = newId();
  const total = Number(over.total_cents ?? 10000);
  await t.db
    .insertInto('invoices')
    .values({
      id,
      company_id: companyId,
      kind: 'invoice',
      number: null,
      status: 'draft',
      issue_date: null,
      due_date: null,
      terms_days: 30,
      period_start: null,
      period_end: null,
      currency: 'USD',
      bill_to_name: 'Customer',
      bill_to_address: null,
      bill_to_email: null,
      subtotal_cents: total,
      tax_cents: 0,
      total_cents: total,
      paid_cents: 0,
      credited_cents: 0,
      balance_cents: total,
      credit_for_invoice_id: null,
      source: 'manual',
      billing_run_id: null,
      run_key: null,
      notes: null,
      footer: null,
      created_by_label: 'test',
      created_at: new Date(Date.UTC(2026, 0, 1) + stamp * 1000).toISOString(),
      updated_at: nowIso(),
      issued_at: null,
      voided_at: null,
      void_reason: null,
      sent_at: null,
      auto_sent_at: null,
      ...over,
    })
    .execute();
  return id;
}
