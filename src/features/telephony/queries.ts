// Reads for phone services. Every list is one query on an indexed column: a company's numbers by
// phone_numbers_company (company_id, e164), its usage by telephony_usage_company (company_id,
// period_start), its sync log by telephony_sync_log_company (company_id, at).
import type { DbOrTrx } from '../../db/database.ts';

export type PhoneNumber = {
  id: string;
  companyId: string;
  source: string;
  twilioSid: string | null;
  phoneNumber: string;
  friendlyName: string;
  type: string | null;
  capabilities: string[];
  status: string;
  voiceUrl: string | null;
  trunkSid: string | null;
  dateAdded: string | null;
  releasedAt: string | null;
};

export type TelephonyAccount = {
  id: string;
  companyId: string;
  accountSid: string;
  friendlyName: string;
  lastSyncAt: string | null;
  lastSyncOutcome: string | null;
};

export type UsageRow = {
  category: string;
  description: string | null;
  periodStart: string;
  periodEnd: string;
  quantity: string;
  unit: string;
  costMillicents: number;
  priceUnit: string;
};

export type SyncLogRow = {
  at: string;
  byLabel: string;
  outcome: string;
  added: number;
  changed: number;
  released: number;
  usageRows: number;
  message: string | null;
};

export async function companyAccount(
  db: DbOrTrx,
  companyId: string,
): Promise<TelephonyAccount | null> {
  const r = await db
    .selectFrom('telephony_accounts')
    .selectAll()
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        companyId: r.company_id,
        accountSid: r.account_sid,
        friendlyName: r.friendly_name,
        lastSyncAt: r.last_sync_at,
        lastSyncOutcome: r.last_sync_outcome,
      }
    : null;
}

export async function companyNumbers(
  db: DbOrTrx,
  companyId: string,
  limit = 500,
): Promise<PhoneNumber[]> {
  const rows = await db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('e164')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    source: r.source,
    twilioSid: r.twilio_sid,
    phoneNumber: r.e164,
    friendlyName: r.friendly_name,
    type: r.number_type,
    capabilities: r.capabilities ? r.capabilities.split(',') : [],
    status: r.status,
    voiceUrl: r.voice_url,
    trunkSid: r.trunk_sid,
    dateAdded: r.date_added,
    releasedAt: r.released_at,
  }));
}

export async function companyUsage(
  db: DbOrTrx,
  companyId: string,
  periodStart: string,
): Promise<UsageRow[]> {
  const rows = await db
    .selectFrom('telephony_usage')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('period_start', '=', periodStart)
    .orderBy('category')
    .execute();
  return rows.map((r) => ({
    category: r.category,
    description: r.description,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    quantity: r.quantity,
    unit: r.unit,
    costMillicents: Number(r.cost_millicents),
    priceUnit: r.price_unit,
  }));
}

export async function recentSyncs(
  db: DbOrTrx,
  companyId: string,
  limit = 10,
): Promise<SyncLogRow[]> {
  const rows = await db
    .selectFrom('telephony_sync_log')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    byLabel: r.by_label,
    outcome: r.outcome,
    added: Number(r.added),
    changed: Number(r.changed),
    released: Number(r.released),
    usageRows: Number(r.usage_rows),
    message: r.message,
  }));
}

/** The companies with a linked subaccount and how many numbers each has (not released), by name. */
export async function linkedCompanies(db: DbOrTrx, limit = 200, offset = 0) {
  const rows = await db
    .selectFrom('telephony_accounts as t')
    .innerJoin('companies as c', 'c.id', 't.company_id')
    .select((eb) => [
      'c.id as companyId',
      'c.name as name',
      't.account_sid as accountSid',
      't.last_sync_at as lastSyncAt',
      't.last_sync_outcome as lastSyncOutcome',
      eb
        .selectFrom('phone_numbers as p')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('p.company_id', '=', 'c.id')
        .where('p.status', '<>', 'released')
        .as('numbers'),
    ])
    .orderBy('c.name_sort')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...r, numbers: Number(r.numbers ?? 0) }));
}

/**
 * Which usage rows are lines: `totalprice` never is, and a category whose parent is also present
 * (calls-inbound under calls, by the "<parent>-" prefix) is left out, so parents are never summed
 * with their children.
 */
export function usageLines<T extends { category: string }>(rows: T[]): T[] {
  const present = new Set(rows.map((r) => r.category));
  return rows.filter((r) => {
    if (r.category === 'totalprice') return false;
    const parts = r.category.split('-');
    for (let i = 1; i < parts.length; i++)
      if (present.has(parts.slice(0, i).join('-'))) return false;
    return true;
  });
}
