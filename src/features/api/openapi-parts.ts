// Building blocks for each feature's part of the OpenAPI document.
import { z } from 'zod';

export type OpenApiPart = { paths: Record<string, object>; schemas: Record<string, object> };

export const json = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;
export const page = (ref: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { $ref: ref } },
    nextCursor: { type: ['string', 'null'] },
  },
});
export const ok = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
export const errors = {
  400: { $ref: '#/components/responses/Problem' },
  401: { $ref: '#/components/responses/Problem' },
  403: { $ref: '#/components/responses/Problem' },
  404: { $ref: '#/components/responses/Problem' },
};
export const idParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
});
export const body = (schema: object) => ({
  required: true,
  content: { 'application/json': { schema } },
});
export const listParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];
