// The asset's History and Service records tabs, and the warranty-expiry view across companies.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import { listAudit } from '../audit/queries.ts';
import { listUsers } from '../users/queries.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { assetCategories } from '../categories/service.ts';
import { WARRANTY_AHEAD_DAYS, WARRANTY_BEHIND_DAYS, warrantyAssets } from './browse.ts';
import { businessToday, getAsset } from './service.ts';
import { createServiceRecord, formToServiceInput, listServiceRecords } from './service-records.ts';
import { AssetHistoryPage } from './views/history.tsx';
import { ServiceRecordsPage } from './views/service.tsx';
import { WarrantyPage } from './views/warranty-page.tsx';

type Params = { id: string };
type Query = { before?: string; cursor?: string };

export async function assetTabRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/assets/warranty', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.read');
    const data = await warrantyAssets(ctx, withRememberedPageSize(req, reply));
    return reply.page(
      'Warranty expiry',
      <WarrantyPage {...data} ahead={WARRANTY_AHEAD_DAYS} behind={WARRANTY_BEHIND_DAYS} />,
    );
  });

  app.get('/assets/:id/history', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.read');
    const asset = await getAsset(ctx, (req.params as Params).id);
    const before = (req.query as Query).before;
    const [page, categories, profile] = await Promise.all([
      listAudit(ctx.db, {
        entityType: 'asset',
        entityId: asset.id,
        limit: 50,
        before: typeof before === 'string' ? before : undefined,
      }),
      assetCategories(ctx),
      getProfileCached(deps.db),
    ]);
    // Labels from every category: a value may have been set under a category the asset has since left.
    const fieldLabels = new Map(
      categories.flatMap((c) => c.fields.map((f) => [f.key, f.label] as const)),
    );
    const current = categories.find((c) => c.id === asset.categoryId);
    for (const f of current?.fields ?? []) fieldLabels.set(f.key, f.label);
    return reply.page(
      `${asset.name} — history`,
      <AssetHistoryPage
        asset={asset}
        rows={page.items}
        olderHref={page.nextBefore ? `/assets/${asset.id}/history?before=${page.nextBefore}` : null}
        fieldLabels={fieldLabels}
        timeZone={profile?.timeZone ?? 'UTC'}
        currency={profile?.currency ?? 'USD'}
      />,
    );
  });

  const servicePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string | undefined>,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'assets.read');
    const asset = await getAsset(ctx, (req.params as Params).id);
    const cursor = (req.query as Query).cursor;
    const [records, users, today] = await Promise.all([
      listServiceRecords(ctx, asset.id, {
        limit: 100,
        cursor: typeof cursor === 'string' ? cursor : undefined,
      }),
      listUsers(ctx.db),
      businessToday(ctx),
    ]);
    const me = ctx.actor.type === 'staff' ? ctx.actor.userId : '';
    return reply.page(
      `${asset.name} — service records`,
      <ServiceRecordsPage
        asset={asset}
        records={records.items}
        olderHref={
          records.nextCursor ? `/assets/${asset.id}/service?cursor=${records.nextCursor}` : null
        }
        canWrite={can(ctx.actor, 'assets.write')}
        csrf={reply.generateCsrf()}
        staff={users.filter((u) => u.active || u.id === me)}
        values={values ?? { performedOn: today, performedById: me, minutes: '' }}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/assets/:id/service', async (req, reply) => servicePage(req, reply));
  app.post('/assets/:id/service', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const { id } = req.params as Params;
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    try {
      await createServiceRecord(ctx, id, formToServiceInput(form));
      return reply.flash('success', 'Service record added.').redirect(`/assets/${id}/service`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return servicePage(req, reply, form, fieldErrors(err));
    }
  });
}
