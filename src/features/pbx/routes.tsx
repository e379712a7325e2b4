// PBX pages under /companies/:id/pbx. Reads need telephony.read; changes and sync pbx.manage; the
// secret reveal credentials.reveal (checked in the service).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { getCompany } from '../companies/service.ts';
import { listLocations } from '../locations/queries.ts';
import { changeExtension } from './changes.ts';
import { formToPbxInput } from './schemas.ts';
import {
  companyPbxSystems,
  createPbx,
  getPbx,
  pbxPage,
  revealPbxSecret,
  snapshotView,
  syncPbx,
  updatePbx,
} from './service.ts';
import { PbxFormPage, PbxListPage, PbxSystemPage, RevealPage, SnapshotPage } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id: string; pbxId: string; snapshotId: string };

export async function pbxRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/companies/:id/pbx', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'telephony.read');
    const data = await companyPbxSystems(ctx, (req.params as Params).id);
    return reply.page(
      `${data.company.name} — phone systems`,
      <PbxListPage {...data} canWrite={can(ctx.actor, 'pbx.manage')} />,
    );
  });

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Form,
    errors: Record<string, string> = {},
    hasSecret = false,
  ) => {
    const ctx = staffCtx(req, deps, 'pbx.manage');
    const { id, pbxId } = req.params as Params;
    const company = await getCompany(ctx, id);
    const locs = await listLocations(ctx.db, id, { limit: 200 });
    const title = pbxId ? 'Edit phone system' : 'New phone system';
    return reply.page(
      title,
      <PbxFormPage
        company={company}
        csrf={reply.generateCsrf()}
        title={title}
        action={pbxId ? `/companies/${id}/pbx/${pbxId}` : `/companies/${id}/pbx`}
        cancel={pbxId ? `/companies/${id}/pbx/${pbxId}` : `/companies/${id}/pbx`}
        values={values}
        errors={errors}
        hasSecret={hasSecret}
        locations={locs.items.map((l) => [l.id, l.name])}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  app.get('/companies/:id/pbx/new', async (req, reply) => form(req, reply, {}));
  app.get('/companies/:id/pbx/:pbxId/edit', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'pbx.manage');
    const { id, pbxId } = req.params as Params;
    const s = await getPbx(ctx, pbxId, id);
    return form(
      req,
      reply,
      {
        name: s.name,
        hostUrl: s.hostUrl,
        version: s.version ?? '',
        locationId: s.locationId ?? '',
        notes: s.notes ?? '',
        clientId: s.clientId ?? '',
      },
      {},
      s.hasClientSecret,
    );
  });

  app.post('/companies/:id/pbx', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'pbx.manage');
    const body = (req.body ?? {}) as Form;
    try {
      const s = await createPbx(ctx, (req.params as Params).id, formToPbxInput(body));
      return reply
        .flash('success', `${s.name} was added.`)
        .redirect(`/companies/${s.companyId}/pbx/${s.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return form(req, reply, { ...body, clientSecret: '' }, fieldErrors(err));
    }
  });

  app.post('/companies/:id/pbx/:pbxId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'pbx.manage');
    const { id, pbxId } = req.params as Params;
    const body = (req.body ?? {}) as Form;
    try {
      const s = await updatePbx(ctx, pbxId, formToPbxInput(body), id);
      return reply
        .flash('success', `${s.name} was saved.`)
        .redirect(`/companies/${id}/pbx/${s.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const s = await getPbx(ctx, pbxId, id);
      return form(req, reply, { ...body, clientSecret: '' }, fieldErrors(err), s.hasClientSecret);
    }
  });

  app.get('/companies/:id/pbx/:pbxId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'telephony.read');
    const { id, pbxId } = req.params as Params;
    const d = await pbxPage(ctx, id, pbxId);
    return reply.page(
      `${d.pbx.name} — ${d.company.name}`,
      <PbxSystemPage
        company={d.company}
        pbx={d.pbx}
        locationName={d.location?.name ?? null}
        latest={d.latest}
        drift={d.drift}
        log={d.log}
        snapshots={d.snapshots}
        canWrite={can(ctx.actor, 'pbx.manage')}
        canReveal={can(ctx.actor, 'credentials.reveal')}
        csrf={reply.generateCsrf()}
      />,
    );
  });

  app.post('/companies/:id/pbx/:pbxId/sync', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'pbx.manage');
    const { id, pbxId } = req.params as Params;
    const back = `/companies/${id}/pbx/${pbxId}`;
    try {
      const r = await syncPbx(ctx, pbxId, id);
      return reply
        .flash(
          'success',
          r.outcome === 'snapshot'
            ? `Synced: ${r.changes.length} change${r.changes.length === 1 ? '' : 's'} recorded as a new snapshot.`
            : 'Synced: nothing changed since the last snapshot.',
        )
        .redirect(back);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 403 || err.status === 404) throw err;
      const msg =
        err instanceof ValidationError
          ? 'Enter the API client id and secret before syncing.'
          : err.message;
      return reply.flash('danger', msg).redirect(back);
    }
  });

  app.post('/companies/:id/pbx/:pbxId/extensions', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'pbx.manage');
    const { id, pbxId } = req.params as Params;
    const back = `/companies/${id}/pbx/${pbxId}`;
    const f = (req.body ?? {}) as Form;
    try {
      await changeExtension(
        ctx,
        pbxId,
        {
          action: f.action,
          number: f.number,
          name: f.name,
          email: f.email,
          voicemail: f.voicemail === '1',
        },
        id,
      );
      const done =
        { add: 'added', rename: 'renamed', remove: 'removed' }[f.action ?? ''] ?? 'changed';
      return reply
        .flash('success', `Extension ${f.number} was ${done} and the configuration applied.`)
        .redirect(back);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 403 || err.status === 404) throw err;
      const msg =
        err instanceof ValidationError ? err.errors.map((e) => e.message).join('. ') : err.message;
      return reply.flash('danger', msg).redirect(back);
    }
  });

  app.post('/companies/:id/pbx/:pbxId/reveal', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'credentials.reveal');
    const { id, pbxId } = req.params as Params;
    const company = await getCompany(ctx, id);
    const r = await revealPbxSecret(ctx, pbxId, id);
    reply.header('cache-control', 'no-store');
    return reply.page(
      `${r.pbx.name} — secret`,
      <RevealPage company={company} pbx={r.pbx} clientSecret={r.clientSecret} />,
    );
  });

  app.get('/companies/:id/pbx/:pbxId/snapshots/:snapshotId/export.json', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'telephony.read');
    const { id, pbxId, snapshotId } = req.params as Params;
    const d = await snapshotView(ctx, id, pbxId, snapshotId);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="pbx-snapshot-${d.snapshot.takenAt.slice(0, 10)}-${d.snapshot.id.slice(0, 8)}.json"`,
      )
      .send(JSON.stringify({ ...d.snapshot, pbx: d.pbx.name, content: d.config }, null, 2));
  });

  app.get('/companies/:id/pbx/:pbxId/snapshots/:snapshotId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'telephony.read');
    const { id, pbxId, snapshotId } = req.params as Params;
    const against = (req.query as { against?: string }).against || undefined;
    const d = await snapshotView(ctx, id, pbxId, snapshotId, against);
    return reply.page(`${d.pbx.name} — snapshot`, <SnapshotPage {...d} />);
  });
}
