// Frozen once landed: never edit, add a new numbered migration instead.
// Locations, asset categories (seeded with the brief's five), assets, service records, the
// credential vault and documents. Asset history is the audit log (entity_type 'asset'), which
// already records every change field by field, so it has no table of its own.
import type { Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';
const date = 'varchar(10)';

const SEED_CATEGORIES: {
  id: string;
  name: string;
  fields: { key: string; label: string; type: string; options?: string[] }[];
}[] = [
  {
    id: 'cat-computers',
    name: 'Computers',
    fields: [
      { key: 'cpu', label: 'CPU', type: 'text' },
      { key: 'ramGb', label: 'RAM (GB)', type: 'number' },
    ],
  },
  {
    id: 'cat-servers',
    name: 'Servers',
    fields: [
      { key: 'role', label: 'Role', type: 'text' },
      { key: 'ramGb', label: 'RAM (GB)', type: 'number' },
      { key: 'managementUrl', label: 'Management URL', type: 'url' },
    ],
  },
  {
    id: 'cat-printers',
    name: 'Printers',
    fields: [
      { key: 'tonerModel', label: 'Toner model', type: 'text' },
      { key: 'webUrl', label: 'Web interface', type: 'url' },
    ],
  },
  {
    id: 'cat-phones',
    name: 'Phones',
    fields: [
      { key: 'extension', label: 'Extension', type: 'text' },
      {
        key: 'phoneType',
        label: 'Type',
        type: 'select',
        options: ['Desk', 'Conference', 'Cordless', 'Mobile'],
      },
    ],
  },
  {
    id: 'cat-network',
    name: 'Network equipment',
    fields: [
      { key: 'firmware', label: 'Firmware', type: 'text' },
      { key: 'managementUrl', label: 'Management URL', type: 'url' },
      { key: 'supportEnds', label: 'Support ends', type: 'date' },
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('locations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_sort', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('locations_company')
    .on('locations')
    .columns(['company_id', 'name_sort', 'id'])
    .execute();

  await db.schema
    .createTable('asset_categories')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  const now = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('asset_categories')
    .values(
      SEED_CATEGORIES.map((c) => ({
        id: c.id,
        name: c.name,
        fields: JSON.stringify(c.fields),
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('assets')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('category_id', id, (c) => c.notNull().references('asset_categories.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_sort', 'varchar(200)', (c) => c.notNull())
    .addColumn('make', 'varchar(100)')
    .addColumn('model', 'varchar(100)')
    .addColumn('serial', 'varchar(100)')
    .addColumn('asset_tag', 'varchar(100)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('location_id', id, (c) => c.references('locations.id'))
    .addColumn('contact_id', id, (c) => c.references('contacts.id'))
    .addColumn('ip_addresses', 'varchar(500)')
    .addColumn('mac', 'varchar(100)')
    .addColumn('os', 'varchar(200)')
    .addColumn('purchase_date', date)
    .addColumn('purchase_price_cents', 'bigint')
    .addColumn('vendor', 'varchar(200)')
    .addColumn('warranty_expires', date)
    .addColumn('notes', 'text')
    .addColumn('custom_fields', 'text')
    .addColumn('search_text', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assets_company_name')
    .on('assets')
    .columns(['company_id', 'name_sort', 'id'])
    .execute();
  await db.schema.createIndex('assets_name').on('assets').columns(['name_sort', 'id']).execute();
  await db.schema
    .createIndex('assets_status_name')
    .on('assets')
    .columns(['status', 'name_sort', 'id'])
    .execute();
  await db.schema
    .createIndex('assets_category')
    .on('assets')
    .columns(['category_id', 'name_sort'])
    .execute();
  await db.schema.createIndex('assets_location').on('assets').columns(['location_id']).execute();
  await db.schema.createIndex('assets_contact').on('assets').columns(['contact_id']).execute();
  await db.schema
    .createIndex('assets_warranty')
    .on('assets')
    .columns(['warranty_expires', 'id'])
    .execute();
  await db.schema.createIndex('assets_serial').on('assets').columns(['serial']).execute();
  await db.schema.createIndex('assets_tag').on('assets').columns(['asset_tag']).execute();

  await db.schema
    .createTable('service_records')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('asset_id', id, (c) => c.notNull().references('assets.id'))
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('performed_on', date, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('performed_by_id', id)
    .addColumn('performed_by_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('work_order_id', id)
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_records_asset')
    .on('service_records')
    .columns(['asset_id', 'performed_on', 'id'])
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('asset_id', id, (c) => c.references('assets.id'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('label_sort', 'varchar(200)', (c) => c.notNull())
    .addColumn('username', 'varchar(255)')
    .addColumn('url', 'varchar(1000)')
    .addColumn('tags', 'varchar(500)')
    .addColumn('password_enc', 'text')
    .addColumn('totp_enc', 'text')
    .addColumn('notes_enc', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema
    .createIndex('credentials_company')
    .on('credentials')
    .columns(['company_id', 'label_sort', 'id'])
    .execute();
  await db.schema
    .createIndex('credentials_asset')
    .on('credentials')
    .columns(['asset_id', 'label_sort'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('asset_id', id, (c) => c.references('assets.id'))
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploaded_by_id', id)
    .addColumn('uploaded_by_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .addColumn('deleted_by_name', 'varchar(200)')
    .execute();
  await db.schema
    .createIndex('documents_company')
    .on('documents')
    .columns(['company_id', 'asset_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('documents_asset')
    .on('documents')
    .columns(['asset_id', 'created_at'])
    .execute();
  await db.schema.createIndex('documents_sha').on('documents').columns(['sha256']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'documents',
    'credentials',
    'service_records',
    'assets',
    'asset_categories',
    'locations',
  ])
    await db.schema.dropTable(t).execute();
}
