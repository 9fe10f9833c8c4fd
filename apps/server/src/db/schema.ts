import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const staffRole = pgEnum('staff_role', ['admin', 'supervisor', 'agent']);

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
  /** Archived departments keep their history but take no new work; no channel may route to one. */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
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
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
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
  /** What the token may do (see auth/token-scopes.ts); a token never creates tokens or changes staff. */
  scopes: text('scopes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** After this the token is refused; null never expires. */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
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
  /**
   * Plaintext secret of databases from before sealed secrets; the start-up step moves it into
   * channel_secrets and clears it. Nothing else reads or writes it.
   */
  secret: text('secret'),
  /** Non-secret settings of the channel's kind; secrets live in channel_secrets. */
  settings: jsonb('settings').notNull().default({}),
  /** A disabled channel answers 404 to every inbound path and stores nothing. */
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
});

/**
 * A channel's secrets, one row per name (webhook `secret`, WhatsApp `appSecret`, …). Values are
 * sealed with PARLEY_SECRET_KEY (AES-256-GCM, "v1.<key id>.…"), or hashed when they are only ever
 * compared (the WhatsApp verify token). After a rotation the previous value stays accepted until
 * previous_valid_until, so senders can switch over without a gap.
 */
export const channelSecrets = pgTable(
  'channel_secrets',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    current: text('current').notNull(),
    previous: text('previous'),
    previousValidUntil: timestamp('previous_valid_until', { withTimezone: true }),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.name] })],
);

/** A customer is the number they write from (E.164); the profile grows around it. */
export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  phone: text('phone').notNull().unique(),
  name: text('name'),
  email: text('email'),
  language: text('language'),
  company: text('company'),
  location: text('location'),
  customFields: jsonb('custom_fields').$type<Record<string, string>>().notNull().default({}),
  /** Optimistic concurrency for profile saves. */
  version: integer('version').notNull().default(1),
  /** Set by "//stop": no outbound messages until the customer writes again. */
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
  lastAgentId: uuid('last_agent_id').references(() => staff.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const chatStatus = pgEnum('chat_status', ['queued', 'live', 'pending', 'closed']);
export const sentiment = pgEnum('sentiment', ['negative', 'neutral', 'positive']);

/** Messages and events share one sequence so a conversation interleaves them in true order. */
export const timelineSeq = pgSequence('timeline_seq');

export const chats = pgTable(
  'chats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    status: chatStatus('status').notNull().default('queued'),
    flagged: boolean('flagged').notNull().default(false),
    assigneeId: uuid('assignee_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** When it joined the queue: the queue is served in this order. */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    lastCustomerActivityAt: timestamp('last_customer_activity_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    sentiment: sentiment('sentiment'),
    wrapTag: text('wrap_tag'),
    /**
     * Started by a web-chat visitor who has not proved the number: the chat belongs to that widget
     * session alone and never merges with the customer's other conversations.
     */
    unverified: boolean('unverified').notNull().default(false),
    widgetSessionId: uuid('widget_session_id').references(() => widgetSessions.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    // At most one open chat per customer and channel: a message finds it, or starts a new one.
    // An unverified visitor's chat stands apart: at most one open per widget session.
    uniqueIndex('chats_one_open_idx')
      .on(t.customerId, t.channelId)
      .where(sql`${t.status} <> 'closed' and not ${t.unverified}`),
    uniqueIndex('chats_one_open_unverified_idx')
      .on(t.widgetSessionId)
      .where(sql`${t.status} <> 'closed' and ${t.unverified}`),
    index('chats_assignee_status_idx').on(t.assigneeId, t.status),
    index('chats_queue_idx')
      .on(t.departmentId, t.queuedAt)
      .where(sql`${t.status} = 'queued'`),
    index('chats_customer_idx').on(t.customerId, t.createdAt),
  ],
);

export const messageDirection = pgEnum('message_direction', ['in', 'out']);
export const messageStatus = pgEnum('message_status', [
  'received',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
]);
export const authorKind = pgEnum('author_kind', ['customer', 'staff', 'system']);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('timeline_seq')`),
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').notNull(),
    direction: messageDirection('direction').notNull(),
    text: text('text').notNull(),
    authorKind: authorKind('author_kind').notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    status: messageStatus('status').notNull(),
    failureReason: text('failure_reason'),
    /** The provider's id: inbound for de-duplication, outbound to match status updates. */
    providerMessageId: text('provider_message_id'),
    clientId: text('client_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_chat_seq_idx').on(t.chatId, t.seq),
    uniqueIndex('messages_provider_id_idx')
      .on(t.channelId, t.direction, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    uniqueIndex('messages_client_id_idx')
      .on(t.chatId, t.clientId)
      .where(sql`${t.clientId} is not null`),
  ],
);

export const actorKind = pgEnum('actor_kind', ['staff', 'system', 'customer']);

/** Immutable history: every change to a chat or customer, with who and when. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('timeline_seq')`),
    chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorKind: actorKind('actor_kind').notNull(),
    actorStaffId: uuid('actor_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_chat_seq_idx').on(t.chatId, t.seq),
    index('events_customer_seq_idx').on(t.customerId, t.seq),
    // The customer timeline reads one kind of event (profile changes) newest first.
    index('events_customer_type_at_idx').on(t.customerId, t.type, t.at, t.id),
  ],
);

