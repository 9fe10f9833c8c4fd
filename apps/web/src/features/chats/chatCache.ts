import { chatBelongsInView } from '@parley/contract';
import type { Chat, ChatList, ChatView, Me } from '@parley/contract';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { chatKeys } from './api.ts';
import type { ChatSort } from './api.ts';

export type ChatPages = InfiniteData<ChatList, unknown>;

function listsChat(data: ChatPages, chatId: string): boolean {
  return data.pages.some((page) => page.items.some((item) => item.id === chatId));
}

function sortValue(chat: Chat, sort: ChatSort): number {
  // As the server sorts: by the customer's latest activity, not an agent's reply.
  if (sort === 'waiting') return Date.parse(chat.queuedAt ?? chat.createdAt);
  return Date.parse(
    sort === 'newest' ? chat.createdAt : (chat.lastCustomerActivityAt ?? chat.createdAt),
  );
}

/**
 * Newest first, ties broken by id descending, as the server pages them; `waiting` the other way
 * round: longest in the queue first, ties by id ascending.
 */
export function comesBefore(chat: Chat, other: Chat, sort: ChatSort): boolean {
  const diff = sortValue(chat, sort) - sortValue(other, sort);
  if (sort === 'waiting') return diff !== 0 ? diff < 0 : chat.id < other.id;
  return diff !== 0 ? diff > 0 : chat.id > other.id;
}

/**
 * Puts a changed chat where it now belongs in a paged list: moved to its sorted place, or
 * removed when it left the view. A chat that sorts after everything loaded while more pages
 * remain is left for those pages to bring.
 */
export function placeChat(
  data: ChatPages,
  chat: Chat,
  belongs: boolean,
  sort: ChatSort,
): ChatPages {
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== chat.id),
  }));
  if (belongs) {
    const lastPage = pages.length - 1;
    let placed = false;
    for (let p = 0; p < pages.length && !placed; p++) {
      const page = pages[p]!;
      const index = page.items.findIndex((item) => comesBefore(chat, item, sort));
      if (index !== -1) {
        page.items.splice(index, 0, chat);
        placed = true;
      } else if (p === lastPage && page.nextCursor === null) {
        page.items.push(chat);
        placed = true;
      }
    }
  }
  const changed = pages.some((page, i) => !sameIds(page.items, data.pages[i]!.items));
  const replaced = data.pages.some((page) => page.items.some((item) => item.id === chat.id));
  if (!changed && !replaced) return data;
  return { ...data, pages };
}

function sameIds(first: Chat[], second: Chat[]): boolean {
  return first.length === second.length && first.every((chat, i) => chat.id === second[i]!.id);
}

export function findCachedChat(queryClient: QueryClient, id: string): Chat | undefined {
  const detail = queryClient.getQueryData<Chat>(chatKeys.detail(id));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<ChatPages>({ queryKey: chatKeys.lists })) {
    const found = data?.pages.flatMap((page) => page.items).find((chat) => chat.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Every chat the loaded lists hold, once each, with the list it was found in. */
export function cachedChats(queryClient: QueryClient): { chat: Chat; list: ChatView }[] {
  const found = new Map<string, { chat: Chat; list: ChatView }>();
  for (const query of queryClient.getQueryCache().findAll({ queryKey: chatKeys.lists })) {
    const [, , list] = query.queryKey as ReturnType<typeof chatKeys.list>;
    const data = query.state.data as ChatPages | undefined;
    for (const chat of data?.pages.flatMap((page) => page.items) ?? [])
      if (!found.has(chat.id)) found.set(chat.id, { chat, list });
  }
  return [...found.values()];
}

/**
 * A chat as the server now has it (from a frame or an action's answer): updates its detail and
 * every cached list. A list that is still loading may miss it, so it is read again.
 */
export function storeChat(queryClient: QueryClient, chat: Chat, me: Me) {
  const detailKey = chatKeys.detail(chat.id);
  if (queryClient.getQueryData(detailKey) !== undefined) queryClient.setQueryData(detailKey, chat);

  for (const query of queryClient.getQueryCache().findAll({ queryKey: chatKeys.lists })) {
    const [, , view, sort] = query.queryKey as ReturnType<typeof chatKeys.list>;
    const data = query.state.data as ChatPages | undefined;
    if (data === undefined) {
      if (query.state.fetchStatus === 'fetching')
        void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    // A chat frame says nothing about tags: a tagged list keeps the open chats it already has,
    // and a notification brings new ones (see useTaggedSync).
    const viewerTagged = view === 'tagged' && listsChat(data, chat.id);
    const belongs = chatBelongsInView(view, { ...chat, viewerTagged }, me);
    const next = placeChat(data, chat, belongs, sort);
    if (next !== data) queryClient.setQueryData(query.queryKey, next);
  }
}

/** Takes a chat out of every cached page of `view`, e.g. a tagged chat whose comments cleared. */
export function dropChatFromView(queryClient: QueryClient, view: ChatView, chatId: string) {
  for (const query of queryClient
    .getQueryCache()
    .findAll({ queryKey: [...chatKeys.lists, view] })) {
    const data = query.state.data as ChatPages | undefined;
    if (data === undefined || !listsChat(data, chatId)) continue;
    queryClient.setQueryData<ChatPages>(query.queryKey, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.filter((item) => item.id !== chatId),
      })),
    });
  }
}
