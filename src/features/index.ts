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

export async function featureRoutes(app: FastifyInstance, deps: Deps) {
  for (const register of [healthRoutes, setupRoutes, authRoutes, dashboardRoutes, placeholderRoutes, companyRoutes, companyApi, contactRoutes, userRoutes, settingsRoutes, auditRoutes, searchRoutes, openApiRoutes, vaultRoutes, vaultApi, locationRoutes, locationApi, assetRoutes, assetTabRoutes, categoryRoutes, assetApi, assetImportRoutes, documentRoutes, documentApi, timeRoutes, workOrderRoutes, workOrderApi]) {
    await register(app, deps);
  }
}
