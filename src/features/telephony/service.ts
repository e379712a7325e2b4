// Phone services, the Twilio half: the main account's credentials, linking a company to its
// subaccount (picked from the account's list or created under the company's name), and the sync that
// pulls a subaccount's numbers and monthly usage. Everything is fetched from Twilio first and written
// in one transaction afterwards, so a 401, a 500 or a timeout changes no number and no usage row; the
// outcome (counts, or the error) is logged in telephony_sync_log either way. A number gone from
// Twilio is marked released, never deleted; usage rows are unique on (account_sid, category,
// period_start, period_end), so a re-pull updates them in place.
import { z } from 'zod';
import type { DbOrTrx } from '../../db/database.ts';
import { open, seal } from '../../lib/crypto.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { toMillicents } from './money.ts';
import { companyAccount } from './queries.ts';
import {
  mainCredentials,
  publicTelephony,
  readStoredTelephony,
  sealToken,
  writeStoredTelephony,
  type PublicTelephony,
} from './settings.ts';
import { callTwilio, twilioClient, TwilioError, type TwilioClient } from './twilio.ts';

const AccountSid = z
  .string({ message: 'Account SID is required' })
  .trim()
  .regex(/^AC[0-9a-fA-F]{32}$/, 'Account SID must be AC followed by 32 hexadecimal characters');

export const TelephonySettingsInput = z.object({
  accountSid: AccountSid,
  /** Empty keeps the stored token. */
  authToken: z
    .string()
    .trim()
    .max(200, 'Auth token is too long')
    .regex(/^[A-Za-z0-9_-]*$/, 'Auth token must be letters and digits')
    .optional()
    .transform((v) => v || undefined),
});

export const LinkInput = z.object({ twilioAccountSid: AccountSid });

export async function telephonySettings(ctx: Ctx): Promise<PublicTelephony> {
  assertCan(ctx.actor, 'settings.manage');
  return publicTelephony(await readStoredTelephony(ctx.db));
}

export async function saveTelephonySettings(ctx: Ctx, raw: unknown): Promise<PublicTelephony> {
  assertCan(ctx.actor, 'settings.manage');
  const input = parseInput(TelephonySettingsInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readStoredTelephony(trx);
    if (!input.authToken && !before)
      throw new ValidationError([{ path: 'authToken', message: 'Auth token is required' }]);
    const next = {
      accountSid: input.accountSid,
      authToken: input.authToken ? sealToken(ctx.keyring, input.authToken) : before!.authToken,
    };
    await writeStoredTelephony(trx, next, nowIso());
    await audit(trx, ctx, {
      action: 'telephony.settings',
      entityType: 'app_settings',
      summary: {
        accountSid: [before?.accountSid ?? null, next.accountSid],
        authToken: input.authToken ? 'changed' : 'kept',
      },
    });
    return publicTelephony(next);
  });
}

async function mainClient(ctx: Ctx): Promise<{ client: TwilioClient; mainSid: string }> {
  const creds = await mainCredentials(ctx);
  if (!creds)
    throw new ConflictError(
      'Phone services are not set up: enter the Twilio Account SID and auth token in Settings → Phone services',
    );
  return {
    client: twilioClient(ctx.config.twilioApiUrl, creds.accountSid, creds.authToken),
    mainSid: creds.accountSid,
  };
}

/** Test connection: fetches the main account. Returns its name and status. */
export async function testTelephonyConnection(
  ctx: Ctx,
): Promise<{ friendlyName: string; status: string }> {
  assertCan(ctx.actor, 'settings.manage');
  const { client, mainSid } = await mainClient(ctx);
  const a = await callTwilio('fetch the account', () => client.api.v2010.accounts(mainSid).fetch());
  return { friendlyName: a.friendlyName, status: a.status };
}

export type Subaccount = {
  sid: string;
  friendlyName: string;
  status: string;
  linkedCompanyId: string | null;
};

