import type {
  ChatHistoryItem,
  CustomerTimelineItem,
  CustomerTimelineKind,
  CustomerTimelinePage,
  HistoryPage,
} from '@parley/contract';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import type { Notifier } from '../../realtime/events.ts';
import type { Presence } from '../../realtime/presence.ts';
import { canViewChat } from '../chats/index.ts';
import { canViewCustomer } from '../customers/index.ts';
import {
  type ChatHistoryRow,
  customerExists,
  findChatHistoryByIds,
  findChatHistoryPage,
  findStaffSummaries,
  findTimelineEvents,
  findTimelineNotes,
  findTimelinePositions,
  type PagePosition,
} from './history.repo.ts';

export type HistoryDeps = { db: Db; notifier: Notifier; presence: Presence };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** History is shared knowledge: any staff member may read any customer's. Others learn nothing. */
function assertCanRead(p: Principal, customerId: string) {
  if (!canViewCustomer(p) || !UUID.test(customerId)) throw notFound('No such customer.');
}

const iso = (exact: string) => new Date(exact).toISOString();

/** A cursor we gave out; one edited by hand is refused (400), never passed on to SQL casts. */
const readCursor = (cursor: string | undefined): PagePosition | undefined =>
  decodeCursor(cursor, { at: 'time', id: 'uuid' });

/** Everyone who held the chat, in the order they got it, once each; the current agent last if new. */
function heldBy(row: ChatHistoryRow): string[] {
  const ids = [...(row.assigned_to ?? []), row.assignee_id];
  return [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
}

/** The page's rows as History items; staff names come from one query for the whole page. */
async function toChatHistoryItems(
  db: Db,
  p: Principal,
  rows: ChatHistoryRow[],
): Promise<ChatHistoryItem[]> {
  const staff = await findStaffSummaries(db, [
    ...new Set(
      rows.flatMap((row) => [...heldBy(row), ...(row.last_actor_id ? [row.last_actor_id] : [])]),
    ),
  ]);
  return rows.map((row) => {
    // The chat rules read only these columns; the page carries them.
    const access = {
      status: row.status,
      assigneeId: row.assignee_id,
      departmentId: row.department_id,
    } as Parameters<typeof canViewChat>[1];
    const actor = row.last_actor_id ? staff.get(row.last_actor_id) : undefined;
    return {
      kind: 'chat',
      id: row.id,
      status: row.status,
      channel: { id: row.channel_id, kind: row.channel_kind, name: row.channel_name },
      agents: heldBy(row).flatMap((id) => {
        const person = staff.get(id);
        return person ? [person] : [];
      }),
      createdAt: iso(row.created_at),
      endedAt: row.status === 'closed' && row.closed_at ? iso(row.closed_at) : null,
      outcome: {
        sentiment: row.sentiment,
        closedBy: row.status === 'closed' ? row.closed_by : null,
      },
      flagged: row.flagged,
      messageCount: Number(row.message_count),
      lastEvent:
        row.last_type && row.last_at && row.last_actor_kind
          ? {
              type: row.last_type,
              at: iso(row.last_at),
              actor:
                row.last_actor_kind === 'staff'
                  ? {
                      kind: 'staff',
                      id: row.last_actor_id ?? '',
                      name: actor?.name ?? 'Former colleague',
                      role: actor?.role ?? 'agent',
                    }
                  : { kind: row.last_actor_kind },
              data: row.last_data ?? {},
            }
          : null,
      canOpen: canViewChat(p, access),
    };
  });
}

/** The customer's chats (tickets later), newest first, a page at a time. */
export async function listHistory(
  deps: HistoryDeps,
  p: Principal,
  customerId: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<HistoryPage> {
  assertCanRead(p, customerId);
  const after = readCursor(q.cursor);
  const rows = await findChatHistoryPage(deps.db, customerId, after, q.limit);
  // One statement in the common case; an empty page alone asks whether the customer exists.
  if (rows.length === 0 && !(await customerExists(deps.db, customerId)))
    throw notFound('No such customer.');
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page[page.length - 1] : undefined;
  return {
    items: await toChatHistoryItems(deps.db, p, page),
    nextCursor: last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

/**
 * The customer's whole story on one timeline, newest first: chats, notes and profile saves,
 * filtered by kind. Positions are found in one statement, then each kind is read by id.
 */
export async function listCustomerTimeline(
  deps: HistoryDeps,
  p: Principal,
  customerId: string,
  q: { kinds: CustomerTimelineKind[]; cursor?: string | undefined; limit: number },
): Promise<CustomerTimelinePage> {
  assertCanRead(p, customerId);
  const after = readCursor(q.cursor);
  const positions = await findTimelinePositions(deps.db, customerId, q.kinds, after, q.limit);
  if (positions.length === 0 && !(await customerExists(deps.db, customerId)))
    throw notFound('No such customer.');
  const page = positions.slice(0, q.limit);
  const idsOf = (kind: CustomerTimelineKind) =>
    page.filter((x) => x.kind === kind).map((x) => x.id);
  const [chatRows, noteRows, eventRows] = await Promise.all([
    findChatHistoryByIds(deps.db, idsOf('chat')),
    findTimelineNotes(deps.db, idsOf('note')),
    findTimelineEvents(deps.db, idsOf('profile')),
  ]);
  const byId = new Map<string, CustomerTimelineItem>();
  for (const item of await toChatHistoryItems(deps.db, p, chatRows))
    byId.set(`chat:${item.id}`, item);
  for (const n of noteRows)
    byId.set(`note:${n.id}`, {
      kind: 'note',
      id: n.id,
      body: n.body,
      reference:
        n.reference_kind && n.reference_value
          ? { kind: n.reference_kind, value: n.reference_value }
          : null,
      author:
        n.author_id && n.author_name && n.author_role
          ? { id: n.author_id, name: n.author_name, role: n.author_role }
          : null,
      chatId: n.chat_id,
      createdAt: iso(n.created_at),
    });
  for (const e of eventRows)
    byId.set(`profile:${e.id}`, {
      kind: 'profile',
      id: e.id,
      actor:
        e.actor_kind === 'staff'
          ? {
              kind: 'staff',
              id: e.actor_id ?? '',
              name: e.actor_name ?? 'Former colleague',
              role: e.actor_role ?? 'agent',
            }
          : { kind: e.actor_kind },
      data: e.data,
      createdAt: iso(e.at),
    });
  const last = positions.length > q.limit ? page[page.length - 1] : undefined;
  return {
    // A row deleted between the two reads (a note) is simply left out.
    items: page.flatMap((x) => {
      const item = byId.get(`${x.kind}:${x.id}`);
      return item ? [item] : [];
    }),
    nextCursor: last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}
