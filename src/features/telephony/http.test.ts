// Phone services over HTTP against the fake Twilio: Settings › Phone services (admins; the token is
// never shown back), a company's tab (link, sync, numbers, last month's usage with Twilio cost), the
// /phone-services list, the JSON API in the shapes of the issue, the role rules, and that neither the
// main nor a subaccount auth token appears in any page or API response.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  followRedirect,
  getPage,
  postForm,
  signInAs,
  type Agent,
} from '../../../test/support/app.ts';
import {
  fakeSid,
  startFakeTwilio,
  type FakeAccount,
  type FakeTwilio,
} from '../../../test/support/fake-twilio.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { company } from '../time/test-helpers.ts';
import { openApiDocument } from '../api/openapi.ts';
import { monthRange, previousMonth } from './service.ts';

describe.each(DIALECTS)('Phone services over HTTP on %s', (dialect) => {
  let fake: FakeTwilio;
  let admin: Agent;
  let sub: FakeAccount;
  let companyId: string;

  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, { deps: () => ({ env: { TWILIO_API_URL: fake.url } }) });
  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    companyId = (await company(suite.deps)).id;
    sub = fake.addSubaccount(`Riverside sub ${Math.random()}`);
    sub.numbers.push(
      { sid: fakeSid('PN'), phone_number: '+15550100001', friendly_name: 'Main line' },
      { sid: fakeSid('PN'), phone_number: '+15550100002', friendly_name: 'Fax', type: 'tollfree' },
      { sid: fakeSid('PN'), phone_number: '+15550100003', friendly_name: 'Support' },
    );
    const { start, end } = monthRange(previousMonth());
    sub.usage.push(
      {
        category: 'calls',
        count: '12',
        count_unit: 'calls',
        usage: '34',
        usage_unit: 'minutes',
        price: '0.2890',
        start_date: start,
        end_date: end,
      },
      {
        category: 'calls-inbound',
        count: '8',
        count_unit: 'calls',
        usage: '20',
        usage_unit: 'minutes',
        price: '0.17',
        start_date: start,
        end_date: end,
      },
      {
        category: 'phonenumbers',
        count: '3',
        count_unit: 'numbers',
        usage: '3',
        usage_unit: 'numbers',
        price: '3.45',
        start_date: start,
        end_date: end,
      },
    );
  });

  const saveSettings = async () => {
    const res = await postForm(suite.app, admin, '/settings/phone-services', {
      accountSid: fake.mainSid,
      authToken: fake.mainToken,
    });
    expect(res.statusCode).toBe(302);
  };

  it('saves the main account without ever showing the token, names a bad field, and tests the connection', async () => {
    const bad = await postForm(suite.app, admin, '/settings/phone-services', {
      accountSid: 'nope',
      authToken: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Account SID must be AC followed by 32 hexadecimal characters');
    await saveSettings();
    const page = await getPage(suite.app, admin, '/settings/phone-services');
    expect(page.body).toContain(fake.mainSid);
    expect(page.body).toContain(`ends in …${fake.mainToken.slice(-4)}`);
    expect(page.body).not.toContain(fake.mainToken);
    const tested = await followRedirect(
      suite.app,
      await postForm(suite.app, admin, '/settings/phone-services/test', {}),
      admin,
    );
    expect(tested.body).toContain('Connected to Twilio: MSP main account (active).');
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    expect((await getPage(suite.app, tech, '/settings/phone-services')).statusCode).toBe(403);
  });

  it('links a company from the subaccount list, syncs, and shows its numbers and last month’s usage', async () => {
    await saveSettings();
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const tab = await getPage(suite.app, tech, `/companies/${companyId}/phone-services`);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).toContain(sub.sid);
    expect(tab.body).toContain('Create subaccount “Riverside Dental”');
    const link = await postForm(suite.app, tech, `/companies/${companyId}/phone-services/link`, {
      twilioAccountSid: sub.sid,
    });
    expect(link.statusCode).toBe(302);
    const synced = await followRedirect(
      suite.app,
      await postForm(suite.app, tech, `/companies/${companyId}/phone-services/sync`, {}),
      tech,
    );
    expect(synced.body).toContain('Synced: 3 added, 0 changed, 0 released, 3 usage rows.');
    expect(synced.body).toContain('+1 555-010-0001');
    expect(synced.body).toContain('Main line');
    expect(synced.body).toContain('tollfree');
    // calls ($0.289) and phone numbers ($3.45) are lines; calls-inbound is inside calls.
    expect(synced.body).toContain('$0.29');
    expect(synced.body).toContain('$3.45');
    expect(synced.body).not.toContain('calls-inbound');
    expect(synced.body).toContain('$3.74');
    for (const secret of [fake.mainToken, sub.auth_token])
      expect(synced.body).not.toContain(secret);

    const readonly = await signInAs(suite.app, suite.deps, 'readonly');
    const ro = await getPage(suite.app, readonly, `/companies/${companyId}/phone-services`);
    expect(ro.statusCode).toBe(200);
    expect(ro.body).toContain('+1 555-010-0002');
    expect(ro.body).not.toContain('Sync now');
    expect(
      (await postForm(suite.app, readonly, `/companies/${companyId}/phone-services/sync`, {}))
        .statusCode,
    ).toBe(403);

    const list = await getPage(suite.app, readonly, '/phone-services');
    expect(list.body).not.toContain('Not built yet');
    expect(list.body).toMatch(/Riverside Dental<\/a>[\s\S]*?>3<\/td>/);
  });

  it('says clearly when Twilio fails and changes nothing', async () => {
    await saveSettings();
    await postForm(suite.app, admin, `/companies/${companyId}/phone-services/link`, {
      twilioAccountSid: sub.sid,
    });
    fake.failNext(500);
    const res = await followRedirect(
      suite.app,
      await postForm(suite.app, admin, `/companies/${companyId}/phone-services/sync`, {}),
      admin,
    );
    expect(res.body).toContain('Sync failed, nothing changed: Twilio had an internal error');
    expect(await suite.db.selectFrom('phone_numbers').selectAll().execute()).toHaveLength(0);
  });

  it('serves the JSON API in the issue’s shapes, documented, never returning a token', async () => {
    const { key } = await insertApiKey(suite.db, { name: 'ops', role: 'admin', createdBy: null });
    const api = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      suite.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, payload });
    const put = await api('PUT', '/api/v1/settings/telephony', {
      accountSid: fake.mainSid,
      authToken: fake.mainToken,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      accountSid: fake.mainSid,
      tokenSet: true,
      tokenLast4: fake.mainToken.slice(-4),
    });
    const bad = await api('PUT', `/api/v1/companies/${companyId}/telephony`, {
      twilioAccountSid: 'x',
    });
    expect(bad.statusCode).toBe(400);
    const link = await api('PUT', `/api/v1/companies/${companyId}/telephony`, {
      twilioAccountSid: sub.sid,
    });
    expect(link.statusCode).toBe(200);
    expect(link.json()).toMatchObject({ companyId, twilioAccountSid: sub.sid });
    const sync = await api('POST', `/api/v1/companies/${companyId}/telephony/sync`);
    expect(sync.json()).toEqual({ added: 3, changed: 0, released: 0, usageRows: 3 });
    const nums = await api('GET', `/api/v1/phone-numbers?companyId=${companyId}`);
    const items = nums.json().items;
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      companyId,
      phoneNumber: '+15550100001',
      friendlyName: 'Main line',
      status: 'in-use',
      source: 'twilio',
    });
    expect(typeof items[0].id).toBe('string');
    expect((await api('GET', '/api/v1/phone-numbers')).statusCode).toBe(400);
    fake.failNext(401);
    const failed = await api('POST', `/api/v1/companies/${companyId}/telephony/sync`);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().detail).toMatch(/HTTP 401/);
    for (const body of [put.body, link.body, sync.body, nums.body, failed.body])
      for (const secret of [fake.mainToken, sub.auth_token]) expect(body).not.toContain(secret);
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(doc.paths['/settings/telephony'].put.operationId).toBe('putTelephonySettings');
    expect(doc.paths['/companies/{id}/telephony'].put.operationId).toBe('linkCompanyTelephony');
    expect(doc.paths['/companies/{id}/telephony/sync'].post.operationId).toBe(
      'syncCompanyTelephony',
    );
    expect(doc.paths['/phone-numbers'].get.operationId).toBe('listPhoneNumbers');
  });
});
