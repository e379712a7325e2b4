// The set-up nearly every database-backed test file repeats: a database per file and dialect, deps,
// the app, and a clean database with a business profile before each test. Call it inside the
// describe block; it registers the hooks where it is called, so a beforeAll the file registers before
// it (e.g. one that starts a mail server) runs first, and that file's afterAll runs after this one's.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db, Dialect } from '../../src/db/database.ts';
import type { Deps } from '../../src/platform/context.ts';
import { createTestDb, type TestDb } from './db.ts';
import { seedProfile, testApp, testDeps, type DepsOverrides } from './app.ts';

export type SuiteOptions = {
  /** Passed to testDeps. A function is called in beforeAll, so it can use a server started in an earlier beforeAll. */
  deps?: DepsOverrides | (() => DepsOverrides);
  /** false: no app, for tests that call services directly. */
  app?: boolean;
  /** 'each' (default): every test starts on an emptied database; 'once': the tests share what beforeAll made. */
  reset?: 'each' | 'once';
  /** Saves the business profile after each reset (or once); default true. */
  profile?: boolean;
};

/** Usable inside tests and hooks (the values are made in beforeAll). */
export type AppSuite = {
  readonly t: TestDb;
  readonly db: Db;
  readonly deps: Deps;
  readonly app: FastifyInstance;
};

export function useAppSuite(dialect: Dialect, options: SuiteOptions = {}): AppSuite {
  const { app: withApp = true, reset = 'each', profile = true } = options;
  let t: TestDb | undefined;
  let deps: Deps | undefined;
  let app: FastifyInstance | undefined;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    deps = testDeps(
      t.db,
      dialect,
      typeof options.deps === 'function' ? options.deps() : options.deps,
    );
    if (withApp) app = await testApp(deps);
    if (reset === 'once' && profile) await seedProfile(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });
  if (reset === 'each') {
    beforeEach(async () => {
      await t!.reset();
      if (profile) await seedProfile(t!.db);
    });
  }

  const made = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(
        `${what} is made in beforeAll: use it inside a test or hook${what === 'app' && !withApp ? ' (and this suite has { app: false })' : ''}`,
      );
    return value;
  };
  return {
    get t() {
      return made(t, 't');
    },
    get db() {
      return made(t, 't').db;
    },
    get deps() {
      return made(deps, 'deps');
    },
    get app() {
      return made(app, 'app');
    },
  };
}
