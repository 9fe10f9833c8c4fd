import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { staff } from './people.ts';

/**
 * Saved answers staff insert from the composer. A personal one belongs to its owner; a shared
 * one (no owner) is kept by supervisors and admins and offered to everyone.
 */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a shared reply; a personal one goes with its owner. */
    ownerId: uuid('owner_id').references(() => staff.id, { onDelete: 'cascade' }),
    shared: boolean('shared').notNull().default(false),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Typed after `/` to find it first; optional. */
    shortcut: text('shortcut'),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('canned_replies_owner', sql`${t.shared} = (${t.ownerId} is null)`),
    index('canned_replies_owner_idx').on(t.ownerId),
  ],
);
