import { MessageExtras } from './attachments.ts';
import { z } from 'zod';
import { ChatStatus, MAX_ATTACHMENTS_PER_MESSAGE, MessageStatus } from './chats.ts';
import { PersonName } from './text.ts';
import { TicketReason } from './tickets.ts';

/**
 * The customer's web-chat widget (`/api/widget/{channelId}/...`). A widget session binds a browser
 * to one customer on one channel and sees only what was said since it began.
 */

export const WidgetIdentity = z
  .object({
    phone: z.string().trim().min(1).max(40).describe('The visitor’s number, E.164'),
    name: PersonName.optional(),
    expires: z.number().int().positive().describe('Unix seconds after which the signature is void'),
    signature: z
      .string()
      .regex(/^[0-9a-f]{64}$/i)
      .describe('Hex HMAC-SHA256 of "<E.164 phone>.<expires>" with the channel’s identity secret'),
  })
  .meta({ id: 'WidgetIdentity' });
export type WidgetIdentity = z.infer<typeof WidgetIdentity>;

export const WidgetSessionBody = z
  .object({
    phone: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('The customer’s number, as they typed it (required without an identity)'),
    name: PersonName.optional(),
    identity: WidgetIdentity.optional().describe(
      'Signed by the embedding site: the session starts verified for this number',
    ),
  })
  .refine((b) => b.identity !== undefined || (b.phone !== undefined && b.name !== undefined), {
    message: 'phone and name are required without an identity',
    path: ['phone'],
  })
  .meta({ id: 'WidgetSessionBody' });
export type WidgetSessionBody = z.infer<typeof WidgetSessionBody>;

/** Where a queued chat stands: its place in its department's queue and an honest estimate. */
export const WidgetQueue = z
  .object({
    position: z.number().int().min(1).describe('1 = next to be taken'),
    expectedWaitMinutes: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe(
        'The median wait of the department’s chats taken in the last hour; null when too few to tell',
      ),
  })
  .meta({ id: 'WidgetQueue' });
export type WidgetQueue = z.infer<typeof WidgetQueue>;

/** What the visitor may know of a ticket: why nobody answers live, and whether they left a way back. */
export const WidgetTicket = z
  .object({
    reason: TicketReason,
    contactLeft: z.boolean().describe('The visitor left an email or number to be contacted on'),
    opening: z
      .string()
      .nullable()
      .describe('Out of hours: when the team opens next (ISO instant); else null'),
  })
  .meta({ id: 'WidgetTicket' });
export type WidgetTicket = z.infer<typeof WidgetTicket>;

/**
 * The visitor's conversation as they may know it: customer-safe, the agent is a first name only,
 * and nothing of staff, events or internals.
 */
export const WidgetChat = z
  .object({
    id: z.string(),
    status: ChatStatus,
    kind: z.enum(['chat', 'ticket']),
    queue: WidgetQueue.nullable().describe('While a chat waits in the queue; else null'),
    agent: z
      .object({ firstName: z.string() })
      .nullable()
      .describe('Who took it (live or pending); else null'),
    ticket: WidgetTicket.nullable().describe('When it became a ticket; else null'),
  })
  .meta({ id: 'WidgetChat' });
export type WidgetChat = z.infer<typeof WidgetChat>;

/** `GET /api/widget/{channelId}/chat`: the state alone, cheap enough to ask while queued. */
export const WidgetChatState = z
  .object({
    chat: WidgetChat.nullable().describe(
      'The open chat, else the chat that ended during this session, else null',
    ),
  })
  .meta({ id: 'WidgetChatState' });
export type WidgetChatState = z.infer<typeof WidgetChatState>;

/** `POST /api/widget/{channelId}/contact`: an email or number to be contacted on about a ticket. */
export const WidgetContactBody = z
  .object({
    chatId: z.string().min(1).max(100).describe('The session’s ticket'),
    contact: z.string().trim().min(3).max(200).describe('An email address or a phone number'),
  })
  .meta({ id: 'WidgetContactBody' });
export type WidgetContactBody = z.infer<typeof WidgetContactBody>;

export const WidgetSession = z
  .object({
    customer: z.object({
      name: z.string(),
      phone: z.string().describe('The number as read, e.g. "+27 82 555 0199"'),
    }),
    chat: WidgetChat.nullable().describe('The session’s open chat on this channel'),
    verified: z
      .boolean()
      .describe('Proved by a signed identity or a one-time code; else the chat is its own'),
    canVerify: z.boolean().describe('Whether this channel can send a one-time code'),
  })
  .meta({ id: 'WidgetSession' });
export type WidgetSession = z.infer<typeof WidgetSession>;

/** Whether this browser has a live session on the channel: asked first, so no load fails. */
export const WidgetSessionState = z
  .object({
    active: z.boolean().describe('A session cookie for this channel that still lives'),
  })
  .meta({ id: 'WidgetSessionState' });
export type WidgetSessionState = z.infer<typeof WidgetSessionState>;

