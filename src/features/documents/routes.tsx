// Documents pages: the documents tab of a company and of an asset (list, upload, delete) and the
// download behind the permission check.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { megabytes, uploadedFile, UploadTooLargeError } from '../../platform/uploads.ts';
import { staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import {
  assetDocuments,
  companyDocuments,
  deleteDocument,
  getAssetHeading,
  readDocument,
  uploadDocument,
} from './service.ts';
import { sendDocument } from './serve.ts';
import { AssetDocumentsPage, CompanyDocumentsPage } from './views/list.tsx';

type IdParams = { id: string; docId: string };

export async function documentRoutes(app: FastifyInstance, deps: Deps) {
  const common = async (req: FastifyRequest, reply: FastifyReply, error?: string) => {
    const ctx = staffCtx(req, deps, 'documents.read');
    const profile = await getProfileCached(deps.db);
    return {
      ctx,
      base: req.url.split('?')[0].replace(/\/$/, ''),
      canWrite: can(ctx.actor, 'documents.write'),
      csrf: reply.generateCsrf(),
      timeZone: profile?.timeZone ?? 'UTC',
      maxSize: megabytes(deps.config.uploadMaxBytes),
      error,
    };
  };

  const companyPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    error?: string,
    status = 200,
  ) => {
    const { ctx, ...shared } = await common(req, reply, error);
    const { id } = req.params as IdParams;
    const r = await companyDocuments(ctx, id, withRememberedPageSize(req, reply));
    return reply.page(
      `${r.company.name} · Documents`,
      <CompanyDocumentsPage {...shared} base={`/companies/${id}/documents`} {...r} showAsset />,
      status,
    );
  };

  const assetPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    error?: string,
    status = 200,
  ) => {
    const { ctx, ...shared } = await common(req, reply, error);
    const { id } = req.params as IdParams;
    const r = await assetDocuments(ctx, id, withRememberedPageSize(req, reply));
    return reply.page(
      `${r.asset.name} · Documents`,
      <AssetDocumentsPage {...shared} base={`/assets/${id}/documents`} {...r} showAsset={false} />,
      status,
    );
  };

  /** A refused upload (too large, no file) comes back as the same page with the message at the file input. */
  const uploadRoute = (
    render: typeof companyPage,
    target: (req: FastifyRequest) => Promise<{ companyId: string; assetId?: string }>,
  ) => ({
    errorHandler: async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      if (!(err instanceof UploadTooLargeError)) throw err;
      return render(req, reply, err.message, 413);
    },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = staffCtx(req, deps, 'documents.write');
      try {
        const doc = await uploadDocument(ctx, await target(req), uploadedFile(req, 'file'));
        return reply.flash('success', `${doc.filename} was uploaded.`).redirect(req.url);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return render(req, reply, err.errors.map((e) => e.message).join(' '), 422);
      }
    },
  });

  app.get('/companies/:id/documents', async (req, reply) => companyPage(req, reply));
  app.post(
    '/companies/:id/documents',
    uploadRoute(companyPage, async (req) => ({ companyId: (req.params as IdParams).id })),
  );
  app.post('/companies/:id/documents/:docId/delete', async (req, reply) => {
    const p = req.params as IdParams;
    const doc = await deleteDocument(staffCtx(req, deps, 'documents.write'), p.docId, {
      companyId: p.id,
    });
    return reply
      .flash('success', `${doc.filename} was deleted.`)
      .redirect(`/companies/${p.id}/documents`);
  });

  app.get('/assets/:id/documents', async (req, reply) => assetPage(req, reply));
  app.post(
    '/assets/:id/documents',
    uploadRoute(assetPage, async (req) => {
      // The asset's company comes from the asset itself; an unknown asset is the page's 404.
      const asset = await getAssetHeading(
        staffCtx(req, deps, 'documents.read'),
        (req.params as IdParams).id,
      );
      return { companyId: asset.companyId, assetId: asset.id };
    }),
  );
  app.post('/assets/:id/documents/:docId/delete', async (req, reply) => {
    const p = req.params as IdParams;
    const doc = await deleteDocument(staffCtx(req, deps, 'documents.write'), p.docId, {
      assetId: p.id,
    });
    return reply
      .flash('success', `${doc.filename} was deleted.`)
      .redirect(`/assets/${p.id}/documents`);
  });

  app.get('/documents/:id/download', async (req, reply) => {
    const { doc, data } = await readDocument(
      staffCtx(req, deps, 'documents.read'),
      (req.params as IdParams).id,
    );
    return sendDocument(reply, doc, data);
  });
}
