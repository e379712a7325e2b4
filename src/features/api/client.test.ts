// Proves the OpenAPI document describes the API that runs: types generated from the served document
// with openapi-typescript, client-journey.ts type-checked against them with tsc, and the journey run
// through openapi-fetch against the real app listening on a local port.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../../test/support/app.ts';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { businessToday } from '../assets/service.ts';
import { openApiDocument } from './openapi.ts';
import { runJourney } from './client-journey.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const journeyFile = path.join(here, 'client-journey.ts');

// Misuses the generated types must reject: if these compiled, the journey's type-check would
// prove nothing.
const MUST_NOT_COMPILE = `import createClient from 'openapi-fetch';
import type { paths } from 'supporttracker-openapi-types';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1/api/v1' });
// @ts-expect-error a payment void needs a reason
void client.POST('/payments/{id}/void', { params: { path: { id: 'x' } }, body: {} });
// @ts-expect-error no such path
void client.GET('/no-such-thing', {});
// @ts-expect-error amounts are integers of cents, not strings
void client.POST('/payments', { body: { companyId: 'x', amountCents: '10.00', method: 'bank', receivedOn: '2026-01-01' } });
`;

let dir: string;
beforeAll(async () => {
  // Under node_modules (ignored by git and Biome) so that 'openapi-fetch' resolves from here.
  fs.mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
  dir = fs.mkdtempSync(path.join(root, 'node_modules/.cache/openapi-client-'));
}, 30_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the client generated from the OpenAPI document', () => {
  it('type-checks the journey, and rejects misuse', async () => {
    const types = await openapiTS(openApiDocument() as unknown as OpenAPI3, { silent: true });
    const typesFile = path.join(dir, 'openapi-types.d.ts');
    fs.writeFileSync(typesFile, types);
    fs.writeFileSync(path.join(dir, 'misuse.ts'), MUST_NOT_COMPILE);
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          types: [],
          paths: { 'supporttracker-openapi-types': [typesFile] },
        },
        files: [journeyFile, path.join(dir, 'misuse.ts')],
      }),
    );
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', dir], {
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? 1,
        out: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
    expect(run.out).toBe('');
    expect(run.code).toBe(0);
  }, 180_000);
});

describe.each(DIALECTS)('an API journey through the generated client on %s', (dialect) => {
  const suite = useAppSuite(dialect);

  it('company → work order → time → invoice → payment: billed once, paid in full', async () => {
    const { user: admin } = await createStaff(suite.db, 'admin');
    const { user: tech } = await createStaff(suite.db, 'technician');
    await suite.db
      .updateTable('users')
      .set({ hourly_rate_cents: 12000 })
      .where('id', '=', tech.id)
      .execute();
    const { key } = await insertApiKey(suite.db, {
      name: 'Journey',
      role: 'admin',
      createdBy: admin.id,
    });
    const address = await suite.app.listen({ port: 0, host: '127.0.0.1' });

    const r = await runJourney(`${address}/api/v1`, key, await businessToday(suite.deps));

    expect(r).toEqual({
      meRole: 'admin',
      technicianId: tech.id,
      timeEntryBillableCents: 18000, // 1.5 h at 120.00
      invoiceNumber: expect.stringMatching(/^INV-\d{4}-00001$/),
      invoiceTotalCents: 18000,
      allocatedCents: 18000,
      unappliedCents: 0,
      invoiceBalanceCents: 0,
      invoiceStatus: 'paid',
      companyBalanceCents: 0,
    });
  });
});
