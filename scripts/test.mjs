// `npm test`: every suite CI runs. Unit and HTTP tests (vitest: the embedded database, and the
// PostgreSQL server too when DATABASE_URL is set), then the browser tests against a real server.
// Ends with one "N passed, N failed" line over all suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (process.env.CI === 'true') {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`CI must run every suite: set ${missing.join(' and ')}.`);
    process.exit(1);
  }
}

mkdirSync('.tmp', { recursive: true });
const vitestReport = '.tmp/vitest-report.json';
const playwrightReport = '.tmp/playwright-report.json';
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const failures = [];
const extra = process.argv.slice(2);
if (
  run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport}`,
    ...extra,
  ]) !== 0
)
  failures.push('unit and HTTP tests');
if (run('node', ['scripts/ensure-web.mjs', '--force']) !== 0) failures.push('web build');
else if (
  run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
    // Playwright resolves this against the config's folder: give it an absolute path.
    PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(playwrightReport),
  }) !== 0
)
  failures.push('browser tests');

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
if (existsSync(playwrightReport)) {
  const s = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
}
if (failures.length > 0) console.error(`\nFailed: ${failures.join(', ')}.`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length > 0 || failed > 0 || passed === 0 ? 1 : 0);
