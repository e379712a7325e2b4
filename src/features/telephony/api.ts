// JSON API for phone services: the main Twilio account (admin), a company's subaccount link and its
// sync (telephony.write), and a company's phone numbers (telephony.read). No response carries a token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { staffCtx } from '../../platform/web.ts';
import { companyNumbers, type PhoneNumber, type TelephonyAccount } from './queries.ts';
import { linkSubaccount, saveTelephonySettings, syncCompany } from './service.ts';

type Params = { id: string };
export const PhoneNumbersQuery = z.object({
  companyId: z
    .string({ message: 'companyId is required' })
    .trim()
    .min(1, 'companyId is required')
    .max(36),
});

export const phoneNumberJson = (n: PhoneNumber) => ({
  id: n.id,
  companyId: n.companyId,
  phoneNumber: n.phoneNumber,
  friendlyName: n.friendlyName,
  status: n.status,
  source: n.source,
  type: n.type,
  capabilities: n.capabilities,
  voiceUrl: n.voiceUrl,
  trunkSid: n.trunkSid,
  dateAdded: n.dateAdded,
  releasedAt: n.releasedAt,
});

const accountJson = (a: TelephonyAccount) => ({
  companyId: a.companyId,
  twilioAccountSid: a.accountSid,
  friendlyName: a.friendlyName,
  lastSyncAt: a.lastSyncAt,
  lastSyncOutcome: a.lastSyncOutcome,
});

export async function telephonyApi(app: FastifyInstance, deps: Deps) {
  app.put('/api/v1/settings/telephony', async (req) =>
    saveTelephonySettings(staffCtx(req, deps), req.body ?? {}),
  );
  app.put('/api/v1/companies/:id/telephony', async (req) => {
    const a = await linkSubaccount(staffCtx(req, deps), (req.params as Params).id, req.body ?? {});
    return accountJson(a!);
  });
  app.post('/api/v1/companies/:id/telephony/sync', async (req) =>
    syncCompany(staffCtx(req, deps), (req.params as Params).id),
  );
  app.get('/api/v1/phone-numbers', async (req) => {
    const ctx = staffCtx(req, deps);
    assertCan(ctx.actor, 'telephony.read');
    const { companyId } = parseInput(PhoneNumbersQuery, req.query);
    const exists = await ctx.db
      .selectFrom('companies')
      .select('id')
      .where('id', '=', companyId)
      .executeTakeFirst();
    if (!exists) throw new NotFoundError('Company not found');
    return { items: (await companyNumbers(ctx.db, companyId)).map(phoneNumberJson) };
  });
}
