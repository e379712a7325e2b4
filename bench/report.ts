// The results table, for the terminal and for docs/PERFORMANCE.md. The run rewrites only its own
// marked sections of that file (one per dialect, plus the SQLite query plans); the prose around
// them is written by hand.
import fs from 'node:fs';
import type { LoadResult } from './load.ts';
import type { PagePlan } from './plans.ts';

export type Row = { name: string; path: string; note: string; r: LoadResult; statements?: number };
export type RunInfo = {
  date: string;
  command: string;
  machine: string;
  data: string;
  settings: string;
  dialect: string;
};

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (bare: number, page: number) => (page > 0 ? `${fmt(bare / page, 1)}×` : '∞');

function cells(rows: Row[]): string[][] {
  const bare = rows[0].r.rps;
  return rows.map((x) => [
    x.name,
    fmt(x.r.rps),
    fmt(x.r.p50),
    fmt(x.r.p99),
    x === rows[0] ? '1.0×' : ratio(bare, x.r.rps),
    fmt(x.r.non2xx + x.r.errors + x.r.timeouts),
    fmt(x.r.bytesPerReq / 1024, 1),
    x.statements === undefined ? '—' : String(x.statements),
    x.note,
  ]);
}

const HEAD = [
  'scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  'bare ÷ page',
  'non-2xx',
  'KB/resp',
  'SQL/req',
  'notes',
];
const RIGHT = new Set([1, 2, 3, 4, 5, 6, 7]);

export function consoleTable(rows: Row[]): string {
  const all = [HEAD, ...cells(rows)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (RIGHT.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...cells(rows).map(line)].join(
    '\n',
  );
}

export function markdownResults(info: RunInfo, rows: Row[]): string {
  const table = [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (RIGHT.has(i) ? '---:' : '---')).join('|')}|`,
    ...cells(rows).map(
      (c, i) =>
        `| ${i === 0 ? c[0] : `${c[0]} (\`${rows[i].path.replace(/\/[0-9a-f-]{36}/, '/:id')}\`)`} | ${c.slice(1).join(' | ')} |`,
    ),
  ];
  return [
    `- **Date:** ${info.date}`,
    `- **Command:** \`${info.command}\``,
    `- **Database:** ${info.dialect}`,
    `- **Machine:** ${info.machine}`,
    `- **Data:** ${info.data}`,
    `- **Load:** ${info.settings}`,
    '',
    ...table,
  ].join('\n');
}

// Ids and token hashes change from run to run; placeholders keep this file's diff to real changes.
const paramText = (v: unknown) =>
  typeof v !== 'string'
    ? JSON.stringify(v)
    : /^[0-9a-f]{64}$/.test(v)
      ? '<token hash>'
      : /^[0-9a-f-]{36}$/.test(v)
        ? '<id>'
        : `'${v}'`;

export function markdownPlans(plans: PagePlan[]): string {
  const out: string[] = [];
  for (const p of plans) {
    const total = p.statements.reduce((a, s) => a + s.medianUs, 0);
    out.push(
      `#### ${p.scenario.name} — ${p.statements.length} statements, ${total} µs of SQL`,
      '',
      '```',
    );
    p.statements.forEach((s, i) => {
      const params = s.params.map(paramText).join(', ');
      out.push(
        `[${i + 1}] ${String(s.medianUs).padStart(5)} µs  ${s.sql}${params ? `   -- ${params}` : ''}`,
      );
      for (const l of s.plan) out.push(`              ${l}`);
    });
    out.push('```', '');
  }
  return out.join('\n').trimEnd();
}

/** Replaces the text between <!-- bench:KEY --> and <!-- /bench:KEY -->, or appends a new section. */
export function writeSection(file: string, key: string, heading: string, body: string): void {
  const start = `<!-- bench:${key} -->`;
  const end = `<!-- /bench:${key} -->`;
  const block = `${start}\n${body}\n${end}`;
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  const next =
    i >= 0 && j > i
      ? doc.slice(0, i) + block + doc.slice(j + end.length)
      : `${doc.trimEnd()}\n\n${heading}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}
