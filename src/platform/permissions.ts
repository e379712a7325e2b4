// The role matrix. Services call assertCan(); routes and menus may call can() to hide what a role
// cannot use, but hiding is never the protection.
import type { Actor, Role } from './actor.ts';
import { ForbiddenError } from './errors.ts';

const ALL: Role[] = ['admin', 'billing', 'technician', 'readonly'];

export const PERMISSIONS = {
  'companies.read': ALL,
  'companies.write': ['admin', 'billing', 'technician'],
  'companies.deactivate': ['admin', 'billing'],
  'contacts.write': ['admin', 'billing', 'technician'],
  'users.manage': ['admin'],
  // The staff directory (id, name, role, active) that assigning work and logging time need; only
  // users.manage also sees each user's email.
  'users.read': ALL,
  'settings.manage': ['admin'],
  'apikeys.manage': ['admin'],
  'audit.read': ['admin'],
  'billing.read': ['admin', 'billing', 'readonly'],
  'billing.write': ['admin', 'billing'],
  // Running the monthly billing, the service catalogue and tax rates, a company's recurring services.
  'billing.run': ['admin', 'billing'],
  'billing.catalog': ['admin'],
  'services.write': ['admin', 'billing'],
  'reports.read': ['admin', 'billing', 'readonly'],
  'assets.read': ALL,
  'assets.write': ['admin', 'technician'],
  'assets.categories': ['admin'],
  // Billing and read-only staff see that an entry exists (label, username, URL), never its secret.
  'credentials.read': ALL,
  'credentials.write': ['admin', 'technician'],
  'credentials.reveal': ['admin', 'technician'],
  'documents.read': ALL,
  'documents.write': ['admin', 'technician'],
  'workorders.read': ALL,
  'workorders.write': ['admin', 'technician', 'billing'],
  // Technicians log their own time; admins may log or correct anyone's; billing reads it all.
  'time.own': ['admin', 'technician'],
  'time.any': ['admin'],
  'time.read': ['admin', 'billing', 'technician', 'readonly'],
  'parts.write': ['admin', 'technician', 'billing'],
  'telephony.read': ['admin', 'billing', 'technician', 'readonly'],
  // Phone systems (FreePBX records, sync); their API secrets follow credentials.reveal.
  'pbx.manage': ['admin', 'technician'],
  // Linking a company to its Twilio subaccount, syncing its numbers and usage (issue 13).
  'telephony.write': ['admin', 'technician'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.type === 'system') return true;
  if (actor.type === 'contact') return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission))
    throw new ForbiddenError(`Your role cannot do this (${permission}).`);
}
