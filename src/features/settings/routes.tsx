import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx, staffOf } from '../../platform/web.ts';
import { logoType } from './logo.ts';
import { findProfile } from './queries.ts';
import { apiKeys, createApiKey, revokeKey, updateProfile } from './service.ts';
import { ApiKeysPage, ProfilePage, SettingsIndex } from './views.tsx';

type Form = Record<string, unknown>;
const strings = (f: Form) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;

export async function settingsRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/settings', async (req, reply) => {
    staffCtx(req, deps, 'settings.manage');
    return reply.page('Settings', <SettingsIndex />);
  });

  const profilePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors: Record<string, string> = {},
  ) => {
    staffCtx(req, deps, 'settings.manage');
    const p = await findProfile(deps.db);
    const v = values ?? {
      name: p?.name ?? '',
      address: p?.address ?? '',
      email: p?.email ?? '',
      phone: p?.phone ?? '',
      timeZone: p?.timeZone ?? 'UTC',
      currency: p?.currency ?? 'USD',
      invoicePrefix: p?.invoicePrefix ?? 'INV',
      accentColor: p?.accentColor ?? '#1d4e89',
    };
    return reply.page(
      'Business profile',
      <ProfilePage
        csrf={reply.generateCsrf()}
        values={v}
        errors={errors}
        hasLogo={Boolean(p?.logoKey)}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  app.get('/settings/profile', async (req, reply) => profilePage(req, reply));
  app.post('/settings/profile', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'settings.manage');
    const form = (req.body ?? {}) as Form;
    try {
      await updateProfile(ctx, form);
      return reply.flash('success', 'Business profile saved.').redirect('/settings/profile');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return profilePage(req, reply, strings(form), fieldErrors(err));
    }
  });

  // The logo is shown to signed-in staff here; invoices embed it server-side.
  app.get('/settings/logo', async (req, reply) => {
    staffOf(req);
    const p = await findProfile(deps.db);
    const data = p?.logoKey ? await deps.storage.get(p.logoKey) : null;
    if (!data) throw new NotFoundError('No logo.');
    return reply
      .type(logoType(data) ?? 'application/octet-stream')
      .header('cache-control', 'private, max-age=300')
      .send(data);
  });

  const keysPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    created?: { key: string; name: string },
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'apikeys.manage');
    return reply.page(
      'API keys',
      <ApiKeysPage
        csrf={reply.generateCsrf()}
        keys={await apiKeys(ctx)}
        created={created}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/settings/api-keys', async (req, reply) => keysPage(req, reply));
  app.post('/settings/api-keys', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'apikeys.manage');
    try {
      const created = await createApiKey(ctx, req.body ?? {});
      return keysPage(req, reply, created);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return keysPage(req, reply, undefined, fieldErrors(err));
    }
  });
  app.post('/settings/api-keys/:id/revoke', async (req, reply) => {
    const key = await revokeKey(
      staffCtx(req, deps, 'apikeys.manage'),
      (req.params as { id: string }).id,
    );
    return reply.flash('success', `${key.name} was revoked.`).redirect('/settings/api-keys');
  });
}
