// The ordered list of migrations. Add new ones at the end; never edit or reorder a landed one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_assets_vault_documents.ts';
import * as m0003 from './0003_work_orders_time.ts';
import * as m0004 from './0004_invoicing.ts';
import * as m0005 from './0005_payments.ts';
import * as m0006 from './0006_search_index.ts';
import * as m0007 from './0007_work_order_due_index.ts';
import * as m0008 from './0008_payments_unapplied_index.ts';
import * as m0009 from './0009_receivables_effective_dates.ts';
import * as m0010 from './0010_login_failure_devices.ts';
import * as m0011 from './0011_search_number_prefix.ts';
import * as m0012 from './0012_user_home.ts';
import * as m0013 from './0013_invoice_totals_index.ts';
import * as m0014 from './0014_work_order_urgency.ts';
import * as m0015 from './0015_portal_flags.ts';
import * as m0016 from './0016_payment_instructions.ts';
import * as m0017 from './0017_portal_work_order_indexes.ts';
import * as m0018 from './0018_invoices_company_balance.ts';
import * as m0019 from './0019_telephony.ts';
import * as m0020 from './0020_pbx.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_assets_vault_documents': m0002,
  '0003_work_orders_time': m0003,
  '0004_invoicing': m0004,
  '0005_payments': m0005,
  '0006_search_index': m0006,
  '0007_work_order_due_index': m0007,
  '0008_payments_unapplied_index': m0008,
  '0009_receivables_effective_dates': m0009,
  '0010_login_failure_devices': m0010,
  '0011_search_number_prefix': m0011,
  '0012_user_home': m0012,
  '0013_invoice_totals_index': m0013,
  '0014_work_order_urgency': m0014,
  '0015_portal_flags': m0015,
  '0016_payment_instructions': m0016,
  '0017_portal_work_order_indexes': m0017,
  '0018_invoices_company_balance': m0018,
  '0019_telephony': m0019,
  '0020_pbx': m0020,
};
