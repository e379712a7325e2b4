// Every feature's routes, registered in one place. A new feature adds one line here.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/context.ts';
import { healthRoutes } from './ops/health.ts';
import { setupRoutes } from './setup/routes.tsx';
import { authRoutes } from './auth/routes.tsx';
import { dashboardRoutes } from './dashboard/routes.tsx';
import { placeholderRoutes } from './dashboard/placeholders.tsx';
import { companyRoutes } from './companies/routes.tsx';
import { companyApi } from './companies/api.ts';
import { contactRoutes } from './contacts/routes.tsx';
import { userRoutes } from './users/routes.tsx';
import { userApi } from './users/api.ts';
import { settingsRoutes } from './settings/routes.tsx';
import { auditRoutes } from './audit/routes.tsx';
import { searchRoutes } from './search/routes.tsx';
import { openApiRoutes } from './api/openapi.ts';
import { vaultRoutes } from './vault/routes.tsx';
import { vaultApi } from './vault/api.ts';
import { locationRoutes } from './locations/routes.tsx';
import { locationApi } from './locations/api.ts';
import { assetRoutes } from './assets/routes.tsx';
import { assetTabRoutes } from './assets/tab-routes.tsx';
import { categoryRoutes } from './categories/routes.tsx';
import { assetApi } from './assets/api.ts';
import { assetImportRoutes } from './assets/import/routes.tsx';
import { documentRoutes } from './documents/routes.tsx';
import { documentApi } from './documents/api.ts';
import { timeRoutes } from './time/routes.tsx';
import { workOrderRoutes } from './work-orders/routes.tsx';
import { workOrderApi } from './work-orders/api.ts';
import { billingSetupRoutes } from './billing-setup/routes.tsx';
import { billingSetupApi } from './billing-setup/api.ts';
import { invoiceRoutes } from './invoices/routes.tsx';
import { invoiceApi } from './invoices/api.ts';
import { invoiceExportRoutes } from './invoices/export-routes.tsx';
import { paymentRoutes } from './payments/routes.tsx';
import { paymentApi } from './payments/api.ts';
import { receivablesRoutes } from './receivables/routes.tsx';
import { receivablesApi } from './receivables/api.ts';
import { reminderRoutes } from './reminders/routes.tsx';
import { onlinePaymentRoutes } from './online-payments/routes.tsx';
import { billingRoutes } from './billing/routes.tsx';
import { billingApi } from './billing/api.ts';
import { portalRoutes } from './portal/routes.tsx';
import { payLinkStaffRoutes } from './portal/pay-link-staff-routes.tsx';
import { telephonyRoutes } from './telephony/routes.tsx';
import { telephonyApi } from './telephony/api.ts';
import { pbxRoutes } from './pbx/routes.tsx';
import { pbxApi } from './pbx/api.ts';

export async function featureRoutes(app: FastifyInstance, deps: Deps) {
  for (const register of [
    healthRoutes,
    setupRoutes,
    authRoutes,
    dashboardRoutes,
    placeholderRoutes,
    companyRoutes,
    companyApi,
    contactRoutes,
    userRoutes,
    userApi,
    settingsRoutes,
    auditRoutes,
    searchRoutes,
    openApiRoutes,
    vaultRoutes,
    vaultApi,
    locationRoutes,
    locationApi,
    assetRoutes,
    assetTabRoutes,
    categoryRoutes,
    assetApi,
    assetImportRoutes,
    documentRoutes,
    documentApi,
    timeRoutes,
    workOrderRoutes,
    workOrderApi,
    invoiceRoutes,
    invoiceApi,
    invoiceExportRoutes,
    paymentRoutes,
    paymentApi,
    billingSetupRoutes,
    billingSetupApi,
    billingRoutes,
    billingApi,
    onlinePaymentRoutes,
    receivablesRoutes,
    receivablesApi,
    reminderRoutes,
    portalRoutes,
    payLinkStaffRoutes,
    telephonyRoutes,
    telephonyApi,
    pbxRoutes,
    pbxApi,
  ]) {
    await register(app, deps);
  }
}
