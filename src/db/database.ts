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
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: every query function takes one of these first. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
