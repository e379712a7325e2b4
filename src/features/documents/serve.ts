// Sends a document's bytes. Only images and PDFs whose bytes match their type are shown inline;
// anything else is an attachment that the browser saves and never renders (nosniff, and a
// sandboxing CSP in case it tried). Private: proxies and shared caches must not keep it.
import type { FastifyReply } from 'fastify';
import type { DocumentMeta } from './queries.ts';
import { contentDisposition, servedAs } from './files.ts';

export function sendDocument(reply: FastifyReply, doc: DocumentMeta, data: Buffer) {
  const { type, disposition } = servedAs(doc.contentType, data);
  reply
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header('content-disposition', contentDisposition(disposition, doc.filename))
    .type(type);
  if (disposition === 'attachment')
    reply.header('content-security-policy', "default-src 'none'; sandbox");
  return reply.send(data);
}
