// Each journey gets its own freshly started app (new data directory, empty SQLite database), so
// journeys never depend on each other's order and the setup page is always reachable.
import { test as base, expect } from '@playwright/test';
import { startApp, type RunningApp } from './app-server.ts';

export const test = base.extend<{ app: RunningApp }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring first argument
  app: async ({}, use, testInfo) => {
    const app = await startApp();
    try {
      await use(app);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('server-output', { body: app.output(), contentType: 'text/plain' });
      await app.stop();
    }
  },
  baseURL: async ({ app }, use) => use(app.url),
});

export { expect };
export { ADMIN, BUSINESS, completeSetup, field, signIn, signOut } from './steps.ts';
