// `supporttracker billing run [--as-of YYYY-MM-DD] [--dry-run] [--company ID ...]`: the billing run
// from a shell or cron, as the system actor. One line per company, then the total.
import { parseArgs } from 'node:util';
import { withActor, type Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { isCalendarDate } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import { businessToday } from '../assets/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { formatPeriod } from './periods.ts';
import { invoiceNumbers } from './queries.ts';
import { runBilling } from './run.ts';

type Out = { log: (line: string) => void; error: (line: string) => void };

/** Returns the exit code. */
export async function billingRunCommand(
  deps: Deps,
  args: string[],
  out: Out = { log: console.log, error: console.error },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'as-of': { type: 'string' },
      'dry-run': { type: 'boolean' },
      company: { type: 'string', multiple: true },
    },
  });
  const asOfArg = values['as-of'];
  if (asOfArg !== undefined && !isCalendarDate(asOfArg))
    throw new ValidationError([
      { path: '--as-of', message: `must be a date like 2026-12-01 (got "${asOfArg}")` },
    ]);
  const ctx = withActor(deps, { type: 'system', label: 'cli' });
  const asOf = asOfArg ?? (await businessToday(ctx));
  const currency = (await getProfileCached(deps.db))?.currency ?? 'USD';
  const money = (c: number) => formatMoney(c, currency);
  const r = await runBilling(ctx, {
    asOf,
    dryRun: values['dry-run'] ?? false,
    trigger: 'cli',
    companyIds: values.company,
  });
  if (r.dryRun) {
    for (const p of r.plans ?? [])
      out.log(
        `would bill  ${p.companyName}  ${formatPeriod(p.periodStart, p.periodEnd)}  ${p.lines.length} line${p.lines.length === 1 ? '' : 's'}  ${money(p.totals.totalCents)}`,
      );
    out.log(
      `Dry run as of ${asOf}: would create ${r.invoicesCreated} invoice${r.invoicesCreated === 1 ? '' : 's'}, total ${money(r.totalCents)}; ${r.skipped} already billed. Nothing was written.`,
    );
    return 0;
  }
  const numbers = await invoiceNumbers(deps.db, r.invoiceIds);
  for (const c of r.created)
    out.log(
      `billed  ${c.companyName}  ${formatPeriod(c.periodStart, c.periodEnd)}  ${c.lines} line${c.lines === 1 ? '' : 's'}  ${money(c.totalCents)}  ${numbers.get(c.invoiceId) ?? 'draft'}`,
    );
  for (const e of r.errors) out.error(`FAILED  ${e.companyName}: ${e.message}`);
  for (const e of r.sendErrors)
    out.error(`not emailed  invoice ${numbers.get(e.invoiceId) ?? e.invoiceId}: ${e.message}`);
  out.log(
    `Billing run as of ${asOf}: ${r.invoicesCreated} invoice${r.invoicesCreated === 1 ? '' : 's'} ${r.autoIssue ? 'issued' : 'left as drafts'}, total ${money(r.totalCents)}; ${r.skipped} already billed${r.errors.length ? `; ${r.errors.length} failed` : ''}.`,
  );
  return r.errors.length ? 1 : 0;
}
