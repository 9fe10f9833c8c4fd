import { MessageExtras } from './attachments.ts';
import { z } from 'zod';
import { Department, StaffSummary } from './staff.ts';

export const ChannelKind = z.enum(['webhook', 'whatsapp', 'webchat', 'sms']);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const ChatStatus = z.enum(['queued', 'live', 'pending', 'closed']);
export type ChatStatus = z.infer<typeof ChatStatus>;
export const MessageStatus = z.enum(['received', 'queued', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;
export const Sentiment = z.enum(['negative', 'neutral', 'positive']);
export type Sentiment = z.infer<typeof Sentiment>;
export const ChatView = z.enum(['live', 'pending', 'tagged', 'closed', 'queue', 'flagged', 'all']);
export type ChatView = z.infer<typeof ChatView>;

export const CustomerSummary = z
  .object({ id: z.string(), phone: z.string().describe('E.164'), name: z.string().nullable() })
  .meta({ id: 'CustomerSummary' });
export type CustomerSummary = z.infer<typeof CustomerSummary>;

/**
 * The open offer on a chat, as every Chat payload carries it (`Chat.transfer`): while it is set
 * the chat shows as transferring, to its agent and to the receiver alike.
 */
export const OpenTransfer = z
  .object({
    id: z.string(),
    from: StaffSummary.nullable().describe('The chat’s agent, to whom an unanswered offer returns'),
    offeredBy: StaffSummary.nullable(),
    toAgent: StaffSummary.nullable(),
    toDepartment: Department.nullable(),
    note: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'OpenTransfer' });
export type OpenTransfer = z.infer<typeof OpenTransfer>;

/**
 * How a closed chat ended, from its closing event: staff closed it (with the wrap-up), the
 * customer ended it, it closed for inactivity or after waiting pending too long, or Parley closed
 * it otherwise (a visitor proved their number and went on elsewhere).
 */
export const ChatClosure = z
  .object({
    by: z.enum(['staff', 'customer', 'inactivity', 'pending_timeout', 'system']),
    staff: StaffSummary.nullable().describe('Who closed it, when staff did'),
    tag: z.string().nullable().describe('The wrap-up tag, when staff closed it with one'),
  })
  .meta({ id: 'ChatClosure' });
export type ChatClosure = z.infer<typeof ChatClosure>;

export const Chat = z
  .object({
    id: z.string(),
    status: ChatStatus,
    flagged: z.boolean(),
    customer: CustomerSummary,
    channel: z.object({ id: z.string(), kind: ChannelKind, name: z.string() }),
    assignee: StaffSummary.nullable(),
    department: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    lastActivityAt: z.string(),
    lastCustomerActivityAt: z.string().nullable(),
    lastMessage: z
      .object({ text: z.string(), direction: z.enum(['in', 'out']), at: z.string() })
      .nullable(),
    closedAt: z.string().nullable(),
    sentiment: Sentiment.nullable(),
    unverified: z
      .boolean()
      .describe(
        'Started in the web chat by someone who has not proved the number: disclose no account details',
      ),
    waitingSince: z
      .string()
      .nullable()
      .describe(
        'The customer’s first message that staff have not answered yet; null when answered, ' +
          'and on a pending chat (staff wait on the customer there)',
      ),
    pendingSince: z
      .string()
      .optional()
      .describe('Present on a pending chat: since when staff wait on the customer'),
    transfer: OpenTransfer.nullable().describe('The open transfer offer: the chat is transferring'),
    queuedAt: z
      .string()
      .nullable()
      .describe('When it last joined the queue: the queue is served oldest first by this'),
    closure: ChatClosure.optional().describe(
      'How it ended and who closed it; present on closed chats (sentiment is beside it)',
    ),
    kind: z
      .literal('ticket')
      .optional()
      .describe(
        'Present when the conversation became a ticket: it leaves every chat list (Tickets list it)',
      ),
  })
  .meta({ id: 'Chat' });
export type Chat = z.infer<typeof Chat>;

export const ChatList = z
  .object({ items: z.array(Chat), nextCursor: z.string().nullable() })
  .meta({ id: 'ChatList' });
export type ChatList = z.infer<typeof ChatList>;

export const ChatListQuery = z.object({
  view: ChatView.default('live'),
  sort: z
    .enum(['activity', 'newest', 'waiting'])
    .default('activity')
    .describe('waiting: longest in the queue first, the order routing serves it'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** How many chats each of the caller's lists holds, counted by the server (not loaded rows). */
export const ChatCounts = z
  .object({
    live: z.number().int(),
    queue: z.number().int(),
    pending: z.number().int(),
    tagged: z.number().int(),
  })
  .meta({ id: 'ChatCounts' });
export type ChatCounts = z.infer<typeof ChatCounts>;

export const MessageAuthor = z.object({
  kind: z.enum(['customer', 'staff', 'system']),
  id: z.string().optional(),
  name: z.string(),
});

export const Message = z
  .object({
    id: z.string(),
    chatId: z.string(),
    direction: z.enum(['in', 'out']),
    text: z.string(),
    author: MessageAuthor,
    status: MessageStatus,
    failureReason: z.string().nullable(),
    clientId: z.string().nullable(),
    createdAt: z.string(),
    seq: z.number().int().describe('Position in the chat, shared with events'),
    ...MessageExtras,
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const EventActor = z.union([
  StaffSummary.extend({ kind: z.literal('staff') }),
  z.object({ kind: z.enum(['system', 'customer']) }),
]);

export const ChatEvent = z
  .object({
    id: z.string(),
    chatId: z.string().nullable(),
    customerId: z.string(),
    type: z.string(),
    actor: EventActor,
    data: z.record(z.string(), z.unknown()),
    at: z.string(),
    seq: z.number().int(),
  })
  .meta({ id: 'Event' });
export type ChatEvent = z.infer<typeof ChatEvent>;

export const MessagePage = z
  .object({ items: z.array(Message), nextCursor: z.string().nullable() })
  .meta({ id: 'MessagePage' });

export const TimelineItem = z.discriminatedUnion('kind', [
  Message.extend({ kind: z.literal('message') }),
  ChatEvent.extend({ kind: z.literal('event') }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;
export const Timeline = z
  .object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof Timeline>;

export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export const SendMessageBody = z
  .object({
    text: z.string().trim().max(4096).default('').describe('May be empty when files are sent'),
    attachments: z
      .array(z.string())
      .max(MAX_ATTACHMENTS_PER_MESSAGE)
      .default([])
      .describe('Uploaded attachment ids (POST /api/chats/{id}/attachments)'),
    clientId: z
      .string()
      .min(1)
      .max(100)
      .describe('Chosen by the sender; a repeat returns the first result'),
  })
  .refine((body) => body.text.length > 0 || body.attachments.length > 0, {
    message: 'Write a message or attach a file.',
    path: ['text'],
  })
  .meta({ id: 'SendMessageBody' });

export const AssignBody = z.object({ agentId: z.string() }).meta({ id: 'AssignBody' });

export const CloseBody = z
  .object({
    sentiment: Sentiment.default('neutral'),
    tag: z.string().trim().min(1).max(50).optional(),
    note: z.string().trim().max(5000).optional(),
    references: z.array(z.string().trim().min(1).max(500)).max(10).optional(),
  })
  .meta({ id: 'CloseBody' });

export const InboundBody = z
  .object({
    messageId: z.string().min(1).max(200),
    from: z.string().min(1).max(40),
    text: z.string().min(1).max(4096),
    name: z.string().trim().min(1).max(100).optional(),
    sentAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'InboundBody' });
export type InboundBody = z.infer<typeof InboundBody>;

export const InboundReply = z
  .object({ accepted: z.literal(true), duplicate: z.boolean(), chatId: z.string() })
  .meta({ id: 'InboundReply' });
export type InboundReply = z.infer<typeof InboundReply>;
