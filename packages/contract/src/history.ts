import { z } from 'zod';
import { ChannelKind, ChatStatus, EventActor, Sentiment } from './chats.ts';
import { NoteReference } from './customers.ts';
import { StaffSummary } from './staff.ts';
import { TicketReason, TicketStatus } from './tickets.ts';

/** How a closed chat ended: by its agent (close with wrap-up), by the customer (//end), or by Parley. */
export const ClosedBy = z.enum(['agent', 'customer', 'system']);
export type ClosedBy = z.infer<typeof ClosedBy>;

/** One earlier chat with the customer, as the History tab lists it. */
export const ChatHistoryItem = z
  .object({
    kind: z.literal('chat'),
    id: z.string(),
    status: ChatStatus,
    channel: z.object({ id: z.string(), kind: ChannelKind, name: z.string() }),
    agents: z
      .array(StaffSummary)
      .describe('Everyone who held the chat, in the order they got it, the current agent included'),
    createdAt: z.string(),
    endedAt: z.string().nullable().describe('When it closed; null while it is open'),
    outcome: z.object({
      sentiment: Sentiment.nullable().describe('From the wrap-up; null when none was given'),
      closedBy: ClosedBy.nullable().describe('Null while the chat is open'),
      closer: StaffSummary.nullable()
        .optional()
        .describe('Who closed it, when a colleague did (closedBy agent)'),
      tag: z.string().nullable().optional().describe('The wrap-up tag it was closed with'),
    }),
    flagged: z.boolean(),
    messageCount: z.number().int(),
    lastEvent: z
      .object({
        type: z.string(),
        at: z.string(),
        actor: EventActor,
        data: z.record(z.string(), z.unknown()),
      })
      .nullable(),
    canOpen: z
      .boolean()
      .describe(
        'Whether the viewer may open the transcript: closed chats are open to all staff, ' +
          'live ones to their agent and supervisors',
      ),
  })
  .meta({ id: 'ChatHistoryItem' });
export type ChatHistoryItem = z.infer<typeof ChatHistoryItem>;

/** One ticket of the customer's, as the History tab and the customer timeline list it. */
export const TicketHistoryItem = z
  .object({
    kind: z.literal('ticket'),
    id: z.string(),
    status: TicketStatus,
    channel: z.object({ id: z.string(), kind: ChannelKind, name: z.string() }),
    assignee: StaffSummary.nullable(),
    reason: TicketReason,
    createdAt: z.string(),
    endedAt: z.string().nullable().describe('When it closed; null while it is open'),
    messageCount: z.number().int(),
    canOpen: z
      .boolean()
      .describe('Whether the viewer may open its timeline (`GET /api/tickets/{id}/timeline`)'),
  })
  .meta({ id: 'TicketHistoryItem' });
export type TicketHistoryItem = z.infer<typeof TicketHistoryItem>;

/** An interaction in the customer's history: a chat, or a ticket. */
export const HistoryItem = z.discriminatedUnion('kind', [ChatHistoryItem, TicketHistoryItem]).meta({
  id: 'HistoryItem',
});
export type HistoryItem = z.infer<typeof HistoryItem>;

export const HistoryPage = z
  .object({ items: z.array(HistoryItem), nextCursor: z.string().nullable() })
  .meta({ id: 'HistoryPage' });
export type HistoryPage = z.infer<typeof HistoryPage>;

export const HistoryQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A note on the customer's timeline. */
export const TimelineNoteItem = z
  .object({
    kind: z.literal('note'),
    id: z.string(),
    body: z.string(),
    reference: NoteReference.nullable(),
    author: StaffSummary.nullable().describe('Null once the author’s account is gone'),
    chatId: z.string().nullable().describe('The chat it was written on'),
    createdAt: z.string(),
  })
  .meta({ id: 'TimelineNoteItem' });
export type TimelineNoteItem = z.infer<typeof TimelineNoteItem>;

/** One field of a profile save: `field` is `name`, `email`, … or `customFields.<name>`. */
export const ProfileFieldChange = z.object({
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ProfileFieldChange = z.infer<typeof ProfileFieldChange>;

/** A profile save (a `profile_changed` event) on the customer's timeline. */
export const TimelineProfileItem = z
  .object({
    kind: z.literal('profile'),
    id: z.string().describe('The event id'),
    actor: EventActor,
    data: z.record(z.string(), z.unknown()).describe('The event data, `{fields: [...]}`'),
    createdAt: z.string(),
  })
  .meta({ id: 'TimelineProfileItem' });
export type TimelineProfileItem = z.infer<typeof TimelineProfileItem>;

export const CustomerTimelineItem = z
  .discriminatedUnion('kind', [
    ChatHistoryItem,
    TicketHistoryItem,
    TimelineNoteItem,
    TimelineProfileItem,
  ])
  .meta({ id: 'CustomerTimelineItem' });
export type CustomerTimelineItem = z.infer<typeof CustomerTimelineItem>;

export const CustomerTimelineKind = z.enum(['chat', 'note', 'profile']);
export type CustomerTimelineKind = z.infer<typeof CustomerTimelineKind>;
export const customerTimelineKinds = CustomerTimelineKind.options;

export const CustomerTimelinePage = z
  .object({ items: z.array(CustomerTimelineItem), nextCursor: z.string().nullable() })
  .meta({ id: 'CustomerTimelinePage' });
export type CustomerTimelinePage = z.infer<typeof CustomerTimelinePage>;

export const CustomerTimelineQuery = HistoryQuery.extend({
  kinds: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Comma-separated kinds to show: chat (chats and tickets), note, profile (default: all)',
    )
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return [...customerTimelineKinds];
      const kinds = [...new Set(value.split(',').map((k) => k.trim()))];
      for (const kind of kinds)
        if (!CustomerTimelineKind.safeParse(kind).success) {
          ctx.addIssue({ code: 'custom', message: `unknown kind “${kind.slice(0, 20)}”` });
          return z.NEVER;
        }
      return kinds as CustomerTimelineKind[];
    }),
});
