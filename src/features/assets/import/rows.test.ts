import { describe, expect, it } from 'vitest';
import type { Category } from '../../categories/queries.ts';
import { parseCsv } from './csv.ts';
import { guessMapping, type Mapping } from './mapping.ts';
import { formatRowError, validateRows, type ImportLookups, type ImportOptions } from './rows.ts';

const cat = (id: string, name: string, fields: Category['fields'] = []): Category => ({
  id,
  name,
  fields,
  createdAt: '',
  updatedAt: '',
});
const lookups: ImportLookups = {
  categories: [
    cat('cat-computers', 'Computers', [
      { key: 'cpu', label: 'CPU', type: 'text' },
      { key: 'ramGb', label: 'RAM (GB)', type: 'number' },
    ]),
    cat('cat-printers', 'Printers', [{ key: 'webUrl', label: 'Web interface', type: 'url' }]),
    cat('cat-network', 'Network equipment'),
  ],
  locations: [
    { id: 'loc-hq', name: 'Head Office' },
    { id: 'loc-wh', name: 'Warehouse' },
  ],
  contacts: [
    { id: 'ct-ann', name: 'Ann Lee', email: 'ann@client.test' },
    { id: 'ct-bob1', name: 'Bob Ray', email: 'bob@client.test' },
    { id: 'ct-bob2', name: 'Bob Ray', email: 'bob.ray@client.test' },
  ],
};
const defaults: ImportOptions = { defaultCategoryId: 'cat-computers', createLocations: false };

function run(csv: string, opts: Partial<ImportOptions> = {}, mapping?: Mapping) {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.error);
  return validateRows(
    parsed.table,
    mapping ?? guessMapping(parsed.table.headers, lookups.categories),
    lookups,
    { ...defaults, ...opts },
  );
}
const messages = (csv: string, opts: Partial<ImportOptions> = {}) =>
  run(csv, opts).errors.map(formatRowError);

