// JSON API for assets, their service records and the categories: /api/v1/assets, /api/v1/asset-categories.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { assetCategories } from '../categories/service.ts';
import { pageAssets } from './browse.ts';
import { createAsset, getAsset, updateAsset } from './service.ts';
import { createServiceRecord, listServiceRecords } from './service-records.ts';

type Params = { id: string };
const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(100),
  cursor: z.string().max(500).optional(),
});
// The API returns the asset itself; names of company, category, location and contact are their own resources.
const plain = <
  T extends {
    companyName?: string;
    categoryName?: string;
    locationName?: string | null;
    contactName?: string | null;
  },
>({
  companyName: _a,
  categoryName: _b,
  locationName: _c,
  contactName: _d,
  ...rest
}: T) => rest;

export async function assetApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/assets', async (req) => pageAssets(staffCtx(req, deps), req.query));
  app.post('/api/v1/assets', async (req, reply) => {
    const asset = await createAsset(staffCtx(req, deps), null, req.body ?? {});
    return reply.status(201).header('location', `/api/v1/assets/${asset.id}`).send(asset);
  });
  app.get('/api/v1/assets/:id', async (req) =>
    plain(await getAsset(staffCtx(req, deps), (req.params as Params).id)),
  );
  app.patch('/api/v1/assets/:id', async (req) =>
    updateAsset(staffCtx(req, deps), (req.params as Params).id, req.body ?? {}),
  );
  app.get('/api/v1/asset-categories', async (req) => ({
    items: await assetCategories(staffCtx(req, deps)),
    nextCursor: null,
  }));
  app.get('/api/v1/assets/:id/service-records', async (req) =>
    listServiceRecords(
      staffCtx(req, deps),
      (req.params as Params).id,
      parseInput(PageQuery, req.query),
    ),
  );
  app.post('/api/v1/assets/:id/service-records', async (req, reply) =>
    reply
      .status(201)
      .send(
        await createServiceRecord(staffCtx(req, deps), (req.params as Params).id, req.body ?? {}),
      ),
  );
}
