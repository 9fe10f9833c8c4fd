export { ChatListPane } from './components/ChatListPane.tsx';
export { ChannelBadge } from './components/ChannelBadge.tsx';
export { chatKeys, markChatRead } from './api.ts';
export type { ChatAction } from './api.ts';
export { cachedChats, findCachedChat, storeChat } from './chatCache.ts';
export {
  channelLabels,
  customerLabel,
  formatPhone,
  statusLabels,
  statusTones,
  transferTarget,
} from './format.ts';
export { useChat } from './hooks/useChat.ts';
export { useChatAction, useCloseChat } from './hooks/useChatActions.ts';
export { useChatSync } from './hooks/useChatSync.ts';
export { useListKeyboard } from './hooks/useListKeyboard.ts';
export { useSeenChats } from './hooks/useSeenChats.ts';
export { seenPoint } from './seen.ts';
export { useChatCounts, useViewCounts } from './hooks/useViewCounts.ts';
export { chatHref, findView, viewsFor } from './views.ts';
export type { DeskViewId } from './views.ts';
