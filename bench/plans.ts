// SQLite only: every SQL statement a page runs, captured from a real request through the app,
// with its EXPLAIN QUERY PLAN and its median time run alone. Shows which index each query uses,
// and whether a page's query count grows with its data (N+1).
import { openSqlite } from '../src/db/sqlite-driver.ts';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import type { Deps } from '../src/platform/context.ts';
import type { Scenario } from './scenarios.ts';

export type Statement = { sql: string; params: unknown[]; plan: string[]; medianUs: number };
export type PagePlan = { scenario: Scenario; statements: Statement[] };

type PlanRow = { id: number; parent: number; detail: string };

function planLines(rows: PlanRow[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

function medianUs(run: () => unknown): number {
  const times: number[] = [];
  const until = performance.now() + 150;
  while (times.length < 5 || (times.length < 2000 && performance.now() < until)) {
    const t = performance.now();
    run();
    times.push((performance.now() - t) * 1000);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

export async function collectPlans(
  deps: Deps,
  file: string,
  scenarios: Scenario[],
  cookieOf: string | ((s: Scenario) => string),
): Promise<PagePlan[]> {
  const raw = openSqlite(file);
  const captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (e) => void (e.level === 'query' && captured.push(e.query)),
  });
  const app = await buildApp({ ...deps, db }, { logger: false });
  try {
    const out: PagePlan[] = [];
    for (const scenario of scenarios) {
      const cookie = typeof cookieOf === 'string' ? cookieOf : cookieOf(scenario);
      // The first request fills the per-process caches (setup done, business profile); the second is the steady state.
      await app.inject({ url: scenario.path, headers: { cookie } });
      captured.length = 0;
      const res = await app.inject({ url: scenario.path, headers: { cookie } });
      if (res.statusCode !== 200)
        throw new Error(`plan capture: GET ${scenario.path} answered ${res.statusCode}`);
      const statements = captured.map((q) => {
        const params = [...q.parameters] as unknown[];
        const plan = planLines(
          raw.prepare(`explain query plan ${q.sql}`).all(...params) as PlanRow[],
        );
        const stmt = raw.prepare(q.sql);
        return {
          sql: q.sql,
          params,
          plan,
          medianUs: stmt.reader ? medianUs(() => stmt.all(...params)) : 0,
        };
      });
      out.push({ scenario, statements });
    }
    return out;
  } finally {
    await app.close();
    await db.destroy();
  }
}
