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
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/client.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { createStaff } from '../apps/server/src/features/auth/staff.service.ts';
import {
  findCustomerHits,
  findMessageHits,
  findNoteHits,
} from '../apps/server/src/features/search/search.repo.ts';
import { allWordsQuery, customerQuery } from '../apps/server/src/features/search/search-terms.ts';
import { systemPrincipal } from '../apps/server/src/principal.ts';
import { createInProcessBus } from '../apps/server/src/realtime/bus.ts';
import { createLocalPresence } from '../apps/server/src/realtime/presence.ts';

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

/** Words of a service conversation, most common first. */
const COMMON = `order delivery refund account payment help please thanks hello card number status
  waiting today tomorrow parcel courier address change cancel invoice receipt balance problem
  still arrived received missing wrong item size colour return exchange store online app login
  password reset email phone call back manager week days late early morning afternoon evening
  price discount voucher coupon promotion charge charged twice debit credit bank transfer branch
  collect pickup tracking reference quote contract upgrade plan data airtime network signal
  router fibre installation technician appointment booking confirm confirmed reschedule`.split(
  /\s+/,
);
/** Syllables for the long tail: product names, places, surnames. */
const SYLLABLES = 'ka be to lu mi sa ne ro vi da zu pe go li ma ti wo ha ni fe'.split(' ');

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

type Raw = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
const rawOf =
  (database: Database): Raw =>
  async (text, params = []) =>
    database.raw.kind === 'pglite'
      ? ((await database.raw.client.query(text, params)).rows as Record<string, unknown>[])
      : (await database.raw.pool.query(text, params)).rows;

/** The tail word k (1-based): two or three syllables, as `tailWord` in SQL below. */
function tailWord(k: number): string {
  const n = SYLLABLES.length;
  const a = SYLLABLES[k % n]!;
  const b = SYLLABLES[Math.floor(k / n) % n]!;
  const c = k >= n * n ? SYLLABLES[Math.floor(k / (n * n)) % n]! : '';
  return `${a}${b}${c}`;
}
const tailSql = (k: string) =>
  `(s[1 + ${k} % 20] || s[1 + (${k} / 20) % 20] || case when ${k} >= 400 then s[1 + (${k} / 400) % 20] else '' end)`;

async function seed(database: Database, raw: Raw) {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const deps = {
    db: database.db,
    notifier: { wake: () => undefined },
    presence: createLocalPresence(),
  };
  await raw(`insert into departments (name) values ('Bench')`);
  await raw(
    `insert into channels (id, kind, name, department_id, default_region)
     select 'bench-whatsapp', 'whatsapp', 'WhatsApp', id, 'ZA' from departments where name = 'Bench'`,
  );
  for (const [email, role] of [
    ['agent@bench.parley', 'agent'],
    ['supervisor@bench.parley', 'supervisor'],
  ] as const)
    await createStaff(deps, systemPrincipal('bench'), {
      email,
      name: role === 'agent' ? 'Bench Agent' : 'Bench Supervisor',
      role,
      departments: ['Bench'],
      password: 'bench-password-1',
    });
  await raw(
    `insert into customers (phone, name, email)
     select '+2782' || lpad(g::text, 7, '0'),
       (array['Thandi','Sipho','Lerato','Pieter','Aisha','Johan','Naledi','Musa','Anele','Kagiso'])[1 + g % 10]
         || ' ' || initcap(${tailSql('(g * 7) % 8000')}),
       case when g % 3 = 0 then 'customer' || g || '@example.org' end
     from generate_series(0, $1::int - 1) g, (select $2::text[] as s) syl`,
    [CUSTOMERS, SYLLABLES],
  );
  // Most chats closed (History), some live with the agent or colleagues, some queued.
  await raw(
    `insert into chats (customer_id, channel_id, department_id, status, assignee_id, created_at, closed_at)
     select c.id, 'bench-whatsapp', d.id,
       (case when g >= $2 then 'closed' when g % 50 = 0 then 'live' when g % 97 = 0 then 'queued'
             else 'closed' end)::chat_status,
       case when g < $2 and g % 50 = 0 then (select id from staff where email = 'agent@bench.parley') end,
       now() - g * interval '3 minutes',
       case when g >= $2 or (g % 50 <> 0 and g % 97 <> 0)
            then now() - g * interval '3 minutes' + interval '20 minutes' end
     from generate_series(0, $1::int - 1) g
     join customers c on c.phone = '+2782' || lpad((g % $2::int)::text, 7, '0')
     cross join (select id from departments where name = 'Bench') d`,
    [CHATS, CUSTOMERS],
  );
  await raw(
    `create table bench_chats as select row_number() over (order by id) - 1 as i, id from chats`,
  );
  await raw(`create index on bench_chats (i)`);
  log(`  customers and chats: ${elapsed()}`);
  // Seeded without the search index, which is then built once: far faster than row by row.
  await raw(`drop index if exists messages_search_idx`);
  const batch = 100_000;
  for (let from = 0; from < MESSAGES; from += batch) {
    const to = Math.min(MESSAGES, from + batch);
    await raw(
      `insert into messages (chat_id, channel_id, direction, text, author_kind, status, created_at)
       select b.id, 'bench-whatsapp',
         (case when g % 2 = 0 then 'in' else 'out' end)::message_direction,
         (select string_agg(
             case when k % 4 = 3 then ${tailSql('floor(8000 * power(random(), 3))::int')}
                  else w[1 + floor(array_length(w, 1) * power(random(), 2))::int] end, ' ')
           from generate_series(0, 5 + (g % 13)) k where g >= 0)
           || case when g % 7 = 0 then ' #' || (100000 + (g::bigint * 7919) % 900000) else '' end,
         (case when g % 2 = 0 then 'customer' else 'staff' end)::author_kind,
         (case when g % 2 = 0 then 'received' else 'read' end)::message_status,
         now() - g * interval '2 seconds'
       from generate_series($1::int, $2::int - 1) g
       join bench_chats b on b.i = g % $3::int,
       (select $4::text[] as w, $5::text[] as s) vocab`,
      [from, to, CHATS, COMMON, SYLLABLES],
    );
    log(`  messages ${to.toLocaleString('en')}: ${elapsed()}`);
  }
  const migration = readFileSync(
    new URL('../apps/server/src/db/migrations/0017_search.sql', import.meta.url),
    'utf8',
  );
  const create = migration
    .split('--> statement-breakpoint')
    .find((s) => s.includes('messages_search_idx'))!;
  await raw(create);
  await raw(
    `insert into notes (customer_id, body)
     select c.id, 'Prefers ' || ${tailSql('(g * 13) % 8000')} || ' deliveries; account ' || g
     from customers c cross join lateral (select (hashtext(c.id::text) & 65535) as g) x,
       (select $1::text[] as s) syl`,
    [SYLLABLES],
  );
  await raw('analyze');
  log(`  search index and analyze: ${elapsed()}`);
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
  if (fresh) await seed(database, raw);
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
