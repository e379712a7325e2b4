import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { createEntry } from '../time/service.ts';
import { addPart } from '../time/parts.ts';
import { listUnbilled } from '../time/billing.ts';
import { saveBillingSettings } from '../time/rates-service.ts';
import { company, staffCtx, workOrder } from '../time/test-helpers.ts';
import { recordPayment } from '../payments/service.ts';
import {
  addDraftLine,
  createCreditNote,
  createInvoice,
  deleteDraft,
  getInvoice,
  issueInvoice,
  removeDraftLine,
  voidInvoice,
} from './service.ts';
import { invoiceTotals, priceLine } from './totals.ts';
import { DEFAULT_INVOICE_SETTINGS, writeInvoiceSettings } from './settings.ts';

/** The reference: exact integer arithmetic written independently of lib/money.ts. */
function refRound(num: bigint, den: bigint): number {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (a * 2n + den) / (2n * den); // floor(a/den + 1/2): half away from zero for the magnitude
  return Number(neg ? -q : q) || 0;
}
function refTotals(lines: { q: number; u: number; ppm: number }[]) {
  let sub = 0n;
  let tax = 0n;
  for (const l of lines) {
    const amount = refRound(BigInt(l.u) * BigInt(l.q), 1000n);
    sub += BigInt(amount);
    tax += BigInt(refRound(BigInt(amount) * BigInt(l.ppm), 1_000_000n));
  }
  return { subtotalCents: Number(sub), taxCents: Number(tax), totalCents: Number(sub + tax) };
}

const lineArb = fc.record({
  q: fc.integer({ min: 1, max: 5_000_000 }),
  u: fc.integer({ min: -50_000, max: 5_000_000 }),
  ppm: fc.constantFrom(0, 50_000, 62_500, 82_500, 88_750, 100_000, 200_000, 1),
});

