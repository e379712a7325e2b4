// Vault pages. Every handler checks its permission through staffCtx and the service; a response
// that carries a secret (reveal as JSON or as a page) is sent with Cache-Control: no-store.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors, parseInput } from '../../platform/validation.ts';
import { staffCtx, withRememberedPageSize } from '../../platform/web.ts';
import type { Ctx } from '../../platform/context.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { GenerateQuery, formToCreateInput, formToUpdateInput } from './schemas.ts';
import {
  assetHeading,
  browseAssetCredentials,
  browseCompanyCredentials,
  createCredential,
  credentialPage,
  deleteCredential,
  getCredential,
  newCredentialTarget,
  revealCredential,
  updateCredential,
  type Revealed,
} from './service.ts';
import { generatePassword } from './generator.ts';
import { AssetCredentialsPage, CompanyCredentialsPage } from './views/list.tsx';
import { CredentialFormPage, credentialToForm, type CredentialFormValues } from './views/form.tsx';
import { EntryPage } from './views/entry.tsx';

type Form = Record<string, string | undefined>;
type IdParams = { id: string };

export async function vaultRoutes(app: FastifyInstance, deps: Deps) {
  const timeZone = async () => (await getProfileCached(deps.db))?.timeZone ?? 'UTC';

  app.get('/companies/:id/credentials', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.read');
    const { id } = req.params as IdParams;
    const r = await browseCompanyCredentials(ctx, id, withRememberedPageSize(req, reply));
    return reply.page(
      `Credentials · ${r.company.name}`,
      <CompanyCredentialsPage
        {...r}
        base={`/companies/${id}/credentials`}
        showAsset
        canWrite={can(ctx.actor, 'credentials.write')}
        newHref={`/companies/${id}/credentials/new`}
      />,
    );
  });

  app.get('/assets/:id/credentials', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.read');
    const { id } = req.params as IdParams;
    const r = await browseAssetCredentials(ctx, id, withRememberedPageSize(req, reply));
    return reply.page(
      `Credentials · ${r.asset.name}`,
      <AssetCredentialsPage
        {...r}
        base={`/assets/${id}/credentials`}
        showAsset={false}
        canWrite={can(ctx.actor, 'credentials.write')}
        newHref={`/assets/${id}/credentials/new`}
      />,
    );
  });

  const newForm = async (
    ctx: Ctx,
    reply: FastifyReply,
    companyId: string,
    values: CredentialFormValues,
    errors?: Record<string, string>,
  ) => {
    const { company, assets } = await newCredentialTarget(ctx, companyId);
    const cancel = values.assetId
      ? `/assets/${values.assetId}/credentials`
      : `/companies/${companyId}/credentials`;
    return reply.page(
      `New vault entry · ${company.name}`,
      <CredentialFormPage
        csrf={reply.generateCsrf()}
        title={`New vault entry for ${company.name}`}
        action={`/companies/${companyId}/credentials`}
        cancelHref={cancel}
        values={values}
        errors={errors ?? {}}
        assets={assets}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/companies/:id/credentials/new', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.write');
    const { assetId, kind } = req.query as Form;
    return newForm(ctx, reply, (req.params as IdParams).id, { assetId, kind });
  });

  app.get('/assets/:id/credentials/new', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.write');
    const asset = await assetHeading(ctx, (req.params as IdParams).id);
    return newForm(ctx, reply, asset.companyId, { assetId: asset.id });
  });

  app.post('/companies/:id/credentials', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.write');
    const { id } = req.params as IdParams;
    const form = (req.body ?? {}) as Form;
    try {
      const c = await createCredential(ctx, id, formToCreateInput(form));
      return reply
        .flash('success', `${c.label} was added to the vault.`)
        .redirect(`/credentials/${c.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return newForm(ctx, reply, id, form, fieldErrors(err));
    }
  });

  const entryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: Ctx,
    revealed?: Revealed,
  ) => {
    const data = await credentialPage(ctx, (req.params as IdParams).id);
    return reply.page(
      data.credential.label,
      <EntryPage
        {...data}
        canWrite={can(ctx.actor, 'credentials.write')}
        canReveal={can(ctx.actor, 'credentials.reveal')}
        csrf={reply.generateCsrf()}
        timeZone={await timeZone()}
        revealed={revealed}
      />,
    );
  };

  app.get('/credentials/:id', async (req, reply) =>
    entryPage(req, reply, staffCtx(req, deps, 'credentials.read')),
  );

  /** JSON for vault.js (Accept: application/json); without JavaScript, the entry page with the secrets. */
  app.post('/credentials/:id/reveal', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.reveal');
    const { _csrf: _token, ...body } = (req.body ?? {}) as Record<string, unknown>;
    const { secrets } = await revealCredential(ctx, (req.params as IdParams).id, body);
    reply.header('cache-control', 'no-store');
    if ((req.headers.accept ?? '').includes('application/json'))
      return reply.type('application/json').send(secrets);
    return entryPage(req, reply, ctx, secrets);
  });

  const editPage = async (
    ctx: Ctx,
    reply: FastifyReply,
    id: string,
    values?: CredentialFormValues,
    errors?: Record<string, string>,
  ) => {
    const c = await getCredential(ctx, id);
    const { assets } = await newCredentialTarget(ctx, c.companyId);
    return reply.page(
      `Edit ${c.label}`,
      <CredentialFormPage
        csrf={reply.generateCsrf()}
        title={`Edit ${c.label}`}
        action={`/credentials/${id}`}
        cancelHref={`/credentials/${id}`}
        values={values ?? credentialToForm(c)}
        errors={errors ?? {}}
        assets={assets}
        editing={c}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/credentials/:id/edit', async (req, reply) =>
    editPage(staffCtx(req, deps, 'credentials.write'), reply, (req.params as IdParams).id),
  );

  app.post('/credentials/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.write');
    const { id } = req.params as IdParams;
    const form = (req.body ?? {}) as Form;
    try {
      const before = await getCredential(ctx, id);
      const c = await updateCredential(ctx, id, formToUpdateInput(form, before.kind));
      return reply.flash('success', `${c.label} was saved.`).redirect(`/credentials/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return editPage(ctx, reply, id, form, fieldErrors(err));
    }
  });

  app.post('/credentials/:id/delete', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.write');
    const c = await deleteCredential(ctx, (req.params as IdParams).id);
    return reply
      .flash('success', `${c.label} was deleted.`)
      .redirect(
        c.assetId ? `/assets/${c.assetId}/credentials` : `/companies/${c.companyId}/credentials`,
      );
  });

  app.get('/vault/generate', async (req, reply) => {
    staffCtx(req, deps, 'credentials.write');
    const q = parseInput(GenerateQuery, req.query);
    return reply.header('cache-control', 'no-store').send({ password: generatePassword(q) });
  });
}
