import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { formToCategoryInput } from './schemas.ts';
import { categoriesWithCounts, createCategory, getCategory, updateCategory } from './service.ts';
import { CategoryFormPage, CategoryListPage, categoryToForm } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id?: string };
const rowCount = (f: Form) => Math.min(60, Math.max(0, Number(f.rows) || 0));

export async function categoryRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/settings/categories', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'assets.categories');
    return reply.page(
      'Asset categories',
      <CategoryListPage {...(await categoriesWithCounts(ctx))} />,
    );
  });

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'assets.categories');
    const { id } = req.params as Params;
    const existing = id ? await getCategory(ctx, id) : null;
    const title = existing ? `Edit ${existing.name}` : 'New category';
    return reply.page(
      title,
      <CategoryFormPage
        title={title}
        action={existing ? `/settings/categories/${existing.id}` : '/settings/categories'}
        csrf={reply.generateCsrf()}
        values={values ?? (existing ? categoryToForm(existing) : {})}
        errors={errors}
        existingKeys={new Set(existing?.fields.map((f) => f.key))}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/settings/categories/new', async (req, reply) => form(req, reply));
  app.get('/settings/categories/:id/edit', async (req, reply) => form(req, reply));

  const save = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = staffCtx(req, deps, 'assets.categories');
    const { id } = req.params as Params;
    const body = (req.body ?? {}) as Form;
    try {
      const input = formToCategoryInput(body, rowCount(body));
      const c = id ? await updateCategory(ctx, id, input) : await createCategory(ctx, input);
      return reply.flash('success', `${c.name} was saved.`).redirect('/settings/categories');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // Keep only the rows the user filled in, so the re-rendered form lines up with the errors.
      const kept: Form = { name: body.name };
      let j = 0;
      for (let i = 0; i < rowCount(body); i++) {
        if (!body[`f${i}_label`]?.trim()) continue;
        for (const part of ['label', 'type', 'options', 'key'])
          kept[`f${j}_${part}`] = body[`f${i}_${part}`] ?? '';
        j++;
      }
      return form(req, reply, kept, fieldErrors(err));
    }
  };
  app.post('/settings/categories', save);
  app.post('/settings/categories/:id', save);
}
