import { z } from 'zod';
import { ChannelKind, ChatStatus, CustomerSummary } from './chats.ts';

export const SearchKind = z.enum(['customers', 'messages', 'notes']);
export type SearchKind = z.infer<typeof SearchKind>;

export const SEARCH_QUERY_MAX = 200;

/** Length rules answer 422 with the field named; only types and the kind are checked here. */
export const SearchQuery = z.object({
  q: z.string().max(2000).default('').describe(`1–${SEARCH_QUERY_MAX} characters after trimming`),
  kind: SearchKind,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/**
 * A piece of the matching text with the matched words marked as ranges (UTF-16 offsets into
 * `text`, ascending, not overlapping): clients render the marks as text, never as HTML.
 */
export const SearchSnippet = z
  .object({
    text: z.string(),
    highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  })
  .meta({ id: 'SearchSnippet' });
export type SearchSnippet = z.infer<typeof SearchSnippet>;

/** Where a match lives, as much as the desk needs to open it. */
export const SearchConversation = z
  .object({
    id: z.string(),
    kind: z.enum(['chat', 'ticket']),
    status: ChatStatus,
    channel: z.object({ id: z.string(), kind: ChannelKind }),
  })
  .meta({ id: 'SearchConversation' });
export type SearchConversation = z.infer<typeof SearchConversation>;

export const CustomerSearchHit = z.object({
  kind: z.literal('customer'),
  id: z.string(),
  customer: CustomerSummary,
  email: z.string().nullable(),
  snippet: SearchSnippet,
  /** The customer's latest conversation the caller may open; null when there is none. */
  lastConversation: SearchConversation.nullable(),
});

export const MessageSearchHit = z.object({
  kind: z.literal('message'),
  id: z.string(),
  chatId: z.string(),
  conversation: SearchConversation,
  customer: CustomerSummary,
  direction: z.enum(['in', 'out']),
  author: z.object({ kind: z.enum(['customer', 'staff', 'system']), name: z.string() }),
  createdAt: z.string(),
  snippet: SearchSnippet,
});

export const NoteSearchHit = z.object({
  kind: z.literal('note'),
  id: z.string(),
  customer: CustomerSummary,
  chatId: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  snippet: SearchSnippet,
  lastConversation: SearchConversation.nullable(),
});

export const SearchResult = z
  .discriminatedUnion('kind', [CustomerSearchHit, MessageSearchHit, NoteSearchHit])
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResult>;
export type CustomerSearchHit = z.infer<typeof CustomerSearchHit>;
export type MessageSearchHit = z.infer<typeof MessageSearchHit>;
export type NoteSearchHit = z.infer<typeof NoteSearchHit>;

export const SearchPage = z
  .object({ items: z.array(SearchResult), nextCursor: z.string().nullable() })
  .meta({ id: 'SearchPage' });
export type SearchPage = z.infer<typeof SearchPage>;
