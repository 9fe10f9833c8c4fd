import type {
  Chat,
  ChatClosure,
  ChatEvent,
  Message,
  MessageContentKind,
  OpenTransfer,
} from '@parley/contract';
import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.ts';
import {
  channels,
  chats,
  customers,
  departments,
  events,
  messages,
  staff,
} from '../../db/schema.ts';
import { findAttachmentsOf } from '../files/index.ts';

/*
 * The one TypeScript builder of each payload chats sends, in REST answers and realtime frames
 * alike: `toChat`, `toMessages`, `toEvents`. The one-statement customer write builds the same
 * payloads in SQL for speed (docs/adr/0010-sql-built-frames.md); inbound-fast-path.test.ts holds
 * the two equal.
 */

export type ChatRow = typeof chats.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type EventRow = typeof events.$inferSelect;

/** Everything a Chat payload says beyond the chat's own row. */
export type ChatParts = {
  row: ChatRow;
  customer: Chat['customer'];
  channel: Chat['channel'];
  department: Chat['department'];
  assignee: Chat['assignee'];
  lastMessage: Chat['lastMessage'];
  /** A closed chat's closing event, as `closingEvent` reads it; given only where it was read. */
  closing?: ClosingEvent | null;
};

/** The last event that closed the chat, with its staff actor's summary. */
export type ClosingEvent = {
  type: string;
  staffId: string | null;
  name: string | null;
  role: 'admin' | 'supervisor' | 'agent' | null;
};

/** The events that close a chat, each with who it says closed it. */
const closingKinds: Record<string, ChatClosure['by']> = {
  closed: 'staff',
  ended_by_customer: 'customer',
  inactivity_timeout: 'inactivity',
  pending_auto_closed: 'pending_timeout',
  verified_elsewhere: 'system',
};

/** How a closed chat ended, in words the desk can say ("Closed by Lerato", "Ended by customer"). */
export function toClosure(closing: ClosingEvent | null, tag: string | null): ChatClosure {
  const by = (closing && closingKinds[closing.type]) ?? 'system';
  return {
    by,
    staff:
      by === 'staff' && closing?.staffId
        ? {
            id: closing.staffId,
            name: closing.name ?? 'Former colleague',
            role: closing.role ?? 'agent',
          }
        : null,
    tag: by === 'staff' ? tag : null,
  };
}

const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

export function toChat(parts: ChatParts): Chat {
  const c = parts.row;
  return {
    id: c.id,
    status: c.status,
    flagged: c.flagged,
    customer: parts.customer,
    channel: { id: parts.channel.id, kind: parts.channel.kind, name: parts.channel.name },
    assignee: parts.assignee,
    department: parts.department,
    createdAt: c.createdAt.toISOString(),
    lastActivityAt: c.lastActivityAt.toISOString(),
    lastCustomerActivityAt: iso(c.lastCustomerActivityAt),
    lastMessage: parts.lastMessage
      ? { ...parts.lastMessage, at: new Date(parts.lastMessage.at).toISOString() }
      : null,
    closedAt: iso(c.closedAt),
    sentiment: c.sentiment,
    unverified: c.unverified,
    // A pending chat waits on the customer: nobody waits on staff there, whatever is unanswered.
    waitingSince: c.status === 'pending' ? null : iso(c.awaitingReplySince),
    transfer: (c.openTransfer as OpenTransfer | null) ?? null,
    queuedAt: iso(c.queuedAt),
    ...(c.status === 'pending' ? { pendingSince: c.stateSince.toISOString() } : {}),
    ...(c.status === 'closed' && parts.closing !== undefined
      ? { closure: toClosure(parts.closing, c.wrapTag) }
      : {}),
    ...(c.kind === 'ticket' ? { kind: 'ticket' as const } : {}),
  };
}

const assignee = alias(staff, 'assignee');

/**
 * The conversation's last word, the customer's or staff's: an auto-reply ("You're chatting
 * with…") is not what the desk's list should preview.
 */
const lastMessage = sql<{ text: string; direction: 'in' | 'out'; at: string } | null>`(
  select json_build_object('text', m.text, 'direction', m.direction, 'at', m.created_at)
  from ${messages} m where m.chat_id = ${chats.id} and m.author_kind <> 'system'
  order by m.seq desc limit 1)`;

/**
 * A closed chat's last closing event (one backward probe on events (chat_id, seq)); nothing is
 * read for an open chat.
 */
const closing = sql<ClosingEvent | null>`(
  select json_build_object('type', e.type, 'staffId', e.actor_staff_id, 'name', s.name,
    'role', s.role)
  from ${events} e left join ${staff} s on s.id = e.actor_staff_id
  where ${chats.status} = 'closed' and e.chat_id = ${chats.id}
    and e.type in ('closed', 'ended_by_customer', 'inactivity_timeout', 'pending_auto_closed',
      'verified_elsewhere')
  order by e.seq desc limit 1)`;

/** The columns a Chat payload is made of, joined once. */
export function selectChats(db: Db) {
  return db
    .select({
      chat: chats,
      customer: { id: customers.id, phone: customers.phone, name: customers.name },
      channel: { id: channels.id, kind: channels.kind, name: channels.name },
      department: { id: departments.id, name: departments.name },
      assignee: { id: assignee.id, name: assignee.name, role: assignee.role },
      lastMessage,
      closing,
    })
    .from(chats)
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .innerJoin(channels, eq(channels.id, chats.channelId))
    .innerJoin(departments, eq(departments.id, chats.departmentId))
    .leftJoin(assignee, eq(assignee.id, chats.assigneeId));
}

