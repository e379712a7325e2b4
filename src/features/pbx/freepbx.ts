// The FreePBX API client: OAuth2 client credentials (POST /admin/api/api/token, the bearer cached
// for its lifetime minus a minute, per host + client), then GraphQL (POST /admin/api/api/gql) for
// the configuration we record. FreePBX's quirk: a top-level field answering status:false comes back
// as HTTP 400 {"errors":[{message,status:false}]} (sometimes 200 + errors); both become a
// FreePbxError carrying FreePBX's own message. Uses Node's fetch with a timeout.
import { createHash } from 'node:crypto';

export type PbxExtension = {
  number: string;
  name: string;
  tech: string;
  voicemail: string;
  outboundCid: string;
};
export type PbxRoute = { did: string; cid: string; destination: string; description: string };
export type PbxBackup = { id: string; name: string; lastRun: string | null };
export type PbxModule = { name: string; version: string; state: string };
export type PbxConfig = {
  version: string;
  asteriskVersion: string;
  needReload: boolean;
  modules: PbxModule[];
  extensions: PbxExtension[];
  inboundRoutes: PbxRoute[];
  backups: PbxBackup[];
};
export type PbxConnection = { hostUrl: string; clientId: string; clientSecret: string };

// biome-ignore lint/suspicious/noExplicitAny: untyped JSON from the PBX, read field by field through str()
type Wire = any;

export class FreePbxError extends Error {}

const TIMEOUT_MS = 15_000;
const tokens = new Map<string, { token: string; expiresAt: number }>();
const cacheKey = (c: PbxConnection) =>
  `${c.hostUrl}\n${c.clientId}\n${createHash('sha256').update(c.clientSecret).digest('hex')}`;
const base = (c: PbxConnection) => c.hostUrl.replace(/\/+$/, '');

async function post(url: string, init: RequestInit): Promise<{ status: number; data: Wire }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new FreePbxError(`The PBX did not answer (${(err as Error).message}).`);
  }
  const text = await res.text();
  try {
    return { status: res.status, data: JSON.parse(text) };
  } catch {
    throw new FreePbxError(`The PBX answered HTTP ${res.status} with something that is not JSON.`);
  }
}

async function token(c: PbxConnection): Promise<string> {
  const cached = tokens.get(cacheKey(c));
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const { status, data } = await post(`${base(c)}/admin/api/api/token`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.clientSecret,
    }).toString(),
  });
  if (status !== 200 || typeof data?.access_token !== 'string')
    throw new FreePbxError(
      `The PBX refused the API client (HTTP ${status}: ${data?.message ?? data?.error_description ?? data?.error ?? 'no message'}). Check the client id and secret.`,
    );
  const lifetime = Number(data.expires_in) > 0 ? Number(data.expires_in) : 3600;
  tokens.set(cacheKey(c), {
    token: data.access_token,
    expiresAt: Date.now() + Math.max(0, lifetime - 60) * 1000,
  });
  return data.access_token;
}

/** One GraphQL query; returns data[field] or throws FreePbxError with FreePBX's message. */
export async function gql(c: PbxConnection, field: string, query: string): Promise<Wire> {
  let answer = await post(`${base(c)}/admin/api/api/gql`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(c)}` },
    body: JSON.stringify({ query }),
  });
  if (answer.status === 401) {
    tokens.delete(cacheKey(c)); // revoked or expired early: one fresh token, one retry
    answer = await post(`${base(c)}/admin/api/api/gql`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(c)}` },
      body: JSON.stringify({ query }),
    });
  }
  const { status, data } = answer;
  const errs = Array.isArray(data?.errors) ? data.errors : [];
  if (errs.length)
    throw new FreePbxError(
      `FreePBX answered ${field} with an error (HTTP ${status}): ${errs.map((e: Wire) => String(e?.message ?? 'no message')).join('; ')}`,
    );
  if (status !== 200) throw new FreePbxError(`FreePBX answered ${field} with HTTP ${status}.`);
  const out = data?.data?.[field];
  if (out == null) throw new FreePbxError(`FreePBX returned no ${field}.`);
  if (out.status === false)
    throw new FreePbxError(`FreePBX answered ${field}: ${out.message ?? 'status false'}`);
  return out;
}

