import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  bigint,
  bigserial,
  boolean,
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
import { createdAt } from './columns.ts';
import { departments, staff } from './people.ts';
import { channels } from './channels.ts';
import type { MessageContent, MessageContext, Reaction } from '@parley/contract';

/*
 * Customers and everything said with them: chats, messages, events, notes, comments, the
 * bell, web-chat sessions and the outbox that carries replies out.
 */

/**
 * The words a customer is found by: name, email whole and in parts, and the number's digits
 * without the plus. Written once here; the search queries repeat it exactly so the index serves.
 */
function customerSearchVector(t: { name: AnyPgColumn; email: AnyPgColumn; phone: AnyPgColumn }) {
  return sql`to_tsvector('simple', coalesce(${t.name}, '') || ' ' || coalesce(${t.email}, '') || ' ' || translate(coalesce(${t.email}, ''), '@.', '  ') || ' ' || ltrim(${t.phone}, '+'))`;
}

/** A customer is the number they write from (E.164); the profile grows around it. */
export const customers = pgTable(
  'customers',
  {
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
  },
  (t) => [
    // Search by name, email or number, as words and word prefixes (features/search, ADR 17).
    index('customers_search_idx').using('gin', customerSearchVector(t)),
  ],
);

export const chatStatus = pgEnum('chat_status', ['queued', 'live', 'pending', 'closed']);
/**
 * A conversation is a live chat, or a ticket when nobody could take it live. A ticket keeps the
 * chat's row, messages and events; its status reads queued = unassigned, live = assigned, closed.
 */
export const chatKind = pgEnum('chat_kind', ['chat', 'ticket']);
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
    kind: chatKind('kind').notNull().default('chat'),
    /** Why it became a ticket: out_of_hours, nobody_available or queue_timeout. */
    ticketReason: text('ticket_reason'),
    /** An email or number the customer left in the widget to be contacted on later. */
    ticketContact: text('ticket_contact'),
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
    /**
     * When the chat's current status and agent began (set by every transition that changes
     * either): the agent's reply timeout, the customer's inactivity and the pending auto-close
     * count from here.
     */
    stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
    /** The customer's first message that staff have not answered yet; null once staff reply. */
    awaitingReplySince: timestamp('awaiting_reply_since', { withTimezone: true }),
    /** Staff's last message to the customer (system auto-replies do not count). */
    lastStaffReplyAt: timestamp('last_staff_reply_at', { withTimezone: true }),
    /** When the customer was last warned that the chat will close for inactivity. */
    inactivityWarnedAt: timestamp('inactivity_warned_at', { withTimezone: true }),
    /**
     * The open transfer offer as the Chat payload shows it (a copy of its `transfers` row, kept
     * by the transfer transitions), so every chat frame says "transferring" without a join.
     */
    openTransfer: jsonb('open_transfer').$type<Record<string, unknown>>(),
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
      .where(sql`${t.status} = 'queued' and ${t.kind} = 'chat'`),
    // Unassigned tickets of a department, newest first, and the oldest for quick accept.
    index('chats_tickets_idx')
      .on(t.departmentId, t.createdAt)
      .where(sql`${t.kind} = 'ticket' and ${t.status} = 'queued'`),
    index('chats_customer_idx').on(t.customerId, t.createdAt),
    // The timers look only at chats that are live or pending.
    index('chats_open_state_idx')
      .on(t.status, t.stateSince)
      .where(sql`${t.status} in ('live', 'pending')`),
  ],
);

export const transferState = pgEnum('transfer_state', [
  'offered',
  'accepted',
  'rejected',
  'returned',
  'withdrawn',
]);

