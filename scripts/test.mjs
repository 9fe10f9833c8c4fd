// `npm test`: every suite CI runs. Unit and HTTP tests (vitest: the embedded database, and the
// PostgreSQL server too when DATABASE_URL is set), then the browser tests against a real server.
// Ends with one "N passed, N failed" line over all suites.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
/** As `run`, without blocking this process (another suite runs beside it). */
const runAsync = (cmd, args) =>
  new Promise((resolve) =>
    spawn(cmd, args, { stdio: 'inherit', env: process.env }).on('exit', (code) =>
      resolve(code ?? 1),
    ),
  );

if (process.env.CI === 'true') {
  const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`CI must run every suite: set ${missing.join(' and ')}.`);
    process.exit(1);
  }
}

mkdirSync('.tmp', { recursive: true });
const vitestReports = ['.tmp/vitest-report.json', '.tmp/vitest-report-postgres.json'];
const playwrightReport = '.tmp/playwright-report.json';
for (const report of [...vitestReports, playwrightReport]) rmSync(report, { force: true });

const failures = [];
const extra = process.argv.slice(2);
const vitestArgs = (report, projects) => [
  'vitest',
  'run',
  ...projects.flatMap((name) => ['--project', name]),
  '--passWithNoTests',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
];

/**
 * With DATABASE_URL the server tests run a second time, on the PostgreSQL server, in a process of
 * their own beside the rest: one waits on the server while the other computes. Its output is kept
 * and printed after the first's, so neither is interleaved. (One vitest run would put both in one
 * worker on a two-core machine, one file after another.)
 */
const both = Boolean(process.env.DATABASE_URL);
const postgresLog = '.tmp/vitest-postgres.log';
const postgres = both
  ? spawn('npx', vitestArgs(vitestReports[1], ['server:postgres']), {
      stdio: ['ignore', openSync(postgresLog, 'w'), openSync(postgresLog, 'a')],
      env: process.env,
    })
  : null;
const postgresDone = postgres
  ? new Promise((resolve) => postgres.on('exit', (code) => resolve(code ?? 1)))
  : Promise.resolve(0);
const rest = await runAsync(
  'npx',
  vitestArgs(vitestReports[0], ['server:pglite', 'web', 'contract']),
);
const postgresCode = await postgresDone;
if (postgres) {
  console.log('\n--- the server tests on PostgreSQL (DATABASE_URL) ---');
  process.stdout.write(readFileSync(postgresLog));
}
if (rest !== 0 || postgresCode !== 0) failures.push('unit and HTTP tests');
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
for (const report of vitestReports.filter((file) => existsSync(file))) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
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
