/**
 * The History tab under load: a customer holding 5,000 chats among 1,000,000 messages.
 *
 *   npx tsx bench/history.ts [--engine pglite|postgres] [--iterations 300] [--explain]
 *
 * Seeds a fresh database with generate_series (seconds, not minutes), then measures, one call at
 * a time, p50/p95 of
 *   - the history first page (20 chats): the service function, and the whole HTTP request;
 *   - a 1,000-message read-only transcript: the chat timeline service with limit 1000, and over
 *     HTTP in the route's pages of 200;
 * against raw indexed SELECTs of the same rows with the raw driver in the same run, and prints
 * the ratios. `--explain` prints the history statement's plan. On PostgreSQL the database
 * `parley_bench_history` is dropped at the end unless BENCH_KEEP=1.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import type { Database } from '../apps/server/src/db/client.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { freshBenchDatabase } from './fresh-database.ts';
import { getTimeline } from '../apps/server/src/features/chats/chats.service.ts';
import { listCustomerTimeline, listHistory } from '../apps/server/src/features/history/index.ts';
import { historyRoutes } from '../apps/server/src/features/history/history.routes.ts';
import { chatHistoryPageQuery } from '../apps/server/src/features/history/history.repo.ts';
import { createStaff } from '../apps/server/src/features/auth/staff.service.ts';
import { type Principal, systemPrincipal } from '../apps/server/src/principal.ts';
import { createInProcessBus } from '../apps/server/src/realtime/bus.ts';
import { createLocalPresence } from '../apps/server/src/realtime/presence.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    iterations: { type: 'string', default: '300' },
    explain: { type: 'boolean', default: false },
  },
});
const ENGINE = values.engine === 'postgres' ? 'postgres' : 'pglite';
const ITERATIONS = Number(values.iterations);
const TARGET_CHATS = 5_000;
const OTHER_CHATS = 45_000;
const OTHER_CUSTOMERS = 999;
const TOTAL_MESSAGES = 1_000_000;
const TRANSCRIPT_CHAT = 4_000; // the target's chat with 1,000 messages (an older one)
const PAGE = 20;
const CHANNEL = 'bench-whatsapp';
/** Each chat's messages and events get seqs in their own block, interleaved as in real life. */
const STRIDE = 16_384;

const log = (line: string) => process.stderr.write(`${line}\n`);

const adminUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let tempDir: string | undefined;
async function openFresh(): Promise<Database> {
  const fresh = await freshBenchDatabase(ENGINE, 'parley_bench_history', 4);
  tempDir = fresh.folder;
  return fresh.database;
}

type Raw = (text: string, params?: unknown[]) => Promise<unknown[]>;
const rawOf =
  (database: Database): Raw =>
  async (text, params = []) =>
    database.raw.kind === 'pglite'
      ? (await database.raw.client.query(text, params)).rows
      : (await database.raw.pool.query(text, params)).rows;

