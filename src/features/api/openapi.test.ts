// The OpenAPI document against the routes the app really registers under /api/v1: every route is
// documented with its method and path, every documented operation exists, and each has a unique
// camelCase operationId (what generated clients name their methods after).
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useAppSuite } from '../../../test/support/suite.ts';
import { openApiDocument } from './openapi.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Operation = { operationId?: string; summary?: string; description?: string };

/**
 * "METHOD /path" for every route under /api/v1, read from Fastify's route tree (printRoutes prints
 * one node a line, indented four columns a level; a node's path continues its parent's). HEAD is
 * Fastify's automatic twin of each GET. Paths come out in OpenAPI form, {id} for :id.
 */
function apiRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const full = stack.join('');
    if (!m[3] || !full.startsWith('/api/v1/')) continue;
    const openApiPath = full.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}');
    for (const method of m[3].split(', '))
      if (method !== 'HEAD') routes.push(`${method} ${openApiPath}`);
  }
  return routes.sort();
}

function documented(): { key: string; op: Operation }[] {
  const out: { key: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(openApiDocument().paths as Record<string, object>))
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) out.push({ key: `${method.toUpperCase()} ${path}`, op });
    }
  return out;
}

describe('the OpenAPI document and the running API', () => {
  const suite = useAppSuite('sqlite', { reset: 'once' });

  it('documents every /api/v1 route with the same method and path, and nothing that does not exist', () => {
    const routes = apiRoutes(suite.app);
    // The route tree was read correctly: each route it names answers to that method and URL.
    expect(routes.length).toBeGreaterThan(80);
    for (const r of routes) {
      const [method, p] = r.split(' ');
      const url = `/api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`;
      expect(suite.app.hasRoute({ method, url }), r).toBe(true);
    }
    const docs = documented().map((d) => d.key);
    expect(routes.filter((r) => !docs.includes(r))).toEqual([]); // registered, not documented
    expect(docs.filter((d) => !routes.includes(d))).toEqual([]); // documented, not registered
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ops = documented();
    const missing = ops.filter((o) => !o.op.operationId).map((o) => o.key);
    expect(missing).toEqual([]);
    const ids = ops.map((o) => o.op.operationId ?? '');
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(Object.fromEntries(ops.map((o) => [o.key, o.op.operationId]))).toMatchObject({
      'GET /companies': 'listCompanies',
      'GET /companies/{id}': 'getCompany',
      'POST /companies': 'createCompany',
      'POST /payments': 'recordPayment',
      'POST /payments/{id}/void': 'voidPayment',
      'GET /users': 'listUsers',
      'GET /me': 'getMe',
    });
  });

  it('serves the same document, and says a payment void needs a reason', async () => {
    const res = await suite.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const op = doc.paths['/payments/{id}/void'].post;
    expect(op.requestBody.required).toBe(true);
    expect(op.description).toMatch(/reason/i);
    expect(op.responses[400]).toBeDefined();
    const schema =
      doc.components.schemas[
        op.requestBody.content['application/json'].schema.$ref.split('/').pop()
      ];
    expect(schema.required).toContain('reason');
    expect(schema.properties.reason).toMatchObject({ type: 'string', minLength: 1 });
  });
});
