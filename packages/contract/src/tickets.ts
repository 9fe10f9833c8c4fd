import { z } from 'zod';
import { ChannelKind, CustomerSummary } from './chats.ts';
import { Department, StaffSummary } from './staff.ts';

/*
 * A ticket is a conversation nobody could take live: outside the department's hours, with nobody
 * available, or after waiting in the queue too long. It keeps the conversation's id, messages and
 * events (`/api/tickets/{id}/messages|timeline` read like a chat's) and is worked later.
 */

export const TicketStatus = z.enum(['unassigned', 'assigned', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Why a conversation became a ticket. */
export const TicketReason = z.enum(['out_of_hours', 'nobody_available', 'queue_timeout']);
export type TicketReason = z.infer<typeof TicketReason>;

export const Ticket = z
  .object({
    id: z.string(),
    status: TicketStatus,
    customer: CustomerSummary,
    channel: z.object({ id: z.string(), kind: ChannelKind, name: z.string() }),
    assignee: StaffSummary.nullable(),
    department: Department,
    reason: TicketReason,
    /** An email or number the customer left in the widget to be contacted on. */
    contact: z.string().nullable(),
    createdAt: z.string(),
    lastActivityAt: z.string(),
    closedAt: z.string().nullable(),
    lastMessage: z
      .object({ text: z.string(), direction: z.enum(['in', 'out']), at: z.string() })
      .nullable(),
    canClose: z
      .boolean()
      .describe('Staff have replied: a ticket cannot close before (409, and the desk says why)'),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const TicketView = z.enum(['unassigned', 'assigned', 'closed']);
export type TicketView = z.infer<typeof TicketView>;

/**
 * `GET /api/tickets?view=`: unassigned newest first (an agent sees their departments'),
 * assigned = mine (supervisors: everyone's), closed newest first.
 */
export const TicketListQuery = z.object({
  view: TicketView.default('unassigned'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const TicketList = z
  .object({ items: z.array(Ticket), nextCursor: z.string().nullable() })
  .meta({ id: 'TicketList' });
export type TicketList = z.infer<typeof TicketList>;

/** `GET /api/tickets/counts`: the navigation's numbers, counted on the server. */
export const TicketCounts = z
  .object({ unassigned: z.number().int(), assigned: z.number().int() })
  .meta({ id: 'TicketCounts' });
export type TicketCounts = z.infer<typeof TicketCounts>;

/** `POST /api/tickets/accept-oldest`: take the oldest unassigned tickets of my departments. */
export const AcceptOldestBody = z
  .object({ count: z.number().int().min(1).max(50) })
  .meta({ id: 'AcceptOldestBody' });
export const AcceptOldestResult = z
  .object({ items: z.array(Ticket).describe('What I got; fewer than asked when fewer waited') })
  .meta({ id: 'AcceptOldestResult' });
export type AcceptOldestResult = z.infer<typeof AcceptOldestResult>;

/** `POST /api/tickets/{id}/transfer` (supervisors and admins only, else 403). */
export const TicketTransferBody = z
  .object({ agentId: z.string().optional(), departmentId: z.string().optional() })
  .meta({ id: 'TicketTransferBody' });
export type TicketTransferBody = z.infer<typeof TicketTransferBody>;
