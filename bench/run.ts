// npm run bench [-- --duration 5 --connections 10 --warmup 2 --fresh --no-write --no-jobs --only search]
// Generates the data set if missing, serves the real app and a bare Fastify route from this process
// on 127.0.0.1, signs a staff session in directly in the database, loads each page with autocannon
// and writes the table to docs/PERFORMANCE.md. Any non-2xx answer fails the run. --only <text> loads
// just the scenarios whose name contains the text, prints them and writes nothing (a partial table
// would replace the full one).
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { hashToken } from '../src/lib/tokens.ts';
import { createSession, endSession, SESSION_COOKIE } from '../src/platform/sessions.ts';
import { benchUrl, BENCH_DIR, DATA_DIR, generateDataset, hasData, tableCounts } from './dataset.ts';
import { BENCH_VAULT_KEY } from './generators/credentials.ts';
import { BENCH_ADMIN } from './generators/staff.ts';
import { parseArgs } from './lib/args.ts';
import { load, type LoadOptions } from './load.ts';
import { collectPlans, type PagePlan } from './plans.ts';
import { consoleTable, markdownPlans, markdownResults, writeSection, type Row } from './report.ts';
import { pageScenarios, type Scenario } from './scenarios.ts';
import { markdownJobs, measureJobs } from './jobs.ts';

const DOC = path.join(BENCH_DIR, '..', 'docs', 'PERFORMANCE.md');
const args = parseArgs(process.argv.slice(2), {
  duration: 'number',
  connections: 'number',
  warmup: 'number',
  fresh: 'boolean',
  'no-write': 'boolean',
  'no-jobs': 'boolean',
  only: 'string',
});
const durationS = Number(args.duration ?? 5);
const connections = Number(args.connections ?? 10);
const warmupS = Number(args.warmup ?? 2);
const url = benchUrl();
if (durationS <= 0 || connections < 1)
  throw new Error('--duration and --connections must be at least 1');

async function ensureData(): Promise<void> {
  const { db } = connect(url);
  let present = false;
  try {
    await migrateToLatest(db);
    present = await hasData(db);
  } finally {
    await db.destroy();
  }
  if (present && !args.fresh) return;
  console.log(`generating the data set into ${url} ...`);
  const r = await generateDataset({ url, fresh: Boolean(args.fresh), log: console.log });
  console.log(`generated in ${r.ms} ms`);
}

/** One request per page before the load: a redirect or an error here means the numbers would lie. */
async function preflight(base: string, s: Scenario, cookie: string): Promise<Response> {
  const res = await fetch(base + s.path, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) {
    const where = res.headers.get('location');
    throw new Error(
      `GET ${s.path} answered ${res.status}${where ? ` -> ${where} (the session cookie was not accepted?)` : ''}`,
    );
  }
  if (s.expect && !body.includes(s.expect))
    throw new Error(`GET ${s.path}: the page does not contain ${s.expect}`);
  const rows = new Set(body.match(/href="\/companies\/[0-9a-f-]{36}"/g) ?? []).size;
  if (s.rows !== undefined && rows < s.rows)
    throw new Error(`GET ${s.path}: expected at least ${s.rows} company rows, found ${rows}`);
  const assetRows = new Set(body.match(/href="\/assets\/[0-9a-f-]{36}"/g) ?? []).size;
  if (s.assetRows !== undefined && assetRows !== s.assetRows)
    throw new Error(`GET ${s.path}: expected ${s.assetRows} asset rows, found ${assetRows}`);
  return res;
}

/** A browser sends back the CSRF secret cookie the first page set; so does the benchmark. */
function withCsrfCookie(cookie: string, res: Response): string {
  const csrf = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('st_csrf='));
  return csrf ? `${cookie}; ${csrf}` : cookie;
}

async function measure(name: string, target: string, o: LoadOptions) {
  const r = await load(target, o);
  console.log(
    `  ${name.padEnd(36)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx + r.errors + r.timeouts}`,
  );
  return r;
}

// Keeps the user name (the command must still work when copied), hides a password.
const redacted = (u: string) => u.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

