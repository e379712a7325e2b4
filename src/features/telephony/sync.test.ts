// The Twilio sync end to end with the real `twilio` library against the local fake (two records a
// page, so every list spans several pages): numbers added, changed and released (never deleted),
// manual numbers left alone; monthly usage pulled twice and once more with corrected figures stored
// once per (account, category, period) and updated; a 401 and a 500 give a clear error, are logged,
// and change nothing; the money rule (thousandths of a cent, rounded once).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  startFakeTwilio,
  fakeSid,
  type FakeTwilio,
  type FakeAccount,
} from '../../../test/support/fake-twilio.ts';
import type { Ctx } from '../../platform/context.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { millicentsToCents, toMillicents } from './money.ts';
import { usageLines } from './queries.ts';
import {
  createSubaccount,
  linkSubaccount,
  listSubaccounts,
  saveTelephonySettings,
  syncCompany,
  testTelephonyConnection,
} from './service.ts';
import { TwilioError } from './twilio.ts';
import { generateKeySpec, open, parseKeyring } from '../../lib/crypto.ts';
import { rotateVaultKey } from '../vault/rotation.ts';
import { mainCredentials } from './settings.ts';
import { telephonySyncJob } from './job.ts';

describe('the money rule', () => {
  it('parses decimal strings to thousandths of a cent and rounds once, half away from zero', () => {
    expect(toMillicents('0.2890')).toBe(28_900);
    expect(toMillicents('1')).toBe(100_000);
    expect(toMillicents('0.0085')).toBe(850);
    expect(toMillicents('0.000005')).toBe(1);
    expect(toMillicents('0.000004')).toBe(0);
    expect(toMillicents('-0.05')).toBe(-5_000);
    expect(toMillicents('0')).toBe(0);
    expect(() => toMillicents('abc')).toThrow(/not a decimal/);
    expect(millicentsToCents(28_900)).toBe(29);
    expect(millicentsToCents(-1_500)).toBe(-2);
  });
  it('never sums a parent category with its children, nor totalprice', () => {
    const lines = usageLines(
      [
        'calls',
        'calls-inbound',
        'calls-outbound',
        'sms-outbound',
        'totalprice',
        'phonenumbers',
      ].map((category) => ({ category })),
    );
    expect(lines.map((l) => l.category)).toEqual(['calls', 'sms-outbound', 'phonenumbers']);
  });
});

