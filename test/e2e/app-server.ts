// Starts the real app (`node bin/supporttracker.js serve`) on a free loopback port with a fresh
// temporary DATA_DIR and SQLite database, exactly as an operator would run it. Used by the
// Playwright fixtures and by scripts/screenshots.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'supporttracker.js');

export type RunningApp = {
  url: string;
  dataDir: string;
  /** Runs a CLI command against the same data directory; resolves with its output, rejects on a non-zero exit. */
  cli: (args: string[], stdin?: string) => Promise<{ stdout: string; stderr: string }>;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function appEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Never inherit a server database or mail settings from the caller: this is a throwaway SQLite install.
  for (const k of ['DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL', 'VAULT_KEY', 'NODE_OPTIONS'])
    delete env[k];
  return {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'supporttracker.db')}`,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    // No scheduled jobs (the daily billing run) firing in the middle of a journey.
    SCHEDULER: 'off',
  };
}

function runCli(
  env: NodeJS.ProcessEnv,
  args: string[],
  stdin?: string,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new Error(`supporttracker ${args.join(' ')} exited with ${code}\n${stdout}${stderr}`),
        );
    });
    child.stdin.end(stdin ?? '');
  });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `The app exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output()}`,
      );
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The app did not answer ${url}/healthz within ${timeoutMs} ms:\n${output()}`);
}

/**
 * `env` adds settings to the server's environment (and the CLI's), after the defaults above, e.g.
 * SMTP_URL or STRIPE_API_URL for a journey with a local mail server or fake provider. A function
 * receives the app's own URL first, for settings that name it (PUBLIC_URL).
 */
export async function startApp(
  opts: {
    timeoutMs?: number;
    env?: Record<string, string> | ((url: string) => Record<string, string>);
  } = {},
): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const extra = typeof opts.env === 'function' ? opts.env(url) : (opts.env ?? {});
  const env = { ...appEnv(dataDir, port), ...extra };
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const output = () => log;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, output, opts.timeoutMs ?? 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, dataDir, cli: (args, stdin) => runCli(env, args, stdin), output, stop };
}
