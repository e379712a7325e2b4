// The work that is not a page: the monthly billing run over every company (first run and re-run),
// invoice PDF rendering, and one payment allocated across a company's 100 open invoices. Each runs
// on a copy of the SQLite benchmark database (VACUUM INTO), so the generated data is never changed.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import type { Db } from '../src/db/database.ts';
import { withActor } from '../src/platform/context.ts';
import { runBilling } from '../src/features/billing/run.ts';
import { invoicePdf } from '../src/features/invoices/pdf.ts';
import { createInvoice } from '../src/features/invoices/service.ts';
import { recordPayment } from '../src/features/payments/service.ts';
import { businessToday } from '../src/features/assets/service.ts';
import { ANCHOR_MS, dateAt } from './generators/context.ts';
import { BENCH_VAULT_KEY } from './generators/credentials.ts';

export type JobRow = { name: string; note: string; result: string };

const ms = (t: number) => `${Math.round(performance.now() - t).toLocaleString('en-US')} ms`;

export async function measureJobs(
  source: Db,
  dataDir: string,
  log: (s: string) => void,
): Promise<JobRow[]> {
  const copy = path.join(dataDir, 'jobs-copy.db');
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  await sql`VACUUM INTO ${copy}`.execute(source);
  const config = loadConfig({
    DATABASE_URL: `sqlite:${copy}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    VAULT_KEY: BENCH_VAULT_KEY,
    SCHEDULER: 'off',
  });
  const deps = createDeps(config, pino({ level: 'silent' }));
  const ctx = withActor(deps, { type: 'system', label: 'bench' });
  const rows: JobRow[] = [];
  try {
    const asOf = dateAt(ANCHOR_MS);
    const active = await deps.db
      .selectFrom('companies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    let t = performance.now();
    const first = await runBilling(ctx, { asOf, dryRun: true, trigger: 'cli' });
    rows.push({
      name: 'billing run, dry run (preview)',
      note: `as of ${asOf}, ${Number(active.n).toLocaleString('en-US')} active companies`,
      result: `${ms(t)} for ${first.invoicesCreated.toLocaleString('en-US')} invoices planned`,
    });
    log(`  ${rows.at(-1)!.name}: ${rows.at(-1)!.result}`);
    t = performance.now();
    const run = await runBilling(ctx, { asOf, dryRun: false, trigger: 'cli' });
    rows.push({
      name: 'billing run, first run',
      note: 'drafts, charges, issue with numbers, email (logged: no SMTP) with the PDF attached',
      result: `${ms(t)} for ${run.invoicesCreated.toLocaleString('en-US')} invoices (${run.errors.length} errors)`,
    });
    log(`  ${rows.at(-1)!.name}: ${rows.at(-1)!.result}`);
    t = performance.now();
    const again = await runBilling(ctx, { asOf, dryRun: false, trigger: 'cli' });
    rows.push({
      name: 'billing run, re-run',
      note: 'same as-of date: every company already billed',
      result: `${ms(t)}, ${again.invoicesCreated} invoices created, ${again.skipped.toLocaleString('en-US')} skipped`,
    });
    log(`  ${rows.at(-1)!.name}: ${rows.at(-1)!.result}`);

    // PDF rendering: the 20 most recent invoices, 200 renders.
    const recent = await deps.db
      .selectFrom('invoices')
      .select('id')
      .where('status', '=', 'issued')
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute();
    const lines = await deps.db
      .selectFrom('invoice_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'invoice_id',
        'in',
        recent.map((r) => r.id),
      )
      .executeTakeFirstOrThrow();
    t = performance.now();
    let bytes = 0;
    for (let i = 0; i < 200; i++)
      bytes += (await invoicePdf(ctx, recent[i % recent.length].id)).bytes.length;
    const secs = (performance.now() - t) / 1000;
    rows.push({
      name: 'invoice PDF rendering',
      note: `200 renders of 20 recent invoices (${(Number(lines.n) / recent.length).toFixed(1)} lines each on average), read from the database each time`,
      result: `${(200 / secs).toFixed(0)} PDFs/s (${Math.round(bytes / 200 / 1024)} KB each)`,
    });
    log(`  ${rows.at(-1)!.name}: ${rows.at(-1)!.result}`);

    // One payment across 100 open invoices of one company.
    const company = await deps.db
      .selectFrom('companies')
      .select('id')
      .where('status', '=', 'active')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await deps.db
      .updateTable('invoices')
      .set({ status: 'void', balance_cents: 0 })
      .where('company_id', '=', company.id)
      .where('status', '=', 'issued')
      .where('paid_cents', '=', 0)
      .where('credited_cents', '=', 0)
      .execute();
    for (let i = 0; i < 100; i++)
      await createInvoice(ctx, {
        companyId: company.id,
        lines: [
          {
            description: `Project milestone ${i + 1}`,
            quantityThousandths: 1000,
            unitPriceCents: 10_000 + i,
            taxable: false,
          },
        ],
        issue: true,
      });
    const open = await deps.db
      .selectFrom('invoices')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('balance_cents').as('b'),
      ])
      .where('company_id', '=', company.id)
      .where('status', '=', 'issued')
      .where('balance_cents', '>', 0)
      .executeTakeFirstOrThrow();
    t = performance.now();
    const paid = await recordPayment(ctx, {
      companyId: company.id,
      amountCents: Number(open.b),
      method: 'check',
      reference: '90210',
      receivedOn: await businessToday(ctx),
    });
    rows.push({
      name: 'payment across 100 open invoices',
      note: `one check paying all ${Number(open.n)} open invoices of a company, oldest first`,
      result: `${ms(t)}, ${paid.allocations.length} allocations`,
    });
    log(`  ${rows.at(-1)!.name}: ${rows.at(-1)!.result}`);
  } finally {
    await deps.db.destroy();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
  return rows;
}

export function markdownJobs(
  rows: JobRow[],
  info: { date: string; command: string; machine: string },
): string {
  return [
    `Measured ${info.date} with \`${info.command}\` on ${info.machine}. Each job runs once, on a copy of the benchmark database.`,
    '',
    '| job | what | result |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.note} | ${r.result} |`),
  ].join('\n');
}
