import { defineConfig } from 'vitest/config';

/**
 * Server tests run on the embedded PostgreSQL always, and again on the PostgreSQL server when
 * DATABASE_URL is set (CI sets it), so every query is proven on PostgreSQL 18 and 15.
 */
const serverProject = (engine: 'pglite' | 'postgres') => ({
  test: {
    name: `server:${engine}`,
    root: 'apps/server',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    env: { PARLEY_TEST_ENGINE: engine },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      serverProject('pglite'),
      ...(process.env.DATABASE_URL ? [serverProject('postgres')] : []),
      'apps/web/vitest.config.ts',
      'packages/contract/vitest.config.ts',
    ],
  },
});
