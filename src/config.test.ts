import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { generateKeySpec } from './lib/crypto.ts';

describe('loadConfig', () => {
  it('starts with sensible defaults: port 3000 and a SQLite file under DATA_DIR', () => {
    const c = loadConfig({ DATA_DIR: '/srv/st-data' });
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.dataDir).toBe(path.resolve('/srv/st-data'));
    expect(c.databaseUrl).toBe(
      `sqlite:${path.join(path.resolve('/srv/st-data'), 'supporttracker.db')}`,
    );
    expect(c.logLevel).toBe('info');
    expect(c.sessionTtlHours).toBe(12);
    expect(c.trustProxy).toBe(false);
    expect(c.smtpUrl).toBeUndefined();
    expect(c.throttle).toEqual({ perAccount: 5, perIp: 100, lockMinutes: 15 });
  });

  it('defaults DATA_DIR to ./data and treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', SMTP_URL: '' });
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.databaseUrl.startsWith('sqlite:')).toBe(true);
  });

  it('reads the values it is given', () => {
    const keys = generateKeySpec('k9');
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db/st',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://mail.example.com:587',
      VAULT_KEY: keys,
      TRUST_PROXY: 'yes',
      PUBLIC_URL: 'https://support.example.com/',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db/st',
      logLevel: 'warn',
      smtpUrl: 'smtp://mail.example.com:587',
      vaultKey: keys,
      trustProxy: 1,
      publicUrl: 'https://support.example.com',
    });
    expect(c.throttle.perAccount).toBe(3);
  });

  it('trusts one proxy hop for TRUST_PROXY=true, a number of hops, or listed proxy addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe(
      '127.0.0.1,10.0.0.0/8',
    );
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
  });

  const bad: [string, string][] = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'ftp://x'],
    ['LOG_LEVEL', 'loud'],
    ['SMTP_URL', 'http://x'],
    ['VAULT_KEY', 'bad'],
    ['VAULT_KEY', 'k1:c2hvcnQ='],
    ['TRUST_PROXY', 'maybe'],
    ['PUBLIC_URL', 'not a url'],
  ];
  it.each(bad)('refuses %s=%s with a ConfigError naming the variable', (name, value) => {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toContain(name);
    expect((caught as ConfigError).problems.every((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });
});
