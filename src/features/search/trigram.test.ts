// Contains-search through the trigram index (migration 0006, contains.ts): the index follows every
// write, and the search finds exactly the rows whose lower-cased search_text contains the term,
// whichever path answers it (trigram table, plain LIKE for short or special terms or many matches).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Migrator, sql } from 'kysely';
import { DIALECTS, createTestDb, emptyDatabase, type TestDb } from '../../../test/support/db.ts';
import { connect } from '../../db/connect.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { newId } from '../../lib/ids.ts';
import {
  companySearchText,
  insertCompany,
  listCompanies,
  toCompanyRow,
  updateCompanyRow,
  type Company,
} from '../companies/queries.ts';
import { ListCompaniesQuery } from '../companies/schemas.ts';
import { insertAsset, listAssets, updateAssetRow, type Asset } from '../assets/queries.ts';
import { ListAssetsQuery } from '../assets/schemas.ts';
import {
  insertWorkOrder,
  listWorkOrders,
  updateWorkOrderRow,
  type WorkOrder,
} from '../work-orders/queries.ts';
import { ListWorkOrdersQuery } from '../work-orders/schemas.ts';
import { columnContains, INDEXED_MAX_MATCHES, textSearch } from './contains.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const company = (name: string, extra: Partial<Company> = {}): Company => ({
  id: newId(),
  name,
  status: 'active',
  phone: null,
  email: null,
  website: null,
  billingAddress: null,
  billingContactId: null,
  monthlyRateCents: 0,
  contractStart: null,
  billingDay: 1,
  paymentTermsDays: 30,
  taxExempt: false,
  notes: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...extra,
});
const asset = (
  companyId: string,
  categoryId: string,
  name: string,
  serial: string | null,
): Asset => ({
  id: newId(),
  companyId,
  categoryId,
  name,
  make: null,
  model: null,
  serial,
  assetTag: null,
  status: 'in_service',
  locationId: null,
  contactId: null,
  ipAddresses: [],
  mac: null,
  os: null,
  purchaseDate: null,
  purchasePriceCents: null,
  vendor: null,
  warrantyExpires: null,
  notes: null,
  customFields: {},
  createdAt: NOW,
  updatedAt: NOW,
});
const workOrder = (companyId: string, number: number, title: string): WorkOrder => ({
  id: newId(),
  number,
  companyId,
  contactId: null,
  title,
  description: null,
  priority: 'normal',
  status: 'new',
  assignedToId: null,
  scheduledFor: null,
  dueOn: null,
  source: 'staff',
  billing: 'billable',
  createdByLabel: 'test',
  createdAt: NOW,
  updatedAt: NOW,
  resolvedAt: null,
  closedAt: null,
});

const companyIds = async (db: DbOrTrx, q: string) =>
  (await listCompanies(db, ListCompaniesQuery.parse({ q, status: 'all', size: 100 }))).items.map(
    (c) => c.id,
  );
const assetNames = async (db: DbOrTrx, q: string) =>
  (
    await listAssets(
      db,
      { ...ListAssetsQuery.parse({ q }), today: '2026-11-01' },
      { sort: 'name', dir: 'asc', limit: 100, offset: 0 },
    )
  ).items.map((a) => a.name);
const woTitles = async (db: DbOrTrx, q: string) =>
  (
    await listWorkOrders(
      db,
      { ...ListWorkOrdersQuery.parse({ q, status: 'all' }), today: '2026-11-01' },
      { sort: 'number', dir: 'asc', limit: 100, offset: 0 },
    )
  ).items.map((w) => w.title);

