export { endChatAsCustomer, receiveInbound, type InboundInput } from './inbound.service.ts';
export {
  returnAgentChatsInTransaction,
  returnAgentChatsToQueue,
  returnChatsOfDeactivatedAgents,
  serveQueue,
} from './routing.service.ts';
export { canViewChat } from './chat-access.service.ts';
export { loadViewable, type ChatDeps, type ChatServiceDeps } from './chats.service.ts';
export {
  type CachedChannel,
  type ChatRow,
  findChannel,
  findChatRow,
  forgetChannel,
  isTagged,
} from './chats.repo.ts';
export { findChat, toMessages } from './chat-payloads.repo.ts';
export { onChatClosed, recordEvent, type ChatClosedHook } from './chat-events.service.ts';
export { claimSessionChat } from './session-claim.service.ts';
export { registerChatAccess } from './chat-room-access.service.ts';
export { actorOf, announceChat } from './chat-events.service.ts';
export { lockAgent } from './chat-lifecycle.service.ts';
export {
  endOpenTransfer,
  handOverChatTransition,
  onOpenTransferEnds,
  setChatOpenTransfer,
} from './chat-transfer.service.ts';
