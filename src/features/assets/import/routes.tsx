// The asset import pages: upload (multipart) -> match columns -> preview -> import. The CSV travels
// in the forms between steps; every step re-reads it, and the import re-checks every row.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../../platform/context.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { uploadedFile, UploadTooLargeError } from '../../../platform/uploads.ts';
import { staffCtx } from '../../../platform/web.ts';
import { getCompany } from '../../companies/service.ts';
import { getProfileCached } from '../../settings/profile-cache.ts';
import {
  previewImport,
  readImportForm,
  runImport,
  startImport,
  type ImportPreview,
  type ImportState,
} from './service.ts';
import { templateCsv } from './template.ts';
import { ImportUploadPage } from './views/upload.tsx';
import { ImportMappingPage } from './views/mapping.tsx';
import { ImportPreviewPage } from './views/preview.tsx';

type Params = { id: string };
type Form = Record<string, unknown>;
const BASE = '/companies/:id/assets/import';

export async function assetImportRoutes(app: FastifyInstance, deps: Deps) {
  const uploadPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    error?: string,
    status = 200,
  ) => {
    const company = await getCompany(
      staffCtx(req, deps, 'assets.write'),
      (req.params as Params).id,
    );
    return reply.page(
      `${company.name} — import assets`,
      <ImportUploadPage company={company} csrf={reply.generateCsrf()} error={error} />,
      status,
    );
  };
  const mappingPage = (reply: FastifyReply, state: ImportState, status = 200) =>
    reply.page(
      `${state.company.name} — import assets`,
      <ImportMappingPage state={state} csrf={reply.generateCsrf()} />,
      status,
    );
  const previewPage = async (
    reply: FastifyReply,
    preview: ImportPreview,
    status: number,
    attempted = false,
  ) => {
    if (!preview.result) return mappingPage(reply, preview, 422);
    const currency = (await getProfileCached(deps.db))?.currency ?? 'USD';
    return reply.page(
      `${preview.company.name} — import preview`,
      <ImportPreviewPage
        preview={preview}
        csrf={reply.generateCsrf()}
        currency={currency}
        attempted={attempted}
      />,
      status,
    );
  };
  /** A form whose CSV cannot be read (or is missing) goes back to the upload step with the reason. */
  const step =
    (run: (ctx: Ctx, id: string, form: Form, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = staffCtx(req, deps, 'assets.write');
      try {
        return await run(ctx, (req.params as Params).id, (req.body ?? {}) as Form, reply);
      } catch (err) {
        if (!(err instanceof ValidationError) || err instanceof UploadTooLargeError) throw err;
        return uploadPage(req, reply, err.errors.map((e) => e.message).join(' '), 422);
      }
    };

  app.get(BASE, async (req, reply) => uploadPage(req, reply));
  app.get(`${BASE}/template.csv`, async (req, reply) => {
    staffCtx(req, deps, 'assets.write');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="asset-import-template.csv"')
      .send(templateCsv());
  });
  app.post(BASE, {
    errorHandler: async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      if (!(err instanceof UploadTooLargeError)) throw err;
      return uploadPage(req, reply, err.message, 413);
    },
    handler: step(async (ctx, id, _form, reply) =>
      mappingPage(reply, await startImport(ctx, id, uploadedFile(reply.request, 'file'))),
    ),
  });
  app.post(
    `${BASE}/map`,
    step(async (ctx, id, form, reply) => {
      const state = await readImportForm(ctx, id, form);
      return mappingPage(reply, state, state.mappingErrors.length ? 422 : 200);
    }),
  );
  app.post(
    `${BASE}/preview`,
    step(async (ctx, id, form, reply) =>
      previewPage(reply, await previewImport(ctx, id, form), 200),
    ),
  );
  app.post(
    `${BASE}/run`,
    step(async (ctx, id, form, reply) => {
      const done = await runImport(ctx, id, form);
      if (!done.ok) return previewPage(reply, done.preview, 422, true);
      return reply
        .flash('success', `Imported ${done.count} ${done.count === 1 ? 'asset' : 'assets'}.`)
        .redirect(`/companies/${id}/assets`);
    }),
  );
}
