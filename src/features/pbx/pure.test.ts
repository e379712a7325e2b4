import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultPbxState,
  startFakeFreePbx,
  type FakeFreePbx,
} from '../../../test/support/fake-freepbx.ts';
import { diffConfigs, describeDestination } from './diff.ts';
import { driftChecks } from './drift.ts';
import { configHash, FreePbxError, readPbxConfig, type PbxConfig } from './freepbx.ts';

const base = (): PbxConfig => ({
  version: '17.0.19',
  asteriskVersion: '21.4.1',
  needReload: false,
  modules: [{ name: 'core', version: '17.0.12', state: 'Enabled' }],
  extensions: [
    { number: '100', name: 'Reception', tech: 'pjsip', voicemail: 'default', outboundCid: '' },
  ],
  inboundRoutes: [
    { did: '+15551230000', cid: '', destination: 'from-did-direct,100,1', description: 'Main' },
  ],
  backups: [{ id: 'b1', name: 'Nightly', lastRun: '2026-12-03T02:00:00Z' }],
});

describe('diffConfigs', () => {
  it('says nothing for equal configurations', () => {
    expect(diffConfigs(base(), base())).toEqual([]);
  });
  it('names added, removed and changed extensions and routes in words', () => {
    const after = base();
    after.extensions.push({
      number: '204',
      name: 'Lab',
      tech: 'pjsip',
      voicemail: '',
      outboundCid: '',
    });
    after.inboundRoutes[0].destination = 'ext-group,600,1';
    after.inboundRoutes.push({
      did: '+15559990000',
      cid: '',
      destination: 'app-blackhole,hangup,1',
      description: '',
    });
    after.extensions[0].name = 'Front desk';
    after.needReload = true;
    after.version = '17.0.20';
    expect(diffConfigs(base(), after)).toEqual([
      'FreePBX version changed from 17.0.19 to 17.0.20',
      'reload now pending',
      'extension 100 name changed from Reception to Front desk',
      'extension 204 added',
      'route +15551230000 destination changed from ext 100 to ring group 600',
      'route +15559990000 added',
    ]);
    expect(diffConfigs(after, base())).toContain('extension 204 removed');
  });
  it('describes FreePBX destinations', () => {
    expect(describeDestination('ivr-3,s,1')).toBe('IVR 3');
    expect(describeDestination('ext-queues,400,1')).toBe('queue 400');
    expect(describeDestination('custom-x,1,1')).toBe('custom-x,1,1');
  });
});

describe('driftChecks', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  it('finds nothing on a healthy, current PBX', () => {
    expect(driftChecks(base(), [], now)).toEqual([]);
  });
  it('flags a reload pending since more than a day, not a fresh one', () => {
    const c = { ...base(), needReload: true };
    const old = [
      { takenAt: '2026-12-04T08:00:00Z', config: { needReload: true } },
      { takenAt: '2026-12-02T08:00:00Z', config: { needReload: true } },
      { takenAt: '2026-12-01T08:00:00Z', config: { needReload: false } },
    ];
    expect(driftChecks(c, old, now).map((d) => d.code)).toEqual(['reload-pending']);
    expect(driftChecks(c, old.slice(0, 1), now)).toEqual([]);
  });
  it('flags no backup in 7 days, and none ever', () => {
    const c = base();
    c.backups[0].lastRun = '2026-11-26T00:00:00Z';
    expect(driftChecks(c, [], now)[0].message).toBe('No backup in 7 days (last ran 2026-11-26).');
    c.backups = [];
    expect(driftChecks(c, [], now)[0].code).toBe('no-recent-backup');
  });
  it('flags end-of-support FreePBX and module versions', () => {
    const c = base();
    c.version = '15.0.37';
    c.modules[0].version = '15.0.20';
    expect(driftChecks(c, [], now).map((d) => d.message)).toEqual([
      'FreePBX 15 is end of life (FreePBX 15.0.37).',
      'core 15 is end of life (core 15.0.20).',
    ]);
  });
});

describe('the FreePBX client against the fake', () => {
  let fake: FakeFreePbx;
  beforeAll(async () => {
    fake = await startFakeFreePbx(defaultPbxState());
  });
  afterAll(() => fake.close());
  const conn = () => ({
    hostUrl: fake.url,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
  });

  it('reads the configuration with one cached token, and hashes it stably', async () => {
    const a = await readPbxConfig(conn());
    const b = await readPbxConfig(conn());
    expect(fake.tokenRequests).toBe(1);
    expect(a.extensions.map((e) => e.number)).toEqual(['100', '101']);
    expect(a.inboundRoutes[0]).toEqual({
      did: '+15551230000',
      cid: '',
      destination: 'from-did-direct,100,1',
      description: 'Main line',
    });
    expect(a.asteriskVersion).toBe('21.4.1');
    expect(configHash(a)).toBe(configHash(b));
  });
  it('turns the 400 status:false quirk (and the 200 variant) into FreePBX’s message', async () => {
    fake.fail.fetchAllExtensions = 'You are not authorized for this scope';
    await expect(readPbxConfig(conn())).rejects.toThrow(
      /fetchAllExtensions.*HTTP 400.*You are not authorized for this scope/,
    );
    fake.errorStatus = 200;
    await expect(readPbxConfig(conn())).rejects.toBeInstanceOf(FreePbxError);
    fake.fail = {};
    fake.errorStatus = 400;
  });
  it('says the client was refused on a wrong secret', async () => {
    await expect(readPbxConfig({ ...conn(), clientSecret: 'wrong' })).rejects.toThrow(
      /refused the API client \(HTTP 401/,
    );
  });
});
