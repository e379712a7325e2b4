// JSON API for people: /api/v1/users (the staff directory) and /api/v1/me (who the caller is).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { staffCtx } from '../../platform/web.ts';
import { pageStaff, whoAmI } from './directory.ts';

export async function userApi(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/users', async (req) => pageStaff(staffCtx(req, deps), req.query));
  app.get('/api/v1/me', async (req) => whoAmI(staffCtx(req, deps)));
}
