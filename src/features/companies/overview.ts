// What the company overview shows besides the company itself: its receivables as of today (the
// aging's own queries for one company), its oldest overdue invoices, its open work orders by
// urgency, warranties ending in the next 90 days, its recurring services, and recent activity in
// words. A fixed number of indexed queries whatever the company's size (each list is capped):
// balance 2, aging 1, overdue 2, work orders 3, warranties 2-3, services 1, activity 1 + up to 4
// name lookups by primary key. Each part is read only by the roles that may see it.
import type { DbOrTrx } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { can } from '../../platform/permissions.ts';
import { emptyAging, type AgingTotals } from '../payments/aging.ts';
import { listAudit, type AuditRow } from '../audit/queries.ts';
import { businessToday } from '../assets/service.ts';
import { listAssets, type AssetView } from '../assets/queries.ts';
import { listWorkOrders, type WorkOrderView } from '../work-orders/queries.ts';
import { listCompanyServices, type CompanyService } from '../billing-setup/queries.ts';
import { recurringTotal, serviceState } from '../billing-setup/pricing.ts';
import { agingFromBalances, companyBalance } from '../receivables/queries.ts';
import { overdueInvoicesOf, type OverdueInvoice } from '../receivables/company-summary.ts';
import { woNumber } from '../work-orders/views/header.tsx';
import { activitySentence } from './activity.ts';
import type { Company } from './queries.ts';

export const OVERVIEW_LIMIT = 5;
export const ACTIVITY_LIMIT = 8;
export const WARRANTY_DAYS = 90;

export type Receivables = {
  balanceCents: number;
  openInvoiceCents: number;
  unappliedCreditCents: number;
  aging: AgingTotals;
  overdue: OverdueInvoice[];
  overdueCount: number;
};

export type Activity = { id: string; at: string; sentence: string };

export type CompanyOverview = {
  today: string;
  /** null: the viewer does not see billing. */
  receivables: Receivables | null;
  workOrders: { items: WorkOrderView[]; total: number } | null;
  warranties: { items: AssetView[]; total: number } | null;
  services: { active: CompanyService[]; monthlyCents: number; contractCents: number };
  activity: Activity[];
};

export async function companyOverview(
  ctx: Ctx,
  company: Company,
  currency: string,
): Promise<CompanyOverview> {
  const id = company.id;
  const today = await businessToday(ctx);
  const seesBilling = can(ctx.actor, 'billing.read');
  const [receivables, workOrders, warranties, services, activity] = await Promise.all([
    seesBilling ? receivablesOf(ctx.db, id, today) : null,
    can(ctx.actor, 'workorders.read')
      ? listWorkOrders(
          ctx.db,
          { q: '', company: '', companyId: id, status: 'open', today },
          { sort: 'work', dir: 'asc', limit: OVERVIEW_LIMIT, offset: 0 },
        )
      : null,
    can(ctx.actor, 'assets.read')
      ? listAssets(
          ctx.db,
          { q: '', company: '', companyId: id, warranty: WARRANTY_DAYS, today },
          { sort: 'warranty', dir: 'asc', limit: OVERVIEW_LIMIT, offset: 0 },
        )
      : null,
    listCompanyServices(ctx.db, id),
    recentActivity(ctx.db, id, { currency, showMoney: seesBilling }),
  ]);
  const active = services.filter((s) => serviceState(s, today) === 'active');
  const contractCents =
    company.monthlyRateCents > 0 && (!company.contractStart || company.contractStart <= today)
      ? company.monthlyRateCents
      : 0;
  return {
    today,
    receivables,
    workOrders,
    warranties,
    services: { active, monthlyCents: recurringTotal(active, today), contractCents },
    activity,
  };
}

async function receivablesOf(db: DbOrTrx, companyId: string, today: string): Promise<Receivables> {
  const [balance, aging, overdue] = await Promise.all([
    companyBalance(db, companyId),
    agingFromBalances(db, today, companyId),
    overdueInvoicesOf(db, companyId, today, OVERVIEW_LIMIT),
  ]);
  return {
    ...balance,
    aging: aging[0] ?? emptyAging(),
    overdue: overdue.items,
    overdueCount: overdue.count,
  };
}

/** The last few audit rows of the company as sentences, with the names their rows only point at. */
export async function recentActivity(
  db: DbOrTrx,
  companyId: string,
  o: { currency: string; showMoney: boolean; limit?: number },
): Promise<Activity[]> {
  const { items } = await listAudit(db, { companyId, limit: o.limit ?? ACTIVITY_LIMIT });
  const names = await entityNames(db, items);
  return items.map((r) => ({
    id: r.id,
    at: r.at,
    sentence: activitySentence(r, { currency: o.currency, showMoney: o.showMoney, names }),
  }));
}

/** Invoice numbers, work order numbers and titles, asset and contact names, by primary key. */
async function entityNames(db: DbOrTrx, rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId!)),
  ];
  const [invoices, workOrders, assets, contacts] = [
    ids('invoice'),
    ids('work_order'),
    ids('asset'),
    ids('contact'),
  ];
  const names = new Map<string, string>();
  await Promise.all([
    invoices.length &&
      db
        .selectFrom('invoices')
        .select(['id', 'number'])
        .where('id', 'in', invoices)
        .execute()
        .then((rs) => {
          for (const r of rs) if (r.number) names.set(r.id, r.number);
        }),
    workOrders.length &&
      db
        .selectFrom('work_orders')
        .select(['id', 'number', 'title'])
        .where('id', 'in', workOrders)
        .execute()
        .then((rs) => {
          for (const r of rs)
            names.set(
              r.id,
              `${woNumber(Number(r.number))} “${r.title.length > 50 ? `${r.title.slice(0, 50)}…` : r.title}”`,
            );
        }),
    assets.length &&
      db
        .selectFrom('assets')
        .select(['id', 'name'])
        .where('id', 'in', assets)
        .execute()
        .then((rs) => {
          for (const r of rs) names.set(r.id, r.name);
        }),
    contacts.length &&
      db
        .selectFrom('contacts')
        .select(['id', 'name'])
        .where('id', 'in', contacts)
        .execute()
        .then((rs) => {
          for (const r of rs) names.set(r.id, r.name);
        }),
  ]);
  return names;
}
