// Billing settings (default hourly rate, time rounding) stored as one JSON value in app_settings.
// A missing or malformed value falls back to the defaults, so a fresh install bills sensibly.
import type { DbOrTrx } from '../../db/database.ts';
import { BillingSettingsInput, type BillingSettings } from './schemas.ts';
import { readSetting, writeSetting } from './queries.ts';

export const BILLING_SETTINGS_KEY = 'billing.time';
export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  defaultHourlyRateCents: 12_500,
  roundingIncrementMinutes: 15,
  minimumMinutes: 15,
};

export async function readBillingSettings(db: DbOrTrx): Promise<BillingSettings> {
  const parsed = BillingSettingsInput.safeParse(await readSetting(db, BILLING_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_BILLING_SETTINGS;
}

export const writeBillingSettings = (db: DbOrTrx, s: BillingSettings, now: string) =>
  writeSetting(db, BILLING_SETTINGS_KEY, s, now);

export const roundingRule = (s: BillingSettings) => ({
  incrementMinutes: s.roundingIncrementMinutes,
  minimumMinutes: s.minimumMinutes,
});
