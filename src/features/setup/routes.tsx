import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { createSession, SESSION_COOKIE } from '../../platform/sessions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { cookieOptions } from '../../platform/web.ts';
import { isSetUp } from '../users/service.ts';
import { completeSetup } from './service.ts';
import { SetupPage } from './views.tsx';

export async function setupRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/setup', async (_req, reply) => {
    if (await isSetUp(deps.db)) return reply.redirect('/login');
    return reply.page('Set up', <SetupPage csrf={reply.generateCsrf()} values={{}} errors={{}} />);
  });

  app.post('/setup', async (req, reply) => {
    if (await isSetUp(deps.db)) return reply.redirect('/login');
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const user = await completeSetup(deps, body, req.ip);
      const token = await createSession(deps.db, {
        principalType: 'staff',
        principalId: user.id,
        ttlHours: deps.config.sessionTtlHours,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE.staff, token, cookieOptions(req));
      return reply
        .flash('success', 'Welcome! Add your first company to get started.')
        .redirect('/');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const values = Object.fromEntries(
        Object.entries(body).filter(
          ([k, v]) => typeof v === 'string' && !k.toLowerCase().includes('password'),
        ),
      ) as Record<string, string>;
      return reply.page(
        'Set up',
        <SetupPage csrf={reply.generateCsrf()} values={values} errors={fieldErrors(err)} />,
        422,
      );
    }
  });
}
