import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors } from '../../platform/validation.ts';
import {
  renderFragment,
  staffCtx,
  wantsFragment,
  withRememberedPageSize,
} from '../../platform/web.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { companyContacts } from '../contacts/service.ts';
import { formToCompanyInput } from './schemas.ts';
import {
  browseCompanies,
  createCompany,
  getCompany,
  setCompanyStatus,
  updateCompany,
} from './service.ts';
import { CompanyListPage, CompanyTable } from './views/list.tsx';
import { CompanyFormPage, companyToForm, type CompanyFormValues } from './views/form.tsx';
import { CompanyPage } from './views/detail.tsx';
import { companyOverview } from './overview.ts';
import { reminderPauseOf } from '../reminders/service.ts';
import { ReminderPauseControl } from '../reminders/views/pages.tsx';

type Form = Record<string, string | undefined>;
type IdParams = { id: string };

// Errors stay keyed by schema path; the form shows monthlyRateCents beside the dollar field.
const formErrors = fieldErrors;

export async function companyRoutes(app: FastifyInstance, deps: Deps) {
  const money = async () => {
    const p = await getProfileCached(deps.db);
    return { currency: p?.currency ?? 'USD', timeZone: p?.timeZone ?? 'UTC' };
  };

  app.get('/companies', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'companies.read');
    const {
      query,
      items,
      total,
      money: balances,
    } = await browseCompanies(ctx, withRememberedPageSize(req, reply));
    const props = {
      items,
      total,
      query,
      money: balances,
      canWrite: can(ctx.actor, 'companies.write'),
      currency: (await money()).currency,
    };
    if (wantsFragment(req)) return renderFragment(reply, <CompanyTable {...props} />);
    return reply.page('Companies', <CompanyListPage {...props} />);
  });

  const formPage = (
    reply: FastifyReply,
    p: {
      title: string;
      action: string;
      values: CompanyFormValues;
      errors?: Record<string, string>;
      contacts?: Awaited<ReturnType<typeof companyContacts>>['items'];
      cancel: string;
    },
    status = 200,
  ) =>
    reply.page(
      p.title,
      <CompanyFormPage
        csrf={reply.generateCsrf()}
        title={p.title}
        action={p.action}
        values={p.values}
        errors={p.errors ?? {}}
        contacts={p.contacts}
        cancelHref={p.cancel}
      />,
      status,
    );

  app.get('/companies/new', async (req, reply) => {
    staffCtx(req, deps, 'companies.write');
    return formPage(reply, {
      title: 'New company',
      action: '/companies',
      values: {},
      cancel: '/companies',
    });
  });

  app.post('/companies', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'companies.write');
    const form = (req.body ?? {}) as Form;
    try {
      const company = await createCompany(ctx, formToCompanyInput(form));
      return reply
        .flash('success', `${company.name} was added.`)
        .redirect(`/companies/${company.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(
        reply,
        {
          title: 'New company',
          action: '/companies',
          values: form,
          errors: formErrors(err),
          cancel: '/companies',
        },
        422,
      );
    }
  });

  app.get('/companies/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'companies.read');
    const { id } = req.params as IdParams;
    const company = await getCompany(ctx, id);
    const seesBilling = can(ctx.actor, 'billing.read');
    const m = await money();
    const [contacts, overview, pause] = await Promise.all([
      companyContacts(ctx, id, { limit: 100 }),
      companyOverview(ctx, company, m.currency),
      seesBilling ? reminderPauseOf(ctx, id) : null,
    ]);
    const csrf = reply.generateCsrf();
    return reply.page(
      company.name,
      <CompanyPage
        company={company}
        contacts={contacts.items}
        moreContacts={Boolean(contacts.nextCursor)}
        overview={overview}
        csrf={csrf}
        canWrite={can(ctx.actor, 'companies.write')}
        canDeactivate={can(ctx.actor, 'companies.deactivate')}
        canTakePayment={can(ctx.actor, 'billing.write')}
        canReadAudit={can(ctx.actor, 'audit.read')}
        currency={m.currency}
        timeZone={m.timeZone}
        reminders={
          pause ? (
            <ReminderPauseControl
              companyId={id}
              paused={pause.paused}
              reason={pause.reason}
              csrf={csrf}
              canWrite={can(ctx.actor, 'billing.write')}
            />
          ) : null
        }
      />,
    );
  });

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: CompanyFormValues,
    errors?: Record<string, string>,
  ) => {
    const ctx = staffCtx(req, deps, 'companies.write');
    const { id } = req.params as IdParams;
    const company = await getCompany(ctx, id);
    const contacts = await companyContacts(ctx, id, { limit: 200 });
    return formPage(
      reply,
      {
        title: `Edit ${company.name}`,
        action: `/companies/${id}`,
        values: values ?? companyToForm(company),
        errors,
        contacts: contacts.items,
        cancel: `/companies/${id}`,
      },
      errors ? 422 : 200,
    );
  };

  app.get('/companies/:id/edit', async (req, reply) => editPage(req, reply));

  app.post('/companies/:id', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'companies.write');
    const { id } = req.params as IdParams;
    const form = (req.body ?? {}) as Form;
    try {
      const { status: _ignored, ...input } = formToCompanyInput(form);
      const company = await updateCompany(ctx, id, input);
      return reply.flash('success', `${company.name} was saved.`).redirect(`/companies/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return editPage(req, reply, form, formErrors(err));
    }
  });

  for (const [action, status] of [
    ['deactivate', 'inactive'],
    ['reactivate', 'active'],
  ] as const) {
    app.post(`/companies/:id/${action}`, async (req, reply) => {
      const ctx = staffCtx(req, deps, 'companies.deactivate');
      const { id } = req.params as IdParams;
      const company = await setCompanyStatus(ctx, id, status);
      return reply
        .flash('success', `${company.name} is now ${status}.`)
        .redirect(`/companies/${id}`);
    });
  }
}
