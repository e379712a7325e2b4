// Receivables pages: /reports (index), the aging report with its drill-down and CSV, and a company's
// statement (preview, PDF download, email). Handlers parse, call one use case, render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan, can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { findCompany } from '../companies/queries.ts';
import { CompanyHeader } from '../companies/views/tabs.tsx';
import { getProfileCached } from '../settings/profile-cache.ts';
import { agingCsv, agingReport, companyAging } from './service.ts';
import { buildStatement, sendStatement, statementPdf } from './statement.ts';
import { AgingPage, CompanyAgingPage, ReportsIndex } from './views/aging.tsx';
import { StatementForm } from './views/statement.tsx';

type Q = Record<string, string | undefined>;

export async function receivablesRoutes(app: FastifyInstance, deps: Deps) {
  const currency = async () => (await getProfileCached(deps.db))?.currency ?? 'USD';

  app.get('/reports', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'reports.read');
    return reply.page('Reports', <ReportsIndex canReminders={can(ctx.actor, 'billing.read')} />);
  });

  app.get('/reports/aging', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'reports.read');
    const r = await agingReport(ctx, req.query);
    const rows = r.companies.slice((r.page - 1) * r.size, r.page * r.size);
    return reply.page(
      'Receivables aging',
      <AgingPage
        asOf={r.asOf}
        today={await businessToday(ctx)}
        totals={r.totals}
        rows={rows}
        total={r.companies.length}
        sort={r.sort}
        page={r.page}
        size={r.size}
        currency={await currency()}
      />,
    );
  });

  app.get('/reports/aging.csv', async (req, reply) => {
    const { filename, csv } = await agingCsv(staffCtx(req, deps, 'reports.read'), req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(csv);
  });

  app.get('/reports/aging/:companyId', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'reports.read');
    const { companyId } = req.params as { companyId: string };
    const company = await findCompany(ctx.db, companyId);
    if (!company) throw new NotFoundError('No such company.');
    const data = await companyAging(ctx, companyId, (req.query as Q).asOf);
    return reply.page(
      `${company.name} — aging`,
      <CompanyAgingPage
        company={company}
        data={data}
        today={await businessToday(ctx)}
        currency={await currency()}
      />,
    );
  });

  const statementPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: { from: string; to: string; email?: string },
    errors: Record<string, string>,
    status = 200,
  ) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const { id } = req.params as { id: string };
    const company = await findCompany(ctx.db, id);
    if (!company) throw new NotFoundError('No such company.');
    let preview = null;
    if (Object.keys(errors).length === 0) {
      try {
        preview = await buildStatement(ctx, id, values);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        errors = fieldErrors(err);
        status = 422;
      }
    }
    return reply.page(
      `${company.name} — statement`,
      <>
        <CompanyHeader company={company} active="invoices" />
        <h2 class="h5">Statement</h2>
        <StatementForm
          companyId={id}
          from={values.from}
          to={values.to}
          email={values.email ?? ''}
          errors={errors}
          csrf={reply.generateCsrf()}
          canSend={can(ctx.actor, 'billing.write')}
          preview={preview}
        />
      </>,
      status,
    );
  };

  app.get('/companies/:id/statement', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.read');
    const q = req.query as Q;
    const today = await businessToday(ctx);
    const values = {
      from: q.from ?? `${addDaysToDate(today, -89).slice(0, 7)}-01`,
      to: q.to ?? today,
    };
    if (q.download) {
      try {
        const pdf = await statementPdf(ctx, (req.params as { id: string }).id, values);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${pdf.filename}"`)
          .send(pdf.bytes);
      } catch (err) {
        if (err instanceof ValidationError)
          return statementPage(req, reply, values, fieldErrors(err), 422);
        throw err;
      }
    }
    return statementPage(req, reply, values, {});
  });

  app.post('/companies/:id/statement/email', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'billing.write');
    assertCan(ctx.actor, 'billing.write');
    const b = (req.body ?? {}) as Q;
    const values = { from: b.from ?? '', to: b.to ?? '', email: b.email ?? '' };
    const { id } = req.params as { id: string };
    try {
      const r = await sendStatement(ctx, id, values);
      const msg =
        r.status === 'sent'
          ? `The statement was emailed to ${r.to}.`
          : r.status === 'logged'
            ? `SMTP is not configured: the statement email to ${r.to} was written to the server log.`
            : `The statement could not be emailed to ${r.to}: ${r.detail ?? 'unknown error'}`;
      return reply
        .flash(
          r.status === 'failed' ? 'danger' : r.status === 'logged' ? 'warning' : 'success',
          msg,
        )
        .redirect(`/companies/${id}/statement?from=${values.from}&to=${values.to}`);
    } catch (err) {
      if (err instanceof ValidationError)
        return statementPage(req, reply, values, fieldErrors(err), 422);
      throw err;
    }
  });
}
