// The SQL of the portal's service pages: work orders, assets, the contract and its services. Every
// function takes the contact's company id and filters by it (context.ts has the rule); only the
// columns a customer may see are selected: no notes, purchase price, cost, markup, custom fields,
// credentials or documents of staff, and never an internal comment.
// Indexes: work_orders_company_updated (company_id, updated_at, id) and work_orders_company_contact
// (company_id, contact_id, updated_at, id) from 0017 for the lists; assets_company_name
// (company_id, name_sort, id) for the asset list and picker; work_order_assets_asset (asset_id, ...)
// for an asset's work orders; work_order_comments_wo and documents_work_order for a work order's
// thread; company_services_company (company_id, start_date) for the services.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { DocumentMeta } from '../documents/queries.ts';
import { columnContains } from '../search/contains.ts';
import { OPEN_STATUSES, type WoPriority, type WoStatus } from '../work-orders/transitions.ts';

export type WoListFilter = {
  /** Only this contact's own (the requester); null: all of the company's. */
  contactId: string | null;
  status: 'open' | 'closed' | 'all';
  page: number;
  size: number;
};
export type PortalWoRow = {
  id: string;
  number: number;
  title: string;
  status: WoStatus;
  priority: WoPriority;
  updatedAt: string;
  createdAt: string;
  requester: string | null;
  assets: { id: string; name: string }[];
};

const woBase = (db: DbOrTrx, companyId: string, contactId: string | null) => {
  let q = db.selectFrom('work_orders as w').where('w.company_id', '=', companyId);
  if (contactId) q = q.where('w.contact_id', '=', contactId);
  return q;
};

/** One page (and whether another follows), newest update first. */
export async function listPortalWorkOrders(db: DbOrTrx, companyId: string, f: WoListFilter) {
  let q = woBase(db, companyId, f.contactId)
    .leftJoin('contacts as c', 'c.id', 'w.contact_id')
    .select([
      'w.id',
      'w.number',
      'w.title',
      'w.status',
      'w.priority',
      'w.updated_at',
      'w.created_at',
      'c.name as requester',
    ]);
  if (f.status === 'open') q = q.where('w.status', 'in', OPEN_STATUSES);
  if (f.status === 'closed') q = q.where('w.status', 'not in', OPEN_STATUSES);
  const rows = await q
    .orderBy('w.updated_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(f.size + 1)
    .offset((f.page - 1) * f.size)
    .execute();
  const page = rows.slice(0, f.size);
  const assets = await assetsOf(
    db,
    companyId,
    page.map((r) => r.id),
  );
  return {
    rows: page.map(
      (r): PortalWoRow => ({
        id: r.id,
        number: Number(r.number),
        title: r.title,
        status: r.status as WoStatus,
        priority: r.priority as WoPriority,
        updatedAt: r.updated_at,
        createdAt: r.created_at,
        requester: r.requester,
        assets: assets.get(r.id) ?? [],
      }),
    ),
    hasNext: rows.length > f.size,
  };
}

/** The assets of these work orders, in one statement. */
async function assetsOf(db: DbOrTrx, companyId: string, workOrderIds: string[]) {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!workOrderIds.length) return out;
  const rows = await db
    .selectFrom('work_order_assets as wa')
    .innerJoin('assets as a', 'a.id', 'wa.asset_id')
    .select(['wa.work_order_id', 'a.id', 'a.name'])
    .where('wa.work_order_id', 'in', workOrderIds)
    .where('a.company_id', '=', companyId)
    .orderBy('a.name_sort')
    .execute();
  for (const r of rows)
    out.set(r.work_order_id, [...(out.get(r.work_order_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

export type PortalWorkOrder = PortalWoRow & {
  description: string | null;
  contactId: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  source: string;
};

export async function findPortalWorkOrder(
  db: DbOrTrx,
  companyId: string,
  id: string,
  contactId: string | null,
): Promise<PortalWorkOrder | null> {
  const r = await woBase(db, companyId, contactId)
    .leftJoin('contacts as c', 'c.id', 'w.contact_id')
    .select([
      'w.id',
      'w.number',
      'w.title',
      'w.description',
      'w.status',
      'w.priority',
      'w.updated_at',
      'w.created_at',
      'w.resolved_at',
      'w.closed_at',
      'w.source',
      'w.contact_id',
      'c.name as requester',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const assets = await assetsOf(db, companyId, [r.id]);
  return {
    id: r.id,
    number: Number(r.number),
    title: r.title,
    description: r.description,
    status: r.status as WoStatus,
    priority: r.priority as WoPriority,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    source: r.source,
    contactId: r.contact_id,
    requester: r.requester,
    assets: assets.get(r.id) ?? [],
  };
}

/** Public comments only, oldest first: the customer's and staff's replies as one thread. */
export async function portalThread(db: DbOrTrx, workOrderId: string) {
  const rows = await db
    .selectFrom('work_order_comments')
    .select(['id', 'author_type', 'author_name', 'body', 'created_at'])
    .where('work_order_id', '=', workOrderId)
    .where('visibility', '=', 'public')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromCustomer: r.author_type === 'contact',
    authorName: r.author_name,
    body: r.body,
    createdAt: r.created_at,
  }));
}

/**
 * Files the customer may open: those of public comments, and the request's own (no comment, no
 * staff uploader). A file of an internal note is never among them.
 */
function portalFiles(db: DbOrTrx, companyId: string, workOrderId: string) {
  return db
    .selectFrom('documents as d')
    .leftJoin('work_order_comments as c', 'c.id', 'd.comment_id')
    .where('d.company_id', '=', companyId)
    .where('d.work_order_id', '=', workOrderId)
    .where('d.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('d.comment_id', 'is', null), eb('d.uploaded_by_id', 'is', null)]),
        eb.and([eb('c.visibility', '=', 'public'), eb('c.work_order_id', '=', workOrderId)]),
      ]),
    );
}

export async function portalAttachments(db: DbOrTrx, companyId: string, workOrderId: string) {
  const rows = await portalFiles(db, companyId, workOrderId)
    .select(['d.id', 'd.filename', 'd.size_bytes', 'd.comment_id'])
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    sizeBytes: Number(r.size_bytes),
    commentId: r.comment_id ?? null,
  }));
}

