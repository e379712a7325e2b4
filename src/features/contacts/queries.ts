import type { ContactsTable, DbOrTrx } from '../../db/database.ts';
import { ValidationError } from '../../platform/errors.ts';

export type Contact = {
  id: string;
  companyId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  portalAccess: boolean;
  /** Portal sections (migration 0015): billing = invoices, payments, paying; service = assets, work orders. */
  portalBilling: boolean;
  portalService: boolean;
  /** Asked not to receive work order emails. */
  emailOptOut: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export const toContact = (r: ContactColumns): Contact => ({
  id: r.id,
  companyId: r.company_id,
  name: r.name,
  title: r.title,
  email: r.email,
  phone: r.phone,
  notes: r.notes,
  portalAccess: r.portal_access === 1,
  portalBilling: r.portal_billing === 1,
  portalService: r.portal_service === 1,
  emailOptOut: r.email_opt_out === 1,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// Never the password hash: contact lists and lookups have no use for it.
const columns = [
  'id',
  'company_id',
  'name',
  'name_sort',
  'title',
  'email',
  'phone',
  'notes',
  'portal_access',
  'portal_billing',
  'portal_service',
  'email_opt_out',
  'active',
  'created_at',
  'updated_at',
] as const;

type ContactColumns = Pick<ContactsTable, Exclude<(typeof columns)[number], 'name_sort'>>;

/** The columns a contact's own fields map to (not the password, TOTP or portal preferences). */
export function toContactRow(
  c: Contact,
  passwordHash: string | null = null,
): ContactColumns & Pick<ContactsTable, 'name_sort' | 'password_hash'> {
  return {
    id: c.id,
    company_id: c.companyId,
    name: c.name,
    name_sort: c.name.toLowerCase(),
    title: c.title,
    email: c.email,
    phone: c.phone,
    notes: c.notes,
    portal_access: c.portalAccess ? 1 : 0,
    portal_billing: c.portalBilling ? 1 : 0,
    portal_service: c.portalService ? 1 : 0,
    email_opt_out: c.emailOptOut ? 1 : 0,
    password_hash: passwordHash,
    active: c.active ? 1 : 0,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** Scoped by company: a contact id from another company is "not found". */
export async function findContact(
  db: DbOrTrx,
  companyId: string,
  id: string,
): Promise<Contact | null> {
  const r = await db
    .selectFrom('contacts')
    .select(columns)
    .where('id', '=', id)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return r ? toContact(r) : null;
}

export const insertContact = (db: DbOrTrx, c: Contact) =>
  db.insertInto('contacts').values(toContactRow(c)).execute();

export async function updateContactRow(db: DbOrTrx, c: Contact): Promise<void> {
  const { id, created_at: _c, password_hash: _p, ...rest } = toContactRow(c);
  await db.updateTable('contacts').set(rest).where('id', '=', id).execute();
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return [v[0], v[1]];
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([
    { path: 'cursor', message: 'cursor is not one this API returned; start again without it' },
  ]);
}

/** A company's contacts, active first then by name; capped, with the cap reported. */
export async function listContacts(
  db: DbOrTrx,
  companyId: string,
  opts: { limit: number; cursor?: string } = { limit: 200 },
) {
  let q = db
    .selectFrom('contacts')
    .select(columns)
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .orderBy('id')
    .limit(opts.limit + 1);
  if (opts.cursor) {
    const [name, id] = decodeCursor(opts.cursor);
    q = q.where((eb) =>
      eb.or([eb('name_sort', '>', name), eb.and([eb('name_sort', '=', name), eb('id', '>', id)])]),
    );
  }
  const rows = await q.execute();
  const items = rows.slice(0, opts.limit).map(toContact);
  const last = rows.length > opts.limit ? rows[opts.limit - 1] : null;
  return {
    items,
    nextCursor: last
      ? Buffer.from(JSON.stringify([last.name_sort, last.id])).toString('base64url')
      : null,
  };
}
