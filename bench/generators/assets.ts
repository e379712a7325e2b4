// Locations and assets at large-MSP scale: 25 assets per company on average (50,000 at 2,000
// companies), spread log-normally, with one company holding 500 (the worst case for a company's
// asset list). Most companies have one site, some two or three; the 500-asset company has five.
import type { Asset } from '../../src/features/assets/queries.ts';
import { toAssetRow } from '../../src/features/assets/queries.ts';
import type { LocationsTable } from '../../src/db/database.ts';
import { ANCHOR_MS, DAY_MS, dateAt, insertRows, isoAt, type GenContext } from './context.ts';

export const ASSETS_PER_COMPANY = 25;
export const BIG_COMPANY_ASSETS = 500;

const SITE_NAMES = ['Main office', 'Warehouse', 'Branch office', 'Clinic', 'Annex', 'Remote site'];
const ROOMS = [
  'FRONTDESK',
  'RECEPTION',
  'OFFICE',
  'MANAGER',
  'EXAM',
  'CONF',
  'ADMIN',
  'SHOP',
  'LAB',
  'BILLING',
];
type Kind = {
  category: string;
  weight: number;
  make: (g: GenContext) => [string, string];
  name: (g: GenContext, n: number, prefix: string) => string;
  fields: (g: GenContext, n: number) => Asset['customFields'];
  price: [number, number];
};
const KINDS: Kind[] = [
  {
    category: 'cat-computers',
    weight: 60,
    price: [600, 1800],
    make: (g) =>
      g.faker.helpers.arrayElement([
        ['Dell', 'OptiPlex 7010'],
        ['HP', 'EliteDesk 800 G9'],
        ['Lenovo', 'ThinkPad T14'],
        ['Dell', 'Latitude 5440'],
        ['Apple', 'MacBook Air M2'],
      ]),
    name: (g, n) =>
      `${g.faker.helpers.arrayElement(ROOMS)}-${g.faker.helpers.arrayElement(['PC', 'LT'])}${String(n).padStart(2, '0')}`,
    fields: (g) => ({
      cpu: g.faker.helpers.arrayElement([
        'Intel Core i5-13500',
        'Intel Core i7-12700',
        'AMD Ryzen 5 PRO 7540U',
      ]),
      ramGb: g.faker.helpers.arrayElement([8, 16, 32]),
    }),
  },
  {
    category: 'cat-phones',
    weight: 15,
    price: [120, 300],
    make: (g) =>
      g.faker.helpers.arrayElement([
        ['Yealink', 'T54W'],
        ['Poly', 'VVX 450'],
        ['Yealink', 'T46U'],
      ]),
    name: (_g, n) => `Phone ext ${100 + n}`,
    fields: (g, n) => ({
      extension: String(100 + n),
      phoneType: g.faker.helpers.arrayElement(['Desk', 'Desk', 'Conference', 'Cordless']),
    }),
  },
  {
    category: 'cat-printers',
    weight: 8,
    price: [250, 1500],
    make: (g) =>
      g.faker.helpers.arrayElement([
        ['HP', 'LaserJet M404'],
        ['Brother', 'MFC-L8900CDW'],
        ['Canon', 'imageRUNNER C3226'],
      ]),
    name: (g) => `${g.faker.helpers.arrayElement(ROOMS)} printer`,
    fields: () => ({ tonerModel: 'Standard' }),
  },
  {
    category: 'cat-network',
    weight: 10,
    price: [150, 900],
    make: (g) =>
      g.faker.helpers.arrayElement([
        ['Ubiquiti', 'USW-24-PoE'],
        ['Ubiquiti', 'U6-Pro'],
        ['Fortinet', 'FortiGate 60F'],
        ['Ubiquiti', 'UDM-Pro'],
      ]),
    name: (_g, n, p) => `${p}-NET${String(n).padStart(2, '0')}`,
    fields: (g) => ({ firmware: g.faker.system.semver() }),
  },
  {
    category: 'cat-servers',
    weight: 7,
    price: [1500, 9000],
    make: (g) =>
      g.faker.helpers.arrayElement([
        ['Dell', 'PowerEdge T350'],
        ['HPE', 'ProLiant ML350'],
        ['Synology', 'DS923+'],
      ]),
    name: (_g, n, p) => `${p}-SRV${String(n).padStart(2, '0')}`,
    fields: (g) => ({
      role: g.faker.helpers.arrayElement([
        'Domain controller',
        'File server',
        'Backup target',
        'Line-of-business app',
      ]),
    }),
  },
];

