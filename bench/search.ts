/**
 * Search under load: 1,000,000 messages among 100,000 chats of 20,000 customers.
 *
 *   npm run bench:search -- [--engine postgres|pglite] [--messages 1000000] [--searches 300]
 *
 * Seeds the database `parley_bench_search` (PostgreSQL: DATABASE_URL's server; PGlite: a temp
 * folder) with generate_series — varied text: common service words and a long tail of names of
 * products and places, order numbers — then runs searches of the kinds people type (a rare word,
 * two words, an order number, a word being typed, a customer's name or number), one at a time:
 *   - through the HTTP route (inject: routing, auth, validation, rules, snippets, JSON);
 *   - the same ranked SQL straight on the driver,
 * and prints p50/p95 of each and the ratio. The goal is p95 ≤ 50 ms over HTTP. The database is
 * dropped at the end unless BENCH_KEEP=1 (then a second run reuses it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/client.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import {
  findCustomerHits,
  findMessageHits,
  findNoteHits,
} from '../apps/server/src/features/search/search.repo.ts';
import { allWordsQuery, customerQuery } from '../apps/server/src/features/search/search-terms.ts';
import { createInProcessBus } from '../apps/server/src/realtime/bus.ts';
import { createLocalPresence } from '../apps/server/src/realtime/presence.ts';
import { COMMON, rawOf, seed, tailWord } from './conversation-seed.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    messages: { type: 'string' },
    searches: { type: 'string', default: '300' },
  },
});
const ENGINE = values.engine === 'pglite' ? 'pglite' : 'postgres';
const MESSAGES = Number(values.messages ?? (ENGINE === 'postgres' ? 1_000_000 : 200_000));
const SEARCHES = Number(values.searches);
const CHATS = Math.max(100, Math.round(MESSAGES / 10));
const CUSTOMERS = Math.max(50, Math.round(CHATS / 5));
const DB_NAME = 'parley_bench_search';
const log = (line: string) => process.stderr.write(`${line}\n`);

const adminUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let tempDir: string | undefined;

async function openBenchDatabase(): Promise<{ database: Database; fresh: boolean }> {
  if (ENGINE === 'postgres') {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    const exists =
      (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${DB_NAME}`);
    await admin.end();
    const url = new URL(adminUrl());
    url.pathname = `/${DB_NAME}`;
    return { database: await openPostgres(url.toString(), 4), fresh: !exists };
  }
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-search-'));
  return { database: await openPglite(tempDir), fresh: true };
}

async function dropBenchDatabase(always = false) {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  if (ENGINE !== 'postgres' || (process.env.BENCH_KEEP === '1' && !always)) return;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.end();
}

/** The searches people type, drawn the way words occur (common tail words more often). */
function queries(): { kind: 'messages' | 'customers' | 'notes'; q: string }[] {
  const list: { kind: 'messages' | 'customers' | 'notes'; q: string }[] = [];
  let x = 12345;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
  for (let i = 0; i < SEARCHES; i++) {
    const tail = () => tailWord(Math.floor(8000 * rand() ** 3));
    switch (i % 8) {
      case 0:
      case 1:
        list.push({ kind: 'messages', q: tail() });
        break;
      case 2:
        list.push({
          kind: 'messages',
          q: `${COMMON[Math.floor(rand() * COMMON.length)]} ${tail()}`,
        });
        break;
      case 3:
        list.push({
          kind: 'messages',
          q: `#${100000 + ((Math.floor((rand() * MESSAGES) / 7) * 7 * 7919) % 900000)}`,
        });
        break;
      case 4:
        list.push({ kind: 'messages', q: tail().slice(0, 4) });
        break;
      case 5:
        list.push({
          kind: 'customers',
          q: `Thandi ${tailWord((Math.floor(rand() * CUSTOMERS) * 7) % 8000).slice(0, 4)}`,
        });
        break;
      case 6: {
        const n = String(Math.floor(rand() * CUSTOMERS)).padStart(7, '0');
        list.push({ kind: 'customers', q: `082 ${n.slice(0, 3)} ${n.slice(3)}` });
        break;
      }
      default:
        list.push({ kind: 'notes', q: tail() });
    }
  }
  return list;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: pct(sorted, 50), p95: pct(sorted, 95), max: sorted.at(-1)! };
};

