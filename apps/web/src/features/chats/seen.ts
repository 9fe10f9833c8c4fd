import type { Chat } from '@parley/contract';

/**
 * What this person has seen of each chat, kept in this browser: chat id → the customer activity
 * time they last saw. The server takes `POST /read` too, but a Chat does not say whether it is
 * read, so the list decides "new" and "unread" from this.
 */
export type SeenChats = Readonly<Record<string, string>>;

const LIMIT = 1000;

export type SeenStore = {
  get(): SeenChats;
  subscribe(listener: () => void): () => void;
  /** `point` is the customer activity time now seen (see seenPoint). */
  markSeen(chatId: string, point: string): void;
};

/** The moment of a chat the person has caught up with when they look at it. */
export function seenPoint(chat: Chat): string {
  return chat.lastCustomerActivityAt ?? chat.createdAt;
}

export function createSeenStore(storageKey: string, storage: Storage | null): SeenStore {
  const listeners = new Set<() => void>();
  let current: SeenChats = read();

  function read(): SeenChats {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(storageKey) ?? '{}');
      return typeof parsed === 'object' && parsed !== null ? (parsed as SeenChats) : {};
    } catch {
      return {};
    }
  }

  function write(next: SeenChats) {
    current = next;
    try {
      storage?.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Private mode or a full quota: markers then last for this page only.
    }
    for (const listener of listeners) listener();
  }

  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      // Another tab of the same person opened a chat.
      const onStorage = (event: StorageEvent) => {
        if (event.key !== storageKey) return;
        current = read();
        listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
    markSeen(chatId, point) {
      const before = current[chatId];
      if (before !== undefined && Date.parse(before) >= Date.parse(point)) return;
      let entries = Object.entries({ ...current, [chatId]: point });
      if (entries.length > LIMIT) {
        entries = entries
          .sort((first, second) => Date.parse(second[1]) - Date.parse(first[1]))
          .slice(0, LIMIT);
      }
      write(Object.fromEntries(entries));
    },
  };
}

const stores = new Map<string, SeenStore>();

/** One store per signed-in person and page. */
export function seenStoreFor(staffId: string): SeenStore {
  let store = stores.get(staffId);
  if (!store) {
    const storage = typeof localStorage === 'undefined' ? null : localStorage;
    store = createSeenStore(`parley.seen.${staffId}`, storage);
    stores.set(staffId, store);
  }
  return store;
}

export type ChatMarker = 'new' | 'unread' | null;

/**
 * "new": an open chat of mine (or waiting in my queue) I have never opened here; "unread": the
 * customer wrote after I last looked. The open chat is being looked at, so it has no marker.
 */
export function chatMarker(
  chat: Chat,
  seen: SeenChats,
  meId: string,
  openChatId: string | null,
): ChatMarker {
  if (chat.id === openChatId || chat.status === 'closed') return null;
  if (chat.status !== 'queued' && chat.assignee?.id !== meId) return null;
  const seenAt = seen[chat.id];
  if (seenAt === undefined) return 'new';
  const activity = chat.lastCustomerActivityAt;
  return activity !== null && Date.parse(activity) > Date.parse(seenAt) ? 'unread' : null;
}
