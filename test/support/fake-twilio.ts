// A local Twilio for tests: a node:http server speaking the parts of the v2010 REST API this app uses,
// in the real shapes (see ../shared/reference/external-apis.md §1): HTTP Basic auth (main credentials
// reach every subaccount, a subaccount's only itself; a wrong token is a 401 with code 20003), the
// Accounts list and create (the new subaccount's auth_token in the 201), IncomingPhoneNumbers paged
// through next_page_uri, and Usage Records (per period subresources) with every amount a string.
// The real `twilio` library talks to it through TWILIO_API_URL. `failNext(status)` makes the next
// request fail (a 500, say) so tests can check that nothing changes on an error.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// biome-ignore lint/suspicious/noExplicitAny: loose JSON, as the other fakes
type Obj = Record<string, any>;

export type FakeNumber = {
  sid: string;
  phone_number: string;
  friendly_name: string;
  type?: 'local' | 'tollfree' | 'mobile';
  capabilities?: { voice: boolean; sms: boolean; mms: boolean; fax: boolean };
  status?: string;
  voice_url?: string | null;
  trunk_sid?: string | null;
  date_created?: string;
};

/** A usage record as stored by the fake: amounts as the strings Twilio sends. */
export type FakeUsage = {
  category: string;
  description?: string;
  count: string;
  count_unit: string;
  usage: string;
  usage_unit: string;
  price: string;
  price_unit?: string;
  start_date: string;
  end_date: string;
};

export type FakeAccount = {
  sid: string;
  friendly_name: string;
  auth_token: string;
  owner_account_sid: string;
  status: string;
  numbers: FakeNumber[];
  usage: FakeUsage[];
};

export type TwilioRequest = { method: string; path: string; query: URLSearchParams; body: string };

export type FakeTwilio = {
  url: string;
  mainSid: string;
  mainToken: string;
  accounts: Map<string, FakeAccount>;
  requests: TwilioRequest[];
  /** Adds a subaccount (as if created in Twilio's console); returns it. */
  addSubaccount(friendlyName: string): FakeAccount;
  /** The next request answers this status with a Twilio error body. */
  failNext(status: number): void;
  /** Records per page for every list (default 2, so a few numbers already span several pages). */
  pageSize: number;
  close(): Promise<void>;
};

let seq = 0;
const hex32 = () => {
  seq += 1;
  return (Date.now().toString(16) + seq.toString(16).padStart(8, '0')).padStart(32, '0').slice(-32);
};
export const fakeSid = (prefix: string) => `${prefix}${hex32()}`;

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

const error = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

