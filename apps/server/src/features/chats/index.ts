export { chatRoutes } from './chats.routes.ts';
export {
  endChatAsCustomer,
  findChannel,
  receiveInbound,
  type ChatDeps,
  type InboundInput,
} from './inbound.service.ts';
export { serveQueue } from './chat-actions.service.ts';
export { canViewChat, canViewChatWithTags, isTagged } from './chat-access.ts';
export { loadViewable } from './chats.service.ts';
export { type ChatRow, findChatRow, toMessages } from './chats.repo.ts';
export { chatRoom, widgetRoomOf, recordEvent } from './chat-events.ts';
export { claimSessionChat } from './verified-chat.ts';
export type { ChatServiceDeps } from './chats.service.ts';
