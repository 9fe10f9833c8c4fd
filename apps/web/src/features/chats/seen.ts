import type { Chat, ChatRead } from '@parley/contract';

/**
 * What this person has read of each chat: chat id → the moment they last read it. The server
 * keeps it (`GET /api/chats/reads`, `chat.read` frames), so it follows them to any browser;
 * opening a chat marks it here at once, before the server answers.
 */
export type SeenChats = Readonly<Record<string, string>>;

export type SeenState = {
  /** Until the server's reads are in, the desk cannot tell new from read and shows no marker. */
  loaded: boolean;
  seen: SeenChats;
};

export type SeenStore = {
  get(): SeenState;
  subscribe(listener: () => void): () => void;
  /** `point` is the customer activity time now seen (see seenPoint). */
  markSeen(chatId: string, point: string): void;
  /** Reads from the server (a load or a `chat.read` frame); a read never moves backwards. */
  merge(reads: readonly ChatRead[], loaded?: boolean): void;
};

const LIMIT = 2000;

/** The moment of a chat the person has caught up with when they look at it. */
export function seenPoint(chat: Chat): string {
  return chat.lastCustomerActivityAt ?? chat.createdAt;
}

const later = (first: string | undefined, second: string) =>
  first !== undefined && Date.parse(first) >= Date.parse(second);

export function createSeenStore(): SeenStore {
  const listeners = new Set<() => void>();
  let current: SeenState = { loaded: false, seen: {} };

  function apply(changes: readonly ChatRead[], loaded: boolean) {
    let next: Record<string, string> | undefined;
    for (const { chatId, readAt } of changes) {
      if (later((next ?? current.seen)[chatId], readAt)) continue;
      next ??= { ...current.seen };
      next[chatId] = readAt;
    }
    if (!next && loaded === current.loaded) return;
    let seen: SeenChats = next ?? current.seen;
    if (Object.keys(seen).length > LIMIT) {
      seen = Object.fromEntries(
        Object.entries(seen)
          .sort((first, second) => Date.parse(second[1]) - Date.parse(first[1]))
          .slice(0, LIMIT),
      );
    }
    current = { loaded, seen };
    for (const listener of listeners) listener();
  }

  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    markSeen(chatId, point) {
      apply([{ chatId, readAt: point }], current.loaded);
    },
    merge(reads, loaded = current.loaded) {
      apply(reads, loaded || current.loaded);
    },
  };
}

const stores = new Map<string, SeenStore>();

/** One store per signed-in person and page. */
export function seenStoreFor(staffId: string): SeenStore {
  let store = stores.get(staffId);
  if (!store) {
    store = createSeenStore();
    stores.set(staffId, store);
  }
  return store;
}

export type ChatMarker = 'new' | 'unread' | null;

/**
 * "new": an open chat of mine (or waiting in my queue) I have never opened; "unread": the
 * customer wrote after I last read it. The open chat is being looked at, so it has no marker;
 * before my reads are loaded nothing has one, so a new browser never flashes stale markers.
 */
export function chatMarker(
  chat: Chat,
  state: SeenState,
  meId: string,
  openChatId: string | null,
): ChatMarker {
  if (!state.loaded) return null;
  if (chat.id === openChatId || chat.status === 'closed') return null;
  if (chat.status !== 'queued' && chat.assignee?.id !== meId) return null;
  const seenAt = state.seen[chat.id];
  if (seenAt === undefined) return 'new';
  const activity = chat.lastCustomerActivityAt;
  return activity !== null && Date.parse(activity) > Date.parse(seenAt) ? 'unread' : null;
}
