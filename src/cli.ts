// `supporttracker <command>`: serve, migrate, user create, apikey create, demo.
// Runs the same services as the web app, as the "system" actor (whoever operates the server).
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { configOrExit, serve } from './main.ts';
import { createDeps } from './deps.ts';
import { migrateToLatest } from './db/migrate.ts';
import { withActor, type Deps } from './platform/context.ts';
import { ValidationError } from './platform/errors.ts';
import { createUser } from './features/users/service.ts';
import { findUserByEmail } from './features/users/queries.ts';
import { resetUserTotp } from './features/auth/service.ts';
import { createApiKey } from './features/settings/service.ts';
import { seedDemo } from './features/ops/demo.ts';
import { rotateEnvKey, rotateKeyFile } from './features/vault/rotate-command.ts';
import { billingRunCommand } from './features/billing/command.ts';
import { runReminders } from './features/reminders/run.ts';
import { isCalendarDate } from './lib/dates.ts';
import { backupCommand, restoreCommand } from './features/backup/command.ts';

const HELP = `Usage: supporttracker <command>

  serve                                   run the web app (what npm start does)
  migrate                                 bring the database schema up to date
  user create --email E --name N --role R create a staff user; reads the password from stdin
  user reset-2fa --email E                turn off a user's two-factor (lost phone)
  apikey create --name N --role R         create an API key and print it once
  demo [--admin-email E]                  fill an empty database with a realistic small MSP: its
                                          business profile, an admin, a technician and a billing
                                          user (passwords printed once; E for the admin's email)
  vault rotate-key [--new-key ID:BASE64]  re-encrypt every secret with a new key (one transaction)
  billing run [--as-of YYYY-MM-DD] [--dry-run] [--company ID]
                                          bill every company whose billing day has come (as of
                                          today in the business time zone); --dry-run only shows it
  reminders run [--as-of YYYY-MM-DD]      send the payment reminders due (and late fees, when on);
                                          each reminder step goes to an invoice at most once
  backup [--to DIR] [--with-key --passphrase-file F]
                                          an online backup (database rows, files/, manifest) into
                                          DIR (default BACKUP_DIR or DATA_DIR/backups); --with-key
                                          adds the vault key and encrypts the archive
  backup verify FILE [--passphrase-file F]
                                          the restore drill: restore into a scratch database and
                                          compare every checksum; exit code 1 on any mismatch
  restore FILE [--force] [--data-dir DIR] [--passphrase-file F]
                                          restore into the empty database of DATABASE_URL (or of
                                          DIR); --force replaces the data already there
`;

