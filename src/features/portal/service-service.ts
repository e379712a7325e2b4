// The portal's service pages as use cases of the signed-in contact (issue 12). Each reads through
// service-queries.ts with p.companyId, so another company's id is "not found" like a missing one.
// Work orders: a contact with the service flag sees all of the company's; a contact without it
// sees only the work orders they requested (their own emails point at them), and may reply on,
// close or reopen those; assets, services and new requests need the service flag (the routes ask
// portalCtx for it). Writes go through the work orders feature (work-orders/portal.ts).
import { z } from 'zod';
import { todayIn } from '../../lib/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import {
  addPortalComment,
  portalActions,
  portalStatus,
  submitPortalWorkOrder,
} from '../work-orders/portal.ts';
import type { PortalCtx } from './context.ts';
import { brandingCached } from './render.tsx';
import {
  assetWorkOrders,
  findPortalAsset,
  findPortalAttachment,
  findPortalWorkOrder,
  listPortalAssets,
  listPortalWorkOrders,
  portalAssetsByIds,
  portalAttachments,
  portalContract,
  portalServices,
  portalThread,
  statusHistory,
} from './service-queries.ts';
import { storageKey } from '../documents/files.ts';

export const PAGE_SIZE = 25;
const page = z.coerce.number().int().min(1).max(10_000).catch(1);
export const WoListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).catch('open'),
  page,
});
export const AssetListQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  page,
});

const NOT_FOUND = 'There is nothing at this address.';
/** Whose work orders this contact may see: null for all of the company's. */
const scopeOf = (p: PortalCtx) => (p.flags.service ? null : p.contact.contactId);

export async function workOrdersPage(p: PortalCtx, raw: unknown) {
  const q = WoListQuery.parse(raw ?? {});
  const list = await listPortalWorkOrders(p.ctx.db, p.companyId, {
    contactId: scopeOf(p),
    status: q.status,
    page: q.page,
    size: PAGE_SIZE,
  });
  return { ...list, query: q, allOfCompany: p.flags.service };
}

export async function workOrderPage(p: PortalCtx, id: string) {
  const wo = await findPortalWorkOrder(p.ctx.db, p.companyId, id, scopeOf(p));
  if (!wo) throw new NotFoundError(NOT_FOUND);
  const [thread, files, history] = [
    await portalThread(p.ctx.db, wo.id),
    await portalAttachments(p.ctx.db, p.companyId, wo.id),
    await statusHistory(p.ctx.db, p.companyId, wo.id),
  ];
  return { wo, thread, files, history, actions: portalActions(wo) };
}

/** The file, if it belongs to a work order this contact may see and is not a staff note's. */
export async function workOrderFile(p: PortalCtx, id: string, documentId: string) {
  const wo = await findPortalWorkOrder(p.ctx.db, p.companyId, id, scopeOf(p));
  const doc = wo && (await findPortalAttachment(p.ctx.db, p.companyId, wo.id, documentId));
  const data = doc ? await p.ctx.storage.get(storageKey(doc.sha256)) : null;
  if (!doc || !data) throw new NotFoundError(NOT_FOUND);
  return { doc, data };
}

/** Checks the work order is one this contact may see before any write names it. */
async function visible(p: PortalCtx, id: string) {
  if (!(await findPortalWorkOrder(p.ctx.db, p.companyId, id, scopeOf(p))))
    throw new NotFoundError(NOT_FOUND);
}

export async function commentOnWorkOrder(
  p: PortalCtx,
  id: string,
  body: unknown,
  file: UploadedFile | null,
) {
  await visible(p, id);
  return addPortalComment(p.ctx, id, { body }, file);
}

export async function changeWorkOrderStatus(
  p: PortalCtx,
  id: string,
  action: 'close' | 'reopen',
  note?: unknown,
) {
  await visible(p, id);
  return portalStatus(p.ctx, id, action, note);
}

/** The new request form's choices: the matching assets, and those already chosen. */
export async function newWorkOrderChoices(p: PortalCtx, q: string, chosen: string[]) {
  const [list, picked] = [
    await listPortalAssets(p.ctx.db, p.companyId, {
      q,
      page: 1,
      size: 50,
      activeOnly: true,
    }),
    await portalAssetsByIds(p.ctx.db, p.companyId, chosen),
  ];
  const seen = new Set(picked.map((a) => a.id));
  return {
    assets: [...picked, ...list.rows.filter((a) => !seen.has(a.id))],
    chosen: seen,
    more: list.hasNext,
  };
}

export const submitWorkOrder = (p: PortalCtx, input: unknown, file: UploadedFile | null) =>
  submitPortalWorkOrder(p.ctx, input, file);

export async function assetsPage(p: PortalCtx, raw: unknown) {
  const q = AssetListQuery.parse(raw ?? {});
  const list = await listPortalAssets(p.ctx.db, p.companyId, {
    q: q.q,
    page: q.page,
    size: PAGE_SIZE,
  });
  const brand = await brandingCached(p.ctx.db);
  return { ...list, query: q, today: todayIn(brand.timeZone) };
}

export async function assetPage(p: PortalCtx, id: string) {
  const asset = await findPortalAsset(p.ctx.db, p.companyId, id);
  if (!asset) throw new NotFoundError(NOT_FOUND);
  const brand = await brandingCached(p.ctx.db);
  return {
    asset,
    today: todayIn(brand.timeZone),
    open: await assetWorkOrders(p.ctx.db, p.companyId, id, true, 50),
    past: await assetWorkOrders(p.ctx.db, p.companyId, id, false, 25),
  };
}

export async function servicesPage(p: PortalCtx) {
  const brand = await brandingCached(p.ctx.db);
  const today = todayIn(brand.timeZone);
  const contract = await portalContract(p.ctx.db, p.companyId);
  if (!contract) throw new NotFoundError(NOT_FOUND);
  return {
    contract,
    services: await portalServices(p.ctx.db, p.companyId, today),
    currency: brand.currency,
    today,
  };
}