describe.each(DIALECTS)('contains-search through the trigram index on %s', (dialect) => {
  let t: TestDb;
  let categoryId: string;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(() => t.destroy());
  beforeEach(async () => {
    await t.reset();
    categoryId = (
      await t.db.selectFrom('asset_categories').select('id').orderBy('id').executeTakeFirstOrThrow()
    ).id;
  });

  /** On SQLite, the FTS5 tables hold exactly (id, search_text) of their base tables and pass FTS5's own check. */
  async function expectIndexInStep() {
    if (dialect !== 'sqlite') return;
    for (const table of ['companies', 'assets', 'work_orders'] as const) {
      const base = await sql<{
        id: string;
        search_text: string;
      }>`select id, search_text from ${sql.table(table)} order by id`.execute(t.db);
      const index = await sql<{
        id: string;
        search_text: string;
      }>`select id, search_text from ${sql.table(`${table}_search`)} order by id`.execute(t.db);
      expect(index.rows).toEqual(base.rows);
      await sql`insert into ${sql.table(`${table}_search`)} (${sql.table(`${table}_search`)}) values ('integrity-check')`.execute(
        t.db,
      );
    }
  }

  it('follows inserts, renames and deletes of companies, assets and work orders', async () => {
    const acme = company('Acme Dental', { email: 'front@acme.example' });
    const other = company('Bolt Law');
    await insertCompany(t.db, acme);
    await insertCompany(t.db, other);
    const pc = asset(acme.id, categoryId, 'RECEPTION-PC', 'SN-2YK-001');
    await insertAsset(t.db, pc);
    await insertWorkOrder(t.db, workOrder(acme.id, 1201, 'Printer jam in reception'), []);
    const wo = workOrder(acme.id, 1202, 'Renew certificate');
    await insertWorkOrder(t.db, wo, []);
    await expectIndexInStep();
    expect(await companyIds(t.db, 'acme')).toEqual([acme.id]);
    expect(await companyIds(t.db, 'front@acme')).toEqual([acme.id]);
    expect(await assetNames(t.db, 'sn-2yk')).toEqual(['RECEPTION-PC']);
    expect(await woTitles(t.db, 'reception')).toEqual(['Printer jam in reception']);
    expect(await woTitles(t.db, 'wo-01202')).toEqual(['Renew certificate']);

    // Renaming and changing a serial: the old text no longer matches, the new one does.
    await updateCompanyRow(t.db, { ...acme, name: 'Zenith Dental' });
    await updateAssetRow(t.db, { ...pc, name: 'FRONT-DESK-PC', serial: 'SN-9QX-777' });
    await updateWorkOrderRow(t.db, { ...wo, title: 'Replace UPS battery' });
    // A save that leaves search_text as it was changes nothing in the index.
    await updateCompanyRow(t.db, { ...other, notes: 'new notes' });
    await expectIndexInStep();
    expect(await companyIds(t.db, 'acme dental')).toEqual([]);
    expect(await companyIds(t.db, 'front@acme')).toEqual([acme.id]);
    expect(await companyIds(t.db, 'zenith')).toEqual([acme.id]);
    expect(await companyIds(t.db, 'bolt')).toEqual([other.id]);
    expect(await assetNames(t.db, '2yk')).toEqual([]);
    expect(await assetNames(t.db, '9qx')).toEqual(['FRONT-DESK-PC']);
    expect(await woTitles(t.db, 'certificate')).toEqual([]);
    expect(await woTitles(t.db, 'ups batt')).toEqual(['Replace UPS battery']);

    await t.db.deleteFrom('work_orders').where('id', '=', wo.id).execute();
    await t.db.deleteFrom('assets').where('id', '=', pc.id).execute();
    await t.db.deleteFrom('companies').where('id', '=', other.id).execute();
    await expectIndexInStep();
    expect(await woTitles(t.db, 'battery')).toEqual([]);
    expect(await assetNames(t.db, 'front-desk')).toEqual([]);
    expect(await companyIds(t.db, 'bolt')).toEqual([]);
    expect(await companyIds(t.db, 'zenith')).toEqual([acme.id]);
  });

  it('finds one- and two-character terms, and takes % _ and \\ literally', async () => {
    const names = [
      'QZ Partners',
      'Half Off',
      '50% Off Store',
      '50 Off Store',
      'Hard_Drive Repair',
      'Hardware Drive',
      'Back\\Slash IT',
      'Backslash IT',
    ];
    const rows = names.map((n) => company(n));
    for (const c of rows) await insertCompany(t.db, c);
    const idsOf = (...wanted: string[]) =>
      rows
        .filter((c) => wanted.includes(c.name))
        .map((c) => c.id)
        .sort();
    const found = async (q: string) => (await companyIds(t.db, q)).sort();
    expect(await found('q')).toEqual(idsOf('QZ Partners'));
    expect(await found('qz')).toEqual(idsOf('QZ Partners'));
    expect(await found('%')).toEqual(idsOf('50% Off Store'));
    expect(await found('50%')).toEqual(idsOf('50% Off Store'));
    expect(await found('0% off')).toEqual(idsOf('50% Off Store'));
    expect(await found('_')).toEqual(idsOf('Hard_Drive Repair'));
    expect(await found('d_d')).toEqual(idsOf('Hard_Drive Repair'));
    expect(await found('rd_drive')).toEqual(idsOf('Hard_Drive Repair'));
    expect(await found('\\')).toEqual(idsOf('Back\\Slash IT'));
    expect(await found('k\\s')).toEqual(idsOf('Back\\Slash IT'));
  });

  it(`gives the same page and total when a term matches more than ${INDEXED_MAX_MATCHES} rows (the plain LIKE answers)`, async () => {
    const many = Array.from({ length: INDEXED_MAX_MATCHES + 5 }, (_, i) =>
      company(`Common Name ${String(i).padStart(4, '0')}`),
    );
    for (let i = 0; i < many.length; i += 200)
      await t.db
        .insertInto('companies')
        .values(many.slice(i, i + 200).map(toCompanyRow))
        .execute();
    const rare = company('Uncommon Rarity');
    await insertCompany(t.db, rare);
    expect((await textSearch(t.db, 'companies', 'common'))?.indexed).toBe(false);
    expect((await textSearch(t.db, 'companies', 'rarity'))?.indexed).toBe(dialect === 'sqlite');
    const page = await listCompanies(
      t.db,
      ListCompaniesQuery.parse({ q: 'common', status: 'all', page: 3, size: 25 }),
    );
    expect(page.total).toBe(many.length + 1);
    expect(page.items.map((c) => c.name)).toEqual([
      'Common Name 0050',
      ...Array.from({ length: 24 }, (_, i) => `Common Name ${String(51 + i).padStart(4, '0')}`),
    ]);
  });

  it('returns exactly the rows whose lower-cased search_text contains the term, in the plain LIKE order (property)', async () => {
    // Letters that collide by trigram or case, LIKE specials, and on SQLite/PostgreSQL a few
    // non-ASCII letters (MariaDB's accent-insensitive collation matches é to e, by design).
    const letters = [
      'a',
      'b',
      'A',
      'B',
      '1',
      ' ',
      '-',
      '%',
      '_',
      '\\',
      ...(dialect === 'mysql' ? [] : ['é', 'É', 'ß']),
    ];
    const text = (min: number, max: number) =>
      fc
        .array(fc.constantFrom(...letters), { minLength: min, maxLength: max })
        .map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(text(1, 12), { minLength: 1, maxLength: 12 }),
        fc.array(text(1, 5), { minLength: 1, maxLength: 6 }),
        async (names, terms) => {
          await t.db.deleteFrom('companies').execute();
          const rows = names.map((n, i) => company(`${n} ${i}`));
          for (const c of rows) await insertCompany(t.db, c);
          for (const term of terms.map((x) => x.trim()).filter(Boolean)) {
            const expected = rows
              .filter((c) => companySearchText(c).includes(term.toLowerCase()))
              .map((c) => c.id)
              .sort();
            const ids = await companyIds(t.db, term);
            expect([...ids].sort()).toEqual(expected);
            // The order is the plain LIKE's, sorted by the database as before.
            const plain = await t.db
              .selectFrom('companies')
              .select('id')
              .where(columnContains(t.db, 'companies.search_text', term))
              .orderBy('name_sort')
              .orderBy('id')
              .execute();
            expect(ids).toEqual(plain.map((r) => r.id));
          }
        },
      ),
      { numRuns: dialect === 'sqlite' ? 60 : 20 },
    );
    await expectIndexInStep();
  });
});

