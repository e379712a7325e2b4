// A local fake FreePBX API module (16/17) for tests: the OAuth2 client-credentials token endpoint
// and the GraphQL endpoint, switching on the top-level field named in the query (a regex, as the
// reference suggests). Shapes follow ../shared/reference/external-apis.md section 4, with its quirk:
// a top-level field answering status:false gives HTTP 400 {"errors":[{message,status:false}]}
// (or, with errorStatus 200, the standard 200 + errors array). State is plain data a test edits.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeExtension = {
  extensionId: string;
  name: string;
  tech: string;
  voicemail: string;
  outboundCid: string;
};
export type FakeRoute = {
  extension: string;
  cidnum: string;
  description: string;
  destination: string;
};
export type FakeBackup = { id: string; name: string; lastRun: string | null };

export type FakePbxState = {
  version: string;
  engine: string;
  needReload: boolean;
  modules: { name: string; version: string; state: string; license: string }[];
  extensions: FakeExtension[];
  routes: FakeRoute[];
  backups: FakeBackup[];
};

export type FakeFreePbx = {
  url: string;
  clientId: string;
  clientSecret: string;
  state: FakePbxState;
  /** Top-level field name → message: that field answers status:false. */
  fail: Record<string, string>;
  /** The HTTP status a status:false answer comes with (400 in the source; 200 also seen). */
  errorStatus: number;
  tokenRequests: number;
  gqlRequests: number;
  /** doreload calls; each transaction answers Processing once, then Executed (or Failed). */
  reloads: number;
  txns: Map<string, number>;
  /** When set, reloads fail with these details. */
  reloadFails: string | null;
  close(): Promise<void>;
};

export function defaultPbxState(): FakePbxState {
  return {
    version: '17.0.19',
    engine: 'asterisk 21.4.1',
    needReload: false,
    modules: [
      { name: 'core', version: '17.0.12', state: 'Enabled', license: 'GPLv3+' },
      { name: 'framework', version: '17.0.19', state: 'Enabled', license: 'GPLv2+' },
    ],
    extensions: [
      {
        extensionId: '100',
        name: 'Reception',
        tech: 'pjsip',
        voicemail: 'default',
        outboundCid: '',
      },
      { extensionId: '101', name: 'Dr Patel', tech: 'pjsip', voicemail: 'novm', outboundCid: '' },
    ],
    routes: [
      {
        extension: '+15551230000',
        cidnum: '',
        description: 'Main line',
        destination: 'from-did-direct,100,1',
      },
    ],
    backups: [{ id: 'b1', name: 'Nightly', lastRun: new Date().toISOString() }],
  };
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => resolve(s));
  });

