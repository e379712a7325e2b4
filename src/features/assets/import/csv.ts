// Reading an uploaded spreadsheet export: bytes -> text (UTF-8, or Windows-1252 when the bytes are
// not UTF-8, as older Excel writes), then csv-parse with the delimiter the header line uses.
// Bounded: at most MAX_CSV_BYTES of text and MAX_IMPORT_ROWS data rows, each refused with a message.
import { parse } from 'csv-parse/sync';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_COLUMNS = 100;

/**
 * A parsed file: the header cells and the data rows, each with its spreadsheet row number (header =
 * row 1). Short rows are padded to the header's width; long rows keep their extra cells so the row
 * check can report them (usually an unquoted comma inside a value).
 */
export type CsvTable = { headers: string[]; rows: { row: number; cells: string[] }[] };
export type CsvResult = { ok: true; table: CsvTable } | { ok: false; error: string };

// Windows-1252's bytes 0x80–0x9F (€, smart quotes, dashes…); the rest is Latin-1. Spelled out because
// Node 20's TextDecoder('windows-1252') decodes those bytes as Latin-1 control characters.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** UTF-8 (BOM dropped) when the bytes are valid UTF-8, otherwise Windows-1252. */
export function decodeCsv(data: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = data
      .toString('latin1')
      .replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The delimiter the first non-empty line uses most outside quotes: comma, semicolon or tab (comma on a tie). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
    if (ch.trim()) seen = true;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function parseCsv(input: string): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES)
    return {
      ok: false,
      error: `The file is larger than ${MAX_CSV_BYTES / (1024 * 1024)} MB. Split it into smaller files of at most ${plural(MAX_IMPORT_ROWS, 'row')} each.`,
    };
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number };
    const where = e.lines ? ` near line ${e.lines}` : '';
    const what =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is never closed'
        : e.code?.startsWith('CSV_')
          ? 'a quote is in the wrong place'
          : 'it is not valid CSV';
    return {
      ok: false,
      error: `The file could not be read as CSV${where}: ${what}. Save it from the spreadsheet as “CSV” and try again.`,
    };
  }
  // Empty lines and all-empty rows (",,,") are skipped, but row numbers still count them, as the spreadsheet does.
  const numbered = records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }));
  const nonEmpty = numbered.filter((r) => r.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0)
    return {
      ok: false,
      error:
        'The file is empty. The first row should name the columns (e.g. Name, Serial, Location).',
    };
  const [head, ...rows] = nonEmpty;
  if (head.cells.length > MAX_COLUMNS)
    return {
      ok: false,
      error: `The file has ${head.cells.length} columns; at most ${MAX_COLUMNS} can be imported.`,
    };
  if (rows.length === 0)
    return { ok: false, error: 'The file has a header row but no assets below it.' };
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      error: `The file has ${plural(rows.length, 'row')} of assets; at most ${plural(MAX_IMPORT_ROWS, 'row')} can be imported at once. Split it into smaller files.`,
    };
  const width = head.cells.length;
  const headers = head.cells.map((h, i) => h || `Column ${i + 1}`);
  return {
    ok: true,
    table: {
      headers,
      rows: rows.map((r) => ({
        row: r.row,
        cells: Array.from({ length: Math.max(width, r.cells.length) }, (_, i) => r.cells[i] ?? ''),
      })),
    },
  };
}
