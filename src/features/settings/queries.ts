import type { BusinessProfileTable, DbOrTrx } from '../../db/database.ts';

export type BusinessProfile = {
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  logoKey: string | null;
  timeZone: string;
  currency: string;
  invoicePrefix: string;
  /** The customer portal's accent colour, #rrggbb; null for the default. */
  accentColor: string | null;
  updatedAt: string;
};

const PROFILE_ID = 'default';

const toProfile = (r: BusinessProfileTable): BusinessProfile => ({
  name: r.name,
  address: r.address,
  email: r.email,
  phone: r.phone,
  logoKey: r.logo_key,
  timeZone: r.time_zone,
  currency: r.currency,
  invoicePrefix: r.invoice_prefix,
  accentColor: r.accent_color ?? null,
  updatedAt: r.updated_at,
});

export async function findProfile(db: DbOrTrx): Promise<BusinessProfile | null> {
  const r = await db
    .selectFrom('business_profile')
    .selectAll()
    .where('id', '=', PROFILE_ID)
    .executeTakeFirst();
  return r ? toProfile(r) : null;
}

export async function saveProfile(db: DbOrTrx, p: BusinessProfile): Promise<void> {
  const row = {
    name: p.name,
    address: p.address,
    email: p.email,
    phone: p.phone,
    logo_key: p.logoKey,
    time_zone: p.timeZone,
    currency: p.currency,
    invoice_prefix: p.invoicePrefix,
    accent_color: p.accentColor,
    updated_at: p.updatedAt,
  };
  const existing = await db
    .selectFrom('business_profile')
    .select('id')
    .where('id', '=', PROFILE_ID)
    .executeTakeFirst();
  if (existing)
    await db.updateTable('business_profile').set(row).where('id', '=', PROFILE_ID).execute();
  else
    await db
      .insertInto('business_profile')
      .values({ id: PROFILE_ID, ...row })
      .execute();
}
