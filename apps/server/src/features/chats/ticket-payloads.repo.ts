import type { Ticket, TicketReason, TicketStatus } from '@parley/contract';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chats } from '../../db/schema.ts';
import { type ChatRow, chatFromSelection, selectChats } from './chat-payloads.repo.ts';

/*
 * The Ticket payload, built from the same joined selection as a Chat: a ticket is its
 * conversation's own row (`kind = 'ticket'`), queued while unassigned, live once assigned.
 */

/** A ticket's status as staff see it, from its row's. */
export function ticketStatusOf(row: Pick<ChatRow, 'status' | 'assigneeId'>): TicketStatus {
  if (row.status === 'closed') return 'closed';
  return row.assigneeId ? 'assigned' : 'unassigned';
}

type Selection = Awaited<ReturnType<ReturnType<typeof selectChats>['execute']>>[number];

/** The Ticket payload of one selected row. */
export function ticketFromSelection(selected: Selection): Ticket {
  const chat = chatFromSelection(selected);
  const row = selected.chat;
  return {
    id: row.id,
    status: ticketStatusOf(row),
    customer: chat.customer,
    channel: chat.channel,
    assignee: chat.assignee,
    department: chat.department,
    reason: (row.ticketReason ?? 'nobody_available') as TicketReason,
    contact: row.ticketContact,
    createdAt: chat.createdAt,
    lastActivityAt: chat.lastActivityAt,
    closedAt: chat.closedAt,
    lastMessage: chat.lastMessage,
    canClose: row.lastStaffReplyAt !== null,
  };
}

/** One ticket as staff see it, or undefined when the id is not a ticket. */
export async function findTicket(db: Db, id: string): Promise<Ticket | undefined> {
  const [selected] = await selectChats(db).where(eq(chats.id, id));
  return selected && selected.chat.kind === 'ticket' ? ticketFromSelection(selected) : undefined;
}
