// The documents part of the OpenAPI document.
import { errors, idParam, listParams, ok, page, type OpenApiPart } from '../api/openapi-parts.ts';

const Document = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    companyId: { type: 'string' },
    assetId: { type: ['string', 'null'] },
    assetName: { type: ['string', 'null'] },
    filename: {
      type: 'string',
      description:
        'The uploaded name, without any path, control characters or more than 200 characters',
    },
    contentType: { type: 'string', description: 'As declared by the uploader (type/subtype)' },
    sizeBytes: { type: 'integer' },
    sha256: {
      type: 'string',
      description: 'Hex SHA-256 of the content; identical files are stored once',
    },
    uploadedById: { type: ['string', 'null'] },
    uploadedByName: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};
const DocumentUpload = {
  type: 'object',
  required: ['file', 'companyId'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: 'At most UPLOAD_MAX_MB (default 25 MB); larger is refused with 413',
    },
    companyId: { type: 'string' },
    assetId: {
      type: 'string',
      description: 'An asset of that company; omit for a company-level document',
    },
  },
};
const tooLarge = { 413: { $ref: '#/components/responses/Problem' } };

export const documentsOpenApi: OpenApiPart = {
  schemas: { Document, DocumentUpload },
  paths: {
    '/documents': {
      get: {
        operationId: 'listDocuments',
        summary: 'List documents (not deleted), newest first',
        parameters: [
          ...listParams,
          { name: 'companyId', in: 'query', schema: { type: 'string' } },
          { name: 'assetId', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: ok(page('#/components/schemas/Document')), ...errors },
      },
      post: {
        operationId: 'uploadDocument',
        summary: 'Upload a document (multipart/form-data)',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { $ref: '#/components/schemas/DocumentUpload' } },
          },
        },
        responses: {
          201: ok({ $ref: '#/components/schemas/Document' }, 'Created'),
          ...errors,
          ...tooLarge,
        },
      },
    },
    '/documents/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getDocument',
        summary: 'One document’s metadata',
        responses: { 200: ok({ $ref: '#/components/schemas/Document' }), ...errors },
      },
      delete: {
        operationId: 'deleteDocument',
        summary: 'Delete a document (soft, audited)',
        responses: { 204: { description: 'Deleted' }, ...errors },
      },
    },
    '/documents/{id}/download': {
      parameters: [idParam('id')],
      get: {
        operationId: 'downloadDocument',
        summary:
          'The file. Images (PNG, JPEG, GIF, WebP) and PDFs inline; anything else as an attachment',
        responses: {
          200: {
            description: 'The file’s bytes',
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...errors,
        },
      },
    },
  },
};
