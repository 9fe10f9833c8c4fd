export { ConversationPane } from './components/ConversationPane.tsx';
export { Composer } from './components/Composer.tsx';
export { ConversationTimeline } from './components/ConversationTimeline.tsx';
export type { ConversationSource } from './api.ts';
export { useChatRoom } from './hooks/useChatRoom.ts';
export { useComposerFiles } from './hooks/useComposerFiles.ts';
export { usePendingMessages, useSendMessage } from './hooks/useSendMessage.ts';
export { ConversationUnloaded } from './components/ConversationUnloaded.tsx';