export async function startFakeTwilio(opts: { mainToken?: string } = {}): Promise<FakeTwilio> {
  const mainSid = fakeSid('AC');
  const mainToken = opts.mainToken ?? 'main-auth-token-0123456789abcdef';
  const accounts = new Map<string, FakeAccount>();
  accounts.set(mainSid, {
    sid: mainSid,
    friendly_name: 'MSP main account',
    auth_token: mainToken,
    owner_account_sid: mainSid,
    status: 'active',
    numbers: [],
    usage: [],
  });
  const requests: TwilioRequest[] = [];
  let failing: number | null = null;

  // The Accounts list and fetch carry each account's auth_token, as Twilio's do for the main credentials.
  const accountJson = (a: FakeAccount): Obj => ({
    sid: a.sid,
    friendly_name: a.friendly_name,
    status: a.status,
    type: 'Full',
    owner_account_sid: a.owner_account_sid,
    date_created: rfc2822(new Date('2026-01-05T10:00:00Z')),
    date_updated: rfc2822(new Date('2026-01-05T10:00:00Z')),
    uri: `/2010-04-01/Accounts/${a.sid}.json`,
    auth_token: a.auth_token,
  });

  const numberJson = (a: FakeAccount, n: FakeNumber): Obj => ({
    sid: n.sid,
    account_sid: a.sid,
    phone_number: n.phone_number,
    friendly_name: n.friendly_name,
    capabilities: n.capabilities ?? { voice: true, sms: true, mms: false, fax: false },
    status: n.status ?? 'in-use',
    origin: 'twilio',
    type: n.type ?? 'local',
    trunk_sid: n.trunk_sid ?? null,
    voice_url: n.voice_url ?? null,
    sms_url: null,
    voice_application_sid: null,
    emergency_status: 'Inactive',
    date_created: rfc2822(new Date(n.date_created ?? '2026-02-01T09:00:00Z')),
    date_updated: rfc2822(new Date(n.date_created ?? '2026-02-01T09:00:00Z')),
    uri: `/2010-04-01/Accounts/${a.sid}/IncomingPhoneNumbers/${n.sid}.json`,
  });

  const usageJson = (a: FakeAccount, u: FakeUsage): Obj => ({
    account_sid: a.sid,
    api_version: '2010-04-01',
    as_of: '2026-11-02T03:00:00+00:00',
    category: u.category,
    description: u.description ?? u.category,
    count: u.count,
    count_unit: u.count_unit,
    usage: u.usage,
    usage_unit: u.usage_unit,
    price: u.price,
    price_unit: u.price_unit ?? 'usd',
    start_date: u.start_date,
    end_date: u.end_date,
    uri: `/2010-04-01/Accounts/${a.sid}/Usage/Records.json?Category=${u.category}`,
    subresource_uris: {},
  });

  const fake: FakeTwilio = {
    url: '',
    mainSid,
    mainToken,
    accounts,
    requests,
    pageSize: 2,
    addSubaccount(friendlyName) {
      const a: FakeAccount = {
        sid: fakeSid('AC'),
        friendly_name: friendlyName,
        auth_token: `sub-token-${hex32()}`,
        owner_account_sid: mainSid,
        status: 'active',
        numbers: [],
        usage: [],
      };
      accounts.set(a.sid, a);
      return a;
    },
    failNext(status) {
      failing = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** One page of `items` under `key`, with the v2010 envelope and a relative next_page_uri. */
  const paged = (path: string, query: URLSearchParams, key: string, items: Obj[]) => {
    const size = Math.min(Number(query.get('PageSize') ?? 50), fake.pageSize);
    const page = Number(query.get('Page') ?? 0);
    const start = page * size;
    const slice = items.slice(start, start + size);
    const keep = new URLSearchParams(query);
    keep.delete('Page');
    keep.delete('PageToken');
    keep.set('PageSize', String(size));
    const uri = (p: number) => {
      const q = new URLSearchParams(keep);
      q.set('Page', String(p));
      if (p > 0) q.set('PageToken', `PT${p}`);
      return `${path}?${q}`;
    };
    const more = start + size < items.length;
    return {
      [key]: slice,
      first_page_uri: uri(0),
      next_page_uri: more ? uri(page + 1) : null,
      previous_page_uri: page > 0 ? uri(page - 1) : null,
      uri: uri(page),
      page,
      page_size: size,
      start,
      end: start + slice.length - 1,
    };
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      requests.push({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, body });
      const send = (status: number, json: Obj) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (failing) {
        const status = failing;
        failing = null;
        return send(status, error(status, status === 500 ? 20500 : 20001, 'Internal Server Error'));
      }
      const [user, pass] = Buffer.from(
        (req.headers.authorization ?? '').replace(/^Basic /, ''),
        'base64',
      )
        .toString()
        .split(':');
      const caller = accounts.get(user ?? '');
      if (!caller || caller.auth_token !== pass)
        return send(401, error(401, 20003, 'Authenticate'));
      const m = /^\/2010-04-01\/Accounts(?:\/(AC[0-9a-f]{32}))?(\/.*)?\.json$/.exec(u.pathname);
      if (!m) return send(404, error(404, 20404, 'The requested resource was not found'));
      const [, sid, rest] = m;
      if (!sid) {
        if (req.method === 'POST') {
          if (caller.sid !== mainSid) return send(403, error(403, 20008, 'Forbidden'));
          const name = new URLSearchParams(body).get('FriendlyName') ?? 'Submaster';
          return send(201, accountJson(fake.addSubaccount(name)));
        }
        const visible = [...accounts.values()].filter(
          (a) => caller.sid === mainSid || a.sid === caller.sid,
        );
        return send(
          200,
          paged(
            u.pathname,
            u.searchParams,
            'accounts',
            visible.map((a) => accountJson(a)),
          ),
        );
      }
      const account = accounts.get(sid);
      if (!account || (caller.sid !== mainSid && caller.sid !== sid))
        return send(404, error(404, 20404, 'The requested resource was not found'));
      if (!rest) return send(200, accountJson(account));
      if (rest === '/IncomingPhoneNumbers')
        return send(
          200,
          paged(
            u.pathname,
            u.searchParams,
            'incoming_phone_numbers',
            account.numbers.map((n) => numberJson(account, n)),
          ),
        );
      const usage = /^\/Usage\/Records(?:\/(\w+))?$/.exec(rest);
      if (usage) {
        const from = u.searchParams.get('StartDate');
        const to = u.searchParams.get('EndDate');
        const category = u.searchParams.get('Category');
        const rows = account.usage.filter(
          (r) =>
            (!from || r.start_date >= from) &&
            (!to || r.end_date <= to) &&
            (!category || r.category === category),
        );
        return send(
          200,
          paged(
            u.pathname,
            u.searchParams,
            'usage_records',
            rows.map((r) => usageJson(account, r)),
          ),
        );
      }
      return send(404, error(404, 20404, 'The requested resource was not found'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
