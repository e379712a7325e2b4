// Company use cases: permission, validation, transaction, audit. Every change writes an audit row
// with the fields that changed (old -> new).
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan, can } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { endContactSessions } from '../portal/auth-service.ts';
import { businessToday } from '../assets/service.ts';
import { moneyOfCompanies, type CompanyMoney } from '../receivables/company-summary.ts';
import {
  CreateCompanyInput,
  ListCompaniesQuery,
  MONEY_SORTS,
  UpdateCompanyInput,
} from './schemas.ts';
import {
  findCompany,
  insertCompany,
  listCompanies,
  listCompaniesAfter,
  updateCompanyRow,
  type Company,
} from './queries.ts';

async function contactNames(db: DbOrTrx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function assertBillingContact(
  db: DbOrTrx,
  companyId: string,
  contactId: string | null | undefined,
) {
  if (!contactId) return;
  const c = await db
    .selectFrom('contacts')
    .select('id')
    .where('id', '=', contactId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!c)
    throw new ValidationError([
      {
        path: 'billingContactId',
        message: 'The billing contact must be one of this company’s contacts',
      },
    ]);
}

export async function createCompany(ctx: Ctx, raw: unknown): Promise<Company> {
  assertCan(ctx.actor, 'companies.write');
  const input = parseInput(CreateCompanyInput, raw);
  if (input.billingContactId)
    throw new ValidationError([
      { path: 'billingContactId', message: 'Add contacts first, then choose the billing contact' },
    ]);
  const now = nowIso();
  const company: Company = { id: newId(), ...input, createdAt: now, updatedAt: now };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCompany(trx, company);
    await audit(trx, ctx, {
      action: 'company.create',
      entityType: 'company',
      entityId: company.id,
      companyId: company.id,
      summary: { name: company.name, monthlyRateCents: company.monthlyRateCents },
    });
  });
  return company;
}

export async function getCompany(ctx: Ctx, id: string): Promise<Company> {
  assertCan(ctx.actor, 'companies.read');
  const company = await findCompany(ctx.db, id);
  if (!company) throw new NotFoundError('No such company.');
  return company;
}

export async function updateCompany(ctx: Ctx, id: string, raw: unknown): Promise<Company> {
  assertCan(ctx.actor, 'companies.write');
  const input = parseInput(UpdateCompanyInput, raw);
  if (input.status !== undefined) assertCan(ctx.actor, 'companies.deactivate');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCompany(trx, id);
    if (!before) throw new NotFoundError('No such company.');
    await assertBillingContact(trx, id, input.billingContactId);
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return before;
    const after: Company = { ...before, ...input, updatedAt: nowIso() } as Company;
    await updateCompanyRow(trx, after);
    if (changes.billingContactId) {
      // People read the log: name the contacts rather than showing their ids.
      const names = await contactNames(
        trx,
        changes.billingContactId.filter((x): x is string => typeof x === 'string'),
      );
      const [from, to] = changes.billingContactId as [string | null, string | null];
      delete changes.billingContactId;
      changes.billingContact = [
        from ? (names.get(from) ?? from) : null,
        to ? (names.get(to) ?? to) : null,
      ];
    }
    // An inactive company's contacts are signed out of the portal at once.
    if (after.status === 'inactive') await endContactSessions(trx, { companyId: id });
    // A status change is a named action in the log, even when it arrives inside a wider edit.
    const action =
      'status' in changes
        ? after.status === 'inactive'
          ? 'company.deactivate'
          : 'company.reactivate'
        : 'company.update';
    await audit(trx, ctx, {
      action,
      entityType: 'company',
      entityId: id,
      companyId: id,
      summary: changes,
    });
    return after;
  });
}

/** Deactivate or reactivate: a named action with its own permission, kept in history. */
export async function setCompanyStatus(
  ctx: Ctx,
  id: string,
  status: Company['status'],
): Promise<Company> {
  assertCan(ctx.actor, 'companies.deactivate');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCompany(trx, id);
    if (!before) throw new NotFoundError('No such company.');
    if (before.status === status) return before;
    const after = { ...before, status, updatedAt: nowIso() };
    await updateCompanyRow(trx, after);
    if (status === 'inactive') await endContactSessions(trx, { companyId: id });
    await audit(trx, ctx, {
      action: status === 'inactive' ? 'company.deactivate' : 'company.reactivate',
      entityType: 'company',
      entityId: id,
      companyId: id,
      summary: { status: [before.status, status] },
    });
    return after;
  });
}

/**
 * The company list: one page, the total, and for staff who see billing each row's balance and past
 * due (one grouped query over the page's companies). Sorting by those figures needs billing.read;
 * without it the list is in name order.
 */
export async function browseCompanies(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'companies.read');
  const query = parseInput(ListCompaniesQuery, raw);
  const seesMoney = can(ctx.actor, 'billing.read');
  if (!seesMoney && MONEY_SORTS.includes(query.sort)) {
    query.sort = 'name';
    query.dir = 'asc';
  }
  const asOf = seesMoney ? await businessToday(ctx) : undefined;
  const page = await listCompanies(ctx.db, query, { asOf });
  const money: Map<string, CompanyMoney> | null = asOf
    ? await moneyOfCompanies(
        ctx.db,
        page.items.map((c) => c.id),
        asOf,
      )
    : null;
  return { query, ...page, money };
}

export async function pageCompanies(
  ctx: Ctx,
  q: { q: string; status: 'active' | 'inactive' | 'all'; limit: number; cursor?: string },
) {
  assertCan(ctx.actor, 'companies.read');
  return listCompaniesAfter(ctx.db, q);
}
