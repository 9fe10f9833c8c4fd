// `npm test`: every suite CI runs. Unit and HTTP tests (vitest: the embedded database, and the
// PostgreSQL server too when DATABASE_URL is set), then the browser tests against a real server.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

if (process.env.CI === 'true') {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`CI must run every suite: set ${missing.join(' and ')}.`);
    process.exit(1);
  }
}

const failures = [];
if (run('npx', ['vitest', 'run']) !== 0) failures.push('unit and HTTP tests');
if (run('node', ['scripts/ensure-web.mjs', '--force']) !== 0) failures.push('web build');
else if (run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']) !== 0)
  failures.push('browser tests');

if (failures.length > 0) {
  console.error(`\nFailed: ${failures.join(', ')}.`);
  process.exit(1);
}
