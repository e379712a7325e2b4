// Every SQL statement of the vault. Callers get metadata (Credential) only; the sealed columns leave
// this file solely through findSealed(), which the service uses to reveal or re-seal.
import { sql } from 'kysely';
import type { CredentialsTable, DbOrTrx } from '../../db/database.ts';
import type { CredentialKind } from './schemas.ts';
import { columnContains } from '../search/contains.ts';

export type Credential = {
  id: string;
  companyId: string;
  assetId: string | null;
  assetName: string | null;
  kind: CredentialKind;
  label: string;
  username: string | null;
  url: string | null;
  tags: string[];
  hasPassword: boolean;
  hasTotp: boolean;
  hasNotes: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Sealed = {
  passwordEnc: string | null;
  totpEnc: string | null;
  notesEnc: string | null;
};

type Row = CredentialsTable & { asset_name: string | null };

export const splitTags = (s: string | null) =>
  s
    ? s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : [];

export const toCredential = (r: Row): Credential => ({
  id: r.id,
  companyId: r.company_id,
  assetId: r.asset_id,
  assetName: r.asset_name,
  kind: r.kind as CredentialKind,
  label: r.label,
  username: r.username,
  url: r.url,
  tags: splitTags(r.tags),
  hasPassword: r.password_enc !== null,
  hasTotp: r.totp_enc !== null,
  hasNotes: r.notes_enc !== null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type CredentialRecord = Omit<
  Credential,
  'assetName' | 'hasPassword' | 'hasTotp' | 'hasNotes'
> &
  Sealed;

export function toRow(c: CredentialRecord): CredentialsTable {
  return {
    id: c.id,
    company_id: c.companyId,
    asset_id: c.assetId,
    kind: c.kind,
    label: c.label,
    label_sort: c.label.toLowerCase(),
    username: c.username,
    url: c.url,
    tags: c.tags.length ? c.tags.join(', ') : null,
    password_enc: c.passwordEnc,
    totp_enc: c.totpEnc,
    notes_enc: c.notesEnc,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    deleted_at: null,
  };
}

function live(db: DbOrTrx) {
  return db
    .selectFrom('credentials')
    .leftJoin('assets', 'assets.id', 'credentials.asset_id')
    .selectAll('credentials')
    .select('assets.name as asset_name')
    .where('credentials.deleted_at', 'is', null);
}

/** A live entry with its sealed values, or null (deleted entries are gone for every caller). */
export async function findSealed(
  db: DbOrTrx,
  id: string,
): Promise<{ credential: Credential; sealed: Sealed } | null> {
  const r = await live(db).where('credentials.id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    credential: toCredential(r),
    sealed: { passwordEnc: r.password_enc, totpEnc: r.totp_enc, notesEnc: r.notes_enc },
  };
}

export const insertCredential = (db: DbOrTrx, c: CredentialRecord) =>
  db.insertInto('credentials').values(toRow(c)).execute();

export async function updateCredentialRow(db: DbOrTrx, c: CredentialRecord): Promise<void> {
  const { id, created_at: _c, deleted_at: _d, ...rest } = toRow(c);
  await db
    .updateTable('credentials')
    .set(rest)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function softDeleteCredential(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ deleted_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export type Scope = { companyId?: string; assetId?: string; q?: string };

function scoped(db: DbOrTrx, s: Scope) {
  let q = live(db);
  if (s.companyId) q = q.where('credentials.company_id', '=', s.companyId);
  if (s.assetId) q = q.where('credentials.asset_id', '=', s.assetId);
  if (s.q) {
    const term = s.q;
    q = q.where((eb) =>
      eb.or([
        columnContains(db, 'credentials.label_sort', term),
        columnContains(db, sql`lower(credentials.username)`, term),
        columnContains(db, 'credentials.tags', term),
      ]),
    );
  }
  return q;
}

/** One page of a company's or an asset's entries, by label, and the total. */
export async function listCredentials(db: DbOrTrx, s: Scope, page: { size: number; page: number }) {
  const [rows, count] = await Promise.all([
    scoped(db, s)
      .orderBy('credentials.label_sort')
      .orderBy('credentials.id')
      .limit(page.size)
      .offset((page.page - 1) * page.size)
      .execute(),
    scoped(db, s)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toCredential), total: Number(count.n) };
}

/** Keyset page for the API, ordered by id. */
export async function listCredentialsAfter(db: DbOrTrx, s: Scope, limit: number, cursor?: string) {
  let q = scoped(db, s)
    .orderBy('credentials.id')
    .limit(limit + 1);
  if (cursor) q = q.where('credentials.id', '>', cursor);
  const rows = await q.execute();
  const items = rows.slice(0, limit).map(toCredential);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export type AssetHeading = {
  id: string;
  name: string;
  status: string;
  companyId: string;
  companyName: string;
};

export async function findAssetHeading(db: DbOrTrx, assetId: string): Promise<AssetHeading | null> {
  const r = await db
    .selectFrom('assets')
    .innerJoin('companies', 'companies.id', 'assets.company_id')
    .select([
      'assets.id',
      'assets.name',
      'assets.status',
      'assets.company_id',
      'companies.name as company_name',
    ])
    .where('assets.id', '=', assetId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        name: r.name,
        status: r.status,
        companyId: r.company_id,
        companyName: r.company_name,
      }
    : null;
}

export async function findCompanyHeading(db: DbOrTrx, companyId: string) {
  return (
    (await db
      .selectFrom('companies')
      .select(['id', 'name', 'status'])
      .where('id', '=', companyId)
      .executeTakeFirst()) ?? null
  );
}

/** The company's assets for the entry form's "on asset" choice. */
export async function companyAssetChoices(db: DbOrTrx, companyId: string, limit = 1000) {
  return db
    .selectFrom('assets')
    .select(['id', 'name'])
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .limit(limit)
    .execute();
}