/** The password: one line typed at a terminal without echo, or everything piped on stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  process.stderr.write('Password: ');
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stderr,
    terminal: true,
  });
  // Swallow readline's echo of each keystroke so the password never shows on screen.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

async function withDeps(
  fn: (deps: Deps) => Promise<void>,
  opts: { migrate: boolean } = { migrate: true },
) {
  const deps = createDeps(configOrExit());
  try {
    if (opts.migrate) await migrateToLatest(deps.db);
    await fn(deps);
  } catch (err) {
    if (err instanceof ValidationError) {
      for (const e of err.errors) console.error(`${e.path}: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.error((err as Error).message);
      process.exitCode = 1;
    }
  } finally {
    await deps.db.destroy();
  }
}

const system = (deps: Deps) => withActor(deps, { type: 'system', label: 'cli' });

export async function runCli(argv: string[]) {
  const [command, sub, ...rest] = argv;
  const opts = {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
  } as const;
  switch (command) {
    case 'serve':
    case undefined:
      if (command === undefined && process.stdout.isTTY) return void console.log(HELP);
      return serve(configOrExit());
    case 'migrate':
      return withDeps(
        async (deps) => {
          const applied = await migrateToLatest(deps.db);
          console.log(
            applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.',
          );
        },
        { migrate: false },
      );
    case 'user': {
      const { values } = parseArgs({ args: rest, options: opts });
      if (sub === 'reset-2fa') {
        return withDeps(async (deps) => {
          const user = await findUserByEmail(deps.db, values.email ?? '');
          if (!user) throw new Error(`No user with email ${values.email ?? '(none given)'}`);
          await resetUserTotp(system(deps), user.id);
          console.log(
            `Two-factor authentication is off for ${user.email}; they sign in with their password and can enrol again.`,
          );
        });
      }
      if (sub !== 'create') break;
      return withDeps(async (deps) => {
        const password = await readPassword();
        const user = await createUser(system(deps), {
          email: values.email,
          name: values.name,
          role: values.role,
          password,
        });
        console.log(`Created ${user.role} ${user.name} <${user.email}>`);
      });
    }
    case 'apikey': {
      if (sub !== 'create') break;
      const { values } = parseArgs({ args: rest, options: opts });
      return withDeps(async (deps) => {
        const created = await createApiKey(system(deps), { name: values.name, role: values.role });
        console.log(created.key);
        console.error(
          `API key "${created.name}" (${created.role}) created. It is shown only this once.`,
        );
      });
    }
    case 'demo': {
      let values: { 'admin-email'?: string };
      try {
        ({ values } = parseArgs({
          args: argv.slice(1),
          options: { 'admin-email': { type: 'string' } },
        }));
      } catch (err) {
        console.error(`demo: ${(err as Error).message}`);
        process.exitCode = 2;
        return;
      }
      return withDeps(async (deps) => {
        console.log(await seedDemo(deps, { adminEmail: values['admin-email'] }));
      });
    }
    case 'vault': {
      if (sub !== 'rotate-key') break;
      const { values } = parseArgs({ args: rest, options: { 'new-key': { type: 'string' } } });
      return withDeps(async (deps) => {
        const say = (line: string) => console.log(line);
        if (deps.config.vaultKey)
          await rotateEnvKey(deps.db, deps.config.vaultKey, values['new-key'], say);
        else
          await rotateKeyFile(
            deps.db,
            path.join(deps.config.dataDir, 'vault.key'),
            values['new-key'],
            say,
          );
      });
    }
    case 'billing': {
      if (sub !== 'run') break;
      return withDeps(async (deps) => {
        process.exitCode = await billingRunCommand(deps, rest);
      });
    }
    case 'reminders': {
      if (sub !== 'run') break;
      const { values } = parseArgs({ args: rest, options: { 'as-of': { type: 'string' } } });
      const asOf = values['as-of'];
      if (asOf !== undefined && !isCalendarDate(asOf)) {
        console.error(`--as-of: must be a date like 2026-12-01 (got "${asOf}")`);
        process.exitCode = 1;
        return;
      }
      return withDeps(async (deps) => {
        const r = await runReminders(withActor(deps, { type: 'system', label: 'cli' }), { asOf });
        console.log(
          r.enabled
            ? `Reminders as of ${r.asOf}: ${r.sent} sent, ${r.logged} written to the log (no SMTP), ${r.failed} failed, ${r.skippedSteps} older steps skipped, ${r.noRecipient} invoices without an address.`
            : `Reminders are off (Settings → Payment reminders); as of ${r.asOf}.`,
        );
        console.log(
          `Late fees: ${r.lateFees.created} created${r.lateFees.errors.length ? `, ${r.lateFees.errors.length} errors` : ''}.`,
        );
      });
    }
    case 'backup':
    case 'restore': {
      const config = configOrExit();
      const settings = { ...config, backupDir: config.backup.dir };
      try {
        process.exitCode = await (command === 'backup' ? backupCommand : restoreCommand)(
          settings,
          argv.slice(1),
        );
      } catch (err) {
        console.error(`${command}: ${(err as Error).message}`);
        process.exitCode = 1;
      }
      return;
    }
    case 'help':
    case '--help':
    case '-h':
      return void console.log(HELP);
  }
  console.error(HELP);
  process.exitCode = 2;
}
