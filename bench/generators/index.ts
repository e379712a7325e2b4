// The generator steps, in dependency order. A later issue adds its table as one more step here
// (e.g. assets after contacts, then work orders, invoices, payments), each in its own file.
import type { GenContext } from './context.ts';
import { generateStaff } from './staff.ts';
import { generateCompanies } from './companies.ts';
import { generateContacts } from './contacts.ts';
import { generateActivity } from './activity.ts';
import { generateCredentials } from './credentials.ts';
import { generateLocationsAndAssets } from './assets.ts';
import { generateWorkOrders } from './work-orders.ts';
import { generateTimeEntries } from './time-entries.ts';
import { generateInvoices } from './invoices.ts';
import { generatePayments } from './payments.ts';

export type Step = { name: string; table: string; run: (g: GenContext) => Promise<void> };

export const STEPS: Step[] = [
  { name: 'staff', table: 'users', run: generateStaff },
  { name: 'companies', table: 'companies', run: generateCompanies },
  { name: 'contacts', table: 'contacts', run: generateContacts },
  { name: 'activity', table: 'audit_log', run: generateActivity },
  { name: 'assets', table: 'assets', run: generateLocationsAndAssets },
  { name: 'credentials', table: 'credentials', run: generateCredentials },
  { name: 'work-orders', table: 'work_orders', run: generateWorkOrders },
  { name: 'time-entries', table: 'time_entries', run: generateTimeEntries },
  { name: 'invoices', table: 'invoices', run: generateInvoices },
  { name: 'payments', table: 'payments', run: generatePayments },
];