async function main() {
  log(
    `search bench: engine=${ENGINE} messages=${MESSAGES.toLocaleString('en')} searches=${SEARCHES}`,
  );
  let { database, fresh } = await openBenchDatabase();
  await migrateDatabase(database);
  const counted = (await rawOf(database)('select count(*)::int as n from messages')) as {
    n: number;
  }[];
  const n = counted[0]?.n ?? 0;
  if (!fresh && n !== MESSAGES) {
    // Kept from a run of another size, or one cut short: start again.
    await database.close();
    await dropBenchDatabase(true);
    ({ database, fresh } = await openBenchDatabase());
    await migrateDatabase(database);
  }
  const raw = rawOf(database);
  if (fresh)
    await seed(database, raw, { messages: MESSAGES, chats: CHATS, customers: CUSTOMERS }, log);
  else log(`  reusing ${DB_NAME} (${n.toLocaleString('en')} messages)`);

  const app = await buildApp({
    config: { origins: undefined, trustProxy: false, logLevel: 'silent' },
    database,
    bus: createInProcessBus(),
    presence: createLocalPresence(),
    logger: false,
    // The bench is one hasty person: the per-person limit would stop it, so it is lifted here.
    rateLimiter: { take: async () => undefined, close: async () => undefined },
  });
  const signIn = async (email: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password: 'bench-password-1' },
    });
    const cookie = res.cookies.find((c) => c.name === 'parley_session');
    if (!cookie) throw new Error(`sign-in failed: ${res.body}`);
    return `parley_session=${cookie.value}`;
  };
  const agentCookie = await signIn('agent@bench.parley');
  const [agent] = (await raw(
    `select s.id, array_agg(sd.department_id) as departments from staff s
     join staff_departments sd on sd.staff_id = s.id where s.email = 'agent@bench.parley' group by s.id`,
  )) as { id: string; departments: string[] }[];
  const viewer = { kind: 'agent' as const, staffId: agent!.id, departmentIds: agent!.departments };
  const dialect = new PgDialect();
  const regions = ['ZA'];
  const rawQuery = async (kind: string, q: string) => {
    const tsquery = kind === 'customers' ? customerQuery(q, regions) : allWordsQuery(q);
    const page = { limit: 20, offset: 0 };
    // The statement the route runs, sent straight to the driver.
    let statement: { sql: string; params: unknown[] } | undefined;
    const capture = {
      dialect: {
        sqlToQuery: (s: Parameters<PgDialect['sqlToQuery']>[0]) =>
          (statement = dialect.sqlToQuery(s)),
      },
      session: { client: { query: async () => ({ rows: [] }) } },
    } as unknown as Database['db'];
    const find =
      kind === 'customers' ? findCustomerHits : kind === 'notes' ? findNoteHits : findMessageHits;
    await find(capture, viewer, tsquery, page).catch(() => undefined);
    const started = performance.now();
    const rows = await raw(statement!.sql, statement!.params);
    return { ms: performance.now() - started, rows: rows.length };
  };

  const list = queries();
  // Warm both paths (plans, caches) before timing.
  for (const { kind, q } of list.slice(0, 20)) {
    await rawQuery(kind, q);
    await app.inject({
      url: `/api/search?${new URLSearchParams({ q, kind })}`,
      headers: { cookie: agentCookie },
    });
  }
  const http: number[] = [];
  const direct: number[] = [];
  const byKind = new Map<string, number[]>();
  let hits = 0;
  for (const { kind, q } of list) {
    const started = performance.now();
    const res = await app.inject({
      url: `/api/search?${new URLSearchParams({ q, kind })}`,
      headers: { cookie: agentCookie },
    });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    hits += (res.json() as { items: unknown[] }).items.length > 0 ? 1 : 0;
    http.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    direct.push((await rawQuery(kind, q)).ms);
  }
  const h = summary(http);
  const d = summary(direct);
  const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  console.log(
    `\n${ENGINE}, ${MESSAGES.toLocaleString('en')} messages, ${CHATS.toLocaleString('en')} chats, ${CUSTOMERS.toLocaleString('en')} customers; ${list.length} searches (${hits} with results)`,
  );
  console.log(`                      p50        p95        max`);
  console.log(`HTTP /api/search ${f(h.p50)}  ${f(h.p95)}  ${f(h.max)}`);
  console.log(`raw SQL          ${f(d.p50)}  ${f(d.p95)}  ${f(d.max)}`);
  console.log(`ratio (p95)      ${(h.p95 / d.p95).toFixed(2)}×`);
  for (const [kind, times] of byKind) {
    const s = summary(times);
    console.log(`  HTTP ${kind.padEnd(10)} p50 ${f(s.p50)}  p95 ${f(s.p95)}`);
  }
  console.log(`goal: HTTP p95 ≤ 50 ms — ${h.p95 <= 50 ? 'met' : 'NOT met'}`);
  await app.close();
  await database.close();
  await dropBenchDatabase();
}

await main();