/**
 * A live chat offered by its agent (or a supervisor) to a colleague or a department. At most one
 * offer per chat is open; the receiver accepts or rejects it, or it returns to the sender when
 * `expires_at` passes. A chat that stops being live, is flagged or changes hands withdraws it.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    /** The chat's agent when it was offered (the one it returns to). */
    fromStaffId: uuid('from_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    /** Who offered it: the agent, or a supervisor transferring someone else's chat. */
    offeredById: uuid('offered_by_id').references(() => staff.id, { onDelete: 'set null' }),
    toStaffId: uuid('to_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    toDepartmentId: uuid('to_department_id').references(() => departments.id),
    note: text('note').notNull().default(''),
    state: transferState('state').notNull().default('offered'),
    /** The receiver's reason for a rejection, or why an offer was withdrawn. */
    reason: text('reason'),
    answeredById: uuid('answered_by_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The sender saw the rejection or the return; it leaves their bell. */
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('transfers_one_open_idx')
      .on(t.chatId)
      .where(sql`${t.state} = 'offered'`),
    index('transfers_due_idx')
      .on(t.expiresAt)
      .where(sql`${t.state} = 'offered'`),
    index('transfers_to_staff_idx')
      .on(t.toStaffId)
      .where(sql`${t.state} = 'offered'`),
    index('transfers_from_staff_idx').on(t.fromStaffId, t.createdAt),
  ],
);

/**
 * A supervisor watching a chat read-only. It ends when they leave it or stop being seen (no
 * heartbeat); the chat's timeline then shows one `observed` event, to supervisors only.
 */
export const monitorSessions = pgTable(
  'monitor_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('monitor_sessions_open_idx')
      .on(t.lastSeenAt)
      .where(sql`${t.endedAt} is null`),
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
    /** What the message is when not plain text (MessageContent); null for plain text. */
    content: jsonb('content').$type<MessageContent>(),
    /** Quoted reply, forward markers, the ad it came from (MessageContext); null when none. */
    context: jsonb('context').$type<MessageContext>(),
    /** The latest reaction of each side (Reaction[]). */
    reactions: jsonb('reactions').$type<Reaction[]>().notNull().default([]),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** The wording before the first edit, so no word the customer sent is lost. */
    originalText: text('original_text'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
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
    // Full-text search of what was said: an expression index, no stored column (ADR 17).
    index('messages_search_idx').using('gin', sql`to_tsvector('english', ${t.text})`),
  ],
);

export const attachmentState = pgEnum('attachment_state', ['downloading', 'ready', 'failed']);

/**
 * Where an inbound file comes from before it is stored: the provider's media reference, fetched
 * by the outbox (features/files). Cleared of nothing: it is what a retry needs.
 */
export type AttachmentSource =
  | {
      provider: 'whatsapp';
      mediaId: string;
      declaredType: string | null;
      sha256: string | null;
    }
  | { provider: 'url'; url: string; declaredType: string | null; auth: 'twilio' | 'none' };

/**
 * A file in a chat: a customer's media or a staff or visitor upload. The bytes live in the file
 * store (PARLEY_DATA_DIR/files or S3) under `storage_key`; a row without a message is an upload
 * not sent yet, removed when it is older than a day.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Null only for a web-chat visitor's upload made before their conversation exists: the send
     * that starts it sets the chat with the message.
     */
    chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull().default(0),
    sha256: text('sha256'),
    storageKey: text('storage_key'),
    thumbnailKey: text('thumbnail_key'),
    width: integer('width'),
    height: integer('height'),
    state: attachmentState('state').notNull(),
    failureReason: text('failure_reason'),
    source: jsonb('source').$type<AttachmentSource>(),
    /** Who uploaded it: a member of staff, or a widget session (for the visitor's own files). */
    uploadedByStaffId: uuid('uploaded_by_staff_id').references(() => staff.id, {
      onDelete: 'set null',
    }),
    uploadedByWidgetSessionId: uuid('uploaded_by_widget_session_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId),
    index('attachments_chat_idx').on(t.chatId),
    index('attachments_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.messageId} is null`),
    check(
      'attachments_belongs_somewhere',
      sql`${t.chatId} is not null or ${t.uploadedByWidgetSessionId} is not null`,
    ),
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
  (t) => [
    index('notes_customer_idx').on(t.customerId, t.createdAt),
    index('notes_search_idx').using('gin', sql`to_tsvector('english', ${t.body})`),
  ],
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

export const outboxState = pgEnum('outbox_state', ['pending', 'done', 'failed']);

/** Replies waiting to reach the customer's channel, written with the message they carry. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The reply to deliver; null for a direct send such as a verification code. */
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** A customer's media to fetch from the provider (with messageId null). */
    attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'cascade' }),
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
 * When a department answers live, in its time zone. No row: always open. `weekly` null: open
 * around the clock except on the holidays.
 */
export const businessHours = pgTable('business_hours', {
  departmentId: uuid('department_id')
    .primaryKey()
    .references(() => departments.id, { onDelete: 'cascade' }),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').$type<Record<string, { start: string; end: string }[]> | null>(),
  holidays: jsonb('holidays').$type<{ date: string; name: string }[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The admins' texts for what Parley says by itself, per kind, department (null: every
 * department without its own) and language; the built-in English defaults apply otherwise.
 */
export const autoReplies = pgTable(
  'auto_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    text: text('text').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('auto_replies_one_idx').on(
      t.kind,
      sql`coalesce(${t.departmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.language,
    ),
  ],
);
