import type { UploadedAttachment, WidgetChat, WidgetMessage } from '@parley/contract';

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
  /** The files the customer sent with it (their names show while it is on its way). */
  files: UploadedAttachment[];
} & Pick<
  WidgetMessage,
  'content' | 'attachments' | 'context' | 'reactions' | 'editedAt' | 'originalText' | 'revokedAt'
>;

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
  | { type: 'queued'; clientId: string; text: string; at: string; files?: UploadedAttachment[] }
  | { type: 'sent'; clientId: string; message: WidgetMessage }
  | { type: 'failed'; clientId: string; error: string }
  | { type: 'retrying'; clientId: string }
  | { type: 'ended' }
  | { type: 'reset'; chat?: WidgetChat | null };

export const emptyConversation: ConversationState = { entries: [], chat: null, announcement: '' };

const toChat = (chat: WidgetChat | null): ChatState =>
  chat ? { id: chat.id, closed: chat.status === 'closed' } : null;

export function fromMessage(message: WidgetMessage): Entry {
  return {
    key: message.clientId ?? message.id,
    id: message.id,
    clientId: message.clientId,
    chatId: message.chatId,
    direction: message.direction,
    text: message.text,
    authorName: message.author.name,
    createdAt: message.createdAt,
    delivery: 'done',
    startsNewChat: false,
    files: [],
    content: message.content,
    attachments: message.attachments,
    context: message.context,
    reactions: message.reactions,
    editedAt: message.editedAt,
    originalText: message.originalText,
    revokedAt: message.revokedAt,
  };
}

const isLocal = (entry: Entry) => entry.delivery !== 'done';

/** What an entry keeps when the server's version replaces it. */
const keep = (entry: Entry) => ({
  key: entry.key,
  files: entry.files,
  clientId: entry.clientId,
  startsNewChat: entry.startsNewChat,
});

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
      const ids = new Set(action.items.map((item) => item.id));
      const clientIds = new Set(action.items.map((item) => item.clientId).filter(Boolean));
      const newest = Math.max(0, ...action.items.map((item) => Date.parse(item.createdAt)));
      const later = state.entries.filter(
        (entry) =>
          !(entry.id !== null && ids.has(entry.id)) &&
          !clientIds.has(entry.clientId) &&
          (isLocal(entry) || Date.parse(entry.createdAt) > newest),
      );
      return {
        ...state,
        entries: [...action.items.map(fromMessage), ...later],
        chat: toChat(action.chat),
      };
    }

    case 'received': {
      const message = action.message;
      const at = state.entries.findIndex((entry) => entry.id === message.id);
      if (at >= 0) {
        // Already shown (a status change, or a replay): update in place.
        const entries = [...state.entries];
        const shown = entries[at]!;
        entries[at] = { ...fromMessage(message), ...keep(shown) };
        return { ...state, entries };
      }
      const chat = chatAfter(state.chat, message);
      if (message.direction === 'in') {
        // The socket may beat the POST's answer: the oldest pending message with this text is it.
        const pending = state.entries.findIndex(
          (entry) =>
            entry.delivery === 'sending' && entry.id === null && entry.text === message.text,
        );
        if (pending >= 0) {
          const entries = [...state.entries];
          entries[pending] = { ...fromMessage(message), ...keep(entries[pending]!) };
          return { ...state, entries, chat };
        }
      }
      return {
        ...state,
        entries: [...state.entries, fromMessage(message)],
        chat,
        announcement:
          message.direction === 'out'
            ? `${message.author.name}: ${message.text}`
            : state.announcement,
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
        files: action.files ?? [],
        content: null,
        attachments: [],
        context: null,
        reactions: [],
        editedAt: null,
        originalText: null,
        revokedAt: null,
      };
      // Writing after the end starts a new chat: the ended one is no longer "the chat".
      return {
        ...state,
        entries: [...state.entries, entry],
        chat: startsNewChat ? null : state.chat,
      };
    }

    case 'sent': {
      const message = action.message;
      const chat = chatAfter(state.chat, message);
      const mine = state.entries.find(
        (entry) => entry.clientId === action.clientId && isLocal(entry),
      );
      if (state.entries.some((entry) => entry.id === message.id)) {
        // The frame came first and was shown on its own: drop the optimistic copy.
        return { ...state, chat, entries: state.entries.filter((entry) => entry !== mine) };
      }
      if (!mine) return { ...state, chat, entries: [...state.entries, fromMessage(message)] };
      return {
        ...state,
        chat,
        entries: state.entries.map((entry) =>
          entry === mine ? { ...fromMessage(message), ...keep(mine) } : entry,
        ),
      };
    }

    case 'failed':
    case 'retrying':
      return {
        ...state,
        entries: state.entries.map((entry) =>
          entry.clientId === action.clientId && isLocal(entry)
            ? action.type === 'failed'
              ? { ...entry, delivery: 'failed', error: action.error }
              : { ...entry, delivery: 'sending', error: undefined }
            : entry,
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
