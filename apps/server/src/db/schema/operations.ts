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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { apiTokens, staff } from './people.ts';

/*
 * What runs the desk rather than the conversation: realtime frames, the audit log, admin
 * settings and tags, outbound webhooks, and facts about this database.
 */

/**
 * The realtime record: every frame the desk may push is written here in the same transaction as
 * the change it reports. Sockets are fed from this table (a bus only says "something new"), so a
 * reconnecting client can be replayed exactly what it missed, on any node.
 */
export const realtimeFrames = pgTable(
  'realtime_frames',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    rooms: text('rooms').array().notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('realtime_frames_created_idx').on(t.createdAt)],
);

/** Key/value facts about this database, e.g. when demo data was seeded. */
export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What admins changed, who changed it and how it looked before and after: written in the same
 * transaction as the change, so the record exists exactly when the change does. Never holds
 * secrets (audit.service.ts redacts them).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null when no person acted: the command line or the system itself. */
    actorStaffId: uuid('actor_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    /** The API token the person acted with; null in the desk or when no person acted. */
    actorTokenId: uuid('actor_token_id').references(() => apiTokens.id, { onDelete: 'set null' }),
    /** Why the system acted (e.g. the operator command line); null when a person acted. */
    actorReason: text('actor_reason'),
    action: text('action').notNull(),
    objectKind: text('object_kind').notNull(),
    objectId: text('object_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    // The clock, not the transaction's start: two changes in one transaction keep their order.
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at, t.id),
    index('audit_events_kind_at_idx').on(t.objectKind, t.at, t.id),
  ],
);

/** The wrap-up tags offered when closing a chat. Deleted ones are kept so old chats still read. */
export const wrapUpTags = pgTable(
  'wrap_up_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('wrap_up_tags_name_idx')
      .on(sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
    check('wrap_up_tags_name_length', sql`char_length(${t.name}) between 1 and 50`),
  ],
);

/** Admin settings; a key that was never saved reads as its default (contract: admin-settings). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => staff.id, { onDelete: 'set null' }),
});

/**
 * An outbound webhook: Parley POSTs the chosen events to `url`, signed with `secret`. The secret
 * is sealed with PARLEY_SECRET_KEY (`sealWebhookSecret`, features/webhooks) and is never read back out
 * through the API; `events` holds event type names (contract: admin-webhooks).
 */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
});

export const webhookDeliveryState = pgEnum('webhook_delivery_state', [
  'pending',
  'delivered',
  'failed',
]);

/**
 * One event on its way to one subscription, written in the transaction of the change it reports
 * and leased by the webhook worker like outbox rows (ADR 12). Deleting the subscription deletes
 * its deliveries, so nothing more is sent to it.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** The event's id, the same for every subscription and every redelivery: receivers dedupe on it. */
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    eventAt: timestamp('event_at', { withTimezone: true }).notNull().defaultNow(),
    data: jsonb('data').notNull(),
    state: webhookDeliveryState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    responseStatus: integer('response_status'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    index('webhook_deliveries_log_idx').on(t.subscriptionId, t.id),
  ],
);
