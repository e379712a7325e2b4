// Builds the real application on a test database, plus helpers to act as a signed-in user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Db, Dialect } from '../../src/db/database.ts';
import { generateKeySpec, parseKeyring } from '../../src/lib/crypto.ts';
import type { Role } from '../../src/platform/actor.ts';
import type { Deps } from '../../src/platform/context.ts';
import { createMailer, type Mail, type Mailer } from '../../src/platform/mailer.ts';
import { hashPassword } from '../../src/platform/passwords.ts';
import { createSession } from '../../src/platform/sessions.ts';
import { localDiskStorage } from '../../src/platform/storage.ts';
import { insertNewUser } from '../../src/features/users/service.ts';
import { saveProfile } from '../../src/features/settings/queries.ts';
import { clearProfileCache } from '../../src/features/settings/profile-cache.ts';
import { nowIso } from '../../src/lib/dates.ts';

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A mailer that keeps what it would send, for tests that do not need real SMTP. */
export function memoryMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    configured: true,
    sent,
    async send(mail) {
      sent.push(mail);
      return { delivered: true };
    },
  };
}

export type DepsOverrides = { env?: Record<string, string>; mailer?: Mailer };

export function testDeps(db: Db, dialect: Dialect, over: DepsOverrides = {}): Deps {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-test-'));
  const config: Config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...over.env });
  return {
    config,
    db,
    dialect,
    log: quietLog,
    keyring: parseKeyring(generateKeySpec()),
    mailer: over.mailer ?? createMailer({ from: config.mailFrom, log: quietLog }),
    storage: localDiskStorage(path.join(dataDir, 'files')),
  };
}

export async function testApp(deps: Deps): Promise<FastifyInstance> {
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return app;
}

/** Completes setup directly: a business profile, so pages render as in a real installation. */
export async function seedProfile(db: Db, name = 'Acme IT Services') {
  await saveProfile(db, {
    name,
    address: '1 Main St',
    email: 'billing@acme.test',
    phone: null,
    logoKey: null,
    timeZone: 'America/Chicago',
    currency: 'USD',
    invoicePrefix: 'INV',
    accentColor: null,
    updatedAt: nowIso(),
  });
  clearProfileCache(db);
}

let n = 0;
// argon2id at production cost takes ~100 ms a hash on these machines, and most tests create several
// staff before each test: one hash per distinct password per test process is enough (each user still
// gets a real argon2id hash that sign-in verifies).
const hashes = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
};

export async function createStaff(db: Db, role: Role, password = 'correct horse battery') {
  n += 1;
  const user = await insertNewUser(db, {
    email: `${role}${n}@acme.test`,
    name: `${role[0].toUpperCase()}${role.slice(1)} User ${n}`,
    role,
    passwordHash: await cachedHash(password),
  });
  return { user, password };
}

export type Agent = { cookie: string; csrf: string; userId: string };

/** A signed-in browser: session cookie plus a CSRF token/cookie pair fetched from a real page. */
export async function signInAs(app: FastifyInstance, deps: Deps, role: Role): Promise<Agent> {
  const { user } = await createStaff(deps.db, role);
  const token = await createSession(deps.db, {
    principalType: 'staff',
    principalId: user.id,
    ttlHours: 12,
  });
  const session = `st_session=${token}`;
  const { csrf, csrfCookie } = await csrfFor(app, session, '/account');
  return { cookie: `${session}; ${csrfCookie}`, csrf, userId: user.id };
}

/** Reads the CSRF token from a page's meta tag and the secret cookie that goes with it. */
export async function csrfFor(app: FastifyInstance, cookie: string, url = '/login') {
  const res = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body)?.[1];
  const set = res.cookies.find((c) => c.name === 'st_csrf');
  if (!csrf) throw new Error(`no csrf token on ${url} (status ${res.statusCode})`);
  return {
    csrf,
    csrfCookie: set ? `st_csrf=${set.value}` : (/st_csrf=[^;]+/.exec(cookie)?.[0] ?? ''),
  };
}

/** POSTs a form as a browser would. */
export function postForm(
  app: FastifyInstance,
  agent: Agent | { cookie: string; csrf: string },
  url: string,
  fields: Record<string, string>,
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: agent.csrf, ...fields }).toString(),
  });
}

/** GETs a page as a signed-in browser, or as a stranger with `null`. */
export function getPage(app: FastifyInstance, agent: { cookie: string } | null, url: string) {
  return app.inject({ url, headers: agent ? { cookie: agent.cookie } : {} });
}

/** The flash message a response set (a base64url JSON cookie), or null. */
export function flashOf(res: { cookies: { name: string; value: string }[] }) {
  const c = res.cookies.find((x) => x.name === 'st_flash');
  return c
    ? (JSON.parse(Buffer.from(c.value, 'base64url').toString('utf8')) as {
        kind: string;
        message: string;
      })
    : null;
}

/** Follows a redirect the way a browser would, carrying the flash cookie. */
export async function followRedirect(
  app: FastifyInstance,
  res: LightMyRequestResponse,
  agent: { cookie: string },
) {
  expect(res.statusCode).toBe(302);
  const flash = res.cookies.find((c) => c.name === 'st_flash');
  return app.inject({
    url: res.headers.location as string,
    headers: { cookie: `${agent.cookie}${flash ? `; st_flash=${flash.value}` : ''}` },
  });
}