export async function findPortalAttachment(
  db: DbOrTrx,
  companyId: string,
  workOrderId: string,
  documentId: string,
) {
  const r = await portalFiles(db, companyId, workOrderId)
    .selectAll('d')
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!r) return null;
  const doc: DocumentMeta = {
    id: r.id,
    companyId: r.company_id,
    assetId: r.asset_id,
    assetName: null,
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedById: r.uploaded_by_id,
    uploadedByName: r.uploaded_by_name,
    createdAt: r.created_at,
  };
  return doc;
}

/** Status changes, oldest first (from the audit log; who changed it and notes stay with staff). */
export async function statusHistory(db: DbOrTrx, companyId: string, workOrderId: string) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'summary', 'actor_type'])
    .where('entity_type', '=', 'work_order')
    .where('entity_id', '=', workOrderId)
    .where('company_id', '=', companyId)
    .where('action', '=', 'work_order.status')
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .limit(200)
    .execute();
  return rows.map((r) => {
    const s = r.summary ? (JSON.parse(r.summary) as { to?: string }) : {};
    return { at: r.at, to: String(s.to ?? ''), byCustomer: r.actor_type === 'contact' };
  });
}

// ---- assets

export type PortalAssetRow = {
  id: string;
  name: string;
  category: string;
  location: string | null;
  contact: string | null;
  assetTag: string | null;
  serial: string | null;
  warrantyExpires: string | null;
  status: string;
};

function assetBase(db: DbOrTrx, companyId: string) {
  return db
    .selectFrom('assets as a')
    .innerJoin('asset_categories as k', 'k.id', 'a.category_id')
    .leftJoin('locations as l', 'l.id', 'a.location_id')
    .leftJoin('contacts as c', 'c.id', 'a.contact_id')
    .select([
      'a.id',
      'a.name',
      'k.name as category',
      'l.name as location',
      'c.name as contact',
      'a.asset_tag',
      'a.serial',
      'a.warranty_expires',
      'a.status',
    ])
    .where('a.company_id', '=', companyId);
}
type AssetSel = {
  id: string;
  name: string;
  category: string;
  location: string | null;
  contact: string | null;
  asset_tag: string | null;
  serial: string | null;
  warranty_expires: string | null;
  status: string;
};
const toAsset = (r: AssetSel): PortalAssetRow => ({
  id: r.id,
  name: r.name,
  category: r.category,
  location: r.location,
  contact: r.contact,
  assetTag: r.asset_tag,
  serial: r.serial,
  warrantyExpires: r.warranty_expires,
  status: r.status,
});

