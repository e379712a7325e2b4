import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { createStaff } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { company } from '../time/test-helpers.ts';

describe.each(DIALECTS)('billing set-up JSON API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: { headers: Record<string, string> };
  let billing: { headers: Record<string, string> };
  let tech: { headers: Record<string, string> };
  let companyId: string;
  const keyFor = async (role: Role) => {
    const { user } = await createStaff(suite.db, role);
    return {
      headers: {
        authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: user.id })).key}`,
      },
    };
  };
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    who: { headers: Record<string, string> },
    payload?: object,
  ) => suite.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, payload });

  beforeEach(async () => {
    admin = await keyFor('admin');
    billing = await keyFor('billing');
    tech = await keyFor('technician');
    companyId = (await company(suite.deps)).id;
  });

  it('manages tax rates and the catalogue, with problem+json naming the fields', async () => {
    const created = await call('POST', '/tax-rates', admin, {
      name: 'Sales tax',
      ratePpm: 82_500,
      isDefault: true,
    });
    expect(created.statusCode).toBe(201);
    const rate = created.json();
    expect(rate).toMatchObject({
      name: 'Sales tax',
      ratePpm: 82_500,
      isDefault: true,
      active: true,
      companies: 0,
    });
    expect(created.headers.location).toBe(`/api/v1/tax-rates/${rate.id}`);
    expect(
      (await call('PATCH', `/tax-rates/${rate.id}`, admin, { ratePpm: 88_750 })).json(),
    ).toMatchObject({ ratePpm: 88_750, isDefault: true });
    const bad = await call('POST', '/tax-rates', admin, { name: '', ratePpm: 8.875 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      { path: 'name', message: 'Name is required' },
      { path: 'ratePpm', message: 'Rate has at most four decimals' },
    ]);
    expect((await call('POST', '/tax-rates', billing, { name: 'x', ratePpm: 1 })).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/tax-rates', billing)).json()).toMatchObject({
      items: [{ id: rate.id }],
      nextCursor: null,
    });
    expect((await call('GET', '/tax-rates', tech)).statusCode).toBe(403);

    const item = (
      await call('POST', '/service-catalog', admin, {
        name: 'Managed firewall',
        kind: 'other',
        unitCostCents: 2500,
        markupBp: 8000,
        taxable: false,
      })
    ).json();
    expect(item).toMatchObject({ unitPriceCents: 4500, taxable: false, companies: 0 });
    const changed = await call('PATCH', `/service-catalog/${item.id}`, admin, {
      markupBp: null,
      unitPriceCents: 5000,
      active: false,
    });
    expect(changed.json()).toMatchObject({
      item: { unitPriceCents: 5000, markupBp: null, unitCostCents: 2500, active: false },
      repriced: 0,
    });
    const active = (await call('GET', '/service-catalog?active=true', billing)).json();
    expect(active.items).toHaveLength(4);
    expect((await call('GET', '/service-catalog', billing)).json().items).toHaveLength(5);
    expect((await call('GET', '/service-catalog/nope', billing)).statusCode).toBe(404);
  });

  it('adds, changes, lists and deletes a company’s services, and sets its billing fields', async () => {
    const pbx = (await call('GET', '/service-catalog', billing))
      .json()
      .items.find((i: { kind: string }) => i.kind === 'pbx');
    const created = await call('POST', `/companies/${companyId}/services`, billing, {
      catalogId: pbx.id,
      quantityThousandths: 1000,
      startDate: '2026-01-01',
    });
    expect(created.statusCode).toBe(201);
    const line = created.json();
    expect(line).toMatchObject({
      companyId,
      catalogId: pbx.id,
      description: 'FreePBX management',
      unitPriceCents: 7500,
      taxable: true,
      startDate: '2026-01-01',
      endDate: null,
      billedThrough: null,
    });
    expect(created.headers.location).toBe(`/api/v1/companies/${companyId}/services/${line.id}`);
    expect(
      (
        await call('PATCH', `/companies/${companyId}/services/${line.id}`, billing, {
          endDate: '2026-06-30',
          unitPriceCents: 8000,
        })
      ).json(),
    ).toMatchObject({ endDate: '2026-06-30', unitPriceCents: 8000 });
    const bad = await call('PATCH', `/companies/${companyId}/services/${line.id}`, billing, {
      endDate: '2025-12-31',
    });
    expect(bad.json().errors).toEqual([
      { path: 'endDate', message: 'End date cannot be before the start date' },
    ]);
    expect((await call('GET', `/companies/${companyId}/services`, billing)).json()).toMatchObject({
      items: [{ id: line.id }],
      nextCursor: null,
    });
    expect(
      (
        await call('POST', `/companies/${companyId}/services`, tech, {
          description: 'x',
          quantityThousandths: 1000,
          unitPriceCents: 1,
        })
      ).statusCode,
    ).toBe(403);

    const rate = (
      await call('POST', '/tax-rates', admin, { name: 'County', ratePpm: 70_000 })
    ).json();
    const billingFields = await call('PATCH', `/companies/${companyId}/billing`, billing, {
      taxRateId: rate.id,
      billWorkMonthly: false,
    });
    expect(billingFields.json()).toMatchObject({
      companyId,
      taxRateId: rate.id,
      billWorkMonthly: false,
      billingAnchor: null,
      taxExempt: false,
      effectiveTax: { id: rate.id, ratePpm: 70_000 },
    });
    expect(
      (
        await call('PATCH', `/companies/${companyId}/billing`, billing, { taxRateId: 'nope' })
      ).json().errors,
    ).toEqual([{ path: 'taxRateId', message: 'Choose an active tax rate, or the default' }]);
    expect((await call('GET', `/companies/${companyId}/billing`, billing)).json()).toMatchObject({
      taxRateId: rate.id,
    });

    expect(
      (await call('DELETE', `/companies/${companyId}/services/${line.id}`, billing)).statusCode,
    ).toBe(204);
    expect(
      (await call('GET', `/companies/${companyId}/services/${line.id}`, billing)).statusCode,
    ).toBe(404);
  });

  it('reads and changes invoice settings, and documents every path in the OpenAPI document', async () => {
    expect((await call('GET', '/settings/invoices', billing)).json()).toMatchObject({
      autoIssue: true,
      creditNotePrefix: 'CN',
    });
    expect(
      (
        await call('PATCH', '/settings/invoices', admin, { autoIssue: false, footerNote: 'Net 30' })
      ).json(),
    ).toMatchObject({ autoIssue: false, footerNote: 'Net 30', creditNotePrefix: 'CN' });
    expect(
      (await call('PATCH', '/settings/invoices', billing, { autoIssue: true })).statusCode,
    ).toBe(403);
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const p of [
      '/tax-rates',
      '/tax-rates/{id}',
      '/service-catalog',
      '/service-catalog/{id}',
      '/settings/invoices',
      '/companies/{id}/billing',
      '/companies/{id}/services',
      '/companies/{id}/services/{sid}',
    ])
      expect(doc.paths[p]).toBeDefined();
    expect(doc.components.schemas.CompanyServiceInput.properties.quantityThousandths).toBeDefined();
  });
});