describe('validateRows', () => {
  it('turns a spreadsheet row into the asset the form would make', () => {
    const r = run(
      [
        'Hostname,Type,Manufacturer,Model,S/N,Tag,Status,Site,Assigned To,IP Address,MAC,OS,Purchased,Cost,Supplier,Warranty,Notes,RAM (GB),Colour',
        'FRONT-PC,computer,Dell,OptiPlex 7010,SN1,RD-1,In Service,head office,ANN@client.test,"10.0.0.5, 10.0.0.6",aa-bb-cc-dd-ee-ff,Windows 11,3/1/2025,"$1,299.00",CDW,2028-03-01,front desk,16,blue',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.valid).toEqual([
      {
        row: 2,
        newLocation: null,
        input: {
          name: 'FRONT-PC',
          categoryId: 'cat-computers',
          make: 'Dell',
          model: 'OptiPlex 7010',
          serial: 'SN1',
          assetTag: 'RD-1',
          status: 'in_service',
          locationId: 'loc-hq',
          contactId: 'ct-ann',
          ipAddresses: ['10.0.0.5', '10.0.0.6'],
          mac: 'AA:BB:CC:DD:EE:FF',
          os: 'Windows 11',
          purchaseDate: '2025-03-01',
          purchasePriceCents: 129900,
          vendor: 'CDW',
          warrantyExpires: '2028-03-01',
          notes: 'front desk',
          customFields: { ramGb: 16 },
        },
      },
    ]);
  });

  it('uses the default category and status for empty cells and leaves unmapped fields empty', () => {
    const r = run('Name,Category,Status\nPC,,\nPRN,Printers,spare', {
      defaultCategoryId: 'cat-network',
    });
    expect(r.errors).toEqual([]);
    expect(
      r.valid.map((v) => [
        v.input.name,
        v.input.categoryId,
        v.input.status,
        v.input.serial,
        v.input.locationId,
      ]),
    ).toEqual([
      ['PC', 'cat-network', 'in_service', null, null],
      ['PRN', 'cat-printers', 'spare', null, null],
    ]);
  });

  it('reports every bad cell of every row by row number and field, and keeps no row of a file with errors apart', () => {
    const csv = [
      'Name,Status,Warranty expires,Purchase price,IP,MAC,Location,Assigned to,Category',
      'OK-1,active,2027-01-01,100,10.0.0.1,,Warehouse,Ann Lee,Computers',
      'BAD-3,sleeping,2026-02-30,lots,10.0.0.300,zz,Annex,Nobody,Toasters',
      'OK-4,,,,,,,,',
      ',spare,,-5,,,,Bob Ray,',
    ].join('\n');
    expect(messages(csv)).toEqual([
      'Row 3 · Status: “sleeping” is not a status; use in service, spare, in repair or retired',
      'Row 3 · Warranty expires: “2026-02-30” must be a date like 2027-03-31 or 3/31/2027',
      'Row 3 · Purchase price: “lots” must be an amount like 1299.00',
      'Row 3 · Category: “Toasters” is not a category; the categories are Computers, Printers, Network equipment',
      'Row 3 · Location: this company has no location called “Annex” (its locations: Head Office, Warehouse); add it first or tick “Create missing locations”',
      'Row 3 · Assigned contact: this company has no contact with the name or email “Nobody”',
      'Row 3 · IP addresses: Not an IP address: 10.0.0.300',
      'Row 3 · MAC address: Enter a MAC address like AA:BB:CC:DD:EE:FF',
      'Row 5 · Assigned contact: 2 contacts are called “Bob Ray”; use the contact’s email address instead',
      'Row 5 · Name: Name is required',
      'Row 5 · Purchase price: Purchase price cannot be negative',
    ]);
    expect(run(csv).valid.map((v) => v.row)).toEqual([2, 4]);
  });

  it('tells two contacts with one name apart by email', () => {
    expect(run('Name,User\nPC,bob.ray@client.test').valid[0].input.contactId).toBe('ct-bob2');
  });

  it('matches locations only among the ones given (the company’s own), case-insensitively', () => {
    expect(run('Name,Site\nPC,WAREHOUSE').valid[0].input.locationId).toBe('loc-wh');
    expect(messages('Name,Site\nPC,Other Company Site')).toEqual([
      'Row 2 · Location: this company has no location called “Other Company Site” (its locations: Head Office, Warehouse); add it first or tick “Create missing locations”',
    ]);
  });

  it('with “create missing locations”, collects each new name once (first spelling) and marks the rows', () => {
    const r = run('Name,Site\nA,Annex\nB,annex\nC,Warehouse\nD,Basement', {
      createLocations: true,
    });
    expect(r.errors).toEqual([]);
    expect(r.newLocations).toEqual(['Annex', 'Basement']);
    expect(r.valid.map((v) => [v.input.name, v.input.locationId, v.newLocation])).toEqual([
      ['A', null, 'Annex'],
      ['B', null, 'Annex'],
      ['C', 'loc-wh', null],
      ['D', null, 'Basement'],
    ]);
  });

  it('checks category fields against each row’s own category', () => {
    expect(
      messages(
        'Name,Category,RAM (GB),Web interface\nPC,Computers,lots,\nPRN,Printers,8,ftp://x\nPRN2,Printers,,http://10.0.0.9',
      ),
    ).toEqual([
      'Row 2 · RAM (GB): RAM (GB) must be a number',
      'Row 3 · RAM (GB): is not a field of the category Printers; leave it empty in this row',
      'Row 3 · Web interface: Web interface must be a web address starting with http:// or https://',
    ]);
    expect(
      run('Name,Category,Web interface\nPRN,Printers,http://10.0.0.9').valid[0].input.customFields,
    ).toEqual({ webUrl: 'http://10.0.0.9' });
  });

  it('reports a row with more values than the header has columns', () => {
    expect(messages('Name,Make\nPC,Dell, Inc.')).toEqual([
      'Row 2 · Row: has 3 values but the header has 2 columns — a value with a comma in it may be missing its quotes',
    ]);
  });

  it('follows the mapping given, not the header names', () => {
    const r = run('Serial,Name\nSN1,PC', {}, ['name', 'serial']);
    expect(r.valid[0].input).toMatchObject({ name: 'SN1', serial: 'PC' });
    expect(run('Name,Notes\nPC,hello', {}, ['name', 'ignore']).valid[0].input.notes).toBeNull();
  });

  it('refuses too-long text with the form’s message', () => {
    expect(messages(`Name,Serial\nPC,${'x'.repeat(101)}`)).toEqual([
      'Row 2 · Serial number: Serial number must be at most 100 characters',
    ]);
  });

  it('says when there is no category at all', () => {
    expect(messages('Name\nPC', { defaultCategoryId: '' })).toEqual([
      'Row 2 · Category: no category in this row and no default category chosen',
    ]);
  });
});
