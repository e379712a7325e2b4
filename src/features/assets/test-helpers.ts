// Shared set-up for the asset tests: a company with a location and a contact, and a quick way to
// post the asset form.
import type { FastifyInstance } from 'fastify';
import { postForm, type Agent } from '../../../test/support/app.ts';
import type { Db } from '../../db/database.ts';

export async function companyWithSite(app: FastifyInstance, admin: Agent, db: Db, name: string) {
  const res = await postForm(app, admin, '/companies', { name });
  const companyId = res.headers.location!.toString().split('/').pop()!;
  await postForm(app, admin, `/companies/${companyId}/locations`, { name: `${name} HQ` });
  await postForm(app, admin, `/companies/${companyId}/contacts`, { name: `${name} Person` });
  const location = await db
    .selectFrom('locations')
    .select('id')
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  const contact = await db
    .selectFrom('contacts')
    .select('id')
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return { companyId, locationId: location.id, contactId: contact.id };
}

export async function addAsset(
  app: FastifyInstance,
  agent: Agent,
  companyId: string,
  fields: Record<string, string>,
) {
  const res = await postForm(app, agent, `/companies/${companyId}/assets`, {
    categoryId: 'cat-computers',
    ...fields,
  });
  if (res.statusCode !== 302)
    throw new Error(`asset form answered ${res.statusCode}: ${res.body.slice(0, 2000)}`);
  return res.headers.location!.toString().split('/').pop()!;
}