/** The main account's subaccounts (not the main account itself), with which company each is linked to. */
export async function listSubaccounts(ctx: Ctx): Promise<Subaccount[]> {
  assertCan(ctx.actor, 'telephony.write');
  const { client, mainSid } = await mainClient(ctx);
  const all = await callTwilio('list subaccounts', () =>
    client.api.v2010.accounts.list({ limit: 1000 }),
  );
  const subs = all.filter((a) => a.sid !== mainSid && a.status !== 'closed');
  const linked = subs.length
    ? await ctx.db
        .selectFrom('telephony_accounts')
        .select(['account_sid', 'company_id'])
        .where(
          'account_sid',
          'in',
          subs.map((s) => s.sid),
        )
        .execute()
    : [];
  const by = new Map(linked.map((l) => [l.account_sid, l.company_id]));
  return subs.map((s) => ({
    sid: s.sid,
    friendlyName: s.friendlyName,
    status: s.status,
    linkedCompanyId: by.get(s.sid) ?? null,
  }));
}

async function companyName(db: DbOrTrx, companyId: string): Promise<string> {
  const c = await db
    .selectFrom('companies')
    .select('name')
    .where('id', '=', companyId)
    .executeTakeFirst();
  if (!c) throw new NotFoundError('Company not found');
  return c.name;
}

