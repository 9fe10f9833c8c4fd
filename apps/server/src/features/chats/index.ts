export { endChatAsCustomer, receiveInbound, type InboundInput } from './inbound.service.ts';
export { serveQueue } from './chat-actions.service.ts';
export { canViewChat, canViewChatWithTags, isTagged } from './chat-access.ts';
export { loadViewable, type ChatDeps, type ChatServiceDeps } from './chats.service.ts';
export { type ChatRow, findChannel, findChatRow, toMessages } from './chats.repo.ts';
export { onChatClosed, recordEvent, type ChatClosedHook } from './chat-events.ts';
export { claimSessionChat } from './verified-chat.ts';
