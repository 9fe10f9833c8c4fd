import { z } from 'zod';

/*
 * What Parley says to the customer by itself, sent through the outbox like any reply, shown to
 * staff as system messages, never to a customer who opted out (//stop). Each text is set per kind,
 * optionally per department and per language; the most specific one wins, then the default.
 */

export const AutoReplyKind = z.enum([
  'directing',
  'connecting',
  'out_of_hours',
  'all_busy',
  'chat_ended',
  'ticket_created',
  'inactivity_warning',
  'pending_warning',
]);
export type AutoReplyKind = z.infer<typeof AutoReplyKind>;

/** What each kind is for and which placeholders it may use, e.g. `{agent}`. */
export const autoReplyKinds: Record<AutoReplyKind, { about: string; placeholders: string[] }> = {
  directing: {
    about: 'A new conversation is being passed to an agent',
    placeholders: ['customer', 'department'],
  },
  connecting: {
    about: 'An agent took the chat',
    placeholders: ['customer', 'agent', 'department'],
  },
  out_of_hours: {
    about: 'The department is closed; the conversation became a ticket',
    placeholders: ['customer', 'department', 'opening'],
  },
  all_busy: {
    about: 'Nobody can take the chat yet; it waits in the queue',
    placeholders: ['customer', 'department', 'position'],
  },
  chat_ended: { about: 'The chat closed', placeholders: ['customer', 'agent'] },
  ticket_created: {
    about: 'Nobody was available; the conversation became a ticket',
    placeholders: ['customer', 'department'],
  },
  inactivity_warning: {
    about: 'The customer has gone quiet; the chat will close',
    placeholders: ['customer', 'agent', 'minutes'],
  },
  pending_warning: {
    about: 'A pending chat will close by itself soon',
    placeholders: ['customer', 'agent', 'minutes'],
  },
};

/** A language tag such as `en`, `af`, `zu`, `pt-BR`. */
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or pt-BR');

export const AutoReply = z
  .object({
    kind: AutoReplyKind,
    departmentId: z.string().nullable().describe('null: every department without its own'),
    language: LanguageTag,
    text: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'AutoReply' });
export type AutoReply = z.infer<typeof AutoReply>;

/** `GET /api/admin/auto-replies`: the saved texts and the built-in defaults (English). */
export const AutoReplyList = z
  .object({
    items: z.array(AutoReply.extend({ updatedAt: z.string() })),
    defaults: z.array(AutoReply),
  })
  .meta({ id: 'AutoReplyList' });
export type AutoReplyList = z.infer<typeof AutoReplyList>;

/**
 * `PUT /api/admin/auto-replies`: set (or, with `text: null`, remove) one text. An unknown
 * placeholder answers 422 naming it.
 */
export const AutoReplyUpdateBody = AutoReply.extend({
  text: z.string().trim().min(1).max(1000).nullable(),
}).meta({ id: 'AutoReplyUpdateBody' });
export type AutoReplyUpdateBody = z.infer<typeof AutoReplyUpdateBody>;
