// The vault at large-MSP scale: 25 entries per company on average (50,000 at 2,000 companies), more
// at bigger customers, most on one of the company's assets when it has any. Secrets are sealed in
// the app's format with BENCH_VAULT_KEY; the IVs come from the step's seeded faker so two runs write
// the same rows. That is only acceptable because the key and every value are throwaway bench data.
import { createCipheriv, createHash } from 'node:crypto';
import type { AuditLogTable, CredentialsTable } from '../../src/db/database.ts';
import { ANCHOR_MS, DAY_MS, insertRows, isoAt, type GenContext } from './context.ts';

const KEY_ID = 'bench';
const KEY = createHash('sha256').update('supporttracker benchmark vault key').digest();
/** Set as VAULT_KEY when the benchmark runs the app, so the bench entries can be revealed. */
export const BENCH_VAULT_KEY = `${KEY_ID}:${KEY.toString('base64')}`;
export const CREDENTIALS_PER_COMPANY = 25;

const LOGINS = [
  'Microsoft 365 global admin',
  'Google Workspace admin',
  'Firewall admin',
  'Router admin',
  'Switch admin',
  'Wi-Fi controller',
  'NAS admin',
  'Domain administrator',
  'Local administrator',
  'Backup console',
  'Printer web admin',
  'ISP portal',
  'Domain registrar',
  'DNS hosting',
  'Line-of-business app admin',
  'VPN service account',
  'Camera NVR',
  'Phone system admin',
  'Antivirus console',
  'Website hosting',
];
const NOTES = [
  'Wi-Fi passphrases',
  'Alarm codes',
  'Recovery keys',
  'Software licence keys',
  'Break-glass procedure',
];
const TAGS = [
  'admin',
  'network',
  'm365',
  'wifi',
  'backup',
  'server',
  'printer',
  'vendor',
  'web',
  'security',
];

function sealDeterministic(g: GenContext, plaintext: string): string {
  const iv = Buffer.from(Array.from({ length: 12 }, () => g.faker.number.int(255)));
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  cipher.setAAD(Buffer.from(KEY_ID));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const b = (x: Buffer) => x.toString('base64url');
  return `v1:${KEY_ID}:${b(iv)}:${b(cipher.getAuthTag())}:${b(ct)}`;
}

/** Entries per company, weighted by its number of contacts; largest remainders make the total exact. */
function counts(g: GenContext, total: number): number[] {
  const perCompany = new Map<string, number>();
  for (const c of g.world.contacts)
    perCompany.set(c.companyId, (perCompany.get(c.companyId) ?? 0) + 1);
  const weights = g.world.companies.map((c) => 1 + (perCompany.get(c.id) ?? 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}

export async function generateCredentials(g: GenContext): Promise<void> {
  const f = g.faker;
  const assets = new Map<string, { id: string; createdAt: string }[]>();
  // Read from the table rather than the World, so this step works whether or not an assets step ran.
  for (const a of await g.trx
    .selectFrom('assets')
    .select(['id', 'company_id', 'created_at'])
    .orderBy('id')
    .execute()) {
    const list = assets.get(a.company_id) ?? [];
    list.push({ id: a.id, createdAt: a.created_at });
    assets.set(a.company_id, list);
  }
  const rows: CredentialsTable[] = [];
  const audit: AuditLogTable[] = [];
  const per = counts(g, g.world.companies.length * CREDENTIALS_PER_COMPANY);
  g.world.companies.forEach((company, ci) => {
    const own = assets.get(company.id) ?? [];
    const domain = (company.website ?? '').replace(/^https:\/\/www\./, '') || 'example.com';
    for (let k = 0; k < per[ci]; k++) {
      const asset = own.length && f.number.int(99) < 60 ? f.helpers.arrayElement(own) : null;
      const since = Math.max(
        Date.parse(company.createdAt),
        asset ? Date.parse(asset.createdAt) : 0,
      );
      const ms = since + f.number.float() * Math.max(0, ANCHOR_MS - since);
      const note = f.number.int(99) < 12;
      const label = note ? f.helpers.arrayElement(NOTES) : f.helpers.arrayElement(LOGINS);
      const id = g.idAt(ms);
      rows.push({
        id,
        company_id: company.id,
        asset_id: asset?.id ?? null,
        kind: note ? 'note' : 'login',
        label,
        label_sort: label.toLowerCase(),
        username: note
          ? null
          : f.helpers.arrayElement([
              'admin',
              'administrator',
              `admin@${domain}`,
              `it@${domain}`,
              f.internet.username().toLowerCase(),
            ]),
        url: note ? null : f.number.int(9) < 6 ? `https://${f.internet.ipv4()}` : null,
        tags:
          f.number.int(9) < 7 ? f.helpers.arrayElements(TAGS, { min: 1, max: 3 }).join(', ') : null,
        password_enc: note
          ? null
          : sealDeterministic(
              g,
              f.internet.password({ length: f.number.int({ min: 12, max: 24 }) }),
            ),
        totp_enc:
          !note && f.number.int(9) < 2
            ? sealDeterministic(g, f.string.fromCharacters('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 32))
            : null,
        notes_enc:
          note || f.number.int(9) < 3
            ? sealDeterministic(g, f.lorem.sentences({ min: 1, max: 3 }))
            : null,
        created_at: isoAt(ms),
        updated_at: isoAt(Math.min(ANCHOR_MS, ms + f.number.int(120) * DAY_MS)),
        deleted_at: null,
      });
      const who = f.helpers.arrayElement(g.world.staff);
      const entry = (at: number, action: string) =>
        audit.push({
          id: g.idAt(at),
          at: isoAt(at),
          actor_type: 'staff',
          actor_id: who.id,
          actor_label: `${who.name} <${who.email}>`,
          action,
          entity_type: 'credential',
          entity_id: id,
          company_id: company.id,
          summary: JSON.stringify({ label }),
          ip: `203.0.113.${f.number.int({ min: 2, max: 254 })}`,
        });
      entry(ms, 'credential.create');
      for (let r = f.number.int(3) - 1; r > 0; r--)
        entry(
          ms + f.number.float() * Math.max(0, ANCHOR_MS - ms),
          f.number.int(1) ? 'credential.copy' : 'credential.reveal',
        );
    }
  });
  await insertRows(g.trx, 'credentials', rows);
  await insertRows(g.trx, 'audit_log', audit);
}
