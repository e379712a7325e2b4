import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // A run id for the server test databases, and all of them dropped at the end.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two workers, each with its own databases.
    maxWorkers: 2,
    // Test files share a worker's module cache instead of re-importing the app for each file (that
    // import was ~100 s of the run). Safe because tests keep no state in modules: each file creates
    // its own databases, app and actors, and nothing mocks modules or fakes timers globally.
    isolate: false,
  },
});
