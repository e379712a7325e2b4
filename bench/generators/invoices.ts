// Invoices at large-MSP scale: 100,000 in all. Every company gets the monthly invoices its billing
// day gives over the last four years of its life (contract rate plus its recurring services, each
// charge recorded in recurring_charges exactly as the billing run records them), and ad-hoc invoices
// fill up to the total. Figures come from the invoice feature's own pure functions; numbers are
// gapless per year in issue-date order, and the counters are left at the last number. The history
// ends before the period that contains the anchor date, so a billing run "as of" the anchor date has
// one invoice per active company left to make (the bench's first-run scenario).
import type {
  CompanyServicesTable,
  InvoiceLinesTable,
  InvoicesTable,
  RecurringChargesTable,
} from '../../src/db/database.ts';
import { lineRows, type NewLine, type TaxRate } from '../../src/features/invoices/queries.ts';
import { invoiceTotals } from '../../src/features/invoices/totals.ts';
import { formatNumber, seriesName } from '../../src/features/invoices/numbering.ts';
import { addDaysToDate } from '../../src/lib/dates.ts';
import { ANCHOR_MS, DAY_MS, dateAt, insertRows, isoAt, type GenContext } from './context.ts';

export const INVOICES_TOTAL_PER_COMPANY = 50;
const HISTORY_MONTHS = 48;

