// The portal's sections, in nav order. A section appears only to contacts with its flag, and only
// once its pages exist: the next portal page adds its entry here (href, label, flag) and the nav
// and the home page's links pick it up. Home and Account are for every portal contact.
import type { PortalFlag } from '../context.ts';

export type PortalSection = {
  key: string;
  href: string;
  label: string;
  /** Omitted: every portal contact sees it. */
  flag?: PortalFlag;
};

export const PORTAL_SECTIONS: PortalSection[] = [
  { key: 'home', href: '/portal', label: 'Home' },
  { key: 'invoices', href: '/portal/invoices', label: 'Invoices', flag: 'billing' },
  { key: 'payments', href: '/portal/payments', label: 'Payments', flag: 'billing' },
  { key: 'work-orders', href: '/portal/work-orders', label: 'Work orders', flag: 'service' },
  { key: 'assets', href: '/portal/assets', label: 'Devices', flag: 'service' },
  { key: 'services', href: '/portal/services', label: 'Services', flag: 'service' },
  { key: 'account', href: '/portal/account', label: 'My account' },
];

export const portalNav = (flags: { billing: boolean; service: boolean }) =>
  PORTAL_SECTIONS.filter((s) => !s.flag || flags[s.flag]);

/** The href of a section this contact may open, or null (the home page then shows plain text). */
export function sectionHref(
  key: string,
  flags: { billing: boolean; service: boolean },
): string | null {
  const s = PORTAL_SECTIONS.find((x) => x.key === key);
  return s && (!s.flag || flags[s.flag]) ? s.href : null;
}
