import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { createCompany, setCompanyStatus } from '../companies/service.ts';
import { createContact, setContactActive } from '../contacts/service.ts';
import { TooManyRequestsError, ValidationError } from '../../platform/errors.ts';
import { issueDeviceCookie, readDeviceCookie } from '../../platform/device-cookies.ts';
import { login } from '../auth/service.ts';
import { contactForPortalToken, loginContact, setContactPassword } from './auth-service.ts';

describe.each(DIALECTS)('portal principals on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  const password = 'portal password 1';

  async function portalContact(portalAccess = true) {
    const ctx = withActor(suite.deps, { type: 'system', label: 'test' });
    const company = await createCompany(ctx, { name: `Co ${Math.random()}` });
    const contact = await createContact(ctx, company.id, {
      name: 'Pat Client',
      email: `pat${Math.random().toString(36).slice(2)}@client.test`,
      portalAccess,
    });
    await setContactPassword(suite.db, contact.id, password);
    return { ctx, company, contact };
  }

  it('signs in a contact with portal access into a contact session scoped to their company', async () => {
    const { company, contact } = await portalContact();
    const { token } = await loginContact(suite.deps, contact.email!, password, { ip: '127.0.0.1' });
    const actor = await contactForPortalToken(suite.deps, token);
    expect(actor).toMatchObject({ type: 'contact', contactId: contact.id, companyId: company.id });
    const row = await suite.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(row.principal_type).toBe('contact');
    expect(row.id).not.toBe(token);
  });

  it('refuses a wrong password, a contact without portal access, and a deactivated contact or company', async () => {
    const { ctx, company, contact } = await portalContact();
    await expect(
      loginContact(suite.deps, contact.email!, 'wrong password!!', { ip: '127.0.0.1' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const noAccess = await portalContact(false);
    await expect(
      loginContact(suite.deps, noAccess.contact.email!, password, { ip: '127.0.0.1' }),
    ).rejects.toBeInstanceOf(ValidationError);

    const { token } = await loginContact(suite.deps, contact.email!, password, { ip: '127.0.0.1' });
    await setContactActive(ctx, company.id, contact.id, false);
    expect(await contactForPortalToken(suite.deps, token)).toBeNull();
    // Deactivation ended the session itself: reactivating does not bring it back.
    await setContactActive(ctx, company.id, contact.id, true);
    expect(await contactForPortalToken(suite.deps, token)).toBeNull();
    const again = await loginContact(suite.deps, contact.email!, password, { ip: '127.0.0.1' });
    expect(await contactForPortalToken(suite.deps, again.token)).not.toBeNull();
    await setCompanyStatus(ctx, company.id, 'inactive');
    expect(await contactForPortalToken(suite.deps, again.token)).toBeNull();
    const left = await suite.db
      .selectFrom('sessions')
      .select('id')
      .where('principal_type', '=', 'contact')
      .execute();
    expect(left).toEqual([]);
  });

  it('keeps the two kinds of session apart: a portal token is no staff session and vice versa', async () => {
    const staff = await signInAs(suite.app, suite.deps, 'admin');
    const { contact } = await portalContact();
    const { token: portalToken } = await loginContact(suite.deps, contact.email!, password, {
      ip: '127.0.0.1',
    });
    // A portal token sent as the staff cookie signs nobody in to the staff app.
    const staffPage = await suite.app.inject({
      url: '/companies',
      headers: { cookie: `st_session=${portalToken}` },
    });
    expect(staffPage.statusCode).toBe(302);
    expect(staffPage.headers.location).toContain('/login');
    // A staff session token is not a portal session.
    const staffToken = /st_session=([^;]+)/.exec(staff.cookie)![1];
    expect(await contactForPortalToken(suite.deps, staffToken)).toBeNull();
  });

  /** A portal sign-in as the pages will make it: 'ok' with the cookies, or the refusal. */
  const attempt = async (email: string, pw: string, ip: string, deviceCookie?: string | null) => {
    try {
      const r = await loginContact(suite.deps, email, pw, {
        ip,
        deviceCookie: deviceCookie ?? undefined,
      });
      return { status: 'ok' as const, ...r };
    } catch (err) {
      if (err instanceof TooManyRequestsError)
        return { status: 429 as const, retryAfter: err.retryAfterSeconds, message: err.message };
      if (err instanceof ValidationError) return { status: 422 as const };
      throw err;
    }
  };
  const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
  /** n wrong passwords, each from a new address, waiting whenever told to. */
  const flood = async (email: string, n: number, prefix: string) => {
    for (let i = 0, k = 0; i < n; k++) {
      const r = await attempt(email, 'wrong guess!', `${prefix}.${k}`);
      if (r.status === 429) advance(r.retryAfter);
      else {
        expect(r.status).toBe(422);
        i += 1;
      }
    }
  };

  describe('sign-in throttling (default limits)', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.parse('2030-03-04T09:00:00Z'));
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('holds a contact back per address and per IP, and slows the account from everywhere without locking it', async () => {
      const { contact } = await portalContact();
      const email = contact.email!;
      for (let i = 0; i < 5; i++)
        expect((await attempt(email, 'wrong!', '10.0.0.1')).status).toBe(422);
      expect(await attempt(email, password, '10.0.0.1')).toMatchObject({
        status: 429,
        retryAfter: 900,
        message:
          'Too many failed sign-in attempts. Try again in 15 minutes, or reset your password.',
      });
      expect((await attempt(email, password, '10.0.0.2')).status).toBe('ok');

      // Account-wide: 10 failures from anywhere, then a doubling wait.
      await flood(email, 5, '10.1.0');
      expect(await attempt(email, password, '10.2.0.1')).toMatchObject({
        status: 429,
        retryAfter: 1,
      });
      advance(1);
      expect((await attempt(email, 'wrong!', '10.2.0.2')).status).toBe(422);
      expect(await attempt(email, password, '10.2.0.3')).toMatchObject({
        status: 429,
        retryAfter: 2,
      });
      advance(2);
      expect((await attempt(email, password, '10.2.0.3')).status).toBe('ok');

      // Per IP: 100 failures from one address, whatever the accounts.
      const rows = Array.from({ length: 100 }, (_, i) => ({
        id: `seeded-${i}`,
        email: `portal:nobody${i}@client.test`,
        ip: '10.3.0.1',
        device: null,
        at: new Date(Date.now() - 60_000).toISOString(),
      }));
      await suite.db.insertInto('login_failures').values(rows).execute();
      expect(await attempt(email, password, '10.3.0.1')).toMatchObject({
        status: 429,
        retryAfter: 840,
      });
    });

    it('lets a contact’s own browser in during an attack; refuses forged, other-account and staff cookies; locks only that device', async () => {
      const { contact } = await portalContact();
      const other = await portalContact();
      const email = contact.email!;
      const mine = await attempt(email, password, '10.4.0.1');
      const second = await attempt(email, password, '10.4.0.2');
      const theirs = await attempt(other.contact.email!, password, '10.4.0.3');
      if (mine.status !== 'ok' || second.status !== 'ok' || theirs.status !== 'ok')
        throw new Error('sign-in failed');
      const ring = suite.deps.keyring;
      expect(
        readDeviceCookie(ring, 'contact', `portal:${email}`, mine.deviceCookie),
      ).not.toBeNull();

      await flood(email, 12, '10.5.0');
      expect((await attempt(email, password, '10.4.0.1')).status).toBe(429);
      const sig = mine.deviceCookie.slice(-43);
      for (const cookie of [
        `${mine.deviceCookie.slice(0, -43)}${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`,
        theirs.deviceCookie,
        issueDeviceCookie(ring, 'staff', email),
        issueDeviceCookie(ring, 'staff', `portal:${email}`),
      ])
        expect((await attempt(email, password, '10.4.0.1', cookie)).status).toBe(429);
      expect((await attempt(email, password, '10.4.0.1', mine.deviceCookie)).status).toBe('ok');

      // Ten wrong passwords with that cookie: that device is a stranger now, the other is not.
      for (let i = 0; i < 10; i++)
        expect((await attempt(email, 'fat fingers', '10.4.0.1', mine.deviceCookie)).status).toBe(
          422,
        );
      expect((await attempt(email, password, '10.4.0.1', mine.deviceCookie)).status).toBe(429);
      expect((await attempt(email, password, '10.4.0.2', second.deviceCookie)).status).toBe('ok');
    });

    it('counts portal and staff sign-ins apart, even for the same email', async () => {
      const { contact } = await portalContact();
      const email = contact.email!;
      for (let i = 0; i < 5; i++)
        await expect(login(suite.deps, email, 'wrong!', { ip: '10.6.0.1' })).rejects.toBeInstanceOf(
          ValidationError,
        );
      await expect(login(suite.deps, email, 'wrong!', { ip: '10.6.0.1' })).rejects.toBeInstanceOf(
        TooManyRequestsError,
      );
      expect((await attempt(email, password, '10.6.0.1')).status).toBe('ok');
    });

    it('W9: an hour of attack on one contact: few guesses, and their own browser always gets in', async () => {
      const { contact } = await portalContact();
      const email = contact.email!;
      const usual = await attempt(email, password, '192.0.2.10');
      if (usual.status !== 'ok') throw new Error('sign-in failed');
      const start = Date.now();
      const end = start + 3_600_000;
      let nextVisit = start + 5 * 60_000;
      const tally = { evaluated: 0, refused: 0, visits: 0, withCookie: 0, withoutCookie: 0 };
      for (let i = 1; Date.now() < end; i++) {
        if (Date.now() >= nextVisit) {
          nextVisit += 10 * 60_000;
          tally.visits += 1;
          if ((await attempt(email, password, '192.0.2.10', usual.deviceCookie)).status === 'ok')
            tally.withCookie += 1;
          if ((await attempt(email, password, '192.0.2.20')).status === 'ok')
            tally.withoutCookie += 1;
          continue;
        }
        const r = await attempt(email, `guess ${i}`, `10.${(i >> 8) & 255}.${i & 255}.7`);
        if (r.status === 422) tally.evaluated += 1;
        else if (r.status === 429) {
          tally.refused += 1;
          vi.setSystemTime(Math.min(Date.now() + r.retryAfter * 1000, nextVisit));
        } else throw new Error('a guess got in');
      }
      console.log(
        [
          `W9 portal sign-in on ${dialect}, one simulated hour, a new IP address for every guess (default limits):`,
          `  attacker: ${tally.evaluated} passwords evaluated per hour per contact (${tally.refused} tries answered 429)`,
          `  contact with a device cookie, while under attack: ${tally.withCookie} of ${tally.visits} sign-ins succeeded`,
          `  contact on a new browser, while under attack: ${tally.withoutCookie} of ${tally.visits}`,
        ].join('\n'),
      );
      expect(tally.evaluated).toBeGreaterThan(0);
      expect(tally.evaluated).toBeLessThanOrEqual(76);
      expect(tally.withCookie).toBe(tally.visits);
    }, 300_000);
  });
});
