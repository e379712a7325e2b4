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
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: every query function takes one of these first. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
