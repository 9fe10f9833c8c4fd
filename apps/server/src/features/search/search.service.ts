import {
  SEARCH_QUERY_MAX,
  type SearchConversation,
  type SearchKind,
  type SearchPage,
  type SearchResult,
} from '@parley/contract';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/client.ts';
import { notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal } from '../../principal.ts';
import { canViewChat, type ChatRow } from '../chats/index.ts';
import { canViewCustomer, formatPhone } from '../customers/index.ts';
import { canViewTicket } from '../tickets/index.ts';
import {
  type ConversationJson,
  findCustomerHits,
  findMessageHits,
  findNoteHits,
  findRegions,
  type MessageHitRow,
  type Viewer,
} from './search.repo.ts';
import { allWordsQuery, customerQuery, looksLikePhone, wordsOf } from './search-terms.ts';
import { markPrefixes, snippetOf } from './snippet.ts';

export type SearchDeps = { db: Db };

/** Deep pages of a ranked list help nobody and cost the most: refine the words instead. */
const MAX_OFFSET = 500;

const viewerOf = (principal: Principal): Viewer =>
  isSupervisor(principal) || principal.kind !== 'staff'
    ? { kind: 'everyone' }
    : { kind: 'agent', staffId: principal.staffId, departmentIds: principal.departmentIds };

/** The chat rules read only these columns of the row. */
const accessRow = (row: {
  kind: 'chat' | 'ticket';
  status: ChatRow['status'];
  assigneeId: string | null;
  departmentId: string;
}) => row as unknown as ChatRow;

/** The same rules as opening the conversation: chats, tickets, and tags into open chats. */
function mayOpen(principal: Principal, row: Parameters<typeof accessRow>[0], tagged: boolean) {
  if (row.kind === 'ticket') return canViewTicket(principal, accessRow(row));
  return canViewChat(principal, accessRow(row)) || (tagged && row.status !== 'closed');
}

/** A customer's latest conversation, found under the same visibility filter as messages. */
const toConversation = (json: ConversationJson | null): SearchConversation | null =>
  json && { id: json.id, kind: json.kind, status: json.status, channel: json.channel };

const iso = (value: string | Date) => new Date(value).toISOString();

function checkQuery(q: string): string {
  const text = q.trim();
  if (text.length === 0)
    throw unprocessable('Type something to search for.', [
      { field: 'query.q', message: 'must not be empty' },
    ]);
  if (text.length > SEARCH_QUERY_MAX)
    throw unprocessable(`Search for at most ${SEARCH_QUERY_MAX} characters.`, [
      { field: 'query.q', message: `at most ${SEARCH_QUERY_MAX} characters` },
    ]);
  return text;
}

/**
 * Finds customers, messages or notes, best match first, each with a marked snippet, among what
 * the caller may see: customers and notes are shared with all staff; a message only when its
 * conversation could be opened (chat-access and ticket rules, applied in SQL and again here).
 */
export async function search(
  deps: SearchDeps,
  principal: Principal,
  query: { q: string; kind: SearchKind; cursor?: string | undefined; limit: number },
): Promise<SearchPage> {
  if (!canViewCustomer(principal)) throw notFound('Nothing to search.');
  const q = checkQuery(query.q);
  const offset = decodeCursor(query.cursor, { offset: 'seq' })?.offset ?? 0;
  const page = { limit: query.limit, offset: Math.min(offset, MAX_OFFSET) };
  const viewer = viewerOf(principal);
  const found = await findPage(deps.db, principal, viewer, q, query.kind, page);
  const more = found.length > query.limit && offset + query.limit <= MAX_OFFSET;
  return {
    items: found.slice(0, query.limit),
    nextCursor: more ? encodeCursor({ offset: offset + query.limit }) : null,
  };
}

async function findPage(
  db: Db,
  principal: Principal,
  viewer: Viewer,
  q: string,
  kind: SearchKind,
  page: { limit: number; offset: number },
): Promise<SearchResult[]> {
  switch (kind) {
    case 'customers':
      return findCustomers(db, principal, viewer, q, page);
    case 'messages': {
      const tsquery = allWordsQuery(q);
      if (!tsquery) return [];
      const rows = await findMessageHits(db, viewer, tsquery, page);
      // Belt and braces: a row the rules refuse never leaves, whatever the SQL said.
      return rows.filter((row) => mayOpen(principal, conversationOf(row), row.tagged)).map(toHit);
    }
    case 'notes': {
      const tsquery = allWordsQuery(q);
      if (!tsquery) return [];
      const rows = await findNoteHits(db, viewer, tsquery, page);
      return rows.map((row) => ({
        kind: 'note',
        id: row.id,
        customer: { id: row.customer_id, phone: row.customer_phone, name: row.customer_name },
        chatId: row.chat_id,
        author:
          row.author_id && row.author_name ? { id: row.author_id, name: row.author_name } : null,
        createdAt: iso(row.created_at),
        snippet: snippetOf(row.headline),
        lastConversation: toConversation(row.last_conversation),
      }));
    }
  }
}

async function findCustomers(
  db: Db,
  principal: Principal,
  viewer: Viewer,
  q: string,
  page: { limit: number; offset: number },
): Promise<SearchResult[]> {
  const phone = looksLikePhone(q);
  const tsquery = customerQuery(q, phone ? await findRegions(db) : []);
  if (!tsquery) return [];
  const rows = await findCustomerHits(db, viewer, tsquery, page);
  const words = wordsOf(q);
  return rows.map((row) => {
    const name = row.name ?? 'Unnamed customer';
    const number = formatPhone(row.phone);
    const text = [name, number, row.email].filter(Boolean).join(' · ');
    const snippet = phone
      ? {
          text,
          highlights: [{ start: name.length + 3, end: name.length + 3 + number.length }],
        }
      : markPrefixes(text, words);
    return {
      kind: 'customer',
      id: row.id,
      customer: { id: row.id, phone: row.phone, name: row.name },
      email: row.email,
      snippet,
      lastConversation: toConversation(row.last_conversation),
    };
  });
}

const conversationOf = (row: MessageHitRow) => ({
  kind: row.conversation_kind,
  status: row.status,
  assigneeId: row.assignee_id,
  departmentId: row.department_id,
});

function toHit(row: MessageHitRow): SearchResult {
  return {
    kind: 'message',
    id: row.id,
    chatId: row.chat_id,
    conversation: {
      id: row.chat_id,
      kind: row.conversation_kind,
      status: row.status,
      channel: { id: row.channel_id, kind: row.channel_kind },
    },
    customer: { id: row.customer_id, phone: row.customer_phone, name: row.customer_name },
    direction: row.direction,
    author: {
      kind: row.author_kind,
      name:
        row.author_kind === 'customer'
          ? (row.customer_name ?? formatPhone(row.customer_phone))
          : row.author_kind === 'staff'
            ? (row.author_name ?? 'Former colleague')
            : 'Parley',
    },
    createdAt: iso(row.created_at),
    snippet: snippetOf(row.headline),
  };
}
