// Demo assets: each demo company gets 1–3 locations and about 25 assets with realistic names,
// created through the services (validated and audited). Deterministic per company, and a few
// warranties are chosen to have just expired or to expire soon, so the warranty view has content.
import { todayIn } from '../../lib/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { createLocation } from '../locations/service.ts';
import { addDays } from './queries.ts';
import { createAsset } from './service.ts';

type Template = {
  category: string;
  name: string;
  make: string;
  model: string;
  price: number;
  os?: string;
  fields?: (n: number) => Record<string, string | number>;
};
const PCS: Template[] = [
  {
    category: 'cat-computers',
    name: 'PC',
    make: 'Dell',
    model: 'OptiPlex 7010',
    price: 899_00,
    os: 'Windows 11 Pro',
    fields: () => ({ cpu: 'Intel Core i5-13500', ramGb: 16 }),
  },
  {
    category: 'cat-computers',
    name: 'PC',
    make: 'HP',
    model: 'EliteDesk 800 G9',
    price: 1049_00,
    os: 'Windows 11 Pro',
    fields: () => ({ cpu: 'Intel Core i7-12700', ramGb: 32 }),
  },
  {
    category: 'cat-computers',
    name: 'LT',
    make: 'Lenovo',
    model: 'ThinkPad T14 Gen 4',
    price: 1299_00,
    os: 'Windows 11 Pro',
    fields: () => ({ cpu: 'AMD Ryzen 7 PRO 7840U', ramGb: 16 }),
  },
  {
    category: 'cat-computers',
    name: 'LT',
    make: 'Dell',
    model: 'Latitude 5440',
    price: 1149_00,
    os: 'Windows 11 Pro',
    fields: () => ({ cpu: 'Intel Core i5-1345U', ramGb: 16 }),
  },
];
const ROOMS = [
  'FRONTDESK',
  'RECEPTION',
  'OFFICE',
  'MANAGER',
  'EXAM',
  'CONF',
  'ADMIN',
  'BACKOFFICE',
];
const FIXED: Template[] = [
  {
    category: 'cat-servers',
    name: 'DC01',
    make: 'Dell',
    model: 'PowerEdge T350',
    price: 3899_00,
    os: 'Windows Server 2022 Standard',
    fields: () => ({ role: 'Domain controller, file server', ramGb: 64 }),
  },
  {
    category: 'cat-servers',
    name: 'NAS01',
    make: 'Synology',
    model: 'DS923+',
    price: 1199_00,
    os: 'DSM 7.2',
    fields: () => ({ role: 'Backup target', ramGb: 4 }),
  },
  {
    category: 'cat-printers',
    name: 'HP LaserJet M404',
    make: 'HP',
    model: 'LaserJet Pro M404dn',
    price: 379_00,
    fields: () => ({ tonerModel: 'HP 58A (CF258A)' }),
  },
  {
    category: 'cat-printers',
    name: 'Brother MFC-L8900CDW',
    make: 'Brother',
    model: 'MFC-L8900CDW',
    price: 649_00,
    fields: () => ({ tonerModel: 'TN-436' }),
  },
  {
    category: 'cat-network',
    name: 'Ubiquiti UDM Pro',
    make: 'Ubiquiti',
    model: 'UDM-Pro',
    price: 379_00,
    os: 'UniFi OS 3.2',
    fields: () => ({ firmware: '3.2.12', managementUrl: 'https://192.168.1.1' }),
  },
  {
    category: 'cat-network',
    name: 'Ubiquiti USW-24-PoE',
    make: 'Ubiquiti',
    model: 'USW-24-PoE',
    price: 399_00,
    fields: () => ({ firmware: '6.6.61' }),
  },
  {
    category: 'cat-network',
    name: 'Ubiquiti U6-Pro AP',
    make: 'Ubiquiti',
    model: 'U6-Pro',
    price: 159_00,
    fields: () => ({ firmware: '6.6.77' }),
  },
];
const PHONES: Template = {
  category: 'cat-phones',
  name: 'Yealink T54W',
  make: 'Yealink',
  model: 'T54W',
  price: 199_00,
  fields: (n) => ({ extension: String(100 + n), phoneType: 'Desk' }),
};
const SITES = [
  ['Main office', '100 Main Street'],
  ['Warehouse', '22 Industrial Way'],
  ['Branch office', '5 Oak Avenue'],
];

