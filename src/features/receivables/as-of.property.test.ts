// Property: whatever order documents are typed in, and however far back they are dated, what a
// company owed on every date equals the ledger written from the documents' own dates —
//   Σ invoices issued and not voided by D − Σ credit notes issued by D
//   − Σ payments received and not voided by D + Σ refunds made by D —
// through the aging (open amounts less unapplied credit), the statement's running balance and, for
// today, the running balances; and no bucket, open amount or credit is ever negative. Random
// histories go through the real services (steps the services refuse are simply not part of the
// history), on every dialect.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import {
  createCreditNote,
  createInvoice,
  issueInTrx,
  prepareIssue,
  voidInvoice,
} from '../invoices/service.ts';
import { recordPayment, refundPayment, voidPayment } from '../payments/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { agingFromBalances, agingFromHistory, companyBalance } from './queries.ts';
import { balanceAsOf } from './service.ts';
import { buildStatement } from './statement.ts';

const START = '2026-01-01';
const day = fc.integer({ min: 0, max: 80 }).map((n) => addDaysToDate(START, n));
const cents = fc.integer({ min: 1, max: 600 }).map((n) => n * 100 + (n % 7));
const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('invoice'), date: day, cents }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('payment'), date: day, cents }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('void'),
      pick: fc.nat(),
      days: fc.integer({ min: 0, max: 30 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('refund'),
      pick: fc.nat(),
      days: fc.integer({ min: 0, max: 30 }),
      cents,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('credit'), pick: fc.nat(), cents }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('voidInvoice'), pick: fc.nat() }) },
);

/** What happened, by date, as the ledger sees it (only the steps the services accepted). */
type Ledger = {
  invoices: { id: string; on: string; cents: number; voidedOn: string | null }[];
  credits: { on: string; cents: number }[];
  payments: {
    id: string;
    on: string;
    cents: number;
    voidedOn: string | null;
    lastRefund: string;
    refunded: number;
  }[];
  refunds: { on: string; cents: number }[];
};

function owedOn(l: Ledger, d: string): number {
  const live = (x: { on: string; voidedOn: string | null }) =>
    x.on <= d && !(x.voidedOn !== null && x.voidedOn <= d);
  const sum = (xs: { cents: number }[]) => xs.reduce((s, x) => s + x.cents, 0);
  return (
    sum(l.invoices.filter(live)) -
    sum(l.credits.filter((c) => c.on <= d)) -
    sum(l.payments.filter(live)) +
    sum(l.refunds.filter((r) => r.on <= d))
  );
}

describe.each(DIALECTS)('receivables as of every date, any entry order, on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });

  it('aging, credit and statement agree with the ledger of document dates on every date', async () => {
    const billing: Ctx = await staffCtx(suite.deps, 'billing');
    const today = await businessToday(suite.deps);
    const clamp = (d: string) => (d > today ? today : d);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), async (steps) => {
        n += 1;
        const companyId = (await company(suite.deps, `Property ${n}`)).id;
        const l: Ledger = { invoices: [], credits: [], payments: [], refunds: [] };
        const refused = (err: unknown) => {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
        };
        for (const s of steps) {
          try {
            if (s.kind === 'invoice') {
              const draft = await createInvoice(billing, {
                companyId,
                lines: [
                  { description: 'Work', quantityThousandths: 1000, unitPriceCents: s.cents },
                ],
              });
              const numbering = await prepareIssue(suite.deps, s.date);
              await suite.db
                .transaction()
                .execute((trx) => issueInTrx(trx, billing, draft.id, numbering));
              l.invoices.push({ id: draft.id, on: s.date, cents: s.cents, voidedOn: null });
            } else if (s.kind === 'payment') {
              const p = await recordPayment(billing, {
                companyId,
                amountCents: s.cents,
                method: 'cash',
                receivedOn: s.date,
              });
              l.payments.push({
                id: p.id,
                on: s.date,
                cents: s.cents,
                voidedOn: null,
                lastRefund: s.date,
                refunded: 0,
              });
            } else if (s.kind === 'void' && l.payments.length) {
              const p = l.payments[s.pick % l.payments.length];
              const on = clamp(addDaysToDate(p.on, s.days));
              await voidPayment(billing, p.id, { reason: 'Bounced', effectiveOn: on });
              p.voidedOn = on;
            } else if (s.kind === 'refund' && l.payments.length) {
              const p = l.payments[s.pick % l.payments.length];
              const on = clamp(addDaysToDate(p.lastRefund, s.days));
              // Some of what is left (the whole of it now and then).
              const amountCents = 1 + (s.cents % Math.max(1, p.cents - p.refunded));
              await refundPayment(billing, p.id, { amountCents, effectiveOn: on });
              l.refunds.push({ on, cents: amountCents });
              p.lastRefund = on;
              p.refunded += amountCents;
            } else if (s.kind === 'credit' && l.invoices.length) {
              const inv = l.invoices[s.pick % l.invoices.length];
              const amountCents = 1 + (s.cents % 5000);
              await createCreditNote(billing, inv.id, { description: 'Goodwill', amountCents });
              l.credits.push({ on: today, cents: amountCents });
            } else if (s.kind === 'voidInvoice' && l.invoices.length) {
              const inv = l.invoices[s.pick % l.invoices.length];
              await voidInvoice(billing, inv.id, { reason: 'Wrong customer' });
              inv.voidedOn = today;
            }
          } catch (err) {
            refused(err);
          }
        }

        const dates = new Set<string>([addDaysToDate(START, -1), today]);
        for (const x of [...l.invoices, ...l.payments, ...l.refunds])
          for (const d of [x.on, addDaysToDate(x.on, -1)]) dates.add(d);
        for (const p of l.payments) if (p.voidedOn) dates.add(p.voidedOn);
        for (const d of [...dates].sort()) {
          const b = await balanceAsOf(suite.deps, companyId, d);
          expect(b.balanceCents, `balance on ${d}`).toBe(owedOn(l, d));
          expect(b.unappliedCreditCents, `credit on ${d}`).toBeGreaterThanOrEqual(0);
          for (const [k, v] of Object.entries(b.aging))
            if (typeof v === 'number') expect(v, `${k} on ${d}`).toBeGreaterThanOrEqual(0);
        }

        // The statement's running balance at the end of each day is that day's ledger figure.
        const s = await buildStatement(suite.deps, companyId, { from: START, to: today });
        expect(s.openingCents).toBe(0);
        expect(s.closingCents).toBe(owedOn(l, today));
        const endOfDay = new Map(s.entries.map((e) => [e.date, e.balanceCents]));
        for (const [d, bal] of endOfDay) expect(bal, `statement on ${d}`).toBe(owedOn(l, d));

        // Today, the history and the running balances are the same figures.
        const history = await agingFromHistory(suite.db, today, companyId);
        expect(history).toEqual(await agingFromBalances(suite.db, today, companyId));
        const running = await companyBalance(suite.db, companyId);
        expect((await balanceAsOf(suite.deps, companyId, today)).unappliedCreditCents).toBe(
          running.unappliedCreditCents,
        );
      }),
      { numRuns: dialect === 'sqlite' ? 60 : 20 },
    );
  }, 180_000);
});