const monthStart = (y: number, m: number, day: number) =>
  `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
/** The billing dates of one billing day from `from` up to (not including) the period that holds `asOf`. */
function billingDates(day: number, fromMs: number, asOf: string): string[] {
  const d = new Date(fromMs);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  const dates: string[] = [];
  for (;;) {
    const s = monthStart(y, m, day);
    if (s > asOf) break;
    dates.push(s);
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  // The last date <= asOf starts the current period: not generated.
  dates.pop();
  return dates;
}
const nextMonth = (s: string) => {
  const [y, m, d] = s.split('-').map(Number);
  return m === 12 ? monthStart(y + 1, 0, d) : monthStart(y, m, d);
};

export async function generateInvoices(g: GenContext): Promise<void> {
  const { faker: f, world } = g;
  const companies = world.companies;
  if (!companies.length) return;
  const TOTAL = companies.length * INVOICES_TOTAL_PER_COMPANY;
  const asOf = dateAt(ANCHOR_MS);
  const now = isoAt(ANCHOR_MS);
  const tax: TaxRate = {
    id: g.idAt(ANCHOR_MS - 1500 * DAY_MS),
    name: 'State sales tax',
    ratePpm: 62_500,
  };
  await g.trx
    .insertInto('tax_rates')
    .values({
      id: tax.id!,
      name: tax.name,
      rate_ppm: tax.ratePpm,
      is_default: 1,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const catalog = await g.trx.selectFrom('service_catalog').selectAll().orderBy('name').execute();

  type Draft = {
    row: InvoicesTable;
    lines: InvoiceLinesTable[];
    charges: Omit<RecurringChargesTable, 'invoice_id' | 'invoice_line_id'>[];
  };
  const drafts: Draft[] = [];
  const services: CompanyServicesTable[] = [];
  const anchors = new Map<string, string>();
  const make = (
    c: (typeof companies)[number],
    issueDate: string,
    lines: NewLine[],
    period: [string, string] | null,
    source: 'billing_run' | 'manual',
  ) => {
    const id = g.idAt(Date.parse(`${issueDate}T09:00:00Z`));
    const rows = lineRows(id, lines, c.taxExempt ? null : tax, `${issueDate}T09:00:00.000Z`);
    const t = invoiceTotals(
      rows.map((r) => ({ amountCents: Number(r.amount_cents), taxCents: Number(r.tax_cents) })),
    );
    const voided = f.number.int(199) === 0;
    drafts.push({
      row: {
        id,
        company_id: c.id,
        kind: 'invoice',
        number: null,
        status: voided ? 'void' : 'issued',
        issue_date: issueDate,
        due_date: addDaysToDate(issueDate, c.paymentTermsDays),
        terms_days: c.paymentTermsDays,
        period_start: period?.[0] ?? null,
        period_end: period?.[1] ?? null,
        currency: 'USD',
        bill_to_name: c.name,
        bill_to_address: c.billingAddress,
        bill_to_email: c.email,
        subtotal_cents: t.subtotalCents,
        tax_cents: t.taxCents,
        total_cents: t.totalCents,
        paid_cents: 0,
        credited_cents: 0,
        balance_cents: voided ? 0 : t.totalCents,
        credit_for_invoice_id: null,
        source,
        billing_run_id: null,
        run_key: source === 'billing_run' && period ? `${c.id}:${period[0]}` : null,
        notes: null,
        footer: null,
        created_by_label: source === 'billing_run' ? 'Billing run' : 'Bench Admin',
        created_at: `${issueDate}T09:00:00.000Z`,
        updated_at: `${issueDate}T09:00:00.000Z`,
        issued_at: `${issueDate}T09:00:00.000Z`,
        voided_at: voided ? `${issueDate}T15:00:00.000Z` : null,
        voided_on: voided ? issueDate : null,
        void_reason: voided ? 'Issued in error' : null,
        sent_at: `${issueDate}T09:01:00.000Z`,
        auto_sent_at: source === 'billing_run' ? `${issueDate}T09:01:00.000Z` : null,
      },
      lines: rows,
      charges: [],
    });
    return drafts[drafts.length - 1];
  };

  for (const c of companies) {
    const createdMs = Date.parse(c.createdAt);
    const fromMs = Math.max(createdMs, ANCHOR_MS - HISTORY_MONTHS * 31 * DAY_MS);
    const endMs = c.status === 'inactive' ? Date.parse(c.updatedAt) : ANCHOR_MS;
    const day = c.billingDay;
    const dates = billingDates(day, fromMs, asOf).filter((s) => Date.parse(s) <= endMs);
    // Recurring services: most companies resell one to three of the catalogue's bundles.
    const mine: CompanyServicesTable[] = [];
    for (let k = f.number.int(3); k > 0; k--) {
      const item = f.helpers.arrayElement(catalog);
      const start = dates.length ? f.helpers.arrayElement(dates) : dateAt(createdMs);
      const qty =
        item.kind === 'telephony'
          ? f.number.int({ min: 2, max: 40 }) * 1000
          : f.number.int({ min: 1, max: 8 }) * 1000;
      mine.push({
        id: g.idAt(Date.parse(`${start}T08:00:00Z`)),
        company_id: c.id,
        catalog_id: item.id,
        description: item.name,
        quantity_thousandths: qty,
        unit_price_cents: Number(item.unit_price_cents),
        unit_cost_cents: item.unit_cost_cents === null ? null : Number(item.unit_cost_cents),
        markup_bp: item.markup_bp === null ? null : Number(item.markup_bp),
        taxable: Number(item.taxable),
        start_date: start,
        end_date: null,
        deleted_at: null,
        created_at: `${start}T08:00:00.000Z`,
        updated_at: `${start}T08:00:00.000Z`,
      });
    }
    services.push(...mine);
    if (dates.length) anchors.set(c.id, dates[0]);
    for (const start of dates) {
      const end = addDaysToDate(nextMonth(start), -1);
      const lines: NewLine[] = [];
      const keys: string[] = [];
      const serviceIds: (string | null)[] = [];
      if (c.monthlyRateCents > 0 && c.contractStart && c.contractStart <= start) {
        lines.push({
          kind: 'contract',
          description: `Monthly support contract — ${start} to ${end}`,
          quantityThousandths: 1000,
          unitPriceCents: c.monthlyRateCents,
          taxable: false,
          periodStart: start,
          periodEnd: end,
        });
        keys.push(`contract:${c.id}`);
        serviceIds.push(null);
      }
      for (const s of mine) {
        if (s.start_date > start) continue;
        lines.push({
          kind: 'service',
          description: `${s.description} — ${start} to ${end}`,
          quantityThousandths: Number(s.quantity_thousandths),
          unitPriceCents: Number(s.unit_price_cents),
          taxable: Number(s.taxable) === 1,
          periodStart: start,
          periodEnd: end,
          serviceId: s.id,
        });
        keys.push(`service:${s.id}`);
        serviceIds.push(s.id);
      }
      if (!lines.length) continue;
      const d = make(c, start, lines, [start, end], 'billing_run');
      d.charges = keys.map((k, i) => ({
        id: g.idAt(Date.parse(`${start}T09:00:00Z`)),
        company_id: c.id,
        source_key: k,
        service_id: serviceIds[i],
        period_start: start,
        period_end: end,
        amount_cents: Number(d.lines[i].amount_cents),
        created_at: d.row.created_at,
      }));
    }
  }
  // Ad-hoc invoices (projects, hardware, out-of-contract work) up to the total.
  const active = companies.filter((c) => c.status === 'active');
  const WORK = [
    'Firewall replacement project',
    'New workstation setup (hardware and labor)',
    'Office move: network cabling',
    'After-hours server recovery',
    'Microsoft 365 migration',
    'Printer fleet replacement',
  ];
  while (drafts.length < TOTAL && active.length) {
    const c = f.helpers.arrayElement(active);
    const issueMs =
      Math.max(Date.parse(c.createdAt), ANCHOR_MS - HISTORY_MONTHS * 31 * DAY_MS) +
      f.number.float() *
        (ANCHOR_MS - Math.max(Date.parse(c.createdAt), ANCHOR_MS - HISTORY_MONTHS * 31 * DAY_MS));
    const lines: NewLine[] = [
      {
        kind: 'manual',
        description: f.helpers.arrayElement(WORK),
        quantityThousandths: 1000,
        unitPriceCents: f.number.int({ min: 150, max: 9000 }) * 100,
        taxable: true,
      },
    ];
    if (f.number.int(2) === 0)
      lines.push({
        kind: 'manual',
        description: 'Labor (hours)',
        quantityThousandths: f.number.int({ min: 2, max: 40 }) * 250,
        unitPriceCents: 12500,
        taxable: false,
      });
    make(c, dateAt(Math.min(issueMs, ANCHOR_MS - DAY_MS)), lines, null, 'manual');
  }
  // Gapless numbers per year in issue order.
  drafts.sort(
    (a, b) =>
      a.row.issue_date!.localeCompare(b.row.issue_date!) || a.row.id.localeCompare(b.row.id),
  );
  const seq = new Map<string, number>();
  for (const d of drafts) {
    const year = d.row.issue_date!.slice(0, 4);
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    d.row.number = formatNumber('INV', year, n);
  }
  await insertRows(g.trx, 'company_services', services);
  for (let i = 0; i < drafts.length; i += 5_000) {
    const chunk = drafts.slice(i, i + 5_000);
    await insertRows(
      g.trx,
      'invoices',
      chunk.map((d) => d.row),
    );
    await insertRows(
      g.trx,
      'invoice_lines',
      chunk.flatMap((d) => d.lines),
    );
    await insertRows(
      g.trx,
      'recurring_charges',
      chunk.flatMap((d) =>
        d.charges.map((ch, k) => ({ ...ch, invoice_id: d.row.id, invoice_line_id: d.lines[k].id })),
      ),
    );
  }
  for (const [year, n] of seq)
    await g.trx
      .insertInto('counters')
      .values({ name: seriesName('INV', year), value: n })
      .execute();
  for (const [companyId, anchor] of anchors)
    await g.trx
      .updateTable('companies')
      .set({ billing_anchor: anchor })
      .where('id', '=', companyId)
      .execute();
}
