// Configuration comes from the environment (and an optional .env file), validated once at start.
// A bad value stops the app with a message naming the variable and what it accepts.
import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseKeyring } from './lib/crypto.ts';
import { LOG_LEVELS, type Config } from './platform/app-config.ts';
import { isValidSchedule } from './platform/schedule.ts';

export type { Config };

const EnvSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/|mysql:\/\/|mariadb:\/\/)/, {
      message: 'must start with sqlite:, postgres://, postgresql://, mysql:// or mariadb://',
    })
    .optional(),
  PUBLIC_URL: z
    .url({ message: 'must be an absolute URL such as https://support.example.com' })
    .optional(),
  PORTAL_HOST: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/, {
      message: 'must be a host name such as support.example-msp.com (no scheme, no path)',
    })
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      const t = v.trim().toLowerCase();
      if (['false', '0', 'no'].includes(t)) return false;
      // "true" trusts exactly one proxy hop (the nearest), never the whole forwarded chain, so
      // a client cannot fake its address by sending its own X-Forwarded-For.
      if (['true', 'yes'].includes(t)) return 1;
      if (/^\d+$/.test(t)) return Number(t);
      const parts = t.split(',').map((x) => x.trim());
      const ok = parts.every(
        (x) => ['loopback', 'linklocal', 'uniquelocal'].includes(x) || isIP(x.split('/')[0]) !== 0,
      );
      if (ok) return parts.join(',');
      ctx.addIssue({
        code: 'custom',
        message:
          'must be false, true (one proxy hop), a number of hops, or proxy addresses/CIDRs such as 127.0.0.1,10.0.0.0/8',
      });
      return z.NEVER;
    })
    .default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, {
      message: 'must look like smtp://user:pass@host:587 or smtps://host:465',
    })
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  VAULT_KEY: z.string().optional(),
  UPLOAD_MAX_MB: z.coerce
    .number({ message: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1)
    .max(1024)
    .default(25),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  SCHEDULER: z
    .string()
    .transform((v, ctx) => {
      const t = v.trim().toLowerCase();
      if (['on', 'true', 'yes', '1'].includes(t)) return true;
      if (['off', 'false', 'no', '0'].includes(t)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be on or off' });
      return z.NEVER;
    })
    .optional(),
  BILLING_SCHEDULE: z
    .string()
    .trim()
    .refine(
      isValidSchedule,
      'must be a cron pattern such as 15 6 * * * (minute hour day month weekday)',
    )
    .default('15 6 * * *'),
  REMINDER_SCHEDULE: z
    .string()
    .trim()
    .refine(
      isValidSchedule,
      'must be a cron pattern such as 0 8 * * * (minute hour day month weekday)',
    )
    .default('0 8 * * *'),
  STRIPE_API_URL: z
    .url({ message: 'must be an absolute URL such as https://api.stripe.com' })
    .default('https://api.stripe.com'),
  PAYPAL_API_URL: z
    .url({ message: 'must be an absolute URL such as https://api-m.paypal.com' })
    .optional(),
  TWILIO_API_URL: z
    .url({ message: 'must be an absolute URL such as https://api.twilio.com' })
    .default('https://api.twilio.com'),
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || v === 'off' || isValidSchedule(v),
      'must be off or a cron pattern such as 30 2 * * * (minute hour day month weekday)',
    )
    .optional(),
  BACKUP_DIR: z.string().trim().min(1).optional(),
  BACKUP_KEEP_DAILY: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1)
    .default(7),
  BACKUP_KEEP_MONTHLY: z.coerce
    .number({ message: 'must be a number of months' })
    .int('must be a whole number of months')
    .min(0)
    .default(12),
});

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) =>
          `${String(i.path[0])}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  if (e.VAULT_KEY) {
    try {
      parseKeyring(e.VAULT_KEY);
    } catch (err) {
      throw new ConfigError([
        `VAULT_KEY: ${(err as Error).message} (e.g. k1:<output of openssl rand -base64 32>)`,
      ]);
    }
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'supporttracker.db')}`,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    portalHost: e.PORTAL_HOST || undefined,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'SupportTracker <no-reply@localhost>',
    vaultKey: e.VAULT_KEY,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    // `npm run dev` restarts on every change: no surprise billing runs from a developer's machine.
    scheduler: e.SCHEDULER ?? env.npm_lifecycle_event !== 'dev',
    billingSchedule: e.BILLING_SCHEDULE,
    reminderSchedule: e.REMINDER_SCHEDULE,
    stripeApiUrl: e.STRIPE_API_URL.replace(/\/$/, ''),
    paypalApiUrl: e.PAYPAL_API_URL?.replace(/\/$/, ''),
    twilioApiUrl: e.TWILIO_API_URL.replace(/\/$/, ''),
    backup: {
      schedule: e.BACKUP_SCHEDULE && e.BACKUP_SCHEDULE !== 'off' ? e.BACKUP_SCHEDULE : undefined,
      dir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')),
      keepDaily: e.BACKUP_KEEP_DAILY,
      keepMonthly: e.BACKUP_KEEP_MONTHLY,
    },
    throttle: {
      perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perIp: e.LOGIN_MAX_FAILURES_PER_IP,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
    },
  };
}