async function storeLink(
  ctx: Ctx,
  companyId: string,
  account: { sid: string; friendlyName: string; authToken: string | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const other = await trx
      .selectFrom('telephony_accounts')
      .select('company_id')
      .where('account_sid', '=', account.sid)
      .where('company_id', '<>', companyId)
      .executeTakeFirst();
    if (other)
      throw new ConflictError('That Twilio subaccount is already linked to another company');
    const now = nowIso();
    const enc = account.authToken ? seal(ctx.keyring, account.authToken) : null;
    const existing = await companyAccount(trx, companyId);
    if (existing)
      await trx
        .updateTable('telephony_accounts')
        .set({
          account_sid: account.sid,
          friendly_name: account.friendlyName,
          auth_token_enc: enc,
          updated_at: now,
        })
        .where('id', '=', existing.id)
        .execute();
    else
      await trx
        .insertInto('telephony_accounts')
        .values({
          id: newId(),
          company_id: companyId,
          account_sid: account.sid,
          friendly_name: account.friendlyName,
          auth_token_enc: enc,
          last_sync_at: null,
          last_sync_outcome: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    await audit(trx, ctx, {
      action: 'telephony.link',
      entityType: 'company',
      entityId: companyId,
      companyId,
      summary: { accountSid: [existing?.accountSid ?? null, account.sid] },
    });
    return companyAccount(trx, companyId);
  });
}

/** Links a company to one of the main account's subaccounts (its token is stored sealed). */
export async function linkSubaccount(ctx: Ctx, companyId: string, raw: unknown) {
  assertCan(ctx.actor, 'telephony.write');
  const input = parseInput(LinkInput, raw);
  await companyName(ctx.db, companyId);
  const { client, mainSid } = await mainClient(ctx);
  if (input.twilioAccountSid === mainSid)
    throw new ValidationError([
      { path: 'twilioAccountSid', message: 'Pick a subaccount, not the main account' },
    ]);
  const a = await callTwilio('fetch the subaccount', () =>
    client.api.v2010.accounts(input.twilioAccountSid).fetch(),
  ).catch((err) => {
    if (err instanceof TwilioError && err.twilioStatus === 404)
      throw new ValidationError([
        {
          path: 'twilioAccountSid',
          message: 'Twilio has no subaccount with that SID under the main account',
        },
      ]);
    throw err;
  });
  return storeLink(ctx, companyId, {
    sid: a.sid,
    friendlyName: a.friendlyName,
    authToken: a.authToken ?? null,
  });
}

/** Creates a subaccount named after the company and links it. */
export async function createSubaccount(ctx: Ctx, companyId: string) {
  assertCan(ctx.actor, 'telephony.write');
  const name = await companyName(ctx.db, companyId);
  if (await companyAccount(ctx.db, companyId))
    throw new ConflictError('This company is already linked to a Twilio subaccount');
  const { client } = await mainClient(ctx);
  const a = await callTwilio('create the subaccount', () =>
    client.api.v2010.accounts.create({ friendlyName: name }),
  );
  return storeLink(ctx, companyId, {
    sid: a.sid,
    friendlyName: a.friendlyName,
    authToken: a.authToken ?? null,
  });
}

export type SyncResult = { added: number; changed: number; released: number; usageRows: number };

const ymd = (d: Date | string) =>
  typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/** YYYY-MM → the month's first and last days. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before the one `now` is in, as YYYY-MM (UTC, as Twilio's usage periods are). */
export function previousMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

type NumberFields = {
  e164: string;
  friendly_name: string;
  number_type: string | null;
  capabilities: string;
  status: string;
  voice_url: string | null;
  trunk_sid: string | null;
  date_added: string | null;
};
const COMPARED: (keyof NumberFields)[] = [
  'e164',
  'friendly_name',
  'number_type',
  'capabilities',
  'status',
  'voice_url',
  'trunk_sid',
];

/**
 * Pulls the company's numbers and its monthly usage for `months` (default: last month and this
 * month) from Twilio with the main credentials, then writes the differences. Throws a TwilioError
 * (after logging it) when Twilio fails; nothing else is written then.
 */
export async function syncCompany(
  ctx: Ctx,
  companyId: string,
  opts: { months?: string[] } = {},
): Promise<SyncResult> {
  assertCan(ctx.actor, 'telephony.write');
  const account = await companyAccount(ctx.db, companyId);
  if (!account) throw new ConflictError('This company is not linked to a Twilio subaccount');
  const months = opts.months ?? [previousMonth(), new Date().toISOString().slice(0, 7)];
  const log = async (
    trx: DbOrTrx,
    outcome: 'ok' | 'error',
    r: SyncResult,
    message: string | null,
  ) => {
    const at = nowIso();
    await trx
      .insertInto('telephony_sync_log')
      .values({
        id: newId(),
        company_id: companyId,
        account_sid: account.accountSid,
        at,
        by_label: actorLabel(ctx.actor),
        outcome,
        added: r.added,
        changed: r.changed,
        released: r.released,
        usage_rows: r.usageRows,
        message: message?.slice(0, 1000) ?? null,
      })
      .execute();
    const summary =
      outcome === 'ok'
        ? `${r.added} added, ${r.changed} changed, ${r.released} released, ${r.usageRows} usage rows`
        : `error: ${message}`;
    await trx
      .updateTable('telephony_accounts')
      .set({ last_sync_at: at, last_sync_outcome: summary.slice(0, 500) })
      .where('id', '=', account.id)
      .execute();
  };
  const zero = { added: 0, changed: 0, released: 0, usageRows: 0 };

  let remote: (NumberFields & { sid: string })[];
  let usage: Awaited<ReturnType<typeof pullUsage>>;
  try {
    const { client } = await mainClient(ctx);
    const sub = client.api.v2010.accounts(account.accountSid);
    const list = await callTwilio('list phone numbers', () =>
      sub.incomingPhoneNumbers.list({ pageSize: 1000 }),
    );
    remote = list.map((n) => ({
      sid: n.sid,
      e164: n.phoneNumber,
      friendly_name: n.friendlyName ?? n.phoneNumber,
      number_type: n.type ?? null,
      capabilities: Object.entries(n.capabilities ?? {})
        .filter(([, on]) => on === true)
        .map(([k]) => k)
        .sort()
        .join(','),
      status: n.status ?? 'in-use',
      voice_url: n.voiceUrl || null,
      trunk_sid: n.trunkSid || null,
      date_added: n.dateCreated ? new Date(n.dateCreated).toISOString() : null,
    }));
    usage = await pullUsage(client, account.accountSid, months);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db.transaction().execute((trx) => log(trx, 'error', zero, message));
    throw err;
  }

  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const result = { ...zero };
    const local = await trx
      .selectFrom('phone_numbers')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('source', '=', 'twilio')
      .execute();
    const bySid = new Map(local.map((r) => [r.twilio_sid, r]));
    const seen = new Set<string>();
    for (const n of remote) {
      seen.add(n.sid);
      const { sid, ...fields } = n;
      const row = bySid.get(sid);
      if (!row) {
        const taken = await trx
          .selectFrom('phone_numbers')
          .select('company_id')
          .where('twilio_sid', '=', sid)
          .executeTakeFirst();
        if (taken) continue; // moved from another company's subaccount: left with that company
        await trx
          .insertInto('phone_numbers')
          .values({
            id: newId(),
            company_id: companyId,
            source: 'twilio',
            account_sid: account.accountSid,
            twilio_sid: sid,
            ...fields,
            released_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        result.added += 1;
      } else if (COMPARED.some((k) => row[k] !== fields[k]) || row.released_at) {
        await trx
          .updateTable('phone_numbers')
          .set({ ...fields, account_sid: account.accountSid, released_at: null, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        result.changed += 1;
      }
    }
    for (const row of local)
      if (row.twilio_sid && !seen.has(row.twilio_sid) && row.status !== 'released') {
        await trx
          .updateTable('phone_numbers')
          .set({ status: 'released', released_at: now, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        result.released += 1;
      }

    if (usage.length) {
      const existing = await trx
        .selectFrom('telephony_usage')
        .select(['id', 'category', 'period_start', 'period_end'])
        .where('account_sid', '=', account.accountSid)
        .where('period_start', 'in', [...new Set(usage.map((u) => u.period_start))])
        .execute();
      const key = (r: { category: string; period_start: string; period_end: string }) =>
        `${r.category}|${r.period_start}|${r.period_end}`;
      const ids = new Map(existing.map((r) => [key(r), r.id]));
      for (const u of usage) {
        const id = ids.get(key(u));
        if (id)
          await trx
            .updateTable('telephony_usage')
            .set({ ...u, company_id: companyId, pulled_at: now })
            .where('id', '=', id)
            .execute();
        else
          await trx
            .insertInto('telephony_usage')
            .values({
              id: newId(),
              company_id: companyId,
              account_sid: account.accountSid,
              ...u,
              pulled_at: now,
            })
            .execute();
        result.usageRows += 1;
      }
    }
    await log(trx, 'ok', result, null);
    return result;
  });
}

async function pullUsage(client: TwilioClient, accountSid: string, months: string[]) {
  const rows: {
    category: string;
    period_start: string;
    period_end: string;
    description: string | null;
    quantity: string;
    unit: string;
    event_count: string | null;
    count_unit: string | null;
    cost_millicents: number;
    price_unit: string;
    as_of: string | null;
  }[] = [];
  for (const month of months) {
    const { start, end } = monthRange(month);
    const records = await callTwilio(`usage for ${month}`, () =>
      client.api.v2010.accounts(accountSid).usage.records.monthly.list({
        startDate: new Date(`${start}T00:00:00Z`),
        endDate: new Date(`${end}T00:00:00Z`),
        includeSubaccounts: false,
        pageSize: 1000,
      }),
    );
    for (const r of records) {
      if (!r.category || !r.startDate || !r.endDate) continue;
      let cost: number;
      try {
        cost = toMillicents(r.price as unknown as string);
      } catch {
        throw new TwilioError(
          `Twilio sent a usage price that is not a number (${r.category}: ${String(r.price)})`,
          null,
        );
      }
      rows.push({
        category: String(r.category),
        period_start: ymd(r.startDate),
        period_end: ymd(r.endDate),
        description: r.description ?? null,
        quantity: String(r.usage ?? '0'),
        unit: r.usageUnit ?? '',
        event_count: r.count != null && r.count !== '' ? String(r.count) : null,
        count_unit: r.countUnit ?? null,
        cost_millicents: cost,
        price_unit: r.priceUnit ?? 'usd',
        as_of: r.asOf ?? null,
      });
    }
  }
  return rows;
}

/** A subaccount's own token, for the rare call that needs it (other Twilio domains); null if none. */
export async function subaccountToken(ctx: Ctx, companyId: string): Promise<string | null> {
  const r = await ctx.db
    .selectFrom('telephony_accounts')
    .select('auth_token_enc')
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return r?.auth_token_enc ? open(ctx.keyring, r.auth_token_enc) : null;
}
