import type { WidgetChat, WidgetMessage } from '@parley/contract';

/**
 * The widget's conversation as a pure reducer: the server's messages, the customer's own messages
 * still on their way (optimistic, keyed by clientId), and the socket's frames, merged so that
 * each message shows once whichever of the three arrives first.
 */

export type Delivery = 'sending' | 'failed' | 'done';

export type Entry = {
  /** Stable across confirmation: the clientId for the customer's own messages, else the id. */
  key: string;
  id: string | null;
  clientId: string | null;
  chatId: string | null;
  direction: 'in' | 'out';
  text: string;
  authorName: string;
  createdAt: string;
  delivery: Delivery;
  /** Sent after the previous chat ended: it opens a new one. */
  startsNewChat: boolean;
  /** Why it was not sent, for a failed one. */
  error?: string;
};

export type ChatState = { id: string; closed: boolean } | null;

export type ConversationState = {
  entries: Entry[];
  chat: ChatState;
  /** The latest thing worth announcing to a screen reader. */
  announcement: string;
};

export type ConversationAction =
  | { type: 'loaded'; items: WidgetMessage[]; chat: WidgetChat | null }
  | { type: 'received'; message: WidgetMessage }
  | { type: 'queued'; clientId: string; text: string; at: string }
  | { type: 'sent'; clientId: string; message: WidgetMessage }
  | { type: 'failed'; clientId: string; error: string }
  | { type: 'retrying'; clientId: string }
  | { type: 'ended' }
  | { type: 'reset'; chat?: WidgetChat | null };

export const emptyConversation: ConversationState = { entries: [], chat: null, announcement: '' };

const toChat = (chat: WidgetChat | null): ChatState =>
  chat ? { id: chat.id, closed: chat.status === 'closed' } : null;

export function fromMessage(m: WidgetMessage): Entry {
  return {
    key: m.clientId ?? m.id,
    id: m.id,
    clientId: m.clientId,
    chatId: m.chatId,
    direction: m.direction,
    text: m.text,
    authorName: m.author.name,
    createdAt: m.createdAt,
    delivery: 'done',
    startsNewChat: false,
  };
}

const isLocal = (e: Entry) => e.delivery !== 'done';

/** What an entry keeps when the server's version replaces it. */
const keep = (e: Entry) => ({ key: e.key, clientId: e.clientId, startsNewChat: e.startsNewChat });

/** A frame or reply for a chat the widget did not know: that chat is the open one now. */
function chatAfter(chat: ChatState, m: WidgetMessage): ChatState {
  return chat?.id === m.chatId ? chat : { id: m.chatId, closed: false };
}

export function conversationReducer(
  state: ConversationState,
  action: ConversationAction,
): ConversationState {
  switch (action.type) {
    case 'loaded': {
      // The server's list is the truth. What it cannot have yet stays, at the end: own messages
      // still on their way, and anything newer than the list (it was read a moment ago).
      const ids = new Set(action.items.map((m) => m.id));
      const clientIds = new Set(action.items.map((m) => m.clientId).filter(Boolean));
      const newest = Math.max(0, ...action.items.map((m) => Date.parse(m.createdAt)));
      const later = state.entries.filter(
        (e) =>
          !(e.id !== null && ids.has(e.id)) &&
          !clientIds.has(e.clientId) &&
          (isLocal(e) || Date.parse(e.createdAt) > newest),
      );
      return {
        ...state,
        entries: [...action.items.map(fromMessage), ...later],
        chat: toChat(action.chat),
      };
    }

    case 'received': {
      const m = action.message;
      const at = state.entries.findIndex((e) => e.id === m.id);
      if (at >= 0) {
        // Already shown (a status change, or a replay): update in place.
        const entries = [...state.entries];
        const shown = entries[at]!;
        entries[at] = { ...fromMessage(m), ...keep(shown) };
        return { ...state, entries };
      }
      const chat = chatAfter(state.chat, m);
      if (m.direction === 'in') {
        // The socket may beat the POST's answer: the oldest pending message with this text is it.
        const pending = state.entries.findIndex(
          (e) => e.delivery === 'sending' && e.id === null && e.text === m.text,
        );
        if (pending >= 0) {
          const entries = [...state.entries];
          entries[pending] = { ...fromMessage(m), ...keep(entries[pending]!) };
          return { ...state, entries, chat };
        }
      }
      return {
        ...state,
        entries: [...state.entries, fromMessage(m)],
        chat,
        announcement: m.direction === 'out' ? `${m.author.name}: ${m.text}` : state.announcement,
      };
    }

    case 'queued': {
      const startsNewChat = state.chat?.closed === true;
      const entry: Entry = {
        key: action.clientId,
        id: null,
        clientId: action.clientId,
        chatId: null,
        direction: 'in',
        text: action.text,
        authorName: 'You',
        createdAt: action.at,
        delivery: 'sending',
        startsNewChat,
      };
      // Writing after the end starts a new chat: the ended one is no longer "the chat".
      return {
        ...state,
        entries: [...state.entries, entry],
        chat: startsNewChat ? null : state.chat,
      };
    }

    case 'sent': {
      const m = action.message;
      const chat = chatAfter(state.chat, m);
      const mine = state.entries.find((e) => e.clientId === action.clientId && isLocal(e));
      if (state.entries.some((e) => e.id === m.id)) {
        // The frame came first and was shown on its own: drop the optimistic copy.
        return { ...state, chat, entries: state.entries.filter((e) => e !== mine) };
      }
      if (!mine) return { ...state, chat, entries: [...state.entries, fromMessage(m)] };
      return {
        ...state,
        chat,
        entries: state.entries.map((e) => (e === mine ? { ...fromMessage(m), ...keep(mine) } : e)),
      };
    }

    case 'failed':
    case 'retrying':
      return {
        ...state,
        entries: state.entries.map((e) =>
          e.clientId === action.clientId && isLocal(e)
            ? action.type === 'failed'
              ? { ...e, delivery: 'failed', error: action.error }
              : { ...e, delivery: 'sending', error: undefined }
            : e,
        ),
      };

    case 'ended':
      return {
        ...state,
        chat: state.chat ? { ...state.chat, closed: true } : null,
        announcement: 'Chat ended.',
      };

    case 'reset':
      return { ...emptyConversation, chat: toChat(action.chat ?? null) };
  }
}

/** Where a "Chat ended" line goes: before an entry that belongs to a later chat than the last. */
export function startsAfterEnd(entries: Entry[], index: number): boolean {
  const entry = entries[index];
  if (!entry || index === 0) return false;
  if (entry.startsNewChat) return true;
  if (entry.chatId === null) return false;
  for (let i = index - 1; i >= 0; i--) {
    const previous = entries[i]!.chatId;
    if (previous !== null) return previous !== entry.chatId;
  }
  return false;
}
