import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uploadedFile, UploadTooLargeError } from '../../platform/uploads.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { AppError, ConflictError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import { formatInstant } from '../../lib/dates.ts';
import { formatDuration } from '../../lib/duration.ts';
import { headerTimer } from '../time/work-order-time.ts';
import { defaultBillable } from '../time/service.ts';
import { formatMoney, sumCents } from '../../lib/money.ts';
import { readUnbilled } from '../time/billing.ts';
import { getCompany } from '../companies/service.ts';
import { businessToday, getAsset } from '../assets/service.ts';
import { CompanyHeader } from '../companies/views/tabs.tsx';
import { AssetHeader } from '../assets/views/header.tsx';
import { getProfileCached } from '../settings/profile-cache.ts';
import { formToWorkOrderInput } from './schemas.ts';
import { boardWorkOrders, browseWorkOrders, mySavedViews, removeView, saveView } from './browse.ts';
import {
  assignWorkOrder,
  changeStatus,
  createWorkOrder,
  getWorkOrder,
  updateWorkOrder,
} from './service.ts';
import { addUpdate } from './comments.ts';
import { defaultBilling } from './transitions.ts';
import {
  assignableUsers,
  commentAttachments,
  companiesMatching,
  companyAssetOptions,
  history,
  listComments,
  workOrderAssets,
} from './queries.ts';
import { findCompany } from '../companies/queries.ts';
import { listContacts } from '../contacts/queries.ts';
import { WorkOrderListPage } from './views/list.tsx';
import { BoardPage } from './views/board.tsx';
import { ChooseCompanyPage, WorkOrderFormPage, type WoFormValues } from './views/form.tsx';
import { WorkOrderPage } from './views/detail.tsx';
import { woNumber } from './views/header.tsx';

type Form = Record<string, string | string[] | undefined>;
type Params = { id: string };
const role = (ctx: Ctx) => (ctx.actor.type === 'staff' ? ctx.actor.role : 'readonly');
/** Back to the board or the work order, never another site. */
const back = (f: Form, id: string) =>
  f.back === '/work-orders/board' ? '/work-orders/board' : `/work-orders/${id}`;

