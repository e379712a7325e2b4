// The company header with its tabs. Every company-scoped page (overview, assets, locations,
// credentials, documents, and later work orders and invoices) renders it, so the company's
// pages feel like one place.
import { TabStrip } from '../../../views/components.tsx';
import type { ComponentChildren } from 'preact';

export type CompanyTab =
  | 'overview'
  | 'assets'
  | 'locations'
  | 'credentials'
  | 'documents'
  | 'work-orders'
  | 'unbilled'
  | 'services'
  | 'invoices'
  | 'phone-services'
  | 'pbx';

const TABS: [CompanyTab, string, string][] = [
  ['overview', 'Overview', ''],
  ['assets', 'Assets', '/assets'],
  ['locations', 'Locations', '/locations'],
  ['credentials', 'Credentials', '/credentials'],
  ['documents', 'Documents', '/documents'],
  ['work-orders', 'Work orders', '/work-orders'],
  ['unbilled', 'Ready to bill', '/unbilled'],
  ['services', 'Services', '/services'],
  ['invoices', 'Invoices', '/invoices'],
  ['phone-services', 'Phone services', '/phone-services'],
  ['pbx', 'Phone systems', '/pbx'],
];

export function CompanyHeader(p: {
  company: { id: string; name: string; status: string };
  active: CompanyTab;
  actions?: ComponentChildren;
}) {
  const c = p.company;
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/companies">Companies</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {c.name}
          </li>
        </ol>
      </nav>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0">
          {c.name}{' '}
          {c.status === 'inactive' ? (
            <span class="badge text-bg-secondary align-middle fs-6">inactive</span>
          ) : null}
        </h1>
        <div class="d-flex gap-2">{p.actions}</div>
      </div>
      <TabStrip base={`/companies/${c.id}`} tabs={TABS} active={p.active} />
    </>
  );
}
