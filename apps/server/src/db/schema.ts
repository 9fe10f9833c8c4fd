import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const staffRole = pgEnum('staff_role', ['admin', 'supervisor', 'agent']);

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: staffRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    available: boolean('available').notNull().default(false),
    capacity: integer('capacity').notNull().default(5),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('staff_capacity_range', sql`${t.capacity} between 1 and 100`),
    check('staff_email_lowercase', sql`${t.email} = lower(${t.email})`),
  ],
);

export const staffDepartments = pgTable(
  'staff_departments',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.departmentId] })],
);

/** Browser sessions. Only a hash of the cookie value is kept, so a database leak signs no one in. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId)],
);

/** Integration tokens (Bearer). The secret is shown once at creation and stored hashed. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  staffId: uuid('staff_id')
    .notNull()
    .references(() => staff.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Failed sign-ins, kept briefly, counted per account and per address for throttling. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_key_at_idx').on(t.key, t.at)],
);

/**
 * The realtime record: every frame the desk may push is written here in the same transaction as
 * the change it reports. Sockets are fed from this table (a bus only says "something new"), so a
 * reconnecting client can be replayed exactly what it missed, on any node.
 */
export const realtimeEvents = pgTable(
  'realtime_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    rooms: text('rooms').array().notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('realtime_events_created_idx').on(t.createdAt)],
);

export const channelKind = pgEnum('channel_kind', ['webhook', 'whatsapp', 'webchat']);

/** Where customers write in from. Each channel belongs to the department that answers it. */
export const channels = pgTable('channels', {
  id: text('id').primaryKey(),
  kind: channelKind('kind').notNull(),
  name: text('name').notNull(),
  departmentId: uuid('department_id')
    .notNull()
    .references(() => departments.id),
  /** ISO 3166 region used to read numbers written without a country code. */
  defaultRegion: text('default_region').notNull(),
  /** Shared secret for signed webhooks. */
  secret: text('secret'),
  settings: jsonb('settings').notNull().default({}),
  createdAt: createdAt(),
});

/** Key/value facts about this database, e.g. when demo data was seeded. */
export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