/** When each staff member last read each chat, for "unseen customer activity" markers. */
export const chatReads = pgTable(
  'chat_reads',
  {
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.staffId] })],
);

export const referenceKind = pgEnum('reference_kind', ['url', 'jira', 'ticket']);

/** What staff know about a customer, shared with every colleague. */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    referenceKind: referenceKind('reference_kind'),
    referenceValue: text('reference_value'),
    chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'set null' }),
    ticketId: uuid('ticket_id'),
    authorId: uuid('author_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('notes_customer_idx').on(t.customerId, t.createdAt)],
);

/**
 * Staff-only remarks on an open chat. They exist only while the chat is open: closing the chat
 * deletes them in the same transaction, and only an event ("X tagged Y") remains.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => staff.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [index('comments_chat_idx').on(t.chatId, t.createdAt)],
);

/** Who was tagged into an open chat: they may watch it and comment until it closes. */
export const chatTags = pgTable(
  'chat_tags',
  {
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    taggedById: uuid('tagged_by_id').references(() => staff.id, { onDelete: 'set null' }),
    taggedAt: timestamp('tagged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.chatId, t.staffId] }),
    index('chat_tags_staff_idx').on(t.staffId),
  ],
);

/** The bell: mentions (and later ticket assignments) for one staff member. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_staff_idx').on(t.staffId, t.createdAt)],
);

export const outboxState = pgEnum('outbox_state', ['pending', 'done', 'failed']);

/** Replies waiting to reach the customer's channel, written with the message they carry. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The reply to deliver; null for a direct send such as a verification code. */
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** A direct send: through this channel, to this number, this text (cleared once sent). */
    channelId: text('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    toPhone: text('to_phone'),
    body: text('body'),
    state: outboxState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/**
 * A customer's web-chat widget session: the cookie holds the token, we keep its hash. It binds
 * the browser to one customer on one channel, and sees only what was said since it began.
 */
export const widgetSessions = pgTable('widget_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  channelId: text('channel_id')
    .notNull()
    .references(() => channels.id, { onDelete: 'cascade' }),
  customerId: uuid('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  /** Proved by a signed identity or a one-time code; an unverified session sees only its own chat. */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  /** A one-time code in flight: the number it went to, its hash, tries used, when it lapses. */
  codePhone: text('code_phone'),
  codeHash: text('code_hash'),
  codeAttempts: integer('code_attempts').notNull().default(0),
  codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
});

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
 * One-time links that let a staff member choose a password (after an admin created them or reset
 * theirs). Only a hash of the link's token is kept; a link works once, until it expires.
 */
export const setPasswordLinks = pgTable(
  'set_password_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('set_password_links_staff_idx').on(t.staffId)],
);

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