/** The visitor has seen the agent's messages up to this one (the widget showed it, focused). */
export const WidgetSeenBody = z
  .object({ messageId: z.string().uuid() })
  .meta({ id: 'WidgetSeenBody' });
export type WidgetSeenBody = z.infer<typeof WidgetSeenBody>;

export const WidgetMessage = z
  .object({
    id: z.string(),
    chatId: z.string(),
    direction: z.enum(['in', 'out']).describe('in: from the customer; out: from the business'),
    text: z.string(),
    author: z.object({
      kind: z.enum(['customer', 'staff', 'system']),
      name: z.string().describe('A staff author’s first name only'),
    }),
    status: MessageStatus,
    createdAt: z.string(),
    clientId: z
      .string()
      .nullable()
      .describe('The widget’s own id for a message this session sent, else null'),
    ...MessageExtras,
  })
  .meta({ id: 'WidgetMessage' });
export type WidgetMessage = z.infer<typeof WidgetMessage>;

export const WidgetMessageList = z
  .object({
    items: z
      .array(WidgetMessage)
      .describe('Oldest first; only what was said since the session began'),
    chat: WidgetChat.nullable().describe(
      'The open chat, else the chat that ended during this session, else null',
    ),
    verified: z.boolean(),
    canVerify: z.boolean(),
    phone: z.string().describe('The session’s number, as read, e.g. "+27 82 555 0199"'),
  })
  .meta({ id: 'WidgetMessageList' });
export type WidgetMessageList = z.infer<typeof WidgetMessageList>;

export const WidgetConfig = z
  .object({
    allowedOrigins: z
      .array(z.string())
      .describe('Sites that may embed the chat and pass it a signed identity (postMessage)'),
    acceptsIdentity: z.boolean().describe('Whether this chat takes signed identities at all'),
    canVerify: z.boolean().describe('Whether this chat can send a one-time code'),
    greeting: z
      .string()
      .nullable()
      .optional()
      .describe('The first line a visitor sees, set by the admin'),
  })
  .meta({ id: 'WidgetConfig' });
export type WidgetConfig = z.infer<typeof WidgetConfig>;

export const WidgetSendBody = z
  .object({
    text: z.string().trim().max(4096).default('').describe('May be empty when files are sent'),
    attachments: z
      .array(z.string())
      .max(MAX_ATTACHMENTS_PER_MESSAGE)
      .default([])
      .describe('Ids from POST /api/widget/{channelId}/attachments'),
    clientId: z
      .string()
      .min(1)
      .max(100)
      .describe('Chosen by the widget; a retry with the same id stores nothing twice'),
  })
  .refine((body) => body.text.length > 0 || body.attachments.length > 0, {
    message: 'Write a message or attach a file.',
    path: ['text'],
  })
  .meta({ id: 'WidgetSendBody' });
export type WidgetSendBody = z.infer<typeof WidgetSendBody>;

export const WidgetSendReply = z
  .object({
    accepted: z.literal(true),
    duplicate: z.boolean(),
    chatId: z.string(),
    message: WidgetMessage.describe('The stored message (the first one, for a retry)'),
  })
  .meta({ id: 'WidgetSendReply' });
export type WidgetSendReply = z.infer<typeof WidgetSendReply>;

export const WidgetVerifyBody = z
  .object({
    phone: z.string().trim().min(1).max(40).describe('The number to send a one-time code to'),
  })
  .meta({ id: 'WidgetVerifyBody' });
export type WidgetVerifyBody = z.infer<typeof WidgetVerifyBody>;

export const WidgetVerifyReply = z
  .object({
    phone: z.string().describe('Where the code went, as read, e.g. "+27 82 555 0199"'),
    expiresAt: z.string(),
  })
  .meta({ id: 'WidgetVerifyReply' });
export type WidgetVerifyReply = z.infer<typeof WidgetVerifyReply>;

export const WidgetConfirmBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits'),
  })
  .meta({ id: 'WidgetConfirmBody' });
export type WidgetConfirmBody = z.infer<typeof WidgetConfirmBody>;

/**
 * What the widget socket pushes: its customer's messages, that a chat ended, and the connection's
 * own frames.
 */
export type WidgetFrame =
  | { seq: number; type: 'message.created' | 'message.updated'; data: WidgetMessage }
  | { seq: number; type: 'chat.ended'; data: { chatId: string; at: string } }
  | { seq: number; type: 'widget.chat'; data: WidgetChat }
  | { seq: number; type: 'hello'; data: { staffId: string; rooms: string[] } }
  | { seq: number; type: 'resync'; data: { reason: string } }
  | { seq: number; type: 'error'; data: { message: string; ref?: string } }
  /** The chat's agent is typing (first name only); ephemeral, `seq` 0, never replayed. */
  | {
      seq: number;
      type: 'typing';
      data: {
        chatId: string;
        who: { kind: 'staff'; name?: string };
        comment: false;
        until: string;
      };
    };
