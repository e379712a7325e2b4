// Who is acting. Every service call receives one; every permission and scope check starts here.
export const ROLES = ['admin', 'billing', 'technician', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export type StaffActor = {
  type: 'staff';
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** Set when the request is authenticated by an API key rather than a signed-in session. */
  apiKeyId?: string;
};
export type ContactActor = {
  type: 'contact';
  contactId: string;
  companyId: string;
  name: string;
  email: string;
  /** The company's name, for the portal's pages. */
  companyName?: string;
  /** What staff let this contact see in the portal (migration 0015); absent means neither. */
  access?: { billing: boolean; service: boolean };
  /** Set while an admin views the portal as this contact: read-only, every change refused. */
  viewAs?: { userId: string; name: string };
};
/** The CLI, the scheduler and migrations: trusted code run by whoever operates the server. */
export type SystemActor = { type: 'system'; label: string };
export type Actor = StaffActor | ContactActor | SystemActor;

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

export function actorLabel(actor: Actor): string {
  if (actor.type === 'system') return actor.label;
  if (actor.type === 'staff' && actor.apiKeyId) return `${actor.name} (API key)`;
  return `${actor.name} <${actor.email}>`;
}

export function actorId(actor: Actor): string | null {
  if (actor.type === 'staff') return actor.apiKeyId ?? actor.userId;
  if (actor.type === 'contact') return actor.contactId;
  return null;
}
