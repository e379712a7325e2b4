import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps, Ctx } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import { getCompany } from '../companies/service.ts';
import { companyContacts } from '../contacts/service.ts';
import { companyLocations } from '../locations/service.ts';
import { assetCategories } from '../categories/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { formToAssetInput } from './schemas.ts';
import { browseAssets, exportAssetsCsv } from './browse.ts';
import { bulkUpdateAssets, businessToday, createAsset, getAsset, updateAsset } from './service.ts';
import { AssetListPage } from './views/list.tsx';
import { AssetFormPage, assetToForm, type AssetFormValues } from './views/form.tsx';
import { AssetPage } from './views/detail.tsx';

type Form = Record<string, string | string[] | undefined>;
type Params = { id: string };
const strings = (f: Form) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string')) as AssetFormValues;

/** Where to go back to after a bulk change: only this app's asset lists, never another site. */
const safeBack = (back: unknown, fallback: string) =>
  typeof back === 'string' && /^\/(assets|companies\/[^/]+\/assets)(\?|$)/.test(back)
    ? back
    : fallback;

export async function assetRoutes(app: FastifyInstance, deps: Deps) {
  const list = async (req: FastifyRequest, reply: FastifyReply, companyId?: string) => {
    const ctx = staffCtx(req, deps, 'assets.read');
    const raw = withRememberedPageSize(req, reply);
    const company = companyId ? await getCompany(ctx, companyId) : undefined;
    if ((req.query as Record<string, string>).format === 'csv') {
      const { csv } = await exportAssetsCsv(ctx, raw, { companyId });
      const name = `assets-${company ? company.name.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase() : 'all'}-${await businessToday(ctx)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    }
    const [data, categories, locations] = await Promise.all([
      browseAssets(ctx, raw, { companyId }),
      assetCategories(ctx),
      companyId ? companyLocations(ctx, companyId) : null,
    ]);
    const base = companyId ? `/companies/${companyId}/assets` : '/assets';
    return reply.page(
      company ? `${company.name} — assets` : 'Assets',
      <AssetListPage
        base={base}
        company={company}
        {...data}
        categories={categories}
        locations={locations?.items ?? []}
        canWrite={can(ctx.actor, 'assets.write')}
        csrf={reply.generateCsrf()}
        backUrl={req.url}
      />,
    );
  };
  app.get('/assets', async (req, reply) => list(req, reply));
  app.get('/companies/:id/assets', async (req, reply) =>
    list(req, reply, (req.params as Params).id),
  );

  const bulk = async (req: FastifyRequest, reply: FastifyReply, companyId?: string) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const f = (req.body ?? {}) as Form;
    const back = safeBack(f.back, companyId ? `/companies/${companyId}/assets` : '/assets');
    try {
      const location = f.locationId === 'none' ? '' : f.locationId || undefined;
      const { changed } = await bulkUpdateAssets(
        ctx,
        { ids: f.ids ?? [], status: f.status || undefined, locationId: location },
        companyId,
      );
      return reply
        .flash('success', `${changed} ${changed === 1 ? 'asset was' : 'assets were'} changed.`)
        .redirect(back);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.flash('danger', err.errors.map((e) => e.message).join(' ')).redirect(back);
    }
  };
  app.post('/assets/bulk', async (req, reply) => bulk(req, reply));
  app.post('/companies/:id/assets/bulk', async (req, reply) =>
    bulk(req, reply, (req.params as Params).id),
  );

  const formPage = async (
    ctx: Ctx,
    reply: FastifyReply,
    p: {
      companyId: string;
      assetId?: string;
      categoryId?: string;
      values: AssetFormValues;
      errors?: Record<string, string>;
    },
  ) => {
    const [company, categories, locations, contacts] = await Promise.all([
      getCompany(ctx, p.companyId),
      assetCategories(ctx),
      companyLocations(ctx, p.companyId),
      companyContacts(ctx, p.companyId, { limit: 200 }),
    ]);
    const category =
      categories.find((c) => c.id === (p.values.categoryId || p.categoryId)) ??
      categories[0] ??
      null;
    const title = p.assetId ? `Edit ${p.values.name ?? 'asset'}` : 'New asset';
    return reply.page(
      title,
      <AssetFormPage
        company={company}
        title={title}
        action={p.assetId ? `/assets/${p.assetId}` : `/companies/${p.companyId}/assets`}
        csrf={reply.generateCsrf()}
        values={p.values}
        errors={p.errors ?? {}}
        categories={categories}
        category={category}
        locations={locations.items}
        contacts={contacts.items.filter((c) => c.active || c.id === p.values.contactId)}
        cancelHref={p.assetId ? `/assets/${p.assetId}` : `/companies/${p.companyId}/assets`}
        isNew={!p.assetId}
      />,
      p.errors ? 422 : 200,
    );
  };

  app.get('/companies/:id/assets/new', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const categoryId = (req.query as Record<string, string>).categoryId;
    return formPage(ctx, reply, { companyId: (req.params as Params).id, values: { categoryId } });
  });
  app.post('/companies/:id/assets', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const { id } = req.params as Params;
    const f = (req.body ?? {}) as Form;
    try {
      const asset = await createAsset(ctx, id, formToAssetInput(f));
      return reply.flash('success', `${asset.name} was added.`).redirect(`/assets/${asset.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(ctx, reply, { companyId: id, values: strings(f), errors: fieldErrors(err) });
    }
  });

  app.get('/assets/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.read');
    const asset = await getAsset(ctx, (req.params as Params).id);
    const [categories, today, profile] = await Promise.all([
      assetCategories(ctx),
      businessToday(ctx),
      getProfileCached(deps.db),
    ]);
    return reply.page(
      asset.name,
      <AssetPage
        asset={asset}
        category={categories.find((c) => c.id === asset.categoryId) ?? null}
        today={today}
        currency={profile?.currency ?? 'USD'}
        canWrite={can(ctx.actor, 'assets.write')}
      />,
    );
  });
  app.get('/assets/:id/edit', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const asset = await getAsset(ctx, (req.params as Params).id);
    return formPage(ctx, reply, {
      companyId: asset.companyId,
      assetId: asset.id,
      values: assetToForm(asset),
    });
  });
  app.post('/assets/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.write');
    const asset = await getAsset(ctx, (req.params as Params).id);
    const f = (req.body ?? {}) as Form;
    try {
      await updateAsset(ctx, asset.id, formToAssetInput(f));
      return reply.flash('success', `${asset.name} was saved.`).redirect(`/assets/${asset.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(ctx, reply, {
        companyId: asset.companyId,
        assetId: asset.id,
        values: strings(f),
        errors: fieldErrors(err),
      });
    }
  });
}
