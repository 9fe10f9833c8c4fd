import {
  boolean,
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
import { sql } from 'drizzle-orm';
import { createdAt } from './columns.ts';
import { departments } from './people.ts';

/*
 * Where customers write in from, and the sealed secrets each channel holds.
 */

export const channelKind = pgEnum('channel_kind', ['webhook', 'whatsapp', 'webchat', 'sms']);

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

/**
 * The parts of a long SMS that its provider hands over one by one, kept until every part is in
 * and the message is stored whole (a part is acknowledged only once it is here, so none is lost).
 * A part's provider id is its key: a repeat stores nothing. Joined parts stay a day, marked, so a
 * late repeat is still known; a set still incomplete after a while is stored as far as it goes.
 */
export const smsParts = pgTable(
  'sms_parts',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    providerMessageId: text('provider_message_id').notNull(),
    sender: text('sender').notNull(),
    reference: integer('reference').notNull(),
    total: integer('total').notNull(),
    sequence: integer('sequence').notNull(),
    text: text('text').notNull(),
    /** The provider's time of the part, which the joined message takes from its first. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** When its message was stored; null while the set waits for parts. */
    joinedAt: timestamp('joined_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.providerMessageId] }),
    index('sms_parts_waiting_idx')
      .on(t.channelId, t.sender, t.reference, t.total)
      .where(sql`${t.joinedAt} is null`),
    index('sms_parts_received_idx').on(t.receivedAt),
  ],
);
