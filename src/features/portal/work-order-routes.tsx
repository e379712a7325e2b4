// /portal/work-orders: the list, a new request, one work order with its public thread, the
// customer's reply, close and reopen, and the files a customer may open. Every handler starts with
// portalCtx (context.ts); the service (service-service.ts) scopes each read and write by the
// contact's company, so another company's id answers 404 like a missing one.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { uploadedFile, UploadTooLargeError } from '../../platform/uploads.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { sendDocument } from '../documents/serve.ts';
import { portalCtx } from './context.ts';
import { brandingCached, portalPage } from './render.tsx';
import {
  changeWorkOrderStatus,
  commentOnWorkOrder,
  newWorkOrderChoices,
  submitWorkOrder,
  workOrderFile,
  workOrderPage,
  workOrdersPage,
} from './service-service.ts';
import { NewWorkOrderPage, WorkOrderListPage, WorkOrderPage } from './views/work-orders.tsx';

type Form = Record<string, string | string[] | undefined>;
type Params = { id: string; docId: string };
const str = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** A file over the limit is refused while the body is read: the message goes back to the page. */
const tooLarge =
  (back: (req: FastifyRequest) => string) =>
  async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (!(err instanceof UploadTooLargeError)) throw err;
    return reply.flash('danger', err.message).redirect(back(req));
  };

export async function portalWorkOrderRoutes(scope: FastifyInstance, deps: Deps) {
  const tz = async () => (await brandingCached(deps.db)).timeZone;

  scope.get('/work-orders', async (req, reply) => {
    const p = portalCtx(req, deps);
    const data = await workOrdersPage(p, req.query);
    return portalPage(
      reply,
      deps.db,
      'Work orders',
      <WorkOrderListPage {...data} canCreate={p.flags.service} tz={await tz()} />,
    );
  });

  const newPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Form,
    errors: Partial<Record<string, string>> = {},
  ) => {
    const p = portalCtx(req, deps, 'service');
    const q = (str(values, 'q') ?? '').slice(0, 100);
    const choices = await newWorkOrderChoices(p, q, list(values.assetIds));
    return portalPage(
      reply,
      deps.db,
      'Report a problem',
      <NewWorkOrderPage
        csrf={reply.generateCsrf()}
        q={q}
        {...choices}
        values={{
          title: str(values, 'title'),
          description: str(values, 'description'),
          priority: str(values, 'priority'),
        }}
        errors={errors}
        readOnly={Boolean(p.viewAs)}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  scope.get('/work-orders/new', async (req, reply) => newPage(req, reply, req.query as Form));

  scope.post('/work-orders/new', {
    errorHandler: tooLarge(() => '/portal/work-orders/new'),
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const p = portalCtx(req, deps, 'service');
      const f = (req.body ?? {}) as Form;
      try {
        const wo = await submitWorkOrder(
          p,
          {
            assetIds: f.assetIds,
            title: str(f, 'title'),
            description: str(f, 'description'),
            priority: str(f, 'priority') || undefined,
          },
          uploadedFile(req, 'file'),
        );
        return reply
          .flash('success', 'Thank you: your request is with us. We will reply here and by email.')
          .redirect(`/portal/work-orders/${wo.id}`);
      } catch (err) {
        if (!(err instanceof ValidationError) || err instanceof UploadTooLargeError) throw err;
        return newPage(req, reply, f, fieldErrors(err));
      }
    },
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Form = {},
    errors: Partial<Record<string, string>> = {},
  ) => {
    const p = portalCtx(req, deps);
    const data = await workOrderPage(p, (req.params as Params).id);
    return portalPage(
      reply,
      deps.db,
      data.wo.title,
      <WorkOrderPage
        {...data}
        csrf={reply.generateCsrf()}
        tz={await tz()}
        values={{ body: str(values, 'body') }}
        errors={errors}
        readOnly={Boolean(p.viewAs)}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  scope.get('/work-orders/:id', async (req, reply) => detail(req, reply));

  scope.post('/work-orders/:id/comments', {
    errorHandler: tooLarge((req) => `/portal/work-orders/${(req.params as Params).id}`),
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const p = portalCtx(req, deps);
      const { id } = req.params as Params;
      const f = (req.body ?? {}) as Form;
      try {
        await commentOnWorkOrder(p, id, str(f, 'body'), uploadedFile(req, 'file'));
        return reply
          .flash('success', 'Your message was sent.')
          .redirect(`/portal/work-orders/${id}`);
      } catch (err) {
        if (!(err instanceof ValidationError) || err instanceof UploadTooLargeError) throw err;
        return detail(req, reply, f, fieldErrors(err));
      }
    },
  });

  for (const action of ['close', 'reopen'] as const)
    scope.post(`/work-orders/:id/${action}`, async (req, reply) => {
      const p = portalCtx(req, deps);
      const { id } = req.params as Params;
      try {
        await changeWorkOrderStatus(p, id, action, str((req.body ?? {}) as Form, 'note'));
        return reply
          .flash(
            'success',
            action === 'close'
              ? 'Thank you: the work order is closed.'
              : 'The work order is reopened; we will be in touch.',
          )
          .redirect(`/portal/work-orders/${id}`);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        return reply.flash('danger', err.message).redirect(`/portal/work-orders/${id}`);
      }
    });

  scope.get('/work-orders/:id/files/:docId', async (req, reply) => {
    const p = portalCtx(req, deps);
    const { id, docId } = req.params as Params;
    const { doc, data } = await workOrderFile(p, id, docId);
    return sendDocument(reply, doc, data);
  });
}
