// Sign-in throttling, counted in the database so that several app instances share the counts. It
// slows guessing without letting anyone lock the owner out. Over the last lockMinutes, a browser
// without a trusted device cookie (platform/device-cookies.ts) is held back:
// - per IP: from perIp failures (any accounts), that address waits until old ones age out;
// - per account and IP: from perAccount failures, that pair waits likewise;
// - per account from anywhere: from 2 × perAccount failures, each attempt waits 2^(n - 2 × perAccount)
//   seconds after the latest one, at most lockMinutes. A slowdown, never a lockout.
// A valid device cookie for the account skips all three: its failures count against its device id
// only, and from 2 × perAccount of them the cookie is ignored (the browser is treated as new).
// Each attempt is written down as a failure before the password is checked, so a burst of parallel
// guesses counts at once; a right password deletes that row again.
import type { DbOrTrx } from '../db/database.ts';
import type { Keyring } from '../lib/crypto.ts';
import { addMinutes, nowIso } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { readDeviceCookie } from './device-cookies.ts';
import { TooManyRequestsError } from './errors.ts';
import type { PrincipalType } from './sessions.ts';

export type ThrottleLimits = { perAccount: number; perIp: number; lockMinutes: number };

/** Account-wide failures (without a trusted device) from which every attempt waits. */
export const accountSlowdownAfter = (limits: ThrottleLimits) => 2 * limits.perAccount;
/** A device cookie's own failures from which it no longer counts. */
export const maxDeviceFailures = (limits: ThrottleLimits) => 2 * limits.perAccount;

/** Seconds an attempt waits after the latest of `failures` account-wide ones: 0, then 1, 2, 4, … */
export function accountDelaySeconds(limits: ThrottleLimits, failures: number): number {
  const over = failures - accountSlowdownAfter(limits);
  return over < 0 ? 0 : Math.min(2 ** over, limits.lockMinutes * 60);
}

export type LoginAttempt = {
  kind: PrincipalType;
  /** The login key that failures are counted under (the normalised email). */
  account: string;
  ip: string;
  /** The device id of a valid device cookie for this account, trusted or not. */
  device: string | null;
  /** Whether that device skipped the limits (its failures are its own). */
  trusted: boolean;
  /** The failure row written for this attempt. */
  id: string;
};

type GuardDeps = { db: DbOrTrx; keyring: Keyring; config: { throttle: ThrottleLimits } };
export type LoginClient = { ip: string; deviceCookie?: string };

/** Refuses with 429 while this client must wait; otherwise records the attempt (as a failure). */
export async function startLoginAttempt(
  deps: GuardDeps,
  kind: PrincipalType,
  account: string,
  client: LoginClient,
): Promise<LoginAttempt> {
  const limits = deps.config.throttle;
  const now = nowIso();
  const since = addMinutes(now, -limits.lockMinutes);
  const device = readDeviceCookie(deps.keyring, kind, account, client.deviceCookie);
  let trusted = false;
  if (device) {
    const own = await deps.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('device', '=', device)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    trusted = Number(own.n) < maxDeviceFailures(limits);
  }
  if (!trusted) {
    const wait = await untrustedWait(deps.db, limits, account, client.ip, now);
    if (wait > 0) throw new TooManyRequestsError(tooManyMessage(wait), wait);
  }
  const id = newId();
  await deps.db
    .insertInto('login_failures')
    .values({ id, email: account, ip: client.ip, device: trusted ? device : null, at: now })
    .execute();
  return { kind, account, ip: client.ip, device, trusted, id };
}

async function untrustedWait(
  db: DbOrTrx,
  limits: ThrottleLimits,
  account: string,
  ip: string,
  now: string,
): Promise<number> {
  const recent = db
    .selectFrom('login_failures')
    .where('device', 'is', null)
    .where('at', '>', addMinutes(now, -limits.lockMinutes));
  const [byIp, byAccount] = await Promise.all([
    recent
      .where('ip', '=', ip)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    recent
      .where('email', '=', account)
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('at').as('latest'),
        eb.fn.sum<number>(eb.case().when('ip', '=', ip).then(1).else(0).end()).as('fromIp'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  /** Seconds until fewer than `limit` of these failures are inside the window. */
  const untilBelow = async (q: typeof recent, limit: number) => {
    const row = await q
      .select('at')
      .orderBy('at', 'desc')
      .limit(1)
      .offset(limit - 1)
      .executeTakeFirst();
    return row ? secondsUntil(addMinutes(row.at, limits.lockMinutes), now) : 0;
  };
  const waits = [0];
  if (Number(byIp.n) >= limits.perIp)
    waits.push(await untilBelow(recent.where('ip', '=', ip), limits.perIp));
  if (Number(byAccount.fromIp) >= limits.perAccount)
    waits.push(
      await untilBelow(recent.where('email', '=', account).where('ip', '=', ip), limits.perAccount),
    );
  const delay = accountDelaySeconds(limits, Number(byAccount.n));
  if (delay > 0 && byAccount.latest)
    waits.push(
      secondsUntil(new Date(Date.parse(byAccount.latest) + delay * 1000).toISOString(), now),
    );
  return Math.max(...waits);
}

const secondsUntil = (at: string, now: string) =>
  Math.max(0, Math.ceil((Date.parse(at) - Date.parse(now)) / 1000));

/** The same words for every limit: they say neither which one nor whether the account exists. */
function tooManyMessage(seconds: number): string {
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `Too many failed sign-in attempts. Try again in ${wait}, or reset your password.`;
}

/** The password was right but a second factor is still due: only this attempt stops counting. */
export async function forgetLoginAttempt(db: DbOrTrx, attempt: LoginAttempt): Promise<void> {
  await db.deleteFrom('login_failures').where('id', '=', attempt.id).execute();
}

/**
 * Signed in: this address's and this device's failures for the account go. Failures from other
 * addresses stay, so the owner signing in does not hand a guesser a fresh allowance.
 */
export async function clearLoginFailures(db: DbOrTrx, attempt: LoginAttempt): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('email', '=', attempt.account)
    .where('ip', '=', attempt.ip)
    .where('device', 'is', null)
    .execute();
  if (attempt.device)
    await db.deleteFrom('login_failures').where('device', '=', attempt.device).execute();
}
