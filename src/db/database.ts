// Table types for Kysely. Columns are snake_case; features map rows to camelCase domain objects
// in their queries.ts. Booleans are stored as 0/1 integers so all three dialects read the same.
import type { Kysely, Transaction } from 'kysely';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  active: number;
  totp_secret_enc: string | null;
  totp_enabled: number;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
  // Added by migration 0003; optional so older insert paths need not name them.
  hourly_rate_cents?: number | null;
  cost_rate_cents?: number | null;
  recovery_codes: string | null;
  /** Migration 0012: 'work' | 'office', or null for the role's default home page. */
  home?: string | null;
  created_at: string;
  updated_at: string;
}

export interface CompaniesTable {
  id: string;
  name: string;
  name_sort: string;
  search_text: string;
  status: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  billing_address: string | null;
  billing_contact_id: string | null;
  monthly_rate_cents: number;
  contract_start: string | null;
  billing_day: number;
  payment_terms_days: number;
  tax_exempt: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** Per-company billable hourly rate, over the technician's and the default (migration 0003). */
  hourly_rate_cents?: number | null;
  /** Migration 0004: the first period start the app billed (earlier periods are never charged). */
  billing_anchor?: string | null;
  /** Migration 0004: 1 = ready-to-bill time and parts go on the monthly invoice. */
  bill_work_monthly?: number;
  /** Migration 0004: this company's tax rate over the default (ignored when tax exempt). */
  tax_rate_id?: string | null;
  /** Migration 0005: 1 = no automatic payment reminders (e.g. during a dispute). */
  reminders_paused?: number;
  reminders_paused_reason?: string | null;
}

export interface ContactsTable {
  id: string;
  company_id: string;
  name: string;
  name_sort: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  portal_access: number;
  password_hash: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  /** 1 when the contact asked not to receive work order emails (migration 0003; defaults to 0). */
  email_opt_out?: number;
  /** Portal (migration 0015): what the contact may see, their invoice emails, their own TOTP. */
  portal_billing?: number;
  portal_service?: number;
  invoice_emails?: number;
  totp_secret_enc?: string | null;
  totp_enabled?: number;
  totp_last_step?: number | null;
  recovery_codes?: string | null;
  last_login_at?: string | null;
}

export interface SessionsTable {
  id: string;
  principal_type: string;
  principal_id: string;
  pending_2fa: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /** A read-only "view as customer" portal session opened by this staff user (migration 0015). */
  acting_user_id?: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  ip: string;
  at: string;
  /** device id of the trusted device cookie the attempt came with (platform/device-cookies.ts) */
  device: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  company_id: string | null;
  summary: string | null;
  ip: string | null;
}

export interface BusinessProfileTable {
  id: string;
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  logo_key: string | null;
  time_zone: string;
  currency: string;
  invoice_prefix: string;
  updated_at: string;
  /** The portal's accent colour, #rrggbb (migration 0015). */
  accent_color?: string | null;
}