describe.each(DIALECTS)('migration 0006 on %s', (dialect) => {
  it('indexes the rows already there', async () => {
    const empty = await emptyDatabase(dialect);
    const { db } = connect(empty.url, () => {});
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0005_payments')).error).toBeUndefined();
      const old = company('Existing Orchard Clinic');
      await insertCompany(db, old);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await companyIds(db, 'orchard')).toEqual([old.id]);
      expect((await textSearch(db, 'companies', 'orchard'))?.indexed).toBe(dialect === 'sqlite');
      if (dialect === 'postgres') {
        const idx = await sql<{
          n: string;
        }>`select indexname as n from pg_indexes where indexname in ('companies_search_trgm', 'assets_search_trgm', 'work_orders_search_trgm') order by 1`.execute(
          db,
        );
        expect(idx.rows.map((r) => r.n)).toEqual([
          'assets_search_trgm',
          'companies_search_trgm',
          'work_orders_search_trgm',
        ]);
      }
      // Down again: the search tables, triggers and indexes go; the data stays.
      expect((await migrator.migrateTo('0005_payments')).error).toBeUndefined();
      expect(await db.selectFrom('companies').select('id').execute()).toEqual([{ id: old.id }]);
      if (dialect === 'sqlite')
        expect(
          (await sql`select name from sqlite_master where name like '%_search%'`.execute(db)).rows,
        ).toEqual([]);
    } finally {
      await db.destroy();
      await empty.drop();
    }
  });

  it.runIf(dialect === 'postgres')(
    'succeeds without the privilege to create pg_trgm, and search still works (by scanning)',
    async () => {
      const empty = await emptyDatabase(dialect);
      const role = `st_noext_${newId().slice(-8)}`;
      const admin = connect(empty.url, () => {});
      const url = new URL(empty.url);
      url.username = role;
      url.password = 'pw';
      try {
        // A role that may create tables but not extensions (no CREATE on the database).
        await sql.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`).execute(admin.db);
        await sql.raw(`GRANT CREATE ON SCHEMA public TO ${role}`).execute(admin.db);
        const limited = connect(url.toString(), () => {});
        try {
          const migrator = new Migrator({
            db: limited.db,
            provider: { getMigrations: async () => migrations },
          });
          const result = await migrator.migrateToLatest();
          expect(result.error).toBeUndefined();
          expect(result.results?.map((r) => r.migrationName)).toContain('0006_search_index');
          const ext = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(
            limited.db,
          );
          expect(ext.rows).toEqual([]);
          const c = company('Lakeside Vet');
          await insertCompany(limited.db, c);
          expect(await companyIds(limited.db, 'keside')).toEqual([c.id]);
        } finally {
          await limited.db.destroy();
        }
      } finally {
        await admin.db.destroy();
        await empty.drop();
        const cleanup = connect(process.env.TEST_POSTGRES_URL!, () => {});
        await sql.raw(`DROP ROLE IF EXISTS ${role}`).execute(cleanup.db);
        await cleanup.db.destroy();
      }
    },
  );
});