async function seed(database: Database, raw: Raw) {
  const started = performance.now();
  const deps = {
    db: database.db,
    notifier: { wake: () => undefined },
    presence: createLocalPresence(),
  };
  await raw(`insert into departments (name) values ('Bench')`);
  await raw(
    `insert into channels (id, kind, name, department_id, default_region)
     select $1, 'whatsapp', 'WhatsApp', id, 'ZA' from departments where name = 'Bench'`,
    [CHANNEL],
  );
  const reader = await createStaff(deps, systemPrincipal('bench'), {
    email: 'reader@bench.parley',
    name: 'Bench Reader',
    role: 'agent',
    departments: ['Bench'],
    password: 'bench-password-1',
  });
  await raw(
    `insert into staff (email, name, role, password_hash)
     select 'agent' || g || '@bench.parley', 'Agent ' || g,
            (case when g = 0 then 'supervisor' else 'agent' end)::staff_role, 'x'
     from generate_series(0, 7) g`,
  );
  await raw(`create table bench_agents as
    select id, name, (row_number() over (order by email) - 1)::int as k
    from staff where email like 'agent%@bench.parley'`);
  await raw(
    `insert into customers (phone, name)
     select '+2782' || lpad(g::text, 7, '0'), 'Customer ' || g from generate_series(0, $1::int) g`,
    [OTHER_CUSTOMERS],
  );
  // The plan: one row per chat with its customer, size, agents and ending.
  await raw(`create table bench_plan (
    i int primary key, id uuid not null, customer_id uuid not null, n int not null,
    created_at timestamptz not null, agent_a int not null, agent_b int, ending text not null,
    flagged boolean not null)`);
  await raw(
    `insert into bench_plan
     select g, gen_random_uuid(), (select id from customers where phone = '+27820000000'),
       case when g = $2::int then 1000 else 1 + (g * 7919) % 79 end,
       now() - (g * interval '53 minutes') - interval '5 minutes',
       g % 8, case when g % 5 = 0 then (g + 3) % 8 end,
       case when g = 0 then 'live' when g % 3 = 0 then 'customer' else 'agent' end,
       g % 17 = 0
     from generate_series(0, $1::int - 1) g`,
    [TARGET_CHATS, TRANSCRIPT_CHAT],
  );
  const [{ sum: targetMessages }] = (await raw(`select sum(n)::int as sum from bench_plan`)) as [
    { sum: number },
  ];
  const rest = TOTAL_MESSAGES - targetMessages;
  // The other customers' chats share the rest exactly: floor((j+1)R/M) - floor(jR/M).
  await raw(
    `insert into bench_plan
     select $1::int + j, gen_random_uuid(),
       (select id from customers where phone = '+2782' || lpad((1 + j % $3::int)::text, 7, '0')),
       (((j + 1)::bigint * $4) / $2 - (j::bigint * $4) / $2)::int,
       now() - (j * interval '7 minutes'), j % 8, case when j % 5 = 0 then (j + 3) % 8 end,
       case when j % 3 = 0 then 'customer' else 'agent' end, false
     from generate_series(0, $2::int - 1) j`,
    [TARGET_CHATS, OTHER_CHATS, OTHER_CUSTOMERS, rest],
  );
  await raw(
    `insert into chats (id, customer_id, channel_id, department_id, status, flagged, assignee_id,
                        created_at, last_activity_at, closed_at, sentiment, wrap_tag)
     select p.id, p.customer_id, $1, (select department_id from channels where id = $1),
       (case when p.ending = 'live' then 'live' else 'closed' end)::chat_status, p.flagged,
       final.id, p.created_at, p.created_at + p.n * interval '20 seconds',
       case when p.ending <> 'live' then p.created_at + p.n * interval '20 seconds' + interval '1 minute' end,
       case when p.ending = 'agent'
            then (array['positive', 'neutral', 'negative'])[1 + p.i % 3]::sentiment end,
       case when p.ending = 'agent' then 'billing' end
     from bench_plan p
     join bench_agents final on final.k = coalesce(p.agent_b, p.agent_a)`,
    [CHANNEL],
  );
  log(`  chats: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Messages in slices, so neither engine holds one enormous statement.
  const slices = 10;
  const per = Math.ceil((TARGET_CHATS + OTHER_CHATS) / slices);
  for (let s = 0; s < slices; s++) {
    await raw(
      `insert into messages (chat_id, channel_id, direction, text, author_kind, author_staff_id,
                             status, created_at, seq)
       select p.id, $1,
         (case when m.pos % 2 = 1 then 'in' else 'out' end)::message_direction,
         'Message ' || m.pos || ' about order ' || (4000 + p.i) || ': a line of ordinary length.',
         (case when m.pos % 2 = 1 then 'customer' else 'staff' end)::author_kind,
         case when m.pos % 2 = 0 then a.id end,
         (case when m.pos % 2 = 1 then 'received' else 'read' end)::message_status,
         p.created_at + m.pos * interval '20 seconds',
         p.i::bigint * ${STRIDE} + 10 * m.pos
       from bench_plan p
       join bench_agents a on a.k = p.agent_a
       cross join lateral generate_series(1, p.n) m(pos)
       where p.i >= $2 and p.i < $3`,
      [CHANNEL, s * per, (s + 1) * per],
    );
    await new Promise((r) => setImmediate(r));
  }
  log(`  messages: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const event = (
    type: string,
    actor: string,
    seq: string,
    at: string,
    data: string,
    where = 'true',
    join = '',
  ) =>
    raw(`insert into events (chat_id, customer_id, type, actor_kind, actor_staff_id, data, at, seq)
         select p.id, p.customer_id, '${type}', ${actor}, ${data}, ${at}, p.i::bigint * ${STRIDE} + ${seq}
         from bench_plan p
         join bench_agents a on a.k = p.agent_a
         left join bench_agents b on b.k = p.agent_b
         ${join}
         where ${where}`);
  const routed = `jsonb_build_object('to', jsonb_build_object('id', a.id, 'name', a.name), 'by', 'routing')`;
  await event('queued', `'system', null`, '1', 'p.created_at', `'{}'::jsonb`);
  await event('assigned', `'system', null`, '2', 'p.created_at', routed);
  await event(
    'assigned',
    `'staff', sup.id`,
    '10 * (p.n / 2) + 5',
    `p.created_at + (p.n / 2) * interval '20 seconds'`,
    `jsonb_build_object('to', jsonb_build_object('id', b.id, 'name', b.name), 'by', 'staff')`,
    'p.agent_b is not null',
    'cross join (select id from bench_agents where k = 0) sup',
  );
  await event(
    'flagged',
    `'staff', coalesce(b.id, a.id)`,
    '10 * p.n + 3',
    `p.created_at + p.n * interval '20 seconds'`,
    `'{}'::jsonb`,
    'p.flagged',
  );
  await event(
    'ended_by_customer',
    `'customer', null`,
    '10 * p.n + 5',
    `p.created_at + p.n * interval '20 seconds' + interval '1 minute'`,
    `'{}'::jsonb`,
    `p.ending = 'customer'`,
  );
  await event(
    'closed',
    `'staff', coalesce(b.id, a.id)`,
    '10 * p.n + 5',
    `p.created_at + p.n * interval '20 seconds' + interval '1 minute'`,
    `jsonb_build_object('sentiment', (array['positive', 'neutral', 'negative'])[1 + p.i % 3], 'tag', 'billing')`,
    `p.ending = 'agent'`,
  );
  await raw(`select setval('timeline_seq', (select max(seq) from messages) + ${STRIDE})`);
  // The customer's notes and profile saves, for the whole-story timeline.
  await raw(`insert into notes (customer_id, body, author_id, created_at)
    select (select id from customers where phone = '+27820000000'), 'Note ' || g || ': prefers WhatsApp.',
      (select id from bench_agents where k = g % 8), now() - g * interval '7 hours'
    from generate_series(1, 200) g`);
  await raw(`insert into events (chat_id, customer_id, type, actor_kind, actor_staff_id, data, at)
    select null, (select id from customers where phone = '+27820000000'), 'profile_changed', 'staff',
      (select id from bench_agents where k = g % 8),
      jsonb_build_object('fields', jsonb_build_array(jsonb_build_object(
        'field', 'company', 'from', 'Company ' || (g - 1), 'to', 'Company ' || g))),
      now() - g * interval '3 days'
    from generate_series(1, 50) g`);
  await raw('drop table bench_plan');
  await raw('drop table bench_agents');
  // What autovacuum would have done by now on a live database.
  if (database.raw.kind === 'pglite') await database.raw.client.exec('vacuum analyze');
  else await database.raw.pool.query('vacuum analyze');
  const counts = (await raw(`select
      (select count(*)::int from messages) as messages,
      (select count(*)::int from events) as events,
      (select count(*)::int from chats) as chats,
      (select id from customers where phone = '+27820000000') as target,
      (select count(*)::int from chats c join customers u on u.id = c.customer_id
        where u.phone = '+27820000000') as target_chats,
      (select c.id from chats c join customers u on u.id = c.customer_id
        where u.phone = '+27820000000' order by c.created_at desc offset ${TRANSCRIPT_CHAT} limit 1)
        as transcript`)) as [
    {
      messages: number;
      events: number;
      chats: number;
      target: string;
      target_chats: number;
      transcript: string;
    },
  ];
  log(
    `  seeded ${counts[0].messages} messages, ${counts[0].events} events, ${counts[0].chats} chats ` +
      `(${counts[0].target_chats} of them the customer's) in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { ...counts[0], reader };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function measure(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(30, ITERATIONS); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const wall = performance.now();
  log(`History bench on ${ENGINE}: seeding…`);
  const database = await openFresh();
  try {
    await migrateDatabase(database);
    const raw = rawOf(database);
    const s = await seed(database, raw);
    const presence = createLocalPresence();
    const deps = { db: database.db, notifier: { wake: () => undefined }, presence };
    const reader: Principal = {
      kind: 'staff',
      staffId: s.reader.id,
      role: 'agent',
      departmentIds: [],
      sessionId: undefined,
      tokenId: undefined,
    };

    const app = await buildApp({
      config: { origins: undefined, trustProxy: false, logLevel: 'silent' },
      database,
      bus: createInProcessBus(),
      presence,
      logger: false,
      queueSweepMs: 3_600_000,
    });
    if (!app.hasRoute({ method: 'GET', url: '/api/customers/:id/history' }))
      await app.register(historyRoutes, deps);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'reader@bench.parley', password: 'bench-password-1' },
    });
    const cookie = `parley_session=${signIn.cookies.find((c) => c.name === 'parley_session')?.value}`;

    const first = await listHistory(deps, reader, s.target, { limit: PAGE });
    const firstCounts = first.items.map((i) => i.messageCount);
    // The whole transcript in one page: its 1,000 messages and the events between them.
    const [{ items: transcriptItems }] = (await raw(
      `select (select count(*) from messages where chat_id = $1)::int
            + (select count(*) from events where chat_id = $1)::int as items`,
      [s.transcript],
    )) as [{ items: number }];
    const check = await getTimeline(deps, reader, s.transcript, { limit: transcriptItems });
    const transcriptMessages = check.items.filter((i) => i.kind === 'message').length;
    log(
      `  first page: ${first.items.length} chats, ${firstCounts.reduce((a, b) => a + b, 0)} messages; ` +
        `transcript page: ${check.items.length} items (${transcriptMessages} messages)`,
    );

    const query = new PgDialect().sqlToQuery(chatHistoryPageQuery(s.target, undefined, PAGE));
    if (values.explain) {
      const plan = (await raw(`explain (analyze, buffers) ${query.sql}`, query.params)) as {
        'QUERY PLAN': string;
      }[];
      log(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }

    log('measuring…');
    const results = [
      await measure('history page: raw SELECT of the 21 chat rows', () =>
        raw(
          `select * from chats where customer_id = $1 order by created_at desc, id desc limit $2`,
          [s.target, PAGE + 1],
        ),
      ),
      await measure('history page: raw, the same statement as the service', () =>
        raw(query.sql, query.params),
      ),
      await measure('history page: service (listHistory)', () =>
        listHistory(deps, reader, s.target, { limit: PAGE }),
      ),
      await measure('history page: HTTP GET (inject)', async () => {
        const res = await app.inject({
          url: `/api/customers/${s.target}/history?limit=${PAGE}`,
          headers: { cookie },
        });
        if (res.statusCode !== 200) throw new Error(`history ${res.statusCode}`);
      }),
      await measure('customer timeline page (chats, notes, profile): service', () =>
        listCustomerTimeline(deps, reader, s.target, {
          kinds: ['chat', 'note', 'profile'],
          limit: PAGE,
        }),
      ),
      await measure('transcript: raw SELECT of its messages + events', async () => {
        await raw(`select * from messages where chat_id = $1 order by seq`, [s.transcript]);
        await raw(`select * from events where chat_id = $1 order by seq`, [s.transcript]);
      }),
      await measure('transcript: service (getTimeline, one page)', () =>
        getTimeline(deps, reader, s.transcript, { limit: transcriptItems }),
      ),
      await measure('transcript: HTTP GET, 5 pages of 200 (inject)', async () => {
        let cursor: string | null = null;
        for (let page = 0; page < 5; page++) {
          const res: { statusCode: number; json: () => unknown } = await app.inject({
            url: `/api/chats/${s.transcript}/timeline?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
            headers: { cookie },
          });
          if (res.statusCode !== 200) throw new Error(`timeline ${res.statusCode}`);
          cursor = (res.json() as { nextCursor: string | null }).nextCursor;
        }
      }),
    ];
    await app.close();

    const rawPage = results[0]!;
    const rawTranscript = results[5]!;
    const rows = results.map((r, i) => {
      const base = i < 5 ? rawPage : rawTranscript;
      const ratio = r === base ? '1.0×' : `${(r.p95 / base.p95).toFixed(1)}×`;
      return `| ${r.name.padEnd(52)} | ${r.p50.toFixed(2).padStart(7)} | ${r.p95.toFixed(2).padStart(7)} | ${ratio.padStart(9)} |`;
    });
    console.log(
      [
        '',
        `engine: ${ENGINE}; ${ITERATIONS} calls each, one at a time; ms`,
        `| ${'what'.padEnd(52)} | ${'p50'.padStart(7)} | ${'p95'.padStart(7)} | p95 / raw |`,
        `| ${'-'.repeat(52)} | ${'-'.repeat(7)}: | ${'-'.repeat(7)}: | --------: |`,
        ...rows,
        '',
        `goal: history first page p95 ≤ 20 ms and ≤ 3× raw → service ` +
          `${results[2]!.p95.toFixed(2)} ms, ${(results[2]!.p95 / rawPage.p95).toFixed(1)}× ` +
          `(${(results[2]!.p95 / results[1]!.p95).toFixed(1)}× the same statement raw)`,
        `wall time ${((performance.now() - wall) / 1000).toFixed(0)} s`,
      ].join('\n'),
    );
  } finally {
    await database.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    if (ENGINE === 'postgres' && !process.env.BENCH_KEEP) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query('drop database if exists parley_bench_history with (force)');
      await admin.end();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
