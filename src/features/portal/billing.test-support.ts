// Shared set-up for the portal billing tests: a cookie-keeping browser over app.inject, customers
// (company + portal contact with chosen flags, signed in), issued invoices, Stripe switched on.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Deps } from '../../platform/context.ts';
import { withActor } from '../../platform/context.ts';
import { createCompany } from '../companies/service.ts';
import { createContact } from '../contacts/service.ts';
import { setContactPassword } from './auth-service.ts';

export const PASSWORD = 'a long portal password';

export class Browser {
  readonly jar = new Map<string, string>();
  csrf: string | undefined;
  constructor(private readonly app: FastifyInstance) {}
  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private take(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (!c.value || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
  async get(url: string) {
    return this.take(await this.app.inject({ url, headers: { cookie: this.cookie } }));
  }
  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams({ _csrf: this.csrf ?? '' });
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.take(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }
  async signIn(email: string, password: string) {
    await this.get('/portal/login');
    return this.post('/portal/login', { email, password });
  }
}

export const system = (deps: Deps) => withActor(deps, { type: 'system', label: 'test' });

export async function customer(
  deps: Deps,
  flags: { billing?: boolean; service?: boolean },
  name = 'Dental',
) {
  const company = await createCompany(system(deps), { name: `${name} ${Math.random()}` });
  const contact = await createContact(system(deps), company.id, {
    name: 'Pat Client',
    email: `pat${Math.random().toString(36).slice(2)}@client.test`,
    portalAccess: true,
    portalBilling: flags.billing ?? false,
    portalService: flags.service ?? false,
  });
  return { company, contact, email: contact.email! };
}

export async function signedIn(
  app: FastifyInstance,
  deps: Deps,
  c: { contact: { id: string }; email: string },
) {
  await setContactPassword(deps.db, c.contact.id, PASSWORD);
  const b = new Browser(app);
  const res = await b.signIn(c.email, PASSWORD);
  expect(res.statusCode).toBe(302);
  await b.get('/portal');
  return b;
}
