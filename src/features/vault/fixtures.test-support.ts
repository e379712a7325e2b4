// Test fixtures for the vault suites: a company and an asset written directly, so these tests do
// not depend on the assets feature's code.
import type { Db } from '../../db/database.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';

export async function makeCompany(db: Db, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('companies')
    .values({
      id,
      name,
      name_sort: name.toLowerCase(),
      search_text: name.toLowerCase(),
      status: 'active',
      phone: null,
      email: null,
      website: null,
      billing_address: null,
      billing_contact_id: null,
      monthly_rate_cents: 0,
      contract_start: null,
      billing_day: 1,
      payment_terms_days: 30,
      tax_exempt: 0,
      notes: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function makeAsset(db: Db, companyId: string, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('assets')
    .values({
      id,
      company_id: companyId,
      category_id: 'cat-network',
      name,
      name_sort: name.toLowerCase(),
      make: null,
      model: null,
      serial: null,
      asset_tag: null,
      status: 'in_service',
      location_id: null,
      contact_id: null,
      ip_addresses: null,
      mac: null,
      os: null,
      purchase_date: null,
      purchase_price_cents: null,
      vendor: null,
      warranty_expires: null,
      notes: null,
      custom_fields: null,
      search_text: name.toLowerCase(),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
