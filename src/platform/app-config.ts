// The settings the app runs with, as every service sees them in deps.config. src/config.ts builds
// one from the environment (and says which variable is wrong); this module imports nothing, so the
// platform can type its deps without importing the wiring that reads the environment.
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl?: string;
  /** PORTAL_HOST: a host name (e.g. support.example-msp.com) that serves the customer portal alone. */
  portalHost?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionTtlHours: number;
  /** false, a number of trusted proxy hops, or a list of trusted proxy addresses (Fastify's trustProxy). */
  trustProxy: boolean | number | string;
  smtpUrl?: string;
  mailFrom: string;
  throttle: { perAccount: number; perIp: number; lockMinutes: number };
  /** Largest document upload, in bytes (UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
  /** Key ring spec from VAULT_KEY; when unset, main.ts keeps a generated key in DATA_DIR. */
  vaultKey?: string;
  /** Whether this instance runs scheduled jobs (SCHEDULER; off by default under `npm run dev`). */
  scheduler: boolean;
  /** When the daily billing run fires, a cron pattern read in the business time zone. */
  billingSchedule: string;
  /** When the payment reminders (and late fees) run, in the business time zone. */
  reminderSchedule: string;
  /** Where the Stripe API is (STRIPE_API_URL; tests point it at a local fake). */
  stripeApiUrl: string;
  /** PAYPAL_API_URL when set; otherwise the PayPal settings' sandbox/live choice decides. */
  paypalApiUrl?: string;
  /** Where the Twilio REST API is (TWILIO_API_URL; tests point it at a local fake). */
  twilioApiUrl: string;
  /** Backups: BACKUP_SCHEDULE (unset or off: none scheduled), BACKUP_DIR, BACKUP_KEEP_DAILY/MONTHLY. */
  backup: { schedule?: string; dir: string; keepDaily: number; keepMonthly: number };
};