/**
 * A page of the company's assets by name; `q` matches name, asset tag, serial or location (a
 * contains-search within the one company's rows, walked in assets_company_name order).
 */
export async function listPortalAssets(
  db: DbOrTrx,
  companyId: string,
  f: { q: string; page: number; size: number; activeOnly?: boolean },
) {
  let q = assetBase(db, companyId);
  if (f.activeOnly) q = q.where('a.status', '!=', 'retired');
  const term = f.q.trim();
  if (term)
    q = q.where((eb) =>
      eb.or([
        columnContains(db, sql`lower(a.name)`, term),
        columnContains(db, sql`lower(coalesce(a.asset_tag, ''))`, term),
        columnContains(db, sql`lower(coalesce(a.serial, ''))`, term),
        columnContains(db, sql`lower(coalesce(l.name, ''))`, term),
      ]),
    );
  const rows = await q
    .orderBy('a.name_sort')
    .orderBy('a.id')
    .limit(f.size + 1)
    .offset((f.page - 1) * f.size)
    .execute();
  return { rows: rows.slice(0, f.size).map(toAsset), hasNext: rows.length > f.size };
}

/** These assets of the company (for a form re-shown with its choices), by name. */
export async function portalAssetsByIds(db: DbOrTrx, companyId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await assetBase(db, companyId)
    .where('a.id', 'in', ids.slice(0, 20))
    .orderBy('a.name_sort')
    .execute();
  return rows.map(toAsset);
}

export async function findPortalAsset(db: DbOrTrx, companyId: string, id: string) {
  const r = await assetBase(db, companyId)
    .select(['a.make', 'a.model'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return r ? { ...toAsset(r), make: r.make, model: r.model } : null;
}

/** The asset's work orders, open or past, newest update first (at most `limit`). */
export async function assetWorkOrders(
  db: DbOrTrx,
  companyId: string,
  assetId: string,
  open: boolean,
  limit: number,
) {
  const rows = await db
    .selectFrom('work_order_assets as wa')
    .innerJoin('work_orders as w', 'w.id', 'wa.work_order_id')
    .select(['w.id', 'w.number', 'w.title', 'w.status', 'w.updated_at'])
    .where('wa.asset_id', '=', assetId)
    .where('w.company_id', '=', companyId)
    .where('w.status', open ? 'in' : 'not in', OPEN_STATUSES)
    .orderBy('w.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    title: r.title,
    status: r.status as WoStatus,
    updatedAt: r.updated_at,
  }));
}

// ---- contract and services

export async function portalContract(db: DbOrTrx, companyId: string) {
  const c = await db
    .selectFrom('companies')
    .select(['monthly_rate_cents', 'contract_start', 'billing_day', 'payment_terms_days'])
    .where('id', '=', companyId)
    .executeTakeFirst();
  if (!c) return null;
  return {
    monthlyRateCents: Number(c.monthly_rate_cents),
    contractStart: c.contract_start,
    billingDay: Number(c.billing_day),
    paymentTermsDays: Number(c.payment_terms_days),
  };
}

/** Recurring services that have not ended before `today` (current and upcoming), by start. */
export async function portalServices(db: DbOrTrx, companyId: string, today: string) {
  const rows = await db
    .selectFrom('company_services as s')
    .leftJoin('service_catalog as k', 'k.id', 's.catalog_id')
    .select([
      's.id',
      's.description',
      'k.name as catalog_name',
      's.quantity_thousandths',
      's.unit_price_cents',
      's.start_date',
      's.end_date',
    ])
    .where('s.company_id', '=', companyId)
    .where('s.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', today)]))
    .orderBy('s.start_date')
    .orderBy('s.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.description || r.catalog_name || 'Service',
    quantityThousandths: Number(r.quantity_thousandths),
    unitPriceCents: Number(r.unit_price_cents),
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}
