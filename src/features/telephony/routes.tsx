// Phone services over HTTP: Settings › Phone services (admins), a company's Phone services tab
// (everyone with telephony.read sees it; admins and technicians link and sync), and /phone-services.
// Queries per page: the tab reads the company, its telephony_accounts row (unique company_id), its
// numbers (phone_numbers_company), one month of usage (telephony_usage_company) and the last ten
// syncs (telephony_sync_log_company); the list reads telephony_accounts joined to companies with a
// per-row count on phone_numbers_company, 200 a page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { fieldErrors, parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { findCompany } from '../companies/queries.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import {
  companyAccount,
  companyNumbers,
  companyUsage,
  linkedCompanies,
  recentSyncs,
  usageLines,
} from './queries.ts';
import {
  createSubaccount,
  linkSubaccount,
  listSubaccounts,
  monthRange,
  previousMonth,
  saveTelephonySettings,
  syncCompany,
  telephonySettings,
  testTelephonyConnection,
  type Subaccount,
} from './service.ts';
import { readStoredTelephony } from './settings.ts';
import { TwilioError } from './twilio.ts';
import { CompanyTelephonyPage, PhoneServicesListPage, TelephonySettingsPage } from './views.tsx';

type Form = Record<string, string | undefined>;
type Params = { id: string };
const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export async function telephonyRoutes(app: FastifyInstance, deps: Deps) {
  const timeZoneOf = async (req: FastifyRequest) =>
    (await getProfileCached(staffCtx(req, deps).db))?.timeZone ?? 'UTC';

  // ---- Settings › Phone services
  const settingsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Form,
    errors: Record<string, string> = {},
  ) => {
    const s = await telephonySettings(staffCtx(req, deps, 'settings.manage'));
    return reply.page(
      'Phone services',
      <TelephonySettingsPage
        csrf={reply.generateCsrf()}
        settings={s}
        values={values ?? { accountSid: s.accountSid ?? '' }}
        errors={errors}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  app.get('/settings/phone-services', async (req, reply) => settingsPage(req, reply));
  app.post('/settings/phone-services', async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    try {
      await saveTelephonySettings(staffCtx(req, deps, 'settings.manage'), {
        accountSid: form.accountSid,
        authToken: form.authToken,
      });
      return reply
        .flash('success', 'Phone services settings saved.')
        .redirect('/settings/phone-services');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return settingsPage(req, reply, { accountSid: form.accountSid }, fieldErrors(err));
    }
  });
  app.post('/settings/phone-services/test', async (req, reply) => {
    try {
      const a = await testTelephonyConnection(staffCtx(req, deps, 'settings.manage'));
      reply.flash('success', `Connected to Twilio: ${a.friendlyName} (${a.status}).`);
    } catch (err) {
      if (!(err instanceof TwilioError)) throw err;
      reply.flash('danger', err.message);
    }
    return reply.redirect('/settings/phone-services');
  });

  // ---- a company's Phone services tab
  const tab = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
  ) => {
    const ctx = staffCtx(req, deps, 'telephony.read');
    const company = await findCompany(ctx.db, (req.params as Params).id);
    if (!company) return reply.callNotFound();
    const account = await companyAccount(ctx.db, company.id);
    const canWrite = can(ctx.actor, 'telephony.write');
    const configured = Boolean(await readStoredTelephony(ctx.db));
    let subaccounts: Subaccount[] | null = null;
    let subaccountError: string | null = null;
    if (!account && canWrite && configured)
      try {
        subaccounts = await listSubaccounts(ctx);
      } catch (err) {
        if (!(err instanceof TwilioError)) throw err;
        subaccountError = err.message;
      }
    const month = previousMonth();
    const rows = await companyUsage(ctx.db, company.id, monthRange(month).start);
    const total = rows.find((r) => r.category === 'totalprice');
    return reply.page(
      `Phone services — ${company.name}`,
      <CompanyTelephonyPage
        csrf={reply.generateCsrf()}
        company={company}
        account={account}
        canWrite={canWrite}
        configured={configured}
        subaccounts={subaccounts}
        subaccountError={subaccountError}
        errors={errors}
        numbers={await companyNumbers(ctx.db, company.id)}
        month={month}
        usage={usageLines(rows)}
        totalMillicents={total ? total.costMillicents : null}
        syncs={await recentSyncs(ctx.db, company.id)}
        timeZone={await timeZoneOf(req)}
      />,
      Object.keys(errors).length ? 422 : 200,
    );
  };
  const back = (req: FastifyRequest) => `/companies/${(req.params as Params).id}/phone-services`;
  app.get('/companies/:id/phone-services', async (req, reply) => tab(req, reply));
  app.post('/companies/:id/phone-services/link', async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    try {
      await linkSubaccount(staffCtx(req, deps, 'telephony.write'), (req.params as Params).id, {
        twilioAccountSid: form.twilioAccountSid,
      });
    } catch (err) {
      if (err instanceof ValidationError) return tab(req, reply, fieldErrors(err));
      throw err;
    }
    return reply.flash('success', 'Linked to the Twilio subaccount.').redirect(back(req));
  });
  app.post('/companies/:id/phone-services/create-subaccount', async (req, reply) => {
    await createSubaccount(staffCtx(req, deps, 'telephony.write'), (req.params as Params).id);
    return reply.flash('success', 'Twilio subaccount created and linked.').redirect(back(req));
  });
  app.post('/companies/:id/phone-services/sync', async (req, reply) => {
    try {
      const r = await syncCompany(
        staffCtx(req, deps, 'telephony.write'),
        (req.params as Params).id,
      );
      reply.flash(
        'success',
        `Synced: ${r.added} added, ${r.changed} changed, ${r.released} released, ${r.usageRows} usage rows.`,
      );
    } catch (err) {
      if (!(err instanceof TwilioError)) throw err;
      reply.flash('danger', `Sync failed, nothing changed: ${err.message}`);
    }
    return reply.redirect(back(req));
  });

  // ---- /phone-services: the companies with a linked subaccount
  app.get('/phone-services', async (req, reply) => {
    const ctx = staffCtx(req, deps, 'telephony.read');
    const { page } = parseInput(ListQuery, req.query);
    const rows = await linkedCompanies(ctx.db, 200, (page - 1) * 200);
    return reply.page(
      'Phone services',
      <PhoneServicesListPage
        rows={rows}
        timeZone={await timeZoneOf(req)}
        canSettings={can(ctx.actor, 'settings.manage')}
      />,
    );
  });
}