export interface PortalLinksTable {
  /** SHA-256 of the emailed token. */
  id: string;
  contact_id: string;
  kind: 'invite' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LocationsTable {
  id: string;
  company_id: string;
  name: string;
  name_sort: string;
  address: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssetCategoriesTable {
  id: string;
  name: string;
  /** JSON: [{ key, label, type: 'text'|'number'|'date'|'select'|'url', options? }] */
  fields: string;
  created_at: string;
  updated_at: string;
}

export interface AssetsTable {
  id: string;
  company_id: string;
  category_id: string;
  name: string;
  name_sort: string;
  make: string | null;
  model: string | null;
  serial: string | null;
  asset_tag: string | null;
  status: string;
  location_id: string | null;
  contact_id: string | null;
  ip_addresses: string | null;
  mac: string | null;
  os: string | null;
  purchase_date: string | null;
  purchase_price_cents: number | null;
  vendor: string | null;
  warranty_expires: string | null;
  notes: string | null;
  /** JSON object of the category's extra fields: { key: value } */
  custom_fields: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceRecordsTable {
  id: string;
  asset_id: string;
  company_id: string;
  performed_on: string;
  description: string;
  performed_by_id: string | null;
  performed_by_name: string;
  minutes: number;
  work_order_id: string | null;
  created_at: string;
}

export interface CredentialsTable {
  id: string;
  company_id: string;
  asset_id: string | null;
  /** 'login' (username/password/URL/TOTP) or 'note' (a secure note on its own) */
  kind: string;
  label: string;
  label_sort: string;
  username: string | null;
  url: string | null;
  tags: string | null;
  /** Sealed with lib/crypto.ts; never plaintext. */
  password_enc: string | null;
  totp_enc: string | null;
  notes_enc: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface DocumentsTable {
  id: string;
  company_id: string;
  asset_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by_id: string | null;
  uploaded_by_name: string;
  created_at: string;
  deleted_at: string | null;
  deleted_by_name: string | null;
  /** Attachments of work orders and their comments (migration 0003). */
  work_order_id?: string | null;
  comment_id?: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface AppSettingsTable {
  key: string;
  /** JSON-encoded */
  value: string;
  updated_at: string;
}

export interface WorkOrdersTable {
  id: string;
  number: number;
  company_id: string;
  contact_id: string | null;
  title: string;
  description: string | null;
  /** low | normal | high | urgent */
  priority: string;
  /** new | scheduled | in_progress | waiting_customer | waiting_parts | resolved | closed | cancelled */
  status: string;
  assigned_to_id: string | null;
  scheduled_for: string | null;
  due_on: string | null;
  /** staff | portal | email */
  source: string;
  /** contract | billable | no_charge */
  billing: string;
  search_text: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface WorkOrderAssetsTable {
  work_order_id: string;
  asset_id: string;
}

export interface WorkOrderCommentsTable {
  id: string;
  work_order_id: string;
  /** staff | contact */
  author_type: string;
  author_id: string | null;
  author_name: string;
  /** internal | public */
  visibility: string;
  body: string;
  created_at: string;
}

export interface TimeEntriesTable {
  id: string;
  work_order_id: string;
  company_id: string;
  user_id: string;
  user_name: string;
  /** = user_id while the timer runs, else null (unique: one running timer per technician) */
  running_user_id: string | null;
  started_at: string | null;
  ended_at: string | null;
  work_date: string;
  minutes_raw: number;
  /** rounded by the settings' rule */
  minutes: number;
  description: string | null;
  billable: number;
  rate_cents: number;
  cost_rate_cents: number;
  billable_cents: number;
  cost_cents: number;
  invoice_id: string | null;
  invoiced_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WorkOrderPartsTable {
  id: string;
  work_order_id: string;
  company_id: string;
  description: string;
  quantity_thousandths: number;
  unit_cost_cents: number;
  unit_price_cents: number;
  markup_bp: number | null;
  billable: number;
  total_cost_cents: number;
  total_price_cents: number;
  invoice_id: string | null;
  invoiced_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SavedViewsTable {
  id: string;
  user_id: string;
  area: string;
  name: string;
  query: string;
  created_at: string;
}

export interface EmailLogTable {
  id: string;
  to_address: string;
  subject: string;
  kind: string;
  entity_type: string | null;
  entity_id: string | null;
  /** sent | logged (no SMTP) | failed */
  status: string;
  error: string | null;
  created_at: string;
}

export interface TaxRatesTable {
  id: string;
  name: string;
  rate_ppm: number;
  is_default: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceCatalogTable {
  id: string;
  name: string;
  description: string | null;
  /** support | backup | telephony | pbx | other */
  kind: string;
  unit_price_cents: number;
  unit_cost_cents: number | null;
  markup_bp: number | null;
  taxable: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CompanyServicesTable {
  id: string;
  company_id: string;
  catalog_id: string | null;
  description: string;
  quantity_thousandths: number;
  /** Per unit and month; derived from cost + markup when both are set. */
  unit_price_cents: number;
  unit_cost_cents: number | null;
  markup_bp: number | null;
  taxable: number;
  start_date: string;
  end_date: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface BillingRunsTable {
  id: string;
  as_of: string;
  /** scheduler | cli | page | api */
  triggered_by: string;
  /** running | completed | failed */
  status: string;
  invoices_created: number;
  total_cents: number;
  error: string | null;
  actor_label: string;
  started_at: string;
  finished_at: string | null;
}

export interface InvoicesTable {
  id: string;
  company_id: string;
  /** invoice | credit_note */
  kind: string;
  /** Taken on issue: INV-2026-00001 (gapless per prefix and year); NULL while a draft. */
  number: string | null;
  /** draft | issued | void */
  status: string;
  issue_date: string | null;
  due_date: string | null;
  terms_days: number;
  period_start: string | null;
  period_end: string | null;
  currency: string;
  bill_to_name: string;
  bill_to_address: string | null;
  bill_to_email: string | null;
  subtotal_cents: number;
  tax_cents: number;
  total_cents: number;
  /** Running totals: payments allocated, credit notes issued against it; balance = total - both. */
  paid_cents: number;
  credited_cents: number;
  balance_cents: number;
  credit_for_invoice_id: string | null;
  /** manual | billing_run | work_order */
  source: string;
  billing_run_id: string | null;
  /** company id:period start for a billing run's invoice (unique). */
  run_key: string | null;
  notes: string | null;
  footer: string | null;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  issued_at: string | null;
  voided_at: string | null;
  /** the void's date (receivables as of a date) */
  voided_on: string | null;
  void_reason: string | null;
  sent_at: string | null;
  auto_sent_at: string | null;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  /** contract | service | time | part | manual | credit */
  kind: string;
  description: string;
  quantity_thousandths: number;
  unit_price_cents: number;
  /** lineTotal(unit_price_cents, quantity_thousandths), before tax */
  amount_cents: number;
  tax_rate_id: string | null;
  tax_name: string | null;
  tax_rate_ppm: number;
  tax_cents: number;
  period_start: string | null;
  period_end: string | null;
  service_id: string | null;
  work_order_id: string | null;
  /** time_entry | part | invoice_line */
  source_type: string | null;
  source_id: string | null;
  created_at: string;
}

export interface RecurringChargesTable {
  id: string;
  company_id: string;
  /** contract:<company id> | service:<company service id>; unique with period_start */
  source_key: string;
  service_id: string | null;
  period_start: string;
  period_end: string;
  amount_cents: number;
  invoice_id: string;
  invoice_line_id: string;
  created_at: string;
}

export interface JobLeasesTable {
  name: string;
  holder: string | null;
  expires_at: string;
  last_run_at: string | null;
  last_result: string | null;
}

export interface PaymentsTable {
  id: string;
  company_id: string;
  /** check | cash | bank | card | paypal */
  method: string;
  reference: string | null;
  received_on: string;
  amount_cents: number;
  fee_cents: number;
  memo: string | null;
  deposit_batch: string | null;
  /** recorded | void */
  status: string;
  /** applied + unapplied = amount - refunded (recorded payments) */
  applied_cents: number;
  unapplied_cents: number;
  refunded_cents: number;
  /** stripe | paypal */
  provider: string | null;
  provider_ref: string | null;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  voided_at: string | null;
  /** the date the void takes effect (a bounced check's return date), >= received_on */
  voided_on: string | null;
  void_reason: string | null;
}

export interface PaymentAllocationsTable {
  id: string;
  payment_id: string;
  invoice_id: string;
  company_id: string;
  amount_cents: number;
  /** payment | credit | manual */
  kind: string;
  created_at: string;
  /** the date it counts from: the later of received_on and the invoice's issue date */
  effective_on: string;
  reversed_at: string | null;
  /** the date its reversal (void, refund, unapply) takes effect */
  reversed_on: string | null;
  reversed_reason: string | null;
}

export interface RefundsTable {
  id: string;
  payment_id: string;
  amount_cents: number;
  provider_ref: string | null;
  reason: string | null;
  /** the date the refund takes effect */
  refunded_on: string;
  created_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  idem_key: string;
  request_hash: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

export interface WebhookEventsTable {
  id: string;
  /** stripe | paypal */
  provider: string;
  event_id: string;
  type: string;
  received_at: string;
  result: string | null;
}

export interface OnlineCheckoutsTable {
  id: string;
  provider: string;
  provider_id: string | null;
  company_id: string;
  invoice_id: string | null;
  amount_cents: number;
  currency: string;
  /** open | completed | expired | failed */
  status: string;
  url: string | null;
  payment_id: string | null;
  created_by_label: string;
  created_at: string;
  completed_at: string | null;
  /** Several chosen invoices, as a JSON array of ids in the customer's order (migration 0016). */
  invoice_ids?: string | null;
  /** Where the receipt is emailed once the payment is recorded, and when it was. */
  receipt_to?: string | null;
  receipt_sent_at?: string | null;
}

export interface InvoicePayLinksTable {
  /** SHA-256 of the token in the invoice email. */
  id: string;
  invoice_id: string;
  company_id: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_label: string | null;
}

export interface PayLinkFailuresTable {
  id: string;
  ip: string;
  at: string;
}

export interface InvoiceRemindersTable {
  id: string;
  invoice_id: string;
  company_id: string;
  step: string;
  /** sent | logged | failed | skipped */
  status: string;
  to_address: string | null;
  created_at: string;
}

export interface LateFeesTable {
  id: string;
  invoice_id: string;
  rule: string;
  fee_invoice_id: string;
  amount_cents: number;
  created_at: string;
}

export interface PbxSystemsTable {
  id: string;
  company_id: string;
  name: string;
  host_url: string;
  version: string | null;
  location_id: string | null;
  notes: string | null;
  client_id: string | null;
  /** Sealed with lib/crypto.ts; opened only by the audited reveal and by a sync. */
  client_secret_enc: string | null;
  asterisk_version: string | null;
  last_sync_at: string | null;
  last_sync_outcome: string | null;
  created_at: string;
  updated_at: string;
}

export interface PbxSnapshotsTable {
  id: string;
  pbx_system_id: string;
  taken_at: string;
  taken_by: string | null;
  taken_by_label: string;
  /** JSON: the PbxConfig read by a sync (src/features/pbx/freepbx.ts). */
  content: string;
  content_hash: string;
}

export interface PbxSyncLogTable {
  id: string;
  pbx_system_id: string;
  at: string;
  by_label: string;
  /** 'snapshot' | 'unchanged' | 'error' */
  outcome: string;
  snapshot_id: string | null;
  message: string | null;
}

/** Migration 0019: a company's Twilio subaccount (token sealed with lib/crypto.ts). */
export interface TelephonyAccountsTable {
  id: string;
  company_id: string;
  account_sid: string;
  friendly_name: string;
  auth_token_enc: string | null;
  last_sync_at: string | null;
  last_sync_outcome: string | null;
  created_at: string;
  updated_at: string;
}

export interface PhoneNumbersTable {
  id: string;
  company_id: string;
  /** 'twilio' | 'manual' */
  source: string;
  account_sid: string | null;
  twilio_sid: string | null;
  e164: string;
  friendly_name: string;
  number_type: string | null;
  /** Comma-separated: voice,sms,mms,fax */
  capabilities: string;
  /** Twilio's status (e.g. 'in-use'), or 'released' once gone from Twilio. */
  status: string;
  voice_url: string | null;
  trunk_sid: string | null;
  date_added: string | null;
  released_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TelephonyUsageTable {
  id: string;
  company_id: string;
  account_sid: string;
  category: string;
  period_start: string;
  period_end: string;
  description: string | null;
  quantity: string;
  unit: string;
  event_count: string | null;
  count_unit: string | null;
  /** Thousandths of a cent (USD 0.0125 = 1250), rounded once. */
  cost_millicents: number;
  price_unit: string;
  as_of: string | null;
  pulled_at: string;
}

export interface TelephonySyncLogTable {
  id: string;
  company_id: string;
  account_sid: string;
  at: string;
  by_label: string;
  /** 'ok' | 'error' */
  outcome: string;
  added: number;
  changed: number;
  released: number;
  usage_rows: number;
  message: string | null;
}

export interface Database {
  users: UsersTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  business_profile: BusinessProfileTable;
  password_resets: PasswordResetsTable;
  portal_links: PortalLinksTable;
  locations: LocationsTable;
  asset_categories: AssetCategoriesTable;
  assets: AssetsTable;
  service_records: ServiceRecordsTable;
  credentials: CredentialsTable;
  documents: DocumentsTable;
  counters: CountersTable;
  app_settings: AppSettingsTable;
  work_orders: WorkOrdersTable;
  work_order_assets: WorkOrderAssetsTable;
  work_order_comments: WorkOrderCommentsTable;
  time_entries: TimeEntriesTable;
  work_order_parts: WorkOrderPartsTable;
  saved_views: SavedViewsTable;
  email_log: EmailLogTable;
  tax_rates: TaxRatesTable;
  service_catalog: ServiceCatalogTable;
  company_services: CompanyServicesTable;
  billing_runs: BillingRunsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  recurring_charges: RecurringChargesTable;
  job_leases: JobLeasesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  refunds: RefundsTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_events: WebhookEventsTable;
  online_checkouts: OnlineCheckoutsTable;
  invoice_pay_links: InvoicePayLinksTable;
  pay_link_failures: PayLinkFailuresTable;
  invoice_reminders: InvoiceRemindersTable;
  late_fees: LateFeesTable;
  pbx_systems: PbxSystemsTable;
  pbx_snapshots: PbxSnapshotsTable;
  pbx_sync_log: PbxSyncLogTable;
  telephony_accounts: TelephonyAccountsTable;
  phone_numbers: PhoneNumbersTable;
  telephony_usage: TelephonyUsageTable;
  telephony_sync_log: TelephonySyncLogTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: every query function takes one of these first. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
