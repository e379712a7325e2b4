// The portal home's figures, each by the contact's company and only for the flags they hold.
import { todayIn } from '../../lib/dates.ts';
import type { PortalCtx } from './context.ts';
import { companyBalance, companyOpenWorkOrders } from './queries.ts';
import { brandingCached } from './render.tsx';

export type HomeFigures = Awaited<ReturnType<typeof homeFigures>>;

export async function homeFigures(p: PortalCtx) {
  const brand = await brandingCached(p.ctx.db);
  return {
    contactName: p.contact.name,
    companyName: p.contact.companyName ?? '',
    currency: brand.currency,
    flags: p.flags,
    billing: p.flags.billing
      ? await companyBalance(p.ctx.db, p.companyId, todayIn(brand.timeZone))
      : null,
    openWorkOrders: p.flags.service ? await companyOpenWorkOrders(p.ctx.db, p.companyId) : null,
  };
}