describe('invoice totals against an exact reference', () => {
  it('line amounts, tax and totals never drift (10,000 random invoices)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 40 }), (lines) => {
        const priced = lines.map((l) =>
          priceLine({ quantityThousandths: l.q, unitPriceCents: l.u, taxRatePpm: l.ppm }),
        );
        expect(invoiceTotals(priced)).toEqual(refTotals(lines));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe.each(DIALECTS)('invoice service on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let admin: Ctx;
  let billing: Ctx;
  let tech: Ctx;
  let companyId: string;

  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
    billing = await staffCtx(suite.deps, 'billing');
    tech = await staffCtx(suite.deps, 'technician');
    companyId = (await company(suite.deps)).id;
  });

  async function taxRate(ratePpm: number, isDefault = true, name = 'Sales tax') {
    const id = newId();
    await suite.db
      .insertInto('tax_rates')
      .values({
        id,
        name,
        rate_ppm: ratePpm,
        is_default: isDefault ? 1 : 0,
        active: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    return id;
  }
  const manual = (
    description: string,
    quantityThousandths: number,
    unitPriceCents: number,
    taxable = true,
  ) => ({ description, quantityThousandths, unitPriceCents, taxable });

  it('creates a draft without a number, edits it, and issues it with the next number, dates from the terms and the customer as of issue', async () => {
    await taxRate(82_500);
    const draft = await createInvoice(billing, {
      companyId,
      lines: [manual('Network audit', 1500, 12000), manual('Cable (no tax)', 2000, 1299, false)],
    });
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      subtotalCents: 18000 + 2598,
      taxCents: 1485,
      totalCents: 18000 + 2598 + 1485,
      balanceCents: 20598 + 1485,
    });
    expect(draft.lines.map((l) => [l.amountCents, l.taxRatePpm, l.taxCents])).toEqual([
      [18000, 82_500, 1485],
      [2598, 0, 0],
    ]);

    const withDiscount = await addDraftLine(
      billing,
      draft.id,
      manual('Loyalty discount', 1000, -2000),
    );
    expect(withDiscount.totalCents).toBe(18000 + 2598 - 2000 + 1485 - 165);
    const removed = await removeDraftLine(billing, draft.id, withDiscount.lines[2].id);
    expect(removed.totalCents).toBe(draft.totalCents);

    await suite.db
      .updateTable('companies')
      .set({
        name: 'Riverside Dental Group',
        payment_terms_days: 15,
        billing_address: '1 River Rd\nSpringfield',
      })
      .where('id', '=', companyId)
      .execute();
    const issued = await issueInvoice(billing, draft.id);
    expect(issued.number).toMatch(/^INV-\d{4}-00001$/);
    expect(issued.status).toBe('issued');
    expect(issued.billToName).toBe('Riverside Dental Group');
    expect(issued.billToAddress).toBe('1 River Rd\nSpringfield');
    const days = (Date.parse(issued.dueDate!) - Date.parse(issued.issueDate!)) / 86_400_000;
    expect(days).toBe(15);

    // Issued means immutable.
    await expect(addDraftLine(billing, draft.id, manual('More', 1000, 100))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(issueInvoice(billing, draft.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteDraft(billing, draft.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses to issue an empty or negative invoice, naming the field', async () => {
    const d = await createInvoice(billing, {
      companyId,
      lines: [manual('Discount only', 1000, -500)],
    });
    await expect(issueInvoice(billing, d.id)).rejects.toMatchObject({
      errors: [{ path: 'lines' }],
    });
    await expect(createInvoice(billing, { companyId })).rejects.toMatchObject({
      errors: [{ path: 'lines', message: 'Add at least one line or ready-to-bill item' }],
    });
    await expect(
      createInvoice(billing, {
        companyId,
        lines: [{ description: '', quantityThousandths: 0, unitPriceCents: 1.5 }],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(
      await suite.db.selectFrom('invoices').select('id').where('status', '!=', 'draft').execute(),
    ).toEqual([]);
  });

  it('applies the default tax rate, a company’s own rate, and none to a tax-exempt company', async () => {
    await taxRate(82_500);
    const reduced = await taxRate(50_000, false, 'Reduced rate');
    const a = await createInvoice(billing, { companyId, lines: [manual('Support', 1000, 10000)] });
    expect(a.taxCents).toBe(825);
    await suite.db
      .updateTable('companies')
      .set({ tax_rate_id: reduced })
      .where('id', '=', companyId)
      .execute();
    const b = await createInvoice(billing, { companyId, lines: [manual('Support', 1000, 10000)] });
    expect([b.taxCents, b.lines[0].taxName]).toEqual([500, 'Reduced rate']);
    await suite.db
      .updateTable('companies')
      .set({ tax_exempt: 1 })
      .where('id', '=', companyId)
      .execute();
    const c = await createInvoice(billing, { companyId, lines: [manual('Support', 1000, 10000)] });
    expect([c.taxCents, c.lines[0].taxRatePpm]).toEqual([0, 0]);
  });

  it('gives 20 simultaneous issues 20 distinct consecutive numbers', async () => {
    const drafts = [];
    for (let i = 0; i < 20; i++)
      drafts.push(
        await createInvoice(billing, { companyId, lines: [manual(`Item ${i}`, 1000, 100 + i)] }),
      );
    const results = await Promise.allSettled(drafts.map((d) => issueInvoice(billing, d.id)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const numbers = results.map((r) => (r.status === 'fulfilled' ? r.value.number! : '')).sort();
    const year = numbers[0].slice(4, 8);
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `INV-${year}-${String(i + 1).padStart(5, '0')}`),
    );
  });

  it('invoices ready-to-bill work ad hoc: the same amounts, claimed once, released when the draft is deleted', async () => {
    await saveBillingSettings(admin, {
      defaultHourlyRateCents: 12500,
      roundingIncrementMinutes: 1,
      minimumMinutes: 0,
    });
    const wo = await workOrder(suite.db, companyId, 'billable', 41);
    const e25 = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 25 });
    const e60 = await createEntry(tech, wo, { workDate: '2026-03-03', minutes: 60 });
    const part = await addPart(tech, wo, {
      description: 'Toner',
      quantityThousandths: 2000,
      unitCostCents: 4000,
      unitPriceCents: null,
      markupBp: 2500,
    });
    const ready = await listUnbilled(admin, companyId);
    const items = ready.items.map((i) => ({ kind: i.kind, id: i.id }));
    const inv = await createInvoice(billing, { companyId, items });
    expect(inv.source).toBe('work_order');
    expect(inv.subtotalCents).toBe(ready.totalCents);
    expect(inv.lines.map((l) => l.amountCents).sort()).toEqual(
      ready.items.map((i) => i.amountCents).sort(),
    );
    const hourLine = inv.lines.find((l) => l.sourceId === e60.id)!;
    expect([hourLine.quantityThousandths, hourLine.unitPriceCents]).toEqual([1000, e60.rateCents]);
    // 25 minutes is not a whole number of thousandths of an hour: one unit at the priced amount.
    const oddLine = inv.lines.find((l) => l.sourceId === e25.id)!;
    expect([oddLine.quantityThousandths, oddLine.unitPriceCents, oddLine.description]).toEqual([
      1000,
      e25.billableCents,
      expect.stringContaining('25 min @ $125.00/h'),
    ]);
    expect(inv.lines.find((l) => l.sourceId === part.id)).toMatchObject({
      quantityThousandths: 2000,
      unitPriceCents: 5000,
      amountCents: 10000,
    });
    expect((await listUnbilled(admin, companyId)).items).toEqual([]);
    await expect(createInvoice(billing, { companyId, items })).rejects.toMatchObject({
      errors: [{ path: 'items.0' }],
    });

    await deleteDraft(billing, inv.id);
    expect((await listUnbilled(admin, companyId)).items).toHaveLength(3);
    expect(await suite.db.selectFrom('invoices').select('id').execute()).toEqual([]);
  });

  it('leaves labor untaxed when the settings say so; parts stay taxable', async () => {
    await taxRate(100_000);
    await writeInvoiceSettings(
      suite.db,
      { ...DEFAULT_INVOICE_SETTINGS, taxLabor: false },
      nowIso(),
    );
    const wo = await workOrder(suite.db, companyId);
    const e = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    const part = await addPart(tech, wo, {
      description: 'Toner',
      quantityThousandths: 1000,
      unitCostCents: 4000,
      unitPriceCents: 5000,
      markupBp: null,
    });
    const inv = await createInvoice(billing, {
      companyId,
      items: [
        { kind: 'time', id: e.id },
        { kind: 'part', id: part.id },
      ],
    });
    expect(inv.lines.map((l) => [l.sourceId, l.taxCents])).toEqual([
      [e.id, 0],
      [part.id, 500],
    ]);
  });

  it('refuses another company’s work items', async () => {
    const other = (await company(suite.deps, 'Other Co')).id;
    const wo = await workOrder(suite.db, other);
    const e = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    await expect(
      createInvoice(billing, { companyId, items: [{ kind: 'time', id: e.id }] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('voids an issued invoice: balance zero, work back to ready to bill, recurring periods kept unless rebilled', async () => {
    const wo = await workOrder(suite.db, companyId);
    const e = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    const inv = await createInvoice(billing, {
      companyId,
      items: [{ kind: 'time', id: e.id }],
      issue: true,
    });
    expect(inv.status).toBe('issued');
    await suite.db
      .insertInto('recurring_charges')
      .values({
        id: newId(),
        company_id: companyId,
        source_key: `contract:${companyId}`,
        service_id: null,
        period_start: '2026-03-01',
        period_end: '2026-03-31',
        amount_cents: 1,
        invoice_id: inv.id,
        invoice_line_id: inv.lines[0].id,
        created_at: nowIso(),
      })
      .execute();
    await expect(voidInvoice(billing, inv.id, { reason: '' })).rejects.toMatchObject({
      errors: [{ path: 'reason' }],
    });
    const voided = await voidInvoice(billing, inv.id, { reason: 'Wrong customer' });
    expect(voided).toMatchObject({ status: 'void', balanceCents: 0, voidReason: 'Wrong customer' });
    expect((await listUnbilled(admin, companyId)).items.map((i) => i.id)).toEqual([e.id]);
    expect(await suite.db.selectFrom('recurring_charges').select('id').execute()).toHaveLength(1);
    await expect(voidInvoice(billing, inv.id, { reason: 'again' })).rejects.toBeInstanceOf(
      ConflictError,
    );

    const inv2 = await createInvoice(billing, {
      companyId,
      items: [{ kind: 'time', id: e.id }],
      issue: true,
    });
    await suite.db
      .insertInto('recurring_charges')
      .values({
        id: newId(),
        company_id: companyId,
        source_key: `contract:${companyId}`,
        service_id: null,
        period_start: '2026-04-01',
        period_end: '2026-04-30',
        amount_cents: 1,
        invoice_id: inv2.id,
        invoice_line_id: inv2.lines[0].id,
        created_at: nowIso(),
      })
      .execute();
    await voidInvoice(billing, inv2.id, { reason: 'Rate was wrong', rebill: true });
    expect(await suite.db.selectFrom('recurring_charges').select('invoice_id').execute()).toEqual([
      { invoice_id: inv.id },
    ]);
  });

  it('will not void an invoice with payments applied', async () => {
    const inv = await createInvoice(billing, {
      companyId,
      lines: [manual('Support', 1000, 10000)],
      issue: true,
    });
    await suite.db
      .updateTable('invoices')
      .set({ paid_cents: 100, balance_cents: 9900 })
      .where('id', '=', inv.id)
      .execute();
    await expect(voidInvoice(billing, inv.id, { reason: 'x' })).rejects.toThrow(
      'Payments are applied',
    );
    expect((await getInvoice(billing, inv.id)).status).toBe('issued');
  });

  it('credits part of an invoice, never more than its balance, and voiding the credit note restores the balance', async () => {
    await taxRate(100_000);
    const inv = await createInvoice(billing, {
      companyId,
      lines: [manual('Support', 1000, 10000)],
      issue: true,
    });
    expect(inv.totalCents).toBe(11000);
    await expect(createCreditNote(billing, inv.id, { amountCents: 2000 })).rejects.toMatchObject({
      errors: [{ path: 'description' }],
    });
    const cn = await createCreditNote(billing, inv.id, {
      description: 'Downtime credit',
      amountCents: 2000,
      taxable: true,
      reason: 'Outage on the 3rd',
    });
    expect(cn).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      totalCents: 2200,
      balanceCents: 0,
      creditForInvoiceId: inv.id,
    });
    expect(cn.number).toMatch(/^CN-\d{4}-00001$/);
    expect(await getInvoice(billing, inv.id)).toMatchObject({
      creditedCents: 2200,
      balanceCents: 8800,
    });
    await expect(
      createCreditNote(billing, inv.id, {
        description: 'Too much',
        amountCents: 8001,
        taxable: true,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    // A failed credit gives its number back: the next credit note is 00002.
    const cn2 = await createCreditNote(billing, inv.id, { description: 'Rest', amountCents: 8800 });
    expect(cn2.number).toMatch(/-00002$/);
    expect((await getInvoice(billing, inv.id)).balanceCents).toBe(0);
    await expect(voidInvoice(billing, inv.id, { reason: 'x' })).rejects.toThrow('Credit notes');
    await voidInvoice(billing, cn.id, { reason: 'Issued by mistake' });
    expect(await getInvoice(billing, inv.id)).toMatchObject({
      creditedCents: 8800,
      balanceCents: 2200,
    });
  });

  it('two credit notes at once never credit more than the balance', async () => {
    const inv = await createInvoice(billing, {
      companyId,
      lines: [manual('Support', 1000, 10000)],
      issue: true,
    });
    const results = await Promise.allSettled(
      [1, 2].map((i) =>
        createCreditNote(billing, inv.id, { description: `Credit ${i}`, amountCents: 6000 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await getInvoice(billing, inv.id)).toMatchObject({
      creditedCents: 6000,
      balanceCents: 4000,
    });
  });

  it('credits a whole invoice line for line with the same taxes', async () => {
    await taxRate(82_500);
    const inv = await createInvoice(billing, {
      companyId,
      lines: [manual('Support', 1500, 9999), manual('Cable', 3000, 333, false)],
      issue: true,
    });
    const cn = await createCreditNote(billing, inv.id, { full: true, reason: 'Cancelled' });
    expect([cn.subtotalCents, cn.taxCents, cn.totalCents]).toEqual([
      inv.subtotalCents,
      inv.taxCents,
      inv.totalCents,
    ]);
    expect(cn.lines.map((l) => l.description)).toEqual(['Credit: Support', 'Credit: Cable']);
    expect((await getInvoice(billing, inv.id)).balanceCents).toBe(0);
    await expect(createCreditNote(billing, inv.id, { full: true })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('uses a customer’s unapplied credit on the next invoice issued', async () => {
    const first = await createInvoice(billing, {
      companyId,
      lines: [manual('Support', 1000, 10000)],
      issue: true,
    });
    const paid = await recordPayment(billing, {
      companyId,
      amountCents: 15000,
      method: 'check',
      reference: '1001',
      receivedOn: first.issueDate,
    });
    expect(paid.unappliedCents).toBe(5000);
    const next = await createInvoice(billing, {
      companyId,
      lines: [manual('Project', 1000, 8000)],
      issue: true,
    });
    expect(next).toMatchObject({ paidCents: 5000, balanceCents: 3000 });
    const payment = await suite.db
      .selectFrom('payments')
      .select(['applied_cents', 'unapplied_cents'])
      .where('id', '=', paid.id)
      .executeTakeFirstOrThrow();
    expect([Number(payment.applied_cents), Number(payment.unapplied_cents)]).toEqual([15000, 0]);
  });

  it('lets only billing and admin staff change invoices; read-only staff may read', async () => {
    const inv = await createInvoice(admin, { companyId, lines: [manual('Support', 1000, 100)] });
    await expect(
      createInvoice(tech, { companyId, lines: [manual('Support', 1000, 100)] }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(issueInvoice(tech, inv.id)).rejects.toBeInstanceOf(ForbiddenError);
    const readonly = await staffCtx(suite.deps, 'readonly');
    expect((await getInvoice(readonly, inv.id)).id).toBe(inv.id);
    await expect(voidInvoice(readonly, inv.id, { reason: 'x' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(getInvoice(tech, inv.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('stores exactly the totals the reference computes (random invoices through the database)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          lineArb.filter((l) => l.u > 0),
          { minLength: 1, maxLength: 8 },
        ),
        fc.constantFrom(0, 82_500, 88_750, 1),
        async (lines, ppm) => {
          await suite.db.deleteFrom('tax_rates').execute();
          if (ppm) await taxRate(ppm);
          const inv = await createInvoice(billing, {
            companyId,
            lines: lines.map((l, i) => manual(`Line ${i}`, l.q, l.u)),
            issue: true,
          });
          const ref = refTotals(lines.map((l) => ({ ...l, ppm })));
          const stored = await getInvoice(billing, inv.id);
          expect({
            subtotalCents: stored.subtotalCents,
            taxCents: stored.taxCents,
            totalCents: stored.totalCents,
          }).toEqual(ref);
          expect(stored.balanceCents).toBe(ref.totalCents);
        },
      ),
      { numRuns: 15 },
    );
  });
});