export async function startFakeFreePbx(
  state: FakePbxState = defaultPbxState(),
): Promise<FakeFreePbx> {
  const tokens = new Set<string>();
  const fake = {
    clientId: 'st-client',
    clientSecret: 'fake-secret-0123456789',
    state,
    fail: {} as Record<string, string>,
    errorStatus: 400,
    tokenRequests: 0,
    gqlRequests: 0,
    reloads: 0,
    txns: new Map<string, number>(),
    reloadFails: null,
  } as FakeFreePbx;

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const raw = await body(req);
    if (req.method === 'POST' && req.url === '/admin/api/api/token') {
      fake.tokenRequests++;
      const form = new URLSearchParams(raw);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== fake.clientId ||
        form.get('client_secret') !== fake.clientSecret
      )
        return send(401, {
          error: 'invalid_client',
          error_description: 'Client authentication failed',
          message: 'Client authentication failed',
        });
      const token = `tok-${fake.tokenRequests}-${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return send(200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
    }
    if (req.method === 'POST' && req.url === '/admin/api/api/gql') {
      fake.gqlRequests++;
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7)))
        return send(401, {
          error: 'access_denied',
          message: 'The resource owner or authorization server denied the request.',
        });
      let query = '';
      try {
        query = String(JSON.parse(raw).query ?? '');
      } catch {
        return send(400, { errors: [{ message: 'Syntax Error: invalid JSON' }] });
      }
      const field = /\{\s*(\w+)/.exec(query.replace(/^\s*(query|mutation)\s*\w*/, ''))?.[1] ?? '';
      // Inline arguments (input:{a:"x", b:true} or txnId:"…"), string and boolean literals only.
      const args: Partial<Record<string, string | boolean>> = {};
      for (const m of query.matchAll(/(\w+):\s*("(?:[^"\\]|\\.)*"|true|false)/g))
        args[m[1]] = JSON.parse(m[2]);
      if (fake.fail[field])
        return send(fake.errorStatus, { errors: [{ message: fake.fail[field], status: false }] });
      const s = fake.state;
      switch (field) {
        case 'system':
          return send(200, {
            data: { system: { version: s.version, engine: s.engine, needReload: s.needReload } },
          });
        case 'fetchInstalledModules':
          return send(200, {
            data: {
              fetchInstalledModules: {
                status: true,
                message: 'Installed modules list loaded successfully',
                modules: s.modules,
              },
            },
          });
        case 'fetchAllExtensions':
          return send(200, {
            data: {
              fetchAllExtensions: {
                status: true,
                message: "Extension's are listed",
                totalCount: s.extensions.length,
                extension: s.extensions.map((e) => ({
                  extensionId: e.extensionId,
                  tech: e.tech,
                  user: { name: e.name, outboundCid: e.outboundCid, voicemail: e.voicemail },
                  coreDevice: {
                    deviceId: e.extensionId,
                    dial: `PJSIP/${e.extensionId}`,
                    devicetype: 'fixed',
                    description: e.name,
                  },
                })),
              },
            },
          });
        case 'allInboundRoutes':
          return send(200, {
            data: {
              allInboundRoutes: {
                status: true,
                message: 'Inbound Routes',
                totalCount: s.routes.length,
                inboundRoutes: s.routes.map((r) => ({ id: `${r.extension}/${r.cidnum}`, ...r })),
              },
            },
          });
        case 'fetchAllBackups':
          return send(200, {
            data: {
              fetchAllBackups: { status: true, message: 'Backups', backups: s.backups },
            },
          });
        case 'addExtension': {
          const n = String(args.extensionId ?? '');
          if (
            !/^\d+$/.test(n) ||
            s.extensions.some((e) => e.extensionId === n) ||
            !args.name ||
            !args.email
          )
            return send(fake.errorStatus, {
              errors: [
                { message: `This device id ${n} is already in use or invalid`, status: false },
              ],
            });
          s.extensions.push({
            extensionId: n,
            name: String(args.name),
            tech: String(args.tech ?? 'pjsip'),
            voicemail: args.vmEnable ? 'default' : 'novm',
            outboundCid: String(args.outboundCid ?? ''),
          });
          s.needReload = true;
          return send(200, {
            data: {
              addExtension: { status: true, message: 'Extension has been created Successfully' },
            },
          });
        }
        case 'updateExtension':
        case 'deleteExtension': {
          const e = s.extensions.find((x) => x.extensionId === String(args.extensionId ?? ''));
          if (!e)
            return send(fake.errorStatus, {
              errors: [{ message: 'Extension does not exists', status: false }],
            });
          if (field === 'updateExtension') e.name = String(args.name ?? e.name);
          else s.extensions = s.extensions.filter((x) => x !== e);
          s.needReload = true;
          return send(200, { data: { [field]: { status: true, message: 'Done' } } });
        }
        case 'doreload': {
          const txn = `txn-${++fake.reloads}`;
          fake.txns.set(txn, 0);
          return send(200, {
            data: {
              doreload: {
                status: true,
                message:
                  'Doreload/apply config has been initiated. Please check the status using fetchApiStatus api with the returned transaction id',
                transaction_id: txn,
              },
            },
          });
        }
        case 'fetchApiStatus': {
          const txn = String(args.txnId ?? '');
          const polls = fake.txns.get(txn);
          if (polls === undefined)
            return send(fake.errorStatus, {
              errors: [{ message: 'Sorry unable to find the status', status: false }],
            });
          fake.txns.set(txn, polls + 1);
          if (polls < 1)
            return send(200, {
              data: { fetchApiStatus: { status: true, message: 'Processing', details: null } },
            });
          if (fake.reloadFails)
            return send(200, {
              data: {
                fetchApiStatus: { status: true, message: 'Failed', details: fake.reloadFails },
              },
            });
          s.needReload = false;
          return send(200, {
            data: { fetchApiStatus: { status: true, message: 'Executed', details: null } },
          });
        }
        default:
          return send(200, {
            errors: [{ message: `Cannot query field "${field}" on type "Query".` }],
          });
      }
    }
    send(404, { message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