function perCompany(g: GenContext, n: number): number[] {
  const f = g.faker;
  const weights = Array.from({ length: n }, () =>
    Math.exp(
      Math.sqrt(-2 * Math.log(1 - f.number.float())) *
        Math.cos(2 * Math.PI * f.number.float()) *
        0.8,
    ),
  );
  const big = n > 1 ? f.number.int({ min: 0, max: n - 1 }) : 0;
  const rest = Math.max(0, n * ASSETS_PER_COMPANY - (n > 1 ? BIG_COMPANY_ASSETS : 0));
  const sum = weights.reduce((a, b, i) => (i === big && n > 1 ? a : a + b), 0);
  const counts = weights.map((w, i) =>
    i === big && n > 1
      ? BIG_COMPANY_ASSETS
      : Math.min(BIG_COMPANY_ASSETS - 1, Math.round((w / sum) * rest)),
  );
  // Rounding leaves the total a few off; settle the difference one asset at a time so it is exact.
  let left = n * ASSETS_PER_COMPANY - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0 && n > 1; i = (i + 1) % n) {
    if (
      i === big ||
      (left < 0 && counts[i] === 0) ||
      (left > 0 && counts[i] >= BIG_COMPANY_ASSETS - 1)
    )
      continue;
    counts[i] += Math.sign(left);
    left -= Math.sign(left);
  }
  return counts;
}

export async function generateLocationsAndAssets(g: GenContext): Promise<void> {
  const { faker: f, world } = g;
  const counts = perCompany(g, world.companies.length);
  const contactsBy = new Map<string, string[]>();
  for (const c of world.contacts)
    contactsBy.set(c.companyId, [...(contactsBy.get(c.companyId) ?? []), c.id]);
  const locations: LocationsTable[] = [];
  const assets: Asset[] = [];
  world.companies.forEach((company, ci) => {
    const since = Date.parse(company.createdAt);
    const sites =
      counts[ci] >= BIG_COMPANY_ASSETS
        ? 5
        : f.helpers.weightedArrayElement([
            { weight: 60, value: 1 },
            { weight: 30, value: 2 },
            { weight: 10, value: 3 },
          ]);
    const siteIds: string[] = [];
    for (let s = 0; s < sites; s++) {
      const ms = since + s * DAY_MS;
      const id = g.idAt(ms);
      siteIds.push(id);
      const name = SITE_NAMES[s];
      locations.push({
        id,
        company_id: company.id,
        name,
        name_sort: name.toLowerCase(),
        address: `${f.location.streetAddress()}\n${f.location.city()}, ${f.location.state({ abbreviated: true })}`,
        notes: null,
        created_at: isoAt(ms),
        updated_at: isoAt(ms),
      });
    }
    const prefix =
      company.name
        .replace(/[^A-Za-z ]/g, '')
        .split(' ')
        .filter(Boolean)
        .map((w) => w[0])
        .join('')
        .toUpperCase()
        .slice(0, 3) || 'CO';
    const people = contactsBy.get(company.id) ?? [];
    for (let k = 0; k < counts[ci]; k++) {
      const kind = f.helpers.weightedArrayElement(
        KINDS.map((x) => ({ weight: x.weight, value: x })),
      );
      const ms = since + f.number.float() * (ANCHOR_MS - since);
      const purchase = ms - f.number.int({ min: 0, max: 30 }) * DAY_MS;
      const [make, model] = kind.make(g);
      assets.push({
        id: g.idAt(ms),
        companyId: company.id,
        categoryId: kind.category,
        name: kind.name(g, k + 1, prefix),
        make,
        model,
        serial: f.string.alphanumeric({ length: 10, casing: 'upper' }),
        assetTag: f.number.int(9) < 6 ? `${prefix}-${String(k + 1).padStart(4, '0')}` : null,
        status: f.helpers.weightedArrayElement([
          { weight: 85, value: 'in_service' as const },
          { weight: 7, value: 'spare' as const },
          { weight: 3, value: 'in_repair' as const },
          { weight: 5, value: 'retired' as const },
        ]),
        locationId: f.number.int(9) < 7 ? f.helpers.arrayElement(siteIds) : null,
        contactId:
          kind.category === 'cat-computers' && people.length && f.number.int(9) < 4
            ? f.helpers.arrayElement(people)
            : null,
        ipAddresses:
          f.number.int(9) < 8 ? [`10.${ci % 250}.${Math.floor(k / 250)}.${(k % 250) + 2}`] : [],
        mac: f.internet.mac().toUpperCase(),
        os:
          kind.category === 'cat-computers'
            ? f.helpers.arrayElement(['Windows 11 Pro', 'Windows 10 Pro', 'macOS 14'])
            : null,
        purchaseDate: dateAt(purchase),
        purchasePriceCents: f.number.int({ min: kind.price[0], max: kind.price[1] }) * 100,
        vendor: f.helpers.arrayElement([
          'CDW',
          'Amazon Business',
          'Dell Direct',
          'Ingram Micro',
          null,
        ]),
        warrantyExpires:
          f.number.int(9) < 9
            ? dateAt(purchase + f.helpers.arrayElement([1, 3, 3, 5]) * 365 * DAY_MS)
            : null,
        notes: null,
        customFields: kind.fields(g, k + 1),
        createdAt: isoAt(ms),
        updatedAt: isoAt(Math.min(ANCHOR_MS, ms + f.number.int(300) * DAY_MS)),
      });
    }
  });
  await insertRows(g.trx, 'locations', locations);
  await insertRows(g.trx, 'assets', assets.map(toAssetRow));
}
