// JSON API for documents: metadata, multipart upload, download and soft delete.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { uploadedFile } from '../../platform/uploads.ts';
import { staffCtx } from '../../platform/web.ts';
import {
  deleteDocument,
  getDocument,
  pageDocuments,
  readDocument,
  uploadDocument,
} from './service.ts';
import { sendDocument } from './serve.ts';

type IdParams = { id: string };

export async function documentApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/documents', async (req) => pageDocuments(staffCtx(req, deps), req.query));
  app.post('/api/v1/documents', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const doc = await uploadDocument(
      staffCtx(req, deps),
      { companyId: body.companyId, assetId: body.assetId },
      uploadedFile(req, 'file'),
    );
    return reply.status(201).header('location', `/api/v1/documents/${doc.id}`).send(doc);
  });
  app.get('/api/v1/documents/:id', async (req) =>
    getDocument(staffCtx(req, deps), (req.params as IdParams).id),
  );
  app.get('/api/v1/documents/:id/download', async (req, reply) => {
    const { doc, data } = await readDocument(staffCtx(req, deps), (req.params as IdParams).id);
    return sendDocument(reply, doc, data);
  });
  app.delete('/api/v1/documents/:id', async (req, reply) => {
    await deleteDocument(staffCtx(req, deps), (req.params as IdParams).id);
    return reply.status(204).send();
  });
}
