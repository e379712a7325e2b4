// The portal's own SQL: the signed-in contact, emailed password links, the home page's figures and
// the portal's branding. Every function that reads customer data takes the contact's company id
// and filters by it (see context.ts for the rule).
import type { DbOrTrx } from '../../db/database.ts';
import type { ContactActor } from '../../platform/actor.ts';
import { OPEN_STATUSES } from '../work-orders/transitions.ts';

export type PortalContact = {
  id: string;
  companyId: string;
  companyName: string;
  name: string;
  email: string;
  phone: string | null;
  passwordHash: string | null;
  billing: boolean;
  service: boolean;
  invoiceEmails: boolean;
  workOrderEmails: boolean;
  totpEnabled: boolean;
  totpSecretEnc: string | null;
  totpLastStep: number | null;
  recoveryCodes: string[];
};

/** Only an active contact with portal access, at an active company, may sign in or stay signed in. */
export async function findPortalContact(
  db: DbOrTrx,
  where: { id: string } | { email: string },
): Promise<PortalContact | null> {
  let q = db
    .selectFrom('contacts')
    .innerJoin('companies', 'companies.id', 'contacts.company_id')
    .select([
      'contacts.id',
      'contacts.company_id',
      'companies.name as company_name',
      'contacts.name',
      'contacts.email',
      'contacts.phone',
      'contacts.password_hash',
      'contacts.portal_billing',
      'contacts.portal_service',
      'contacts.invoice_emails',
      'contacts.email_opt_out',
      'contacts.totp_enabled',
      'contacts.totp_secret_enc',
      'contacts.totp_last_step',
      'contacts.recovery_codes',
    ])
    .where('contacts.active', '=', 1)
    .where('contacts.portal_access', '=', 1)
    .where('companies.status', '=', 'active');
  q =
    'id' in where
      ? q.where('contacts.id', '=', where.id)
      : q.where('contacts.email', '=', where.email);
  // An email may appear at two companies; the portal signs in only an unambiguous one.
  const rows = await q.limit(2).execute();
  const r = rows.length === 1 ? rows[0] : null;
  if (!r?.email) return null;
  return {
    id: r.id,
    companyId: r.company_id,
    companyName: r.company_name,
    name: r.name,
    email: r.email,
    phone: r.phone,
    passwordHash: r.password_hash,
    billing: r.portal_billing === 1,
    service: r.portal_service === 1,
    invoiceEmails: r.invoice_emails !== 0,
    workOrderEmails: r.email_opt_out !== 1,
    totpEnabled: r.totp_enabled === 1,
    totpSecretEnc: r.totp_secret_enc ?? null,
    totpLastStep:
      r.totp_last_step === null || r.totp_last_step === undefined ? null : Number(r.totp_last_step),
    recoveryCodes: r.recovery_codes ? (JSON.parse(r.recovery_codes) as string[]) : [],
  };
}

export const toContactActor = (c: PortalContact): ContactActor => ({
  type: 'contact',
  contactId: c.id,
  companyId: c.companyId,
  name: c.name,
  email: c.email,
  companyName: c.companyName,
  access: { billing: c.billing, service: c.service },
});

export async function setPortalContactFields(
  db: DbOrTrx,
  contactId: string,
  fields: {
    name?: string;
    phone?: string | null;
    password_hash?: string;
    invoice_emails?: number;
    email_opt_out?: number;
    totp_secret_enc?: string | null;
    totp_enabled?: number;
    totp_last_step?: number | null;
    recovery_codes?: string | null;
  },
  now: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      ...fields,
      ...(fields.name ? { name_sort: fields.name.toLowerCase() } : {}),
      updated_at: now,
    })
    .where('id', '=', contactId)
    .execute();
}

// ---- emailed password links (invites and "forgot password") ----

export async function insertPortalLink(
  db: DbOrTrx,
  link: {
    hash: string;
    contactId: string;
    kind: 'invite' | 'reset';
    now: string;
    expiresAt: string;
  },
): Promise<void> {
  // A new link replaces the contact's unused ones: only the latest email works.
  await db
    .deleteFrom('portal_links')
    .where('contact_id', '=', link.contactId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('portal_links')
    .values({
      id: link.hash,
      contact_id: link.contactId,
      kind: link.kind,
      created_at: link.now,
      expires_at: link.expiresAt,
      used_at: null,
    })
    .execute();
}

export const findPortalLink = (db: DbOrTrx, hash: string) =>
  db.selectFrom('portal_links').selectAll().where('id', '=', hash).executeTakeFirst();

/** Marks a link used; false when it was used meanwhile (two tabs, a replay). */
export async function usePortalLink(db: DbOrTrx, hash: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('portal_links')
    .set({ used_at: now })
    .where('id', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- staff side: what the contact page shows about a contact's portal use ----

export async function portalStatus(db: DbOrTrx, contactId: string) {
  const c = await db
    .selectFrom('contacts')
    .select(['last_login_at', 'password_hash'])
    .where('id', '=', contactId)
    .executeTakeFirst();
  const invite = await db
    .selectFrom('portal_links')
    .select(['created_at', 'expires_at'])
    .where('contact_id', '=', contactId)
    .where('kind', '=', 'invite')
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    lastLoginAt: c?.last_login_at ?? null,
    hasPassword: Boolean(c?.password_hash),
    pendingInvite: invite ? { sentAt: invite.created_at, expiresAt: invite.expires_at } : null,
  };
}

// ---- home page figures: one grouped query each, both on indexes led by company_id ----

/** Open invoices of the company (invoices_open: company_id, status, due_date). */
export async function companyBalance(db: DbOrTrx, companyId: string, today: string) {
  const r = await db
    .selectFrom('invoices')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('open_count'),
      eb.fn.coalesce(eb.fn.sum<number | string>('balance_cents'), eb.lit(0)).as('balance'),
      eb.fn
        .coalesce(
          eb.fn.sum<number | string>(
            eb.case().when('due_date', '<', today).then(eb.ref('balance_cents')).else(0).end(),
          ),
          eb.lit(0),
        )
        .as('overdue'),
    ])
    .where('company_id', '=', companyId)
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .executeTakeFirst();
  return {
    openInvoices: Number(r?.open_count ?? 0),
    balanceCents: Number(r?.balance ?? 0),
    overdueCents: Number(r?.overdue ?? 0),
  };
}

/** Open work orders of the company (work_orders_company: company_id, status, number). */
export async function companyOpenWorkOrders(db: DbOrTrx, companyId: string): Promise<number> {
  const r = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('company_id', '=', companyId)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- branding ----

export async function portalBranding(db: DbOrTrx) {
  const r = await db
    .selectFrom('business_profile')
    .select(['name', 'logo_key', 'accent_color', 'email', 'phone', 'time_zone', 'currency'])
    .where('id', '=', 'default')
    .executeTakeFirst();
  return {
    name: r?.name ?? 'Customer portal',
    logoKey: r?.logo_key ?? null,
    accent: r?.accent_color ?? null,
    email: r?.email ?? null,
    phone: r?.phone ?? null,
    timeZone: r?.time_zone ?? 'UTC',
    currency: r?.currency ?? 'USD',
  };
}
export type PortalBranding = Awaited<ReturnType<typeof portalBranding>>;