type ChatSelection = Awaited<ReturnType<ReturnType<typeof selectChats>['execute']>>[number];

export const chatFromSelection = (selected: ChatSelection): Chat =>
  toChat({
    row: selected.chat,
    customer: selected.customer,
    channel: selected.channel,
    department: selected.department,
    assignee: selected.assignee && selected.assignee.id ? selected.assignee : null,
    lastMessage: selected.lastMessage,
    closing: selected.closing,
  });

export async function findChat(db: Db, id: string): Promise<Chat | undefined> {
  const [selected] = await selectChats(db).where(eq(chats.id, id));
  return selected ? chatFromSelection(selected) : undefined;
}

/** What a caller on the customer-message path already holds, so the payload costs one small query. */
export type KnownChat = Omit<ChatParts, 'department' | 'assignee'>;

/** The Chat payload from what the caller holds, plus the department's and assignee's names. */
export async function findChatFromKnown(tx: Db, known: KnownChat): Promise<Chat> {
  const row = known.row;
  const names = await findChatNames(tx, row.departmentId, row.assigneeId);
  return toChat({
    ...known,
    department: { id: row.departmentId, name: names?.department ?? '' },
    assignee:
      row.assigneeId && names?.assignee_name && names.assignee_role
        ? { id: row.assigneeId, name: names.assignee_name, role: names.assignee_role }
        : null,
  });
}

type ChatNames = {
  department: string;
  assignee_name: string | null;
  assignee_role: 'admin' | 'supervisor' | 'agent' | null;
};
// Keyed by random ids, so one map serves every database this process opens.
const namesCache = new Map<string, { row: ChatNames | undefined; at: number }>();
const NAMES_TTL_MS = 10_000;

/**
 * The department's name and the assignee's summary, for a chat payload. Names change rarely and
 * every message needs them: a frame may show a renamed colleague's old name for a few seconds.
 */
async function findChatNames(tx: Db, departmentId: string, assigneeId: string | null) {
  const key = `${departmentId}|${assigneeId ?? ''}`;
  const hit = namesCache.get(key);
  if (hit && Date.now() - hit.at < NAMES_TTL_MS) return hit.row;
  const [row] = await queryRows<ChatNames>(
    tx,
    sql`select d.name as department, s.name as assignee_name, s.role as assignee_role
        from departments d left join staff s on s.id = ${assigneeId}
        where d.id = ${departmentId}`,
  );
  if (namesCache.size > 5000) namesCache.clear();
  namesCache.set(key, { row, at: Date.now() });
  return row;
}

/** Staff names for message authors and event actors, in one query. */
async function findStaffNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0)
    return new Map<string, { id: string; name: string; role: 'admin' | 'supervisor' | 'agent' }>();
  const rows = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(inArray(staff.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function toMessages(
  db: Db,
  rows: MessageRow[],
  customerName: string | null,
): Promise<Message[]> {
  const names = await findStaffNames(
    db,
    rows.map((r) => r.authorStaffId),
  );
  // Only media messages have files: a page of text costs no extra query.
  const files = await findAttachmentsOf(
    db,
    rows.filter((r) => r.content && mediaKinds.has(r.content.kind)).map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    chatId: r.chatId,
    direction: r.direction,
    text: r.text,
    author:
      r.authorKind === 'staff'
        ? {
            kind: 'staff',
            id: r.authorStaffId ?? undefined,
            name: names.get(r.authorStaffId ?? '')?.name ?? 'Former colleague',
          }
        : r.authorKind === 'customer'
          ? { kind: 'customer', name: customerName ?? 'Customer' }
          : { kind: 'system', name: 'Parley' },
    status: r.status,
    failureReason: r.failureReason,
    clientId: r.clientId,
    createdAt: r.createdAt.toISOString(),
    seq: r.seq,
    content: r.content,
    attachments: files.get(r.id) ?? [],
    context: r.context,
    // A reaction taken back is kept as an empty mark (so an older one replayed stays ignored).
    reactions: r.reactions.filter((reaction) => reaction.emoji !== ''),
    editedAt: iso(r.editedAt),
    originalText: r.originalText,
    revokedAt: iso(r.revokedAt),
  }));
}

/** The kinds of content whose message carries files (attachments rows). */
export const mediaKinds: ReadonlySet<MessageContentKind> = new Set([
  'image',
  'video',
  'audio',
  'document',
  'sticker',
]);

export async function toEvents(db: Db, rows: EventRow[]): Promise<ChatEvent[]> {
  const names = await findStaffNames(
    db,
    rows.map((r) => r.actorStaffId),
  );
  return rows.map((r) => {
    const person = r.actorStaffId ? names.get(r.actorStaffId) : undefined;
    return {
      id: r.id,
      chatId: r.chatId,
      customerId: r.customerId,
      type: r.type,
      actor:
        r.actorKind === 'staff'
          ? {
              kind: 'staff' as const,
              id: r.actorStaffId ?? '',
              name: person?.name ?? 'Former colleague',
              role: person?.role ?? 'agent',
            }
          : { kind: r.actorKind },
      data: r.data,
      at: r.at.toISOString(),
      seq: r.seq,
    };
  });
}
