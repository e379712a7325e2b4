// Staff sign-in throttling over HTTP (issue 10): limits per IP and per account + IP, the
// account-wide growing delay (never a lockout), device cookies that keep their owner signing in,
// and an hour of attack on a fake clock whose figures (W9) are printed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { createStaff, csrfFor, memoryMailer } from '../../../test/support/app.ts';
import { seal } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import {
  DEVICE_COOKIE,
  issueDeviceCookie,
  readDeviceCookie,
} from '../../platform/device-cookies.ts';
import type { Keyring } from '../../lib/crypto.ts';
import { accountDelaySeconds } from '../../platform/throttle.ts';
import { updateUser } from '../users/queries.ts';
import { createPasswordLink } from './reset-service.ts';
import { currentTotp, matchTotp, newTotpSecret } from './totp.ts';

const T0 = Date.parse('2030-03-04T09:00:00Z');
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
const TOO_MANY = /Too many failed sign-in attempts\. Try again in [^<]*, or reset your password\./;

type Outcome = {
  status: number;
  retryAfter: number | null;
  /** the device cookie the answer set, if any */
  device: string | null;
  deviceSet?: {
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: string;
    path?: string;
    maxAge?: number;
  };
  session: string | null;
  location?: string;
  message?: string;
};

/** A sign-in form as browsers post it: one CSRF pair, any address, any device cookie. */
function browserForms(app: () => FastifyInstance) {
  let form: { csrf: string; csrfCookie: string } | undefined;
  const post = async (
    url: string,
    fields: Record<string, string>,
    ip: string,
    cookies: string[],
  ) => {
    form ??= await csrfFor(app(), '');
    const res = await app().inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: {
        cookie: [form.csrfCookie, ...cookies].join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: form.csrf, ...fields }).toString(),
    });
    const set = res.cookies.find((c) => c.name === DEVICE_COOKIE.staff);
    const outcome: Outcome = {
      status: res.statusCode,
      retryAfter: res.headers['retry-after'] ? Number(res.headers['retry-after']) : null,
      device: set?.value ?? null,
      deviceSet: set,
      session: res.cookies.find((c) => c.name === 'st_session')?.value ?? null,
      location: res.headers.location,
      message: TOO_MANY.exec(res.body)?.[0],
    };
    return outcome;
  };
  return {
    post,
    signIn: (email: string, password: string, ip: string, device?: string | null) =>
      post('/login', { email, password }, ip, device ? [`${DEVICE_COOKIE.staff}=${device}`] : []),
  };
}

type SignIn = ReturnType<typeof browserForms>['signIn'];

/** n wrong passwords for `email`, each from a new address, waiting whenever told to. */
async function flood(signIn: SignIn, email: string, n: number, prefix: string) {
  let refused = 0;
  for (let i = 0; i < n; ) {
    const r = await signIn(email, `wrong guess ${i}`, `${prefix}.${i + refused}`);
    if (r.status === 429) {
      refused += 1;
      advance(r.retryAfter!);
    } else {
      expect(r.status).toBe(422);
      i += 1;
    }
  }
}

const deviceId = (ring: Keyring, email: string, value: string | null) =>
  readDeviceCookie(ring, 'staff', email, value ?? undefined);

describe('the account-wide delay', () => {
  it('doubles from 2 × LOGIN_MAX_FAILURES_PER_ACCOUNT failures and stops at LOGIN_LOCK_MINUTES', () => {
    const limits = { perAccount: 5, perIp: 100, lockMinutes: 15 };
    expect([9, 10, 11, 12, 19, 20, 40].map((n) => accountDelaySeconds(limits, n))).toEqual([
      0, 1, 2, 4, 512, 900, 900,
    ]);
  });
});

