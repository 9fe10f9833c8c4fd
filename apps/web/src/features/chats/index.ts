export { ChatListPane } from './components/ChatListPane.tsx';
export { ConversationPane } from './components/ConversationPane.tsx';
export { canSupervise, deskViews, findView, viewsFor } from './views.ts';
export type { DeskView, DeskViewId } from './views.ts';
