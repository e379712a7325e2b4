// The asset header with its tabs: overview, credentials, documents, history, service records.
// Every asset page renders it (the vault and documents features too), so an asset feels like one place.
import { TabStrip } from '../../../views/components.tsx';
import type { ComponentChildren } from 'preact';

export type AssetTab =
  | 'overview'
  | 'credentials'
  | 'documents'
  | 'history'
  | 'service'
  | 'work-orders';
export type AssetHeading = {
  id: string;
  name: string;
  status: string;
  companyId: string;
  companyName: string;
  categoryName?: string;
};

const TABS: [AssetTab, string, string][] = [
  ['overview', 'Overview', ''],
  ['credentials', 'Credentials', '/credentials'],
  ['documents', 'Documents', '/documents'],
  ['history', 'History', '/history'],
  ['service', 'Service records', '/service'],
  ['work-orders', 'Work orders', '/work-orders'],
];

const STATUS_BADGE: Record<string, string> = {
  in_service: 'text-bg-success',
  spare: 'text-bg-info',
  in_repair: 'text-bg-warning',
  retired: 'text-bg-secondary',
};
export const STATUS_LABEL: Record<string, string> = {
  in_service: 'In service',
  spare: 'Spare',
  in_repair: 'In repair',
  retired: 'Retired',
};

export function AssetHeader(p: {
  asset: AssetHeading;
  active: AssetTab;
  actions?: ComponentChildren;
}) {
  const a = p.asset;
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb mb-1">
          <li class="breadcrumb-item">
            <a href="/companies">Companies</a>
          </li>
          <li class="breadcrumb-item">
            <a href={`/companies/${a.companyId}/assets`}>{a.companyName}</a>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            {a.name}
          </li>
        </ol>
      </nav>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 class="h3 mb-0">
          {a.name}{' '}
          <span class={`badge ${STATUS_BADGE[a.status] ?? 'text-bg-light'} align-middle fs-6`}>
            {STATUS_LABEL[a.status] ?? a.status}
          </span>
          {a.categoryName ? (
            <span class="text-body-secondary fs-6 ms-2">{a.categoryName}</span>
          ) : null}
        </h1>
        <div class="d-flex gap-2">{p.actions}</div>
      </div>
      <TabStrip base={`/assets/${a.id}`} tabs={TABS} active={p.active} />
    </>
  );
}
