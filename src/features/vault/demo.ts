// The demo's vault: a few entries per demo company, created through the service (sealed with the
// app's key ring, audited): the Microsoft 365 admin with its 2FA secret, the router or firewall
// admin on a network asset when the company has one, and a secure note.
import type { Ctx } from '../../platform/context.ts';
import { newTotpSecret } from '../auth/totp.ts';
import { generatePassword } from './generator.ts';
import { createCredential } from './service.ts';

export async function seedDemoCredentials(ctx: Ctx): Promise<number> {
  const companies = await ctx.db
    .selectFrom('companies')
    .select(['id', 'name', 'website'])
    .orderBy('name_sort')
    .execute();
  let n = 0;
  for (const c of companies) {
    const domain = (c.website ?? '').replace(/^https?:\/\/(www\.)?/, '') || 'example.com';
    const router = await ctx.db
      .selectFrom('assets')
      .select(['id', 'name'])
      .where('company_id', '=', c.id)
      .where('category_id', '=', 'cat-network')
      .orderBy('name_sort')
      .limit(1)
      .executeTakeFirst();
    const server = await ctx.db
      .selectFrom('assets')
      .select('id')
      .where('company_id', '=', c.id)
      .where('category_id', '=', 'cat-servers')
      .limit(1)
      .executeTakeFirst();
    const entries: Record<string, unknown>[] = [
      {
        label: 'Microsoft 365 global admin',
        username: `admin@${domain}`,
        password: generatePassword({ length: 20 }),
        url: 'https://admin.microsoft.com',
        totpSecret: newTotpSecret(),
        tags: 'm365, admin',
      },
      {
        label: router ? `${router.name} admin` : 'Router admin',
        assetId: router?.id ?? null,
        username: 'admin',
        password: generatePassword({ length: 16 }),
        url: 'https://192.168.1.1',
        tags: 'network',
      },
      {
        kind: 'note',
        label: 'Wi-Fi passphrases',
        notes: `Staff: ${generatePassword({ length: 14, classes: ['lower', 'digits'] })}\nGuest: ${generatePassword({ length: 10, classes: ['lower', 'digits'] })}`,
        tags: 'wifi',
      },
    ];
    if (server)
      entries.push({
        label: 'Local administrator',
        assetId: server.id,
        username: '.\\Administrator',
        password: generatePassword({ length: 24 }),
        notes: 'LAPS is not set up on this server yet.',
        tags: 'windows',
      });
    for (const e of entries) {
      await createCredential(ctx, c.id, e);
      n++;
    }
  }
  return n;
}
