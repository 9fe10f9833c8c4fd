/**
 * A database of conversations for the benches: customers, chats and messages made in bulk with
 * generate_series, with varied text (common service words and a long tail of product and place
 * names, order numbers), then the search index built once and the tables analysed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../apps/server/src/db/client.ts';
import { createStaff } from '../apps/server/src/features/auth/staff.service.ts';
import { systemPrincipal } from '../apps/server/src/principal.ts';
import { createLocalPresence } from '../apps/server/src/realtime/presence.ts';

/** Words of a service conversation, most common first. */
export const COMMON =
  `order delivery refund account payment help please thanks hello card number status
  waiting today tomorrow parcel courier address change cancel invoice receipt balance problem
  still arrived received missing wrong item size colour return exchange store online app login
  password reset email phone call back manager week days late early morning afternoon evening
  price discount voucher coupon promotion charge charged twice debit credit bank transfer branch
  collect pickup tracking reference quote contract upgrade plan data airtime network signal
  router fibre installation technician appointment booking confirm confirmed reschedule`.split(
    /\s+/,
  );
/** Syllables for the long tail: product names, places, surnames. */
export const SYLLABLES = 'ka be to lu mi sa ne ro vi da zu pe go li ma ti wo ha ni fe'.split(' ');

export type Raw = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
export const rawOf =
  (database: Database): Raw =>
  async (text, params = []) =>
    database.raw.kind === 'pglite'
      ? ((await database.raw.client.query(text, params)).rows as Record<string, unknown>[])
      : (await database.raw.pool.query(text, params)).rows;

/** The tail word k (1-based): two or three syllables, as `tailWord` in SQL below. */
export function tailWord(k: number): string {
  const n = SYLLABLES.length;
  const a = SYLLABLES[k % n]!;
  const b = SYLLABLES[Math.floor(k / n) % n]!;
  const c = k >= n * n ? SYLLABLES[Math.floor(k / (n * n)) % n]! : '';
  return `${a}${b}${c}`;
}
const tailSql = (k: string) =>
  `(s[1 + ${k} % 20] || s[1 + (${k} / 20) % 20] || case when ${k} >= 400 then s[1 + (${k} / 400) % 20] else '' end)`;

export type SeedSize = { messages: number; chats: number; customers: number };

export async function seed(
  database: Database,
  raw: Raw,
  { messages: MESSAGES, chats: CHATS, customers: CUSTOMERS }: SeedSize,
  log: (line: string) => void,
) {
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
  // The index exactly as the migration that made it creates it, wherever it sits in the list.
  const migrations = new URL('../apps/server/src/db/migrations/', import.meta.url);
  const create = readdirSync(migrations)
    .filter((name) => name.endsWith('.sql'))
    .flatMap((name) =>
      readFileSync(new URL(name, migrations), 'utf8').split('--> statement-breakpoint'),
    )
    .find((s) => /create index[^;]*messages_search_idx/i.test(s))!;
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
