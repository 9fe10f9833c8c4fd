import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './demo.ts';

// E2E_PORT lets two checkouts run their browser suites side by side.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
/** Where the demo webhook channel's replies go: `scripts/fake-provider.mjs`. */
const fakeProviderURL = 'http://127.0.0.1:4010';

const dataDirPrefix = 'parley-e2e-';

/**
 * Earlier runs' folders whose server is gone. A running server refreshes its lock folder every
 * ten seconds, so a folder older than a minute without a fresh lock is nobody's any more.
 */
function removeAbandonedDataDirs() {
  const minute = 60_000;
  const ageOf = (file: string) => {
    try {
      return Date.now() - statSync(file).mtimeMs;
    } catch {
      return Infinity;
    }
  };
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(dataDirPrefix)) continue;
    const dir = path.join(os.tmpdir(), name);
    if (ageOf(dir) > minute && ageOf(path.join(dir, 'parley.lock')) > minute)
      rmSync(dir, { recursive: true, force: true });
  }
}

// The config is evaluated again in every worker; they inherit the runner's environment, so only
// the runner makes the folder. An empty database means the demo data is seeded at start.
if (!process.env.PARLEY_E2E_DATA_DIR) {
  mkdirSync(os.tmpdir(), { recursive: true });
  removeAbandonedDataDirs();
  process.env.PARLEY_E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
}
const dataDir = process.env.PARLEY_E2E_DATA_DIR;

export default defineConfig({
  testDir: '.',
  // One server and four demo accounts are shared, so tests run one at a time.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  outputDir: './test-results',
  // A test walks a whole scenario (two desks, a customer, screenshots); CI's two cores run it
  // beside the server, so the budget is generous and a hang still fails.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
    },
  ],
  webServer: [
    {
      // The web console is built by `npm test` (scripts/ensure-web.mjs) before Playwright runs.
      command: 'node --import tsx apps/server/src/main.ts',
      cwd: '..',
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      // SIGTERM lets the server close the embedded database and release its folder's lock.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        PARLEY_DATA_DIR: dataDir,
        PARLEY_DEMO: '1',
        LOG_LEVEL: 'warn',
        // The browser suite runs on the embedded database; the server tests cover PostgreSQL.
        // An empty value counts as unset (REDIS_URL, when set, is passed through unchanged).
        DATABASE_URL: '',
        // The tests rely on the default: the server's own origin is the only allowed one.
        PARLEY_ORIGINS: '',
      },
    },
    {
      // The provider the demo webhook channel sends replies to (settings.outboundUrl).
      command: 'node scripts/fake-provider.mjs --port 4010',
      cwd: '..',
      url: `${fakeProviderURL}/received`,
      // The channel's address is fixed, so a provider already started by hand on it is used
      // (the tests tell their replies apart by number); CI always starts its own.
      reuseExistingServer: !process.env.CI,
      timeout: 15_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
