import { describe, expect, it } from 'vitest';
import { checkMapping, guessMapping, isTarget, normalizeHeader } from './mapping.ts';

const categories = [
  {
    name: 'Computers',
    fields: [
      { key: 'cpu', label: 'CPU', type: 'text' as const },
      { key: 'ramGb', label: 'RAM (GB)', type: 'number' as const },
    ],
  },
  {
    name: 'Servers',
    fields: [
      { key: 'ramGb', label: 'Memory', type: 'number' as const },
      { key: 'managementUrl', label: 'Management URL', type: 'url' as const },
    ],
  },
];

describe('guessMapping', () => {
  it.each([
    ['Name', 'name'],
    ['Hostname', 'name'],
    ['Computer Name', 'name'],
    ['Device', 'name'],
    ['Serial', 'serial'],
    ['Serial Number', 'serial'],
    ['S/N', 'serial'],
    ['Service Tag', 'serial'],
    ['Asset Tag', 'assetTag'],
    ['Tag', 'assetTag'],
    ['asset_tag', 'assetTag'],
    ['Make', 'make'],
    ['Manufacturer', 'make'],
    ['Model', 'model'],
    ['Status', 'status'],
    ['Location', 'location'],
    ['Site', 'location'],
    ['Category', 'category'],
    ['Type', 'category'],
    ['Device Type', 'category'],
    ['IP', 'ipAddresses'],
    ['IP Address', 'ipAddresses'],
    ['MAC', 'mac'],
    ['MAC Address', 'mac'],
    ['OS', 'os'],
    ['Operating System', 'os'],
    ['Purchase Date', 'purchaseDate'],
    ['Purchase Price', 'purchasePrice'],
    ['Cost', 'purchasePrice'],
    ['Vendor', 'vendor'],
    ['Supplier', 'vendor'],
    ['Warranty', 'warrantyExpires'],
    ['Warranty Expires', 'warrantyExpires'],
    ['Warranty expiry', 'warrantyExpires'],
    ['Notes', 'notes'],
    ['Assigned To', 'contact'],
    ['User', 'contact'],
    ['  ASSIGNED   TO ', 'contact'],
    ['RAM (GB)', 'cf.ramGb'],
    ['CPU', 'cf.cpu'],
    ['Management URL', 'cf.managementUrl'],
    ['management_url', 'cf.managementUrl'],
    ['Favourite colour', 'ignore'],
    ['', 'ignore'],
  ])('%j -> %s', (header, target) => expect(guessMapping([header], categories)).toEqual([target]));

  it('maps each field once: the leftmost column wins, later ones are ignored', () => {
    expect(guessMapping(['Hostname', 'Name', 'Serial', 'S/N', 'Colour'])).toEqual([
      'name',
      'ignore',
      'serial',
      'ignore',
      'ignore',
    ]);
  });

  it('knows category fields only when categories are given', () => {
    expect(guessMapping(['RAM (GB)'])).toEqual(['ignore']);
  });
});

describe('checkMapping', () => {
  it('needs a name column', () => {
    expect(checkMapping(['Serial'], ['serial'])).toEqual([
      'Choose the column that holds each asset’s name (or hostname).',
    ]);
  });
  it('refuses a field chosen for two columns, naming both', () => {
    expect(checkMapping(['Host', 'Name', 'Tag'], ['name', 'name', 'assetTag'])).toEqual([
      'Name / hostname is chosen for more than one column (“Host”, “Name”); choose it for one only.',
    ]);
  });
  it('accepts ignored columns in any number', () => {
    expect(checkMapping(['Name', 'A', 'B'], ['name', 'ignore', 'ignore'])).toEqual([]);
  });
});

describe('isTarget', () => {
  it.each([
    ['name', true],
    ['ignore', true],
    ['cf.ramGb', true],
    ['cf.nope', false],
    ['companyId', false],
    ['__proto__', false],
  ])('%s -> %s', (s, ok) => expect(isTarget(s, categories)).toBe(ok));
});

it('normalizeHeader', () => {
  expect(normalizeHeader('Warranty_Expires (date)')).toBe('warranty expires date');
});