const str = (v: unknown) => (v == null ? '' : String(v));
const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

/** Everything we record, read in five queries; sorted so equal configurations hash equally. */
export async function readPbxConfig(c: PbxConnection): Promise<PbxConfig> {
  const system = await gql(c, 'system', 'query { system { version engine needReload } }');
  const mods = await gql(
    c,
    'fetchInstalledModules',
    'query { fetchInstalledModules { status message modules { name version state license } } }',
  );
  const exts = await gql(
    c,
    'fetchAllExtensions',
    'query { fetchAllExtensions { status message totalCount extension { extensionId tech user { name outboundCid voicemail } } } }',
  );
  const routes = await gql(
    c,
    'allInboundRoutes',
    'query { allInboundRoutes { totalCount inboundRoutes { id extension cidnum description destination } } }',
  );
  const backups = await gql(
    c,
    'fetchAllBackups',
    'query { fetchAllBackups { status message backups { id name lastRun } } }',
  );
  return {
    version: str(system.version),
    asteriskVersion: str(system.engine).replace(/^asterisk\s*/i, ''),
    needReload: system.needReload === true || system.needReload === 'true',
    modules: (mods.modules ?? [])
      .map((m: Wire) => ({ name: str(m.name), version: str(m.version), state: str(m.state) }))
      .sort(byKey<PbxModule>((m) => m.name)),
    extensions: (exts.extension ?? [])
      .map((e: Wire) => ({
        number: str(e.extensionId),
        name: str(e.user?.name),
        tech: str(e.tech),
        voicemail: str(e.user?.voicemail),
        outboundCid: str(e.user?.outboundCid),
      }))
      .sort(byKey<PbxExtension>((e) => e.number.padStart(12, '0'))),
    inboundRoutes: (routes.inboundRoutes ?? [])
      .map((r: Wire) => ({
        did: str(r.extension),
        cid: str(r.cidnum),
        destination: str(r.destination),
        description: str(r.description),
      }))
      .sort(byKey<PbxRoute>((r) => `${r.did}/${r.cid}`)),
    backups: (backups.backups ?? [])
      .map((b: Wire) => ({
        id: str(b.id),
        name: str(b.name),
        lastRun: b.lastRun ? str(b.lastRun) : null,
      }))
      .sort(byKey<PbxBackup>((b) => b.id)),
  };
}

/** SHA-256 of the canonical JSON (readPbxConfig sorts every list). */
export const configHash = (c: PbxConfig) =>
  createHash('sha256').update(JSON.stringify(c)).digest('hex');

/** A GraphQL literal for one input object: strings via JSON (valid GraphQL string escapes). */
const literal = (input: Record<string, string | boolean>) =>
  `{${Object.entries(input)
    .map(([k, v]) => `${k}:${typeof v === 'boolean' ? String(v) : JSON.stringify(v)}`)
    .join(', ')}}`;

/** One Relay mutation (input:{…}) answering { status message }; status:false throws. */
export async function mutate(
  c: PbxConnection,
  field: string,
  input: Record<string, string | boolean>,
  extra = '',
): Promise<Wire> {
  return gql(
    c,
    field,
    `mutation { ${field}(input:${literal(input)}) { status message ${extra} } }`,
  );
}

/**
 * Apply Config: doreload is asynchronous; poll fetchApiStatus until Executed (resolves) or Failed
 * (throws with FreePBX's details), at most `tries` times.
 */
export async function applyConfig(c: PbxConnection, pollMs = 500, tries = 60): Promise<void> {
  const started = await mutate(c, 'doreload', {}, 'transaction_id');
  const txn = str(started.transaction_id);
  if (!txn) throw new FreePbxError('FreePBX started no reload transaction.');
  for (let i = 0; i < tries; i++) {
    const s = await gql(
      c,
      'fetchApiStatus',
      `query { fetchApiStatus(txnId:${JSON.stringify(txn)}) { status message details } }`,
    );
    const msg = str(s.message);
    if (/^executed$/i.test(msg)) return;
    if (/^failed$/i.test(msg))
      throw new FreePbxError(`Apply Config failed: ${str(s.details) || 'no details'}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new FreePbxError('Apply Config did not finish in time; check the PBX.');
}