describe.each(DIALECTS)('Twilio sync on %s', (dialect) => {
  let fake: FakeTwilio;
  let admin: Ctx;
  let tech: Ctx;
  let companyId: string;
  let sub: FakeAccount;

  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, {
    app: false,
    deps: () => ({ env: { TWILIO_API_URL: fake.url } }),
  });
  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
    tech = await staffCtx(suite.deps, 'technician');
    companyId = (await company(suite.deps)).id;
    await saveTelephonySettings(admin, { accountSid: fake.mainSid, authToken: fake.mainToken });
    sub = fake.addSubaccount(`Sub ${Math.random()}`);
    for (let i = 1; i <= 5; i++)
      sub.numbers.push({
        sid: fakeSid('PN'),
        phone_number: `+1555010000${i}`,
        friendly_name: `Line ${i}`,
      });
    fake.requests.length = 0;
  });

  const numbers = () =>
    suite.db
      .selectFrom('phone_numbers')
      .selectAll()
      .where('company_id', '=', companyId)
      .orderBy('e164')
      .execute();
  const usage = () =>
    suite.db
      .selectFrom('telephony_usage')
      .selectAll()
      .where('company_id', '=', companyId)
      .orderBy('category')
      .execute();

  it('tests the connection, lists subaccounts and links one with its token sealed', async () => {
    expect(await testTelephonyConnection(admin)).toEqual({
      friendlyName: 'MSP main account',
      status: 'active',
    });
    const subs = await listSubaccounts(tech);
    expect(subs.map((s) => s.sid)).toContain(sub.sid);
    expect(subs.map((s) => s.sid)).not.toContain(fake.mainSid);
    await linkSubaccount(tech, companyId, { twilioAccountSid: sub.sid });
    const row = await suite.db
      .selectFrom('telephony_accounts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.account_sid).toBe(sub.sid);
    expect(row.auth_token_enc).toMatch(/^v1:/);
    expect(row.auth_token_enc).not.toContain(sub.auth_token);
    const settings = await suite.db.selectFrom('app_settings').selectAll().execute();
    expect(JSON.stringify(settings)).not.toContain(fake.mainToken);
    const other = (await company(suite.deps, 'Other Co')).id;
    await expect(linkSubaccount(tech, other, { twilioAccountSid: sub.sid })).rejects.toThrow(
      /already linked/,
    );
    const readonly = await staffCtx(suite.deps, 'readonly');
    await expect(linkSubaccount(readonly, other, { twilioAccountSid: sub.sid })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('moves the main and subaccount tokens to the new key when VAULT_KEY rotates', async () => {
    await linkSubaccount(tech, companyId, { twilioAccountSid: sub.sid });
    const oldRing = suite.deps.keyring;
    const spec = generateKeySpec('k9');
    const newOnly = parseKeyring(spec);
    const newRing = { currentId: 'k9', keys: new Map([...newOnly.keys, ...oldRing.keys]) };
    const r = await rotateVaultKey(suite.db, oldRing, newRing);
    expect(r.settings).toBe(2);
    expect(await mainCredentials({ db: suite.db, keyring: newOnly })).toEqual({
      accountSid: fake.mainSid,
      authToken: fake.mainToken,
    });
    const row = await suite.db
      .selectFrom('telephony_accounts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(open(newOnly, row.auth_token_enc!)).toBe(sub.auth_token);
  });

  it('the daily job syncs every linked company, and one failing does not stop the others', async () => {
    expect(await telephonySyncJob(suite.deps).run()).toMatch(/^0 companies synced/);
    await linkSubaccount(tech, companyId, { twilioAccountSid: sub.sid });
    const second = fake.addSubaccount('Second');
    second.numbers.push({
      sid: fakeSid('PN'),
      phone_number: '+15550200001',
      friendly_name: 'Only line',
    });
    const otherId = (await company(suite.deps, 'Second Co')).id;
    await linkSubaccount(tech, otherId, { twilioAccountSid: second.sid });
    fake.failNext(500);
    expect(await telephonySyncJob(suite.deps).run()).toBe('1 companies synced, 1 failed');
    expect(await telephonySyncJob(suite.deps).run()).toBe('2 companies synced, 0 failed');
    const counts = await suite.db
      .selectFrom('phone_numbers')
      .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('company_id')
      .execute();
    expect(new Map(counts.map((c) => [c.company_id, Number(c.n)]))).toEqual(
      new Map([
        [companyId, 5],
        [otherId, 1],
      ]),
    );
    const log = await suite.db
      .selectFrom('telephony_sync_log')
      .select(['by_label', 'outcome'])
      .execute();
    expect(log.filter((l) => l.outcome === 'error')).toHaveLength(1);
    expect(new Set(log.map((l) => l.by_label))).toEqual(new Set(['scheduler']));
  });

  it('creates a subaccount named after the company', async () => {
    await createSubaccount(tech, companyId);
    const row = await suite.db
      .selectFrom('telephony_accounts')
      .selectAll()
      .executeTakeFirstOrThrow();
    const created = fake.accounts.get(row.account_sid)!;
    expect(created.friendly_name).toBe('Riverside Dental');
    expect(row.friendly_name).toBe('Riverside Dental');
    expect(row.auth_token_enc).not.toContain(created.auth_token);
  });

  it('adds, changes and releases numbers across several pages, never deleting, leaving manual numbers alone', async () => {
    await linkSubaccount(tech, companyId, { twilioAccountSid: sub.sid });
    const first = await syncCompany(tech, companyId, { months: [] });
    expect(first).toEqual({ added: 5, changed: 0, released: 0, usageRows: 0 });
    const pages = fake.requests.filter((r) => r.path.endsWith('/IncomingPhoneNumbers.json'));
    expect(pages.length).toBe(3);
    expect((await numbers()).map((n) => n.e164)).toEqual([
      '+15550100001',
      '+15550100002',
      '+15550100003',
      '+15550100004',
      '+15550100005',
    ]);
    const now = new Date().toISOString();
    await suite.db
      .insertInto('phone_numbers')
      .values({
        id: 'manual-1',
        company_id: companyId,
        source: 'manual',
        account_sid: null,
        twilio_sid: null,
        e164: '+15559990000',
        friendly_name: 'Old carrier line',
        number_type: null,
        capabilities: 'voice',
        status: 'in-use',
        voice_url: null,
        trunk_sid: null,
        date_added: null,
        released_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    expect(await syncCompany(tech, companyId, { months: [] })).toEqual({
      added: 0,
      changed: 0,
      released: 0,
      usageRows: 0,
    });

    sub.numbers[1].friendly_name = 'Front desk';
    sub.numbers[2].voice_url = 'https://example.test/voice';
    sub.numbers.splice(4, 1);
    sub.numbers.splice(0, 1);
    sub.numbers.push({
      sid: fakeSid('PN'),
      phone_number: '+15550100009',
      friendly_name: 'Fax',
      trunk_sid: fakeSid('TK'),
    });
    expect(await syncCompany(tech, companyId, { months: [] })).toEqual({
      added: 1,
      changed: 2,
      released: 2,
      usageRows: 0,
    });
    const rows = await numbers();
    expect(rows).toHaveLength(7);
    const by = new Map(rows.map((r) => [r.e164, r]));
    expect(by.get('+15550100001')!.status).toBe('released');
    expect(by.get('+15550100001')!.released_at).not.toBeNull();
    expect(by.get('+15550100005')!.status).toBe('released');
    expect(by.get('+15550100002')!.friendly_name).toBe('Front desk');
    expect(by.get('+15550100003')!.voice_url).toBe('https://example.test/voice');
    expect(by.get('+15550100009')!.trunk_sid).toMatch(/^TK/);
    expect(by.get('+15550100002')!.capabilities).toBe('sms,voice');
    expect(by.get('+15559990000')!.status).toBe('in-use');
    const log = await suite.db.selectFrom('telephony_sync_log').selectAll().orderBy('at').execute();
    expect(log.map((l) => [l.outcome, l.added, l.changed, l.released])).toEqual([
      ['ok', 5, 0, 0],
      ['ok', 0, 0, 0],
      ['ok', 1, 2, 2],
    ]);
  });

  it('stores each usage row once per account, category and period, updating it on a corrected re-pull', async () => {
    await linkSubaccount(tech, companyId, { twilioAccountSid: sub.sid });
    const oct = (category: string, usage: string, price: string, unit = 'minutes') => ({
      category,
      count: '3',
      count_unit: 'calls',
      usage,
      usage_unit: unit,
      price,
      start_date: '2026-10-01',
      end_date: '2026-10-31',
    });
    sub.usage.push(
      oct('calls', '34', '0.2890'),
      oct('calls-inbound', '20', '0.1700'),
      oct('calls-outbound', '14', '0.1190'),
      oct('sms-outbound', '120', '0.9480', 'messages'),
      oct('phonenumbers', '5', '5.75', 'numbers'),
      oct('totalprice', '6.9870', '6.9870', 'usd'),
      { ...oct('calls', '99', '9'), start_date: '2026-09-01', end_date: '2026-09-30' },
    );
    expect((await syncCompany(tech, companyId, { months: ['2026-10'] })).usageRows).toBe(6);
    expect((await syncCompany(tech, companyId, { months: ['2026-10'] })).usageRows).toBe(6);
    expect(await usage()).toHaveLength(6);
    sub.usage[0].usage = '40';
    sub.usage[0].price = '0.34005';
    expect((await syncCompany(tech, companyId, { months: ['2026-10'] })).usageRows).toBe(6);
    const rows = await usage();
    expect(rows).toHaveLength(6);
    const calls = rows.find((r) => r.category === 'calls')!;
    expect(calls.quantity).toBe('40');
    expect(Number(calls.cost_millicents)).toBe(34_005);
    expect(calls.period_start).toBe('2026-10-01');
    expect(calls.period_end).toBe('2026-10-31');
    expect(Number(rows.find((r) => r.category === 'phonenumbers')!.cost_millicents)).toBe(575_000);
    const lines = usageLines(rows).map((r) => r.category);
    expect(lines).toEqual(['calls', 'phonenumbers', 'sms-outbound']);
    const usageCalls = fake.requests.filter((r) => r.path.includes('/Usage/Records/Monthly.json'));
    expect(usageCalls[0].query.get('IncludeSubaccounts')).toBe('false');
    expect(usageCalls[0].query.get('StartDate')).toBe('2026-10-01');
  });

  it('gives a clear error on a 401 and a 500, logs it, and changes nothing', async () => {
    await linkSubaccount(tech, companyId, { twilioAccountSid: sub.sid });
    sub.usage.push({
      category: 'calls',
      count: '1',
      count_unit: 'calls',
      usage: '2',
      usage_unit: 'minutes',
      price: '0.02',
      start_date: '2026-10-01',
      end_date: '2026-10-31',
    });
    await syncCompany(tech, companyId, { months: ['2026-10'] });
    const before = { n: await numbers(), u: await usage() };
    sub.numbers.splice(0, 3);
    sub.usage[0].price = '5';

    fake.failNext(500);
    const err500 = await syncCompany(tech, companyId, { months: ['2026-10'] }).catch((e) => e);
    expect(err500).toBeInstanceOf(TwilioError);
    expect(err500.message).toMatch(/Twilio had an internal error.*HTTP 500/);

    await saveTelephonySettings(admin, { accountSid: fake.mainSid, authToken: 'wrongtoken0000' });
    const err401 = await syncCompany(tech, companyId, { months: ['2026-10'] }).catch((e) => e);
    expect(err401).toBeInstanceOf(TwilioError);
    expect(err401.message).toMatch(/refused the Account SID and auth token.*HTTP 401/);
    expect(err401.message).not.toContain('wrongtoken0000');
    await expect(testTelephonyConnection(admin)).rejects.toThrow(/HTTP 401/);

    expect(await numbers()).toEqual(before.n);
    expect(await usage()).toEqual(before.u);
    const log = await suite.db.selectFrom('telephony_sync_log').selectAll().orderBy('at').execute();
    expect(log.map((l) => l.outcome)).toEqual(['ok', 'error', 'error']);
    expect(log[2].message).toMatch(/401/);
  });
});
