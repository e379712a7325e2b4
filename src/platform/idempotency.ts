// Idempotency-Key for API POSTs: a client that retries a request (timeout, dropped connection) with
// the same key gets the first answer back instead of a second payment. The first request claims
// the key by inserting (scope, key): the primary key decides who is first, on every dialect. The
// answer is stored in the same transaction as the work when the handler passes `store` into its
// service, so "recorded but answer lost" cannot happen. The same key with another body is 422; a
// retry while the first is still running waits briefly and then gets 409. Keys live 24 hours.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, DbOrTrx } from '../db/database.ts';
import { addMinutes, nowIso } from '../lib/dates.ts';
import { staffOf, problem } from './web.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const TTL_MINUTES = 24 * 60;
/** A claim older than this with no answer belongs to a request that died: the next retry takes it over. */
const ABANDONED_MINUTES = 2;
const WAIT_MS = 1500;

export type StoreAnswer = (trx: DbOrTrx, statusCode: number, body: unknown) => Promise<void>;

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; errno?: number } | null;
  return (
    !!e &&
    (e.code === '23505' ||
      e.code === 'ER_DUP_ENTRY' ||
      e.errno === 1062 ||
      (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')))
  );
};

export const requestHash = (method: string, path: string, body: unknown) =>
  createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` at most once per (caller, Idempotency-Key). `work` receives `store`, to call inside its
 * transaction with the answer; it returns the status and body to send. Without the header, `work`
 * simply runs.
 */
export async function idempotent(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  work: (store: StoreAnswer | null) => Promise<{ statusCode: number; body: unknown }>,
): Promise<FastifyReply> {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined) {
    const r = await work(null);
    return reply.status(r.statusCode).send(r.body);
  }
  const actor = staffOf(req);
  if (!key.trim() || key.length > 255)
    return problem(reply, 400, 'Invalid input', 'Idempotency-Key must be 1–255 characters.', [
      { path: 'Idempotency-Key', message: 'Must be 1–255 characters' },
    ]);
  const scope = (actor.apiKeyId ? `key:${actor.apiKeyId}` : `user:${actor.userId}`).slice(0, 100);
  const hash = requestHash(req.method, req.url.split('?')[0], req.body);
  const now = nowIso();

  // Opportunistic clean-up of expired keys (indexed on created_at).
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', addMinutes(now, -TTL_MINUTES))
    .execute();

  let claimed = false;
  try {
    await db
      .insertInto('idempotency_keys')
      .values({
        scope,
        idem_key: key,
        request_hash: hash,
        status_code: null,
        response: null,
        created_at: now,
      })
      .execute();
    claimed = true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }

  if (!claimed) {
    for (const started = Date.now(); ; ) {
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('idem_key', '=', key)
        .executeTakeFirst();
      if (!row) return idempotent(req, reply, db, work); // the first attempt failed and let go of the key
      if (row.request_hash !== hash) {
        return problem(
          reply,
          422,
          'Idempotency-Key reused',
          'This Idempotency-Key was already used with a different request body.',
          [{ path: 'Idempotency-Key', message: 'Already used with a different request' }],
        );
      }
      if (row.status_code !== null) {
        return reply
          .status(Number(row.status_code))
          .header('idempotent-replayed', 'true')
          .type('application/json; charset=utf-8')
          .send(row.response ?? 'null');
      }
      if (row.created_at < addMinutes(nowIso(), -ABANDONED_MINUTES)) {
        const res = await db
          .updateTable('idempotency_keys')
          .set({ created_at: nowIso() })
          .where('scope', '=', scope)
          .where('idem_key', '=', key)
          .where('status_code', 'is', null)
          .where('created_at', '=', row.created_at)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) break; // taken over
        continue;
      }
      if (Date.now() - started > WAIT_MS) {
        return problem(
          reply,
          409,
          'Request in progress',
          'A request with this Idempotency-Key is still being processed; retry in a moment.',
        );
      }
      await sleep(50);
    }
  }

  let stored = false;
  const store: StoreAnswer = async (trx, statusCode, body) => {
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: statusCode, response: JSON.stringify(body) })
      .where('scope', '=', scope)
      .where('idem_key', '=', key)
      .execute();
    stored = true;
  };
  try {
    const r = await work(store);
    if (!stored) await store(db, r.statusCode, r.body);
    return reply.status(r.statusCode).send(r.body);
  } catch (err) {
    // Nothing was done (the work's transaction rolled back): let a corrected retry use the key.
    await db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', scope)
      .where('idem_key', '=', key)
      .where('status_code', 'is', null)
      .execute();
    throw err;
  }
}