export async function workOrderRoutes(app: FastifyInstance, deps: Deps) {
  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    scope: { companyId?: string; assetId?: string } = {},
  ) => {
    const ctx = staffCtx(req, deps, 'workorders.read');
    const raw = withRememberedPageSize(req, reply);
    const [data, technicians, views] = await Promise.all([
      browseWorkOrders(ctx, raw, scope),
      assignableUsers(ctx.db),
      mySavedViews(ctx),
    ]);
    const company = scope.companyId ? await getCompany(ctx, scope.companyId) : undefined;
    const asset = scope.assetId ? await getAsset(ctx, scope.assetId) : undefined;
    const base = company
      ? `/companies/${company.id}/work-orders`
      : asset
        ? `/assets/${asset.id}/work-orders`
        : '/work-orders';
    const newHref = asset
      ? `/work-orders/new?assetId=${asset.id}`
      : company
        ? `/work-orders/new?companyId=${company.id}`
        : '/work-orders/new';
    // The asset header has no work order tab yet: none of its tabs is marked active there.
    const heading = company ? (
      <CompanyHeader
        company={company}
        active="work-orders"
        actions={
          <a class="btn btn-sm btn-primary" href={newHref}>
            New work order
          </a>
        }
      />
    ) : asset ? (
      <AssetHeader asset={asset} active="work-orders" />
    ) : undefined;
    const title = company
      ? `${company.name} — work orders`
      : asset
        ? `${asset.name} — work orders`
        : data.mine
          ? 'My work'
          : 'Work orders';
    return reply.page(
      title,
      <WorkOrderListPage
        base={base}
        title={title}
        heading={heading}
        {...data}
        technicians={technicians}
        views={views}
        csrf={reply.generateCsrf()}
        canWrite={can(ctx.actor, 'workorders.write')}
        newHref={newHref}
        scoped={Boolean(company || asset)}
      />,
    );
  };
  app.get('/work-orders', async (req, reply) => list(req, reply));
  app.get('/companies/:id/work-orders', async (req, reply) =>
    list(req, reply, { companyId: (req.params as Params).id }),
  );
  app.get('/assets/:id/work-orders', async (req, reply) =>
    list(req, reply, { assetId: (req.params as Params).id }),
  );

  app.get('/work-orders/board', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.read');
    const data = await boardWorkOrders(ctx, req.query);
    return reply.page(
      'Work order board',
      <BoardPage
        columns={data.columns}
        today={data.today}
        csrf={reply.generateCsrf()}
        role={role(ctx)}
        canWrite={can(ctx.actor, 'workorders.write')}
      />,
    );
  });

  app.post('/work-orders/views', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.read');
    const f = (req.body ?? {}) as Form;
    try {
      await saveView(ctx, { name: f.name, query: f.query ?? '' });
      return reply
        .flash('success', `The view “${String(f.name).trim()}” was saved.`)
        .redirect(`/work-orders?${typeof f.query === 'string' ? f.query : ''}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .flash('danger', err.errors.map((e) => e.message).join(' '))
        .redirect('/work-orders');
    }
  });
  app.post('/work-orders/views/:id/delete', async (req, reply) => {
    await removeView(staffCtx(req, deps, 'workorders.read'), (req.params as Params).id);
    return reply.flash('success', 'The saved view was deleted.').redirect('/work-orders');
  });

  const formPage = async (
    ctx: Ctx,
    reply: FastifyReply,
    companyId: string,
    values: WoFormValues,
    errors?: Record<string, string>,
  ) => {
    const company = await findCompany(ctx.db, companyId);
    if (!company) throw new AppError('No such company.', 404, 'Not found');
    const [contacts, assets, technicians] = await Promise.all([
      listContacts(ctx.db, companyId, { limit: 200 }),
      companyAssetOptions(ctx.db, companyId),
      assignableUsers(ctx.db),
    ]);
    return reply.page(
      'New work order',
      <WorkOrderFormPage
        company={company}
        defaultBilling={defaultBilling(company)}
        csrf={reply.generateCsrf()}
        values={values}
        errors={errors ?? {}}
        contacts={contacts.items.filter((c) => c.active)}
        assets={assets}
        technicians={technicians}
      />,
      errors ? 422 : 200,
    );
  };
  app.get('/work-orders/new', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.write');
    const q = req.query as Record<string, string | undefined>;
    if (q.assetId) {
      const asset = await getAsset(ctx, q.assetId);
      return formPage(ctx, reply, asset.companyId, {
        assetIds: [asset.id],
        contactId: asset.contactId ?? undefined,
      });
    }
    if (q.companyId) return formPage(ctx, reply, q.companyId, {});
    const search = (q.company ?? '').slice(0, 200);
    return reply.page(
      'New work order',
      <ChooseCompanyPage q={search} companies={await companiesMatching(ctx.db, search, 25)} />,
    );
  });
  app.post('/work-orders', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.write');
    const f = (req.body ?? {}) as Form;
    try {
      const wo = await createWorkOrder(ctx, formToWorkOrderInput(f));
      return reply
        .flash('success', `${woNumber(wo.number)} was created.`)
        .redirect(`/work-orders/${wo.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError) || typeof f.companyId !== 'string' || !f.companyId)
        throw err;
      return formPage(ctx, reply, f.companyId, f, fieldErrors(err));
    }
  });

  /** The work order page; with `update`, the update box as typed and its errors (422). */
  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    update?: { values: Form; errors: Record<string, string> },
  ) => {
    const ctx = staffCtx(req, deps, 'workorders.read');
    const wo = await getWorkOrder(ctx, (req.params as Params).id);
    const [assets, comments, attachments, hist, technicians, profile] = await Promise.all([
      workOrderAssets(ctx.db, wo.id),
      listComments(ctx.db, wo.id),
      commentAttachments(ctx.db, wo.id),
      history(ctx.db, wo.id),
      assignableUsers(ctx.db),
      getProfileCached(deps.db),
    ]);
    const tz = profile?.timeZone ?? 'UTC';
    const today = await businessToday(ctx);
    // Ad-hoc billing: billing users may invoice this work order's ready-to-bill items at once.
    const ready = can(ctx.actor, 'billing.write')
      ? (await readUnbilled(ctx.db, wo.companyId)).items.filter((i) => i.workOrderId === wo.id)
      : [];
    const invoiceNow = ready.length
      ? {
          count: ready.length,
          total: formatMoney(sumCents(ready.map((i) => i.amountCents)), profile?.currency ?? 'USD'),
        }
      : undefined;
    const csrf = reply.generateCsrf();
    const timer = await headerTimer(ctx, csrf, `/work-orders/${wo.id}`);
    return reply.page(
      `${woNumber(wo.number)} ${wo.title}`,
      <WorkOrderPage
        wo={wo}
        assets={assets}
        comments={comments}
        attachments={attachments}
        canAttach={can(ctx.actor, 'documents.write')}
        history={hist}
        technicians={technicians}
        today={today}
        csrf={csrf}
        canWrite={can(ctx.actor, 'workorders.write')}
        role={role(ctx)}
        formatTime={(iso) => formatInstant(iso, tz)}
        invoiceNow={invoiceNow}
        timer={timer}
        billableByDefault={defaultBillable(wo)}
        update={
          update && {
            values: Object.fromEntries(
              Object.entries(update.values).filter(
                (kv): kv is [string, string] => typeof kv[1] === 'string',
              ),
            ),
            errors: update.errors,
          }
        }
      />,
      update ? 422 : 200,
    );
  };
  app.get('/work-orders/:id', async (req, reply) => detailPage(req, reply));

  /** Runs a write and redirects with a flash; refused or invalid input comes back as a danger flash. */
  const act = async (reply: FastifyReply, to: string, ok: string, run: () => Promise<unknown>) => {
    try {
      await run();
      return reply.flash('success', ok).redirect(to);
    } catch (err) {
      if (err instanceof ConflictError) return reply.flash('danger', err.message).redirect(to);
      if (err instanceof ValidationError)
        return reply.flash('danger', err.errors.map((e) => e.message).join(' ')).redirect(to);
      throw err;
    }
  };
  app.post('/work-orders/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.write');
    const { id } = req.params as Params;
    const f = (req.body ?? {}) as Form;
    const {
      companyId: _c,
      contactId: _k,
      assetIds: _a,
      assignedToId: _t,
      ...fields
    } = formToWorkOrderInput(f);
    return act(reply, `/work-orders/${id}`, 'The work order was saved.', () =>
      updateWorkOrder(ctx, id, fields),
    );
  });
  app.post('/work-orders/:id/status', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.write');
    const { id } = req.params as Params;
    const f = (req.body ?? {}) as Form;
    return act(reply, back(f, id), 'The status was changed.', () =>
      changeStatus(ctx, id, { status: f.status, note: f.note }),
    );
  });
  app.post('/work-orders/:id/assign', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'workorders.write');
    const { id } = req.params as Params;
    return act(reply, `/work-orders/${id}`, 'The technician was assigned.', () =>
      assignWorkOrder(ctx, id, { assignedToId: ((req.body ?? {}) as Form).assignedToId }),
    );
  });
  app.post('/work-orders/:id/comments', {
    // A file over the upload limit is refused while the body is read, before the handler runs.
    errorHandler: async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      if (!(err instanceof UploadTooLargeError)) throw err;
      return reply
        .flash('danger', err.message)
        .redirect(`/work-orders/${(req.params as Params).id}`);
    },
    // The update box: a comment, and the time spent with it (one transaction). A refused update
    // comes back as the page with the box as typed and the errors at their fields (422).
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = staffCtx(req, deps, 'workorders.write');
      const { id } = req.params as Params;
      const f = (req.body ?? {}) as Form;
      const text = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
      try {
        const { entry } = await addUpdate(
          ctx,
          id,
          { body: f.body, visibility: f.visibility || undefined },
          uploadedFile(req, 'file'),
          {
            duration: text('timeSpent'),
            // The box shows a billable checkbox (billableShown): unticked means not billable.
            billable: text('billableShown') ? text('billable') === 'true' : null,
          },
        );
        const what = f.visibility === 'public' ? 'The reply was added' : 'The note was added';
        return reply
          .flash(
            'success',
            entry
              ? `${what}, with ${formatDuration(entry.minutes)} ${entry.billable ? 'billable' : 'not billable'}.`
              : `${what}.`,
          )
          .redirect(`/work-orders/${id}`);
      } catch (err) {
        if (!(err instanceof ValidationError) || err instanceof UploadTooLargeError) throw err;
        return detailPage(req, reply, { values: f, errors: fieldErrors(err) });
      }
    },
  });
}