/** A small deterministic generator (mulberry32), so every demo run makes the same inventory. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoAssets(
  ctx: Ctx,
  companies: { id: string; name: string }[],
  timeZone: string,
): Promise<{ assets: number; locations: number }> {
  const today = todayIn(timeZone);
  let assets = 0;
  let locations = 0;
  for (const [ci, company] of companies.entries()) {
    const rand = rng(ci + 1);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const prefix = company.name
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]/.test(w))
      .map((w) => w[0].toUpperCase())
      .join('')
      .slice(0, 3);
    const siteIds: string[] = [];
    for (const [name, street] of SITES.slice(0, 1 + (ci % 3))) {
      siteIds.push(
        (
          await createLocation(ctx, company.id, {
            name,
            address: `${street}\nSpringfield, IL`,
            notes:
              name === 'Main office' ? 'Network rack in the supply closet behind reception.' : null,
          })
        ).id,
      );
      locations++;
    }
    const plan: { t: Template; name: string; n: number }[] = [];
    const pcCount = 12 + (ci % 5);
    for (let n = 1; n <= pcCount; n++) {
      const t = pick(PCS);
      plan.push({
        t,
        name: `${ROOMS[n % ROOMS.length]}-${t.name}${String(n).padStart(2, '0')}`,
        n,
      });
    }
    for (const t of FIXED)
      plan.push({ t, name: t.category === 'cat-servers' ? `${prefix}-${t.name}` : t.name, n: 0 });
    for (let n = 1; plan.length < 25; n++)
      plan.push({ t: PHONES, name: `Yealink T54W ext ${100 + n}`, n });
    for (const [k, { t, name, n }] of plan.entries()) {
      const ageDays = 60 + Math.floor(rand() * 1500);
      const purchaseDate = addDays(today, -ageDays);
      // Mostly a 3-year warranty from purchase; two per company are set to expire soon or just expired.
      const warrantyExpires =
        k === 3
          ? addDays(today, 10 + ci * 5)
          : k === 7
            ? addDays(today, -(5 + ci))
            : addDays(purchaseDate, 3 * 365);
      const octet = 20 + k;
      await createAsset(ctx, company.id, {
        categoryId: t.category,
        name,
        make: t.make,
        model: t.model,
        serial: `${t.make.slice(0, 2).toUpperCase()}${Math.floor(rand() * 1e8)
          .toString(36)
          .toUpperCase()
          .padStart(6, '0')}`,
        assetTag: `${prefix}-${String(k + 1).padStart(4, '0')}`,
        status: k === 11 ? 'spare' : k === 12 ? 'in_repair' : 'in_service',
        locationId: siteIds[k % siteIds.length],
        ipAddresses:
          t.category === 'cat-phones' ||
          t.category === 'cat-computers' ||
          t.category === 'cat-servers' ||
          t.category === 'cat-printers'
            ? `192.168.1.${octet}`
            : t.model === 'UDM-Pro'
              ? '192.168.1.1'
              : `192.168.1.${2 + (k % 5)}`,
        mac: Array.from({ length: 6 }, () =>
          Math.floor(rand() * 256)
            .toString(16)
            .padStart(2, '0'),
        ).join(':'),
        os: t.os ?? null,
        purchaseDate,
        purchasePriceCents: t.price,
        vendor: pick(['CDW', 'Amazon Business', 'Dell Direct', 'Ingram Micro']),
        warrantyExpires,
        customFields: t.fields?.(n) ?? {},
      });
      assets++;
    }
  }
  return { assets, locations };
}