function command(): string {
  const argv = process.argv.slice(2);
  const env = process.env.DATABASE_URL ? `DATABASE_URL=${redacted(url)} ` : '';
  return `${env}npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
}

const loadAverage = () => os.loadavg()[0].toFixed(2);

async function main() {
  await ensureData();
  const loadBefore = loadAverage();
  if (Number(loadBefore) > os.availableParallelism() / 2) {
    console.warn(
      `warning: the machine is busy (load average ${loadBefore} on ${os.availableParallelism()} cores); numbers will be low and noisy`,
    );
  }
  const config = loadConfig({
    DATABASE_URL: url,
    DATA_DIR,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    VAULT_KEY: BENCH_VAULT_KEY,
  });
  const deps = createDeps(config, pino({ level: 'silent' }));
  const admin = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', BENCH_ADMIN.email)
    .executeTakeFirst();
  if (!admin)
    throw new Error(
      `${redacted(url)} has data, but not the benchmark's (no ${BENCH_ADMIN.email}); point DATABASE_URL at a bench database`,
    );
  const token = await createSession(deps.db, {
    principalType: 'staff',
    principalId: admin.id,
    ttlHours: 12,
    userAgent: 'supporttracker-bench',
  });
  let cookie = `${SESSION_COOKIE.staff}=${token}`;
  const portalTokens = new Map<string, string>();

  const app = await buildApp(deps, { logger: false });
  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ ok: true }));
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const bareBase = await bare.listen({ host: '127.0.0.1', port: 0 });
    const only = args.only === undefined ? undefined : String(args.only);
    const scenarios = (await pageScenarios(deps.db)).filter(
      (s) => only === undefined || s.name.includes(only),
    );
    if (!scenarios.length) throw new Error(`no scenario's name contains "${only}"`);
    // Portal pages load as a contact: portal access with both flags, and a portal session (its
    // own cookie, beside the staff one; each side reads only its own).
    for (const id of new Set(scenarios.flatMap((s) => (s.contact ? [s.contact] : [])))) {
      await deps.db
        .updateTable('contacts')
        .set({ portal_access: 1, portal_billing: 1, portal_service: 1 })
        .where('id', '=', id)
        .execute();
      portalTokens.set(
        id,
        await createSession(deps.db, {
          principalType: 'contact',
          principalId: id,
          ttlHours: 12,
          userAgent: 'supporttracker-bench',
        }),
      );
    }
    const cookieOf = (s: Scenario) =>
      s.contact ? `${cookie}; ${SESSION_COOKIE.contact}=${portalTokens.get(s.contact)}` : cookie;
    cookie = withCsrfCookie(cookie, await preflight(base, scenarios[0], cookieOf(scenarios[0])));
    for (const s of scenarios) await preflight(base, s, cookieOf(s));

    const counts = await tableCounts(deps.db);
    let plans: PagePlan[] = [];
    if (deps.dialect === 'sqlite')
      plans = await collectPlans(deps, url.slice('sqlite:'.length), scenarios, cookieOf);

    console.log(
      `load: ${durationS} s per scenario after a ${warmupS} s warm-up of each, ${connections} connections, client in a worker thread`,
    );
    const o: LoadOptions = { durationS, connections };
    // Warm every page up before measuring any: the first page measured would otherwise pay for
    // compiling the code paths the others share.
    if (warmupS > 0) {
      await load(`${bareBase}/`, { ...o, durationS: warmupS });
      for (const s of scenarios)
        await load(base + s.path, { ...o, durationS: warmupS, headers: { cookie: cookieOf(s) } });
    }
    const rows: Row[] = [
      {
        name: 'bare Fastify route',
        path: '/',
        note: 'JSON {ok:true}, no plugins',
        r: await measure('bare Fastify route', `${bareBase}/`, o),
      },
    ];
    for (const [i, s] of scenarios.entries()) {
      const r = await measure(s.name, base + s.path, { ...o, headers: { cookie: cookieOf(s) } });
      rows.push({
        name: s.name,
        path: s.path,
        note: s.note,
        r,
        statements: plans[i]?.statements.length,
      });
    }

    console.log(`\n${consoleTable(rows)}\n`);
    const failed = rows.filter(
      (x) => x.r.non2xx + x.r.errors + x.r.timeouts > 0 || x.r.requests === 0,
    );
    if (failed.length) {
      throw new Error(
        `non-2xx answers, errors or no requests in: ${failed.map((x) => x.name).join(', ')}; numbers not written`,
      );
    }
    if (args['no-write'] || only !== undefined) return;

    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const info = {
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      command: command(),
      dialect:
        deps.dialect === 'sqlite'
          ? 'SQLite (better-sqlite3, WAL), file in bench/.data/'
          : `${deps.dialect} (${redacted(url)})`,
      machine: `${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, Node ${process.version}; load average ${loadBefore} before the run; servers and load generator in one process, the generator in a worker thread`,
      data: Object.entries(counts)
        .map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`)
        .join(', '),
      settings: `autocannon, ${connections} connections, ${durationS} s per scenario, after a ${warmupS} s warm-up of every scenario; p50/p99 have 1 ms resolution`,
    };
    writeSection(
      DOC,
      `results:${deps.dialect}`,
      `### ${deps.dialect}`,
      markdownResults(info, rows),
    );
    if (plans.length)
      writeSection(DOC, 'plans:sqlite', '### Query plans (SQLite)', markdownPlans(plans));
    // Billing run, PDFs and a big allocation, on a copy of the database (SQLite only: VACUUM INTO).
    if (deps.dialect === 'sqlite' && !args['no-jobs']) {
      console.log('jobs (on a copy of the database):');
      const jobs = await measureJobs(deps.db, DATA_DIR, console.log);
      writeSection(DOC, 'jobs:sqlite', '### Jobs (SQLite)', markdownJobs(jobs, info));
    }
    console.log(`written to ${path.relative(process.cwd(), DOC)}`);
  } finally {
    await endSession(deps.db, hashToken(token));
    for (const t of portalTokens.values()) await endSession(deps.db, hashToken(t));
    await app.close();
    await bare.close();
    await deps.db.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`\nBENCH FAILED: ${err.message}`);
  process.exitCode = 1;
});
