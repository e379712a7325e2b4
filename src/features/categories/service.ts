// Asset category use cases. Anyone who can see assets can list categories; only admins
// (assets.categories) add or change them. Changes are audited with the fields before and after.
import type { Ctx } from '../../platform/context.ts';
import { audit, diff } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { CategoryInput } from './schemas.ts';
import {
  assetCountsByCategory,
  findCategory,
  findCategoryByName,
  insertCategory,
  listCategories,
  updateCategoryRow,
  type Category,
} from './queries.ts';

export async function assetCategories(ctx: Ctx): Promise<Category[]> {
  assertCan(ctx.actor, 'assets.read');
  return listCategories(ctx.db);
}

export async function categoriesWithCounts(ctx: Ctx) {
  assertCan(ctx.actor, 'assets.categories');
  const [items, counts] = await Promise.all([
    listCategories(ctx.db),
    assetCountsByCategory(ctx.db),
  ]);
  return { items, counts };
}

export async function getCategory(ctx: Ctx, id: string): Promise<Category> {
  assertCan(ctx.actor, 'assets.read');
  const c = await findCategory(ctx.db, id);
  if (!c) throw new NotFoundError('No such category.');
  return c;
}

const nameTaken = () =>
  new ValidationError([{ path: 'name', message: 'A category with this name already exists' }]);

export async function createCategory(ctx: Ctx, raw: unknown): Promise<Category> {
  assertCan(ctx.actor, 'assets.categories');
  const input = parseInput(CategoryInput, raw);
  const now = nowIso();
  const category: Category = { id: newId(), ...input, createdAt: now, updatedAt: now };
  await ctx.db.transaction().execute(async (trx) => {
    if (await findCategoryByName(trx, input.name)) throw nameTaken();
    await insertCategory(trx, category);
    await audit(trx, ctx, {
      action: 'category.create',
      entityType: 'asset_category',
      entityId: category.id,
      summary: {
        name: category.name,
        fields: category.fields.map((f) => `${f.label} (${f.type})`).join(', '),
      },
    });
  });
  return category;
}

export async function updateCategory(ctx: Ctx, id: string, raw: unknown): Promise<Category> {
  assertCan(ctx.actor, 'assets.categories');
  const input = parseInput(CategoryInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCategory(trx, id);
    if (!before) throw new NotFoundError('No such category.');
    const same = await findCategoryByName(trx, input.name);
    if (same && same.id !== id) throw nameTaken();
    const describeFields = (c: { fields: Category['fields'] }) =>
      c.fields
        .map((f) => `${f.label} (${f.type}${f.options ? `: ${f.options.join('/')}` : ''})`)
        .join(', ');
    const changes = diff(
      { name: before.name, fields: describeFields(before) },
      { name: input.name, fields: describeFields(input) },
    );
    if (Object.keys(changes).length === 0) return before;
    const after: Category = { ...before, ...input, updatedAt: nowIso() };
    await updateCategoryRow(trx, after);
    await audit(trx, ctx, {
      action: 'category.update',
      entityType: 'asset_category',
      entityId: id,
      summary: changes,
    });
    return after;
  });
}
