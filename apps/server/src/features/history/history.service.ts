import type {
  HistoryItem,
  StaffSummary,
  TicketHistoryItem,
  TicketReason,
  CustomerTimelineItem,
  CustomerTimelineKind,
  CustomerTimelinePage,
  HistoryPage,
} from '@parley/contract';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { isSupervisor, type Principal } from '../../principal.ts';
import type { Notifier } from '../../realtime/frames.ts';
import type { Presence } from '../../realtime/presence.ts';
import { canViewChat, SUPERVISOR_ONLY_EVENTS, ticketStatusOf } from '../chats/index.ts';
import { canViewTicket } from '../tickets/index.ts';
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
function assertCanRead(principal: Principal, customerId: string) {
  if (!canViewCustomer(principal) || !UUID.test(customerId)) throw notFound('No such customer.');
}

/** Events a chat's summary may not show this reader: monitoring is for supervisors only. */
const hiddenEventsFor = (principal: Principal) =>
  isSupervisor(principal) ? [] : SUPERVISOR_ONLY_EVENTS;

const iso = (exact: string) => new Date(exact).toISOString();

/** A cursor we gave out; one edited by hand is refused (400), never passed on to SQL casts. */
const readCursor = (cursor: string | undefined): PagePosition | undefined =>
  decodeCursor(cursor, { at: 'time', id: 'uuid' });

/** Everyone who held the chat, in the order they got it, once each; the current agent last if new. */
function heldBy(row: ChatHistoryRow): string[] {
  const ids = [...(row.assigned_to ?? []), row.assignee_id];
  return [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
}

/** A ticket's row as a History item: who holds it, why it is one, and whether I may open it. */
function toTicketHistoryItem(
  principal: Principal,
  row: ChatHistoryRow,
  staff: Map<string, StaffSummary>,
): TicketHistoryItem {
  const access = {
    status: row.status,
    assigneeId: row.assignee_id,
    departmentId: row.department_id,
  } as Parameters<typeof canViewTicket>[1];
  const assignee = row.assignee_id ? staff.get(row.assignee_id) : undefined;
  return {
    kind: 'ticket',
    id: row.id,
    status: ticketStatusOf({ status: row.status, assigneeId: row.assignee_id }),
    channel: { id: row.channel_id, kind: row.channel_kind, name: row.channel_name },
    assignee: assignee ?? null,
    reason: (row.ticket_reason ?? 'nobody_available') as TicketReason,
    createdAt: iso(row.created_at),
    endedAt: row.status === 'closed' && row.closed_at ? iso(row.closed_at) : null,
    messageCount: Number(row.message_count),
    canOpen: canViewTicket(principal, access),
  };
}

/** The page's rows as History items; staff names come from one query for the whole page. */
async function toChatHistoryItems(
  db: Db,
  principal: Principal,
  rows: ChatHistoryRow[],
): Promise<HistoryItem[]> {
  const staff = await findStaffSummaries(db, [
    ...new Set(
      rows.flatMap((row) => [
        ...heldBy(row),
        ...(row.last_actor_id ? [row.last_actor_id] : []),
        ...(row.closer_id ? [row.closer_id] : []),
      ]),
    ),
  ]);
  return rows.map((row): HistoryItem => {
    if (row.kind === 'ticket') return toTicketHistoryItem(principal, row, staff);
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
        ...closerOf(row, staff),
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
      canOpen: canViewChat(principal, access),
    };
  });
}

/** The customer's chats and tickets, newest first, a page at a time. */
export async function listHistory(
  deps: HistoryDeps,
  principal: Principal,
  customerId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<HistoryPage> {
  assertCanRead(principal, customerId);
  const after = readCursor(query.cursor);
  const rows = await findChatHistoryPage(
    deps.db,
    customerId,
    after,
    query.limit,
    hiddenEventsFor(principal),
  );
  // One statement in the common case; an empty page alone asks whether the customer exists.
  if (rows.length === 0 && !(await customerExists(deps.db, customerId)))
    throw notFound('No such customer.');
  const page = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? page[page.length - 1] : undefined;
  return {
    items: await toChatHistoryItems(deps.db, principal, page),
    nextCursor: last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

/**
 * The customer's whole story on one timeline, newest first: chats, notes and profile saves,
 * filtered by kind. Positions are found in one statement, then each kind is read by id.
 */
export async function listCustomerTimeline(
  deps: HistoryDeps,
  principal: Principal,
  customerId: string,
  query: { kinds: CustomerTimelineKind[]; cursor?: string | undefined; limit: number },
): Promise<CustomerTimelinePage> {
  assertCanRead(principal, customerId);
  const after = readCursor(query.cursor);
  const positions = await findTimelinePositions(
    deps.db,
    customerId,
    query.kinds,
    after,
    query.limit,
  );
  if (positions.length === 0 && !(await customerExists(deps.db, customerId)))
    throw notFound('No such customer.');
  const page = positions.slice(0, query.limit);
  const idsOf = (kind: CustomerTimelineKind) =>
    page.filter((position) => position.kind === kind).map((position) => position.id);
  const [chatRows, noteRows, eventRows] = await Promise.all([
    findChatHistoryByIds(deps.db, idsOf('chat'), hiddenEventsFor(principal)),
    findTimelineNotes(deps.db, idsOf('note')),
    findTimelineEvents(deps.db, idsOf('profile')),
  ]);
  const byId = new Map<string, CustomerTimelineItem>();
  for (const item of await toChatHistoryItems(deps.db, principal, chatRows))
    byId.set(`chat:${item.id}`, item);
  for (const note of noteRows)
    byId.set(`note:${note.id}`, {
      kind: 'note',
      id: note.id,
      body: note.body,
      reference:
        note.reference_kind && note.reference_value
          ? { kind: note.reference_kind, value: note.reference_value }
          : null,
      author:
        note.author_id && note.author_name && note.author_role
          ? { id: note.author_id, name: note.author_name, role: note.author_role }
          : null,
      chatId: note.chat_id,
      createdAt: iso(note.created_at),
    });
  for (const event of eventRows)
    byId.set(`profile:${event.id}`, {
      kind: 'profile',
      id: event.id,
      actor:
        event.actor_kind === 'staff'
          ? {
              kind: 'staff',
              id: event.actor_id ?? '',
              name: event.actor_name ?? 'Former colleague',
              role: event.actor_role ?? 'agent',
            }
          : { kind: event.actor_kind },
      data: event.data,
      createdAt: iso(event.at),
    });
  const last = positions.length > query.limit ? page[page.length - 1] : undefined;
  return {
    // A row deleted between the two reads (a note) is simply left out.
    items: page.flatMap((position) => {
      const item = byId.get(`${position.kind}:${position.id}`);
      return item ? [item] : [];
    }),
    nextCursor: last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

/** Who closed a closed chat, when staff did, and the tag they gave it. */
function closerOf(
  row: ChatHistoryRow,
  staff: Map<string, StaffSummary>,
): { closer: StaffSummary | null; tag: string | null } {
  if (row.status !== 'closed' || row.closed_by !== 'agent') return { closer: null, tag: null };
  const person = row.closer_id ? staff.get(row.closer_id) : undefined;
  return {
    closer:
      person ??
      (row.closer_id ? { id: row.closer_id, name: 'Former colleague', role: 'agent' } : null),
    tag: row.wrap_tag,
  };
}