describe.each(DIALECTS)('sign-in throttling on %s', (dialect) => {
  // Small limits keep the tests quick: 2 per account and IP, 4 per IP, from 4 account-wide.
  const suite = useAppSuite(dialect, {
    deps: () => ({
      mailer: memoryMailer(),
      env: {
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '2',
        LOGIN_MAX_FAILURES_PER_IP: '4',
        LOGIN_LOCK_MINUTES: '10',
      },
    }),
  });
  const { signIn, post } = browserForms(() => suite.app);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds one account back at one address after LOGIN_MAX_FAILURES_PER_ACCOUNT failures; other addresses sign in', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    for (let i = 0; i < 2; i++)
      expect((await signIn(user.email, 'wrong password!', '10.0.0.1')).status).toBe(422);
    const held = await signIn(user.email, password, '10.0.0.1');
    expect(held).toMatchObject({ status: 429, retryAfter: 600, session: null });
    expect(held.message).toBe(
      'Too many failed sign-in attempts. Try again in 10 minutes, or reset your password.',
    );
    expect((await signIn(user.email, password, '10.0.0.2')).status).toBe(302);
    advance(300);
    expect((await signIn(user.email, password, '10.0.0.1')).retryAfter).toBe(300);
    advance(300);
    expect((await signIn(user.email, password, '10.0.0.1')).status).toBe(302);
  });

  it('holds one address back after LOGIN_MAX_FAILURES_PER_IP failures across accounts', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    for (let i = 0; i < 4; i++)
      expect((await signIn(`nobody${i}@acme.test`, 'wrong password!', '10.1.1.1')).status).toBe(
        422,
      );
    const held = await signIn(user.email, password, '10.1.1.1');
    expect(held).toMatchObject({ status: 429, retryAfter: 600 });
    expect(held.message).toMatch(TOO_MANY);
    expect((await signIn(user.email, password, '10.1.1.2')).status).toBe(302);
  });

  it('slows an account guessed at from everywhere with a doubling wait, the same whether or not it exists', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    const run = async (email: string, prefix: string) => {
      const seen: unknown[] = [];
      await flood(signIn, email, 4, `${prefix}.0`);
      for (let k = 0; k < 4; k++) {
        const wait = await signIn(email, password, `${prefix}.1.${k}`);
        seen.push([wait.status, wait.retryAfter, wait.message]);
        advance(wait.retryAfter ?? 0);
        seen.push((await signIn(email, 'wrong guess', `${prefix}.2.${k}`)).status);
      }
      return seen;
    };
    const real = await run(user.email, '10.2');
    expect(real).toEqual([
      [429, 1, 'Too many failed sign-in attempts. Try again in 1 second, or reset your password.'],
      422,
      [429, 2, 'Too many failed sign-in attempts. Try again in 2 seconds, or reset your password.'],
      422,
      [429, 4, 'Too many failed sign-in attempts. Try again in 4 seconds, or reset your password.'],
      422,
      [429, 8, 'Too many failed sign-in attempts. Try again in 8 seconds, or reset your password.'],
      422,
    ]);
    // A slowdown, not a lockout: after the wait the owner gets in, even from a new browser.
    const last = await signIn(user.email, password, '10.2.9.9');
    expect(last).toMatchObject({ status: 429, retryAfter: 16 });
    advance(16);
    expect((await signIn(user.email, password, '10.2.9.9')).status).toBe(302);
    // An address nobody signs in with is answered exactly alike.
    expect(await run('nobody@acme.test', '10.3')).toEqual(real);
  });

  it('lets a browser that signed in before keep signing in during an attack, even from a held-back address', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    const first = await signIn(user.email, password, '10.4.0.1');
    expect(first.status).toBe(302);
    expect(first.deviceSet).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 365 * 86_400,
    });
    expect(first.deviceSet?.secure).toBeFalsy(); // plain HTTP here; Secure behind HTTPS
    const id = deviceId(suite.deps.keyring, user.email, first.device);
    expect(id).not.toBeNull();

    // The attacker: wrong passwords at the user's own address (held back for the account and for
    // the address), then from many addresses (the account-wide slowdown).
    for (const email of [user.email, user.email, 'x1@acme.test', 'x2@acme.test'])
      expect((await signIn(email, 'wrong password!', '10.4.0.1')).status).toBe(422);
    await flood(signIn, user.email, 6, '10.5.0');
    expect((await signIn(user.email, password, '10.4.0.9')).status).toBe(429);
    expect((await signIn(user.email, password, '10.4.0.1')).status).toBe(429);

    const again = await signIn(user.email, password, '10.4.0.1', first.device);
    expect(again.status).toBe(302);
    expect(again.session).not.toBeNull();
    // The cookie is renewed for the same device.
    expect(deviceId(suite.deps.keyring, user.email, again.device)).toBe(id);
    // The owner signing in hands the guesser no fresh allowance.
    expect((await signIn(user.email, password, '10.4.0.9')).status).toBe(429);
  });

  it('counts a device cookie’s own failures apart, and stops trusting that device only', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    const b = await signIn(user.email, password, '10.6.0.1');
    const c = await signIn(user.email, password, '10.6.0.2');
    await flood(signIn, user.email, 4, '10.7.0');
    const stranger = await signIn(user.email, password, '10.6.0.9');
    expect(stranger).toMatchObject({ status: 429, retryAfter: 1 });

    for (let i = 0; i < 4; i++)
      expect((await signIn(user.email, 'fat fingers', '10.6.0.1', b.device)).status).toBe(422);
    const byDevice = await suite.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('device', '=', deviceId(suite.deps.keyring, user.email, b.device))
      .executeTakeFirstOrThrow();
    expect(Number(byDevice.n)).toBe(4);
    // They did not add to the account-wide count: the stranger's wait is unchanged.
    expect((await signIn(user.email, password, '10.6.0.9')).retryAfter).toBe(1);

    // The fifth try with that cookie is a stranger's; the other device is unaffected.
    expect((await signIn(user.email, password, '10.6.0.1', b.device)).status).toBe(429);
    expect((await signIn(user.email, password, '10.6.0.2', c.device)).status).toBe(302);
  });

  it('refuses expired, forged, other-account and portal device cookies during an attack', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    const other = await createStaff(suite.db, 'billing');
    vi.setSystemTime(T0 - 366 * 86_400_000);
    const old = await signIn(user.email, password, '10.8.0.1');
    vi.setSystemTime(T0);
    const good = await signIn(user.email, password, '10.8.0.2');
    const otherAccount = await signIn(other.user.email, other.password, '10.8.0.3');
    for (const r of [old, good, otherAccount]) expect(r.device).not.toBeNull();
    await flood(signIn, user.email, 6, '10.9.0');

    const sig = good.device!.slice(-43);
    const forged = `${good.device!.slice(0, -43)}${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const ring = suite.deps.keyring;
    const cookies = {
      expired: old.device,
      forged,
      'another account': otherAccount.device,
      'the portal kind': issueDeviceCookie(ring, 'contact', user.email),
      'a portal contact': issueDeviceCookie(ring, 'contact', `portal:${user.email}`),
      'another key': issueDeviceCookie(
        { currentId: 'k1', keys: new Map([['k1', Buffer.alloc(32, 7)]]) },
        'staff',
        user.email,
      ),
    };
    for (const [what, cookie] of Object.entries(cookies))
      expect([what, (await signIn(user.email, password, '10.8.0.2', cookie)).status]).toEqual([
        what,
        429,
      ]);
    expect((await signIn(user.email, password, '10.8.0.2', good.device)).status).toBe(302);
  });

  it('with two-factor: the device cookie comes after the code, and wrong codes keep counting', async () => {
    const { user, password } = await createStaff(suite.db, 'technician');
    const secret = newTotpSecret();
    await updateUser(suite.db, user.id, {
      totp_secret_enc: seal(suite.deps.keyring, secret),
      totp_enabled: 1,
      updated_at: nowIso(),
    });
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !matchTotp(secret, c))!;
    const step = async (code: string, ip: string, session: string) =>
      post('/login/2fa', { code }, ip, [`st_session=${session}`]);

    const pw = await signIn(user.email, password, '10.10.0.1');
    expect(pw).toMatchObject({ status: 302, device: null });
    expect(pw.location).toContain('/login/2fa');
    for (let i = 0; i < 2; i++)
      expect((await step(wrong, '10.10.0.1', pw.session!)).status).toBe(422);
    expect((await step(currentTotp(secret), '10.10.0.1', pw.session!)).status).toBe(429);
    // The right password again does not wipe the wrong codes.
    expect((await signIn(user.email, password, '10.10.0.1')).status).toBe(429);

    const elsewhere = await signIn(user.email, password, '10.10.0.2');
    const done = await step(currentTotp(secret), '10.10.0.2', elsewhere.session!);
    expect(done.status).toBe(302);
    expect(deviceId(suite.deps.keyring, user.email, done.device)).not.toBeNull();
  });

  it('gives the browser that completes a password reset a device cookie, so it gets in during an attack', async () => {
    const { user } = await createStaff(suite.db, 'technician');
    await flood(signIn, user.email, 8, '10.11.0');
    const { url } = await createPasswordLink(suite.deps, user, 'reset');
    const fresh = 'a brand new passphrase';
    const reset = await post(
      new URL(url).pathname,
      { newPassword: fresh, confirmPassword: fresh },
      '10.12.0.1',
      [],
    );
    expect(reset.status).toBe(302);
    expect(deviceId(suite.deps.keyring, user.email, reset.device)).not.toBeNull();
    expect((await signIn(user.email, fresh, '10.12.0.1')).status).toBe(429);
    expect((await signIn(user.email, fresh, '10.12.0.1', reset.device)).status).toBe(302);
  });
});

describe.each(DIALECTS)(
  'W9: an hour of attack on one staff account on %s (default limits)',
  (dialect) => {
    const suite = useAppSuite(dialect);
    const { signIn } = browserForms(() => suite.app);
    afterEach(() => {
      vi.useRealTimers();
    });

    /**
     * An attacker who tries again the moment the Retry-After allows, from one address or from a new
     * one every time, for one hour of fake clock. Every ten minutes the owner signs in from their
     * usual browser (with its device cookie) and from a new one (without).
     */
    async function attackHour(rotate: boolean) {
      const { user, password } = await createStaff(suite.db, 'admin');
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const usual = await signIn(user.email, password, '192.0.2.10');
      expect(usual.device).not.toBeNull();
      const start = Date.now();
      const end = start + 3_600_000;
      const tally = { evaluated: 0, refused: 0, withCookie: 0, withoutCookie: 0, owner: 0 };
      let nextOwner = start + 5 * 60_000;
      let i = 0;
      while (Date.now() < end) {
        if (Date.now() >= nextOwner) {
          nextOwner += 10 * 60_000;
          tally.owner += 1;
          if ((await signIn(user.email, password, '192.0.2.10', usual.device)).status === 302)
            tally.withCookie += 1;
          if ((await signIn(user.email, password, '192.0.2.20')).status === 302)
            tally.withoutCookie += 1;
          continue;
        }
        i += 1;
        const ip = rotate ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : '198.51.100.7';
        const r = await signIn(user.email, `guess number ${i}`, ip);
        if (r.status === 422) tally.evaluated += 1;
        else {
          expect(r.status).toBe(429);
          tally.refused += 1;
          // The attacker waits as told; the owner's visits fall wherever they fall in that wait.
          vi.setSystemTime(Math.min(Date.now() + r.retryAfter! * 1000, nextOwner));
        }
      }
      return tally;
    }

    it('evaluates a bounded number of guesses per hour, and the owner with a device cookie always gets in', async () => {
      const many = await attackHour(true);
      const one = await attackHour(false);
      console.log(
        [
          `W9 staff sign-in on ${dialect}, one simulated hour (defaults: 5 per account and IP, 100 per IP, slowdown from 10 per account, 15-minute window):`,
          `  attacker with a new IP address for every guess: ${many.evaluated} passwords evaluated per hour per account (${many.refused} tries answered 429)`,
          `  attacker from one IP address: ${one.evaluated} passwords evaluated per hour per account (${one.refused} tries answered 429)`,
          `  real user with a device cookie, while under attack: ${many.withCookie} of ${many.owner} sign-ins succeeded (one-address attack: ${one.withCookie} of ${one.owner})`,
          `  real user on a new browser, while under attack: ${many.withoutCookie} of ${many.owner} (one-address attack: ${one.withoutCookie} of ${one.owner})`,
        ].join('\n'),
      );
      // At most 19 failures fit in any 15 minutes (10, then waits of 1 + 2 + … + 512 s > 900 s),
      // so at most 76 an hour; and the owner's usual browser is never refused.
      expect(many.evaluated).toBeGreaterThan(0);
      expect(many.evaluated).toBeLessThanOrEqual(76);
      expect(one.evaluated).toBeLessThanOrEqual(25);
      expect(many.withCookie).toBe(many.owner);
      expect(one.withCookie).toBe(one.owner);
      expect(one.withoutCookie).toBe(one.owner);
    }, 300_000);
  },
);
