import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { decodeCsv, detectDelimiter, MAX_IMPORT_ROWS, parseCsv, type CsvResult } from './csv.ts';

const table = (r: CsvResult) => {
  if (!r.ok) throw new Error(r.error);
  return r.table;
};
const error = (r: CsvResult) => (r.ok ? 'parsed' : r.error);

describe('parseCsv', () => {
  it('reads headers and rows with spreadsheet row numbers (header = row 1)', () => {
    const t = table(parseCsv('Name,Serial\nPC-01,SN1\r\nPC-02,SN2\n'));
    expect(t.headers).toEqual(['Name', 'Serial']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['PC-01', 'SN1'] },
      { row: 3, cells: ['PC-02', 'SN2'] },
    ]);
  });

  it('drops a UTF-8 byte order mark so the first header is clean', () => {
    expect(table(parseCsv('\uFEFFName,Serial\nPC,1')).headers[0]).toBe('Name');
    expect(
      table(
        parseCsv(
          decodeCsv(
            Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name;Serial\nPC;1')]),
          ),
        ),
      ).headers,
    ).toEqual(['Name', 'Serial']);
  });

  it('detects semicolons and tabs, keeping commas inside values', () => {
    const t = table(parseCsv('Name;Price;Notes\nPC;1.299,00;Dell, Inc.\n'));
    expect(t.rows[0].cells).toEqual(['PC', '1.299,00', 'Dell, Inc.']);
    expect(table(parseCsv('Name\tPrice\nPC\t$1,299.00')).rows[0].cells).toEqual([
      'PC',
      '$1,299.00',
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const t = table(
      parseCsv('Name,Notes,Model\n"PC, front desk","He said ""hi""\nsecond line",7010\nNext,x,y'),
    );
    expect(t.rows[0].cells).toEqual(['PC, front desk', 'He said "hi"\nsecond line', '7010']);
    expect(t.rows[1].row).toBe(3);
  });

  it('skips empty lines and all-empty rows but keeps counting them', () => {
    const t = table(parseCsv('Name,Serial\n\nPC-01,1\n,\nPC-02,2'));
    expect(t.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [3, 'PC-01'],
      [5, 'PC-02'],
    ]);
  });

  it('pads short rows, keeps long rows whole and names blank headers', () => {
    const t = table(parseCsv('Name,,Serial\nPC\nPC2,a,b,c'));
    expect(t.headers).toEqual(['Name', 'Column 2', 'Serial']);
    expect(t.rows[0].cells).toEqual(['PC', '', '']);
    expect(t.rows[1].cells).toEqual(['PC2', 'a', 'b', 'c']);
  });

  it('trims cells', () => {
    expect(table(parseCsv(' Name , Serial \n  PC  ,  1 ')).rows[0].cells).toEqual(['PC', '1']);
  });

  it.each([
    ['', 'The file is empty'],
    ['\n\n,,\n', 'The file is empty'],
    ['Name,Serial\n', 'no assets below it'],
    ['Name,Notes\nPC,"never closed\n', 'a quoted value is never closed'],
  ])('refuses %j with a clear message', (input, message) => {
    expect(error(parseCsv(input))).toContain(message);
  });

  it(`accepts ${MAX_IMPORT_ROWS} rows and refuses one more, saying how many`, () => {
    const rows = (n: number) =>
      `Name\n${Array.from({ length: n }, (_, i) => `PC-${i}`).join('\n')}`;
    expect(table(parseCsv(rows(MAX_IMPORT_ROWS))).rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(error(parseCsv(rows(MAX_IMPORT_ROWS + 1)))).toBe(
      'The file has 5,001 rows of assets; at most 5,000 rows can be imported at once. Split it into smaller files.',
    );
  });

  it('refuses text larger than 2 MB', () => {
    expect(error(parseCsv(`Name\n${'x'.repeat(2 * 1024 * 1024)}`))).toContain('larger than 2 MB');
  });

  it('reads back whatever csv-stringify writes (any cells, either delimiter)', () => {
    const cell = fc
      .string({ maxLength: 12 })
      .map((s) => s.trim())
      .filter((s) => s !== '');
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',', ';'),
        (rows, delimiter) => {
          const csv = stringify([['Name', 'Serial', 'Notes'], ...rows], {
            delimiter,
            quoted: true,
          });
          const t = table(parseCsv(csv));
          expect(t.rows.map((r) => r.cells)).toEqual(rows);
        },
      ),
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1;2', ','],
    ['a;b;c\n1,2', ';'],
    ['a\tb\tc', '\t'],
    ['"a;b",c,d', ','],
    ['"x,y";"z,w"', ';'],
    ['name', ','],
    ['\n\na;b', ';'],
  ])('%j -> %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe('decodeCsv', () => {
  it('reads UTF-8, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeCsv(Buffer.from('Café', 'utf8'))).toBe('Café');
    expect(decodeCsv(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x93, 0x94]))).toBe(
      'Café €“”',
    );
  });
});
