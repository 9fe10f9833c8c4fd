/**
 * The desk in a browser, on a big database: 10,000 chats and 1,000,000 messages.
 *
 *   npm run bench:web -- [--messages 1000000] [--chats 10000] [--loads 5] [--switches 12]
 *
 * Seeds `parley_bench_web` on DATABASE_URL's PostgreSQL server (kept with BENCH_KEEP=1 for the
 * next run), starts the real server on it with the built web console, and drives Debian's
 * Chromium through Playwright:
 *   - LCP of the desk (`/live`, signed in, a cold browser each time) and the JavaScript and CSS
 *     that load with it, as transferred (compressed);
 *   - INP of switching views (Live ↔ Closed, the Closed list holding ~9,700 chats) and of opening
 *     a chat from the list: the longest interaction's duration from the Event Timing API, as the
 *     browser reports INP when there are fewer than 50 interactions.
 * The baseline, measured in the same run and browser: a bare page served by a bare Node server
 * (one heading, one button that changes a line of text). Goals: LCP ≤ 1 s, INP ≤ 100 ms, initial
 * JS ≤ 200 kB compressed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from '@playwright/test';
import pg from 'pg';
import { openPostgres } from '../apps/server/src/db/client.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { chromiumLaunchOptions } from '../e2e/demo.ts';
import { rawOf, seed } from './conversation-seed.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    chats: { type: 'string', default: '10000' },
    loads: { type: 'string', default: '5' },
    switches: { type: 'string', default: '12' },
  },
});
const MESSAGES = Number(values.messages);
const CHATS = Number(values.chats);
const CUSTOMERS = Math.max(50, Math.round(CHATS / 5));
const LOADS = Number(values.loads);
const SWITCHES = Number(values.switches);
const DB_NAME = 'parley_bench_web';
const PORT = 3290;
const EMAIL = 'agent@bench.parley';
const PASSWORD = 'bench-password-1';
const log = (line: string) => process.stderr.write(`${line}\n`);

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();

/** The bench database, seeded unless a kept one of the same size is there. */
async function prepareDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists =
    (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount! > 0;
  if (exists) {
    const database = await openPostgres(benchUrl, 2);
    const [row] = (await rawOf(database)(
      `select (select count(*) from messages)::int as messages, (select count(*) from chats)::int as chats`,
    )) as { messages: number; chats: number }[];
    await database.close();
    if (row?.messages === MESSAGES && row.chats === CHATS) {
      await admin.end();
      log(`  reusing ${DB_NAME}`);
      return;
    }
    await admin.query(`drop database ${DB_NAME} with (force)`);
  }
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const database = await openPostgres(benchUrl, 4);
  await migrateDatabase(database);
  const raw = rawOf(database);
  await seed(database, raw, { messages: MESSAGES, chats: CHATS, customers: CUSTOMERS }, (line) =>
    log(line),
  );
  // The closed chats are the agent's too, so their Closed view is the long list.
  await raw(
    `update chats set assignee_id = (select id from staff where email = $1) where status = 'closed'`,
    [EMAIL],
  );
  await raw('analyze chats');
  await database.close();
}

async function dropDatabase() {
  if (process.env.BENCH_KEEP === '1') return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.end();
}

/** The real server on the bench database, as `npm start` runs it. */
async function startServer(dataDir: string): Promise<ChildProcess> {
  const server = spawn('node', ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: benchUrl,
      REDIS_URL: '',
      PARLEY_DATA_DIR: dataDir,
      PARLEY_DEMO: '0',
      PARLEY_ORIGINS: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://localhost:${PORT}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill('SIGTERM');
  throw new Error('the server did not become ready');
}

/** The baseline: the least a page can be, from the least a server can be. */
async function startBaseline() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head>
<body><h1>Live chats</h1><p id="line">Nothing selected.</p>
<button id="b" onclick="document.getElementById('line').textContent = 'Selected ' + Date.now()">Select</button>
</body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

// What runs in the page is plain JavaScript in strings: the bench is compiled for Node, without
// the DOM's types, and the page has none of the bundler's helpers.

/** Collects LCP and interactions from the start of every page the context opens. */
const observe = `
  window.__lcp = 0;
  window.__inp = new Map();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const id = entry.interactionId;
      if (id) window.__inp.set(id, Math.max(window.__inp.get(id) ?? 0, entry.duration));
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
`;

/** LCP is final at the first input; two frames after load it has settled here. */
const lcpOf = (page: Page): Promise<number> =>
  page.evaluate(
    `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.__lcp))))`,
  );
/** Interactions' durations; those under 16 ms are not reported (a missing one counts as 16). */
const interactionsOf = (page: Page): Promise<number[]> =>
  page.evaluate(`[...window.__inp.values()]`);
/** Lets an interaction's frame paint and its entry arrive. */
const settle = (page: Page) =>
  page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))`);

type Bytes = { js: number; css: number };
const bytesOf = (page: Page): Promise<Bytes> =>
  page.evaluate(`performance.getEntriesByType('resource').reduce(
    (total, e) => ({
      js: total.js + (e.name.endsWith('.js') ? e.transferSize : 0),
      css: total.css + (e.name.endsWith('.css') ? e.transferSize : 0),
    }),
    { js: 0, css: 0 },
  )`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function deskLoads(browser: Browser, cookie: { name: string; value: string }) {
  const lcps: number[] = [];
  let bytes: Bytes = { js: 0, css: 0 };
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ ...cookie, url: `http://localhost:${PORT}` }]);
    await context.addInitScript({ content: observe });
    const page = await context.newPage();
    await page.goto(`http://localhost:${PORT}/live`);
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.locator('.chat-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    lcps.push(await lcpOf(page));
    bytes = await bytesOf(page);
    await context.close();
  }
  return { lcp: median(lcps), bytes };
}

