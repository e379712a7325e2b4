// Login throttling per account and per IP, counted in the database so that several app instances
// share the count. Failures older than the lock window no longer count.
import type { DbOrTrx } from '../db/database.ts';
import { addMinutes, nowIso } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { TooManyRequestsError } from './errors.ts';

export type ThrottleLimits = { perAccount: number; perIp: number; lockMinutes: number };

export async function assertNotThrottled(
  db: DbOrTrx,
  limits: ThrottleLimits,
  email: string,
  ip: string,
): Promise<void> {
  const since = addMinutes(nowIso(), -limits.lockMinutes);
  const [byEmail, byIp] = await Promise.all([
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(byEmail.n) >= limits.perAccount || Number(byIp.n) >= limits.perIp) {
    throw new TooManyRequestsError(
      `Too many failed sign-in attempts. Try again in ${limits.lockMinutes} minutes, or reset your password.`,
      limits.lockMinutes * 60,
    );
  }
}

export async function recordLoginFailure(db: DbOrTrx, email: string, ip: string): Promise<void> {
  await db.insertInto('login_failures').values({ id: newId(), email, ip, at: nowIso() }).execute();
}

export async function clearLoginFailures(db: DbOrTrx, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}
