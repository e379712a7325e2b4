#!/usr/bin/env node
// `npm test`: every test there is, in one command.
//   1. vitest, all files: SQLite always; PostgreSQL / MariaDB suites when TEST_POSTGRES_URL /
//      TEST_MYSQL_URL are set.
//   2. The Playwright browser journeys, when a system Chromium exists (CHROMIUM_PATH or /usr/bin/chromium).
// A missing prerequisite is announced loudly as SKIPPED; with CI=true it is a failure instead.
// The last line is `Tests: N passed, M failed`, counted from both runners' JSON reports; the exit
// code is non-zero if anything failed, a runner crashed, or nothing ran at all.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = /^(true|1|yes)$/i.test(process.env.CI ?? '');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'st-test-all-'));
const red = (s) => (process.stdout.isTTY ? `\x1b[1;31m${s}\x1b[0m` : s);
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const banner = (s) => console.log(`\n${bold(`=== ${s} ===`)}\n`);

/** Shows where a server is without its password. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const prerequisites = [
  {
    name: 'PostgreSQL suite',
    ok: !!process.env.TEST_POSTGRES_URL,
    hint: 'set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres',
    detail: () => redact(process.env.TEST_POSTGRES_URL),
  },
  {
    name: 'MariaDB/MySQL suite',
    ok: !!process.env.TEST_MYSQL_URL,
    hint: 'set TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test',
    detail: () => redact(process.env.TEST_MYSQL_URL),
  },
  {
    name: 'browser suite (Playwright)',
    ok: isExecutable(chromium),
    hint: `install Chromium (apt-get install chromium) or set CHROMIUM_PATH; looked for ${chromium}`,
    detail: () => chromium,
  },
];
const missing = prerequisites.filter((p) => !p.ok);

function announceMissing() {
  for (const p of missing) {
    console.log(
      red(ci ? `FAILED: ${p.name} cannot run in CI (${p.hint})` : `SKIPPED: ${p.name} (${p.hint})`),
    );
  }
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', (err) => {
      console.error(red(`Could not start ${command}: ${err.message}`));
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const results = [];

async function runVitest() {
  const dialects = [
    'SQLite',
    ...prerequisites
      .slice(0, 2)
      .filter((p) => p.ok)
      .map((p) => `${p.name.replace(/ suite$/, '')} at ${p.detail()}`),
  ];
  banner(`Unit and HTTP tests (vitest): ${dialects.join(', ')}`);
  const out = path.join(tmp, 'vitest.json');
  const bin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const code = await run(process.execPath, [
    bin,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out);
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 0;
  // A file that fails to load has no failed test, only a failed suite: count it.
  for (const file of report?.testResults ?? []) {
    if (
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((a) => a.status === 'failed')
    )
      failed += 1;
  }
  if (!report) console.error(red('vitest wrote no JSON report.'));
  if (code !== 0 && failed === 0) failed += 1; // crashed or failed outside any test
  results.push({ name: 'vitest', code, passed, failed });
}

async function runPlaywright() {
  banner(`Browser journeys (Playwright, ${chromium})`);
  const out = path.join(tmp, 'playwright.json');
  const bin = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const code = await run(process.execPath, [bin, 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    CHROMIUM_PATH: chromium,
  });
  const report = readJson(out);
  const stats = report?.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = (stats.unexpected ?? 0) + (report?.errors?.length ?? 0);
  if (!report) console.error(red('Playwright wrote no JSON report.'));
  if (code !== 0 && failed === 0) failed += 1;
  const flaky = report?.stats?.flaky ?? 0;
  results.push({
    name: 'playwright',
    code,
    passed,
    failed,
    note: flaky ? `, ${flaky} flaky (passed on retry: fix them)` : '',
  });
}

try {
  announceMissing();
  await runVitest();
  if (prerequisites[2].ok) await runPlaywright();

  banner('Summary');
  for (const r of results)
    console.log(
      `${r.name.padEnd(11)} ${r.passed} passed, ${r.failed} failed${r.note ?? ''}${r.code ? ` (exit code ${r.code})` : ''}`,
    );
  announceMissing();
  const passed = results.reduce((n, r) => n + r.passed, 0);
  // In CI a suite that could not run counts as a failure, so the summary and the exit code agree.
  const failed = results.reduce((n, r) => n + r.failed, 0) + (ci ? missing.length : 0);
  if (passed + failed === 0) console.log(red('FAILED: no tests ran.'));
  console.log(`Tests: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