async function deskInteractions(browser: Browser, cookie: { name: string; value: string }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ ...cookie, url: `http://localhost:${PORT}` }]);
  await context.addInitScript({ content: observe });
  const page = await context.newPage();
  await page.goto(`http://localhost:${PORT}/live`);
  await page.locator('.chat-row').first().waitFor();
  const nav = page.getByRole('navigation', { name: 'Views' });
  const durations: { switch: number[]; open: number[] } = { switch: [], open: [] };
  const measure = async (kind: 'switch' | 'open', act: () => Promise<void>) => {
    const count = (await interactionsOf(page)).length;
    await act();
    await settle(page);
    const all = await interactionsOf(page);
    durations[kind].push(...(all.length > count ? all.slice(count) : [16]));
  };
  for (let i = 0; i < SWITCHES; i++) {
    const view = i % 2 === 0 ? 'Closed' : 'Live';
    await measure('switch', async () => {
      await nav.getByRole('link', { name: new RegExp(`^${view}`) }).click();
      await page.waitForURL(new RegExp(`/${view.toLowerCase()}`));
      await page.locator('.chat-row').first().waitFor();
    });
    await measure('open', async () => {
      await page
        .locator('.chat-row')
        .nth(1 + i)
        .click();
      await page.waitForURL(/\/[0-9a-f-]{36}$/);
    });
  }
  await context.close();
  return { switch: Math.max(...durations.switch), open: Math.max(...durations.open) };
}

async function baseline(browser: Browser, url: string) {
  const lcps: number[] = [];
  let inp = 16;
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: observe });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    lcps.push(await lcpOf(page));
    for (let j = 0; j < 4; j++) await page.click('#b');
    await settle(page);
    inp = Math.max(inp, ...(await interactionsOf(page)));
    await context.close();
  }
  return { lcp: median(lcps), inp };
}

async function main() {
  log(`web bench: ${MESSAGES.toLocaleString('en')} messages, ${CHATS.toLocaleString('en')} chats`);
  await prepareDatabase();
  if (spawnSync('node', ['scripts/ensure-web.mjs'], { stdio: 'inherit' }).status !== 0)
    throw new Error('the web console did not build');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-web-'));
  const server = await startServer(dataDir);
  const base = await startBaseline();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const res = await fetch(`http://localhost:${PORT}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${PORT}` },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const match = /parley_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
    if (!match) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const cookie = { name: 'parley_session', value: match[1]! };

    // One warm-up load: the server's first queries and the disk cache are not what people see.
    await deskLoads(browser, cookie);
    const desk = await deskLoads(browser, cookie);
    const inp = await deskInteractions(browser, cookie);
    const bare = await baseline(browser, base.url);

    const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(7);
    const worstInp = Math.max(inp.switch, inp.open);
    console.log(
      `\nDesk on ${MESSAGES.toLocaleString('en')} messages, ${CHATS.toLocaleString('en')} chats (PostgreSQL); Chromium headless, 1280×800`,
    );
    console.log(`                         desk   baseline   ratio   goal`);
    console.log(
      `LCP (median of ${LOADS})   ${ms(desk.lcp)}    ${ms(bare.lcp)}   ${(desk.lcp / bare.lcp).toFixed(1)}×   ≤ 1000 ms ${desk.lcp <= 1000 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `INP switch view       ${ms(inp.switch)}    ${ms(bare.inp)}   ${(inp.switch / bare.inp).toFixed(1)}×   ≤ 100 ms ${inp.switch <= 100 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `INP open a chat       ${ms(inp.open)}    ${ms(bare.inp)}   ${(inp.open / bare.inp).toFixed(1)}×   ≤ 100 ms ${inp.open <= 100 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `initial JS ${kB(desk.bytes.js)}, CSS ${kB(desk.bytes.css)} transferred   goal JS ≤ 200 kB ${desk.bytes.js <= 200_000 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `goals: ${desk.lcp <= 1000 && worstInp <= 100 && desk.bytes.js <= 200_000 ? 'all met' : 'NOT all met'}`,
    );
  } finally {
    await browser.close();
    base.server.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase();
  }
}

await main();
