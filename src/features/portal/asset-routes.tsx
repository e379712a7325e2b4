// /portal/assets, /portal/assets/:id and /portal/services: the company's devices with their work
// orders, and the contract with its recurring services. Service flag only (portalCtx answers 404
// without it); every read is scoped by the contact's company in service-service.ts.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { portalCtx } from './context.ts';
import { brandingCached, portalPage } from './render.tsx';
import { assetPage, assetsPage, servicesPage } from './service-service.ts';
import { AssetListPage, AssetPage, ServicesPage } from './views/assets.tsx';

export async function portalAssetRoutes(scope: FastifyInstance, deps: Deps) {
  scope.get('/assets', async (req, reply) => {
    const p = portalCtx(req, deps, 'service');
    return portalPage(
      reply,
      deps.db,
      'Devices',
      <AssetListPage {...(await assetsPage(p, req.query))} />,
    );
  });

  scope.get('/assets/:id', async (req, reply) => {
    const p = portalCtx(req, deps, 'service');
    const data = await assetPage(p, (req.params as { id: string }).id);
    const tz = (await brandingCached(deps.db)).timeZone;
    return portalPage(reply, deps.db, data.asset.name, <AssetPage {...data} tz={tz} />);
  });

  scope.get('/services', async (req, reply) => {
    const p = portalCtx(req, deps, 'service');
    return portalPage(reply, deps.db, 'Services', <ServicesPage {...(await servicesPage(p))} />);
  });
}
