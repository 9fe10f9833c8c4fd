export {
  endChatAsCustomer,
  receiveInbound,
  type InboundAction,
  type InboundInput,
  type InboundMedia,
} from './inbound.service.ts';
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
export { chatFromSelection, findChat, selectChats, toMessages } from './chat-payloads.repo.ts';
export { SUPERVISOR_ONLY_EVENTS } from './chat-events.repo.ts';
export {
  type Actor,
  actorOf,
  announceChat,
  onChatAnnounced,
  onChatClosed,
  recordEvent,
  type ChatAnnouncedHook,
  type ChatClosedHook,
} from './chat-events.service.ts';
export { claimSessionChat } from './session-claim.service.ts';
export { registerChatAccess } from './chat-room-access.service.ts';
export { chatTimers } from './chat-timers.ts';
export { autoReplyText, type AutoReplyKind } from './auto-replies.ts';
export { lockAgent } from './chat-lifecycle.service.ts';
export {
  endOpenTransfer,
  handOverChatTransition,
  onOpenTransferEnds,
  setChatOpenTransfer,
} from './chat-transfer.service.ts';
export {
  assertChatWriter,
  getMessages,
  getTimeline,
  sendMessage,
  type ReplyRules,
} from './chats.service.ts';
export { findTicket, ticketFromSelection, ticketStatusOf } from './ticket-payloads.repo.ts';
export { announceTicket, type TicketBefore } from './ticket-conversion.service.ts';
export { queueToTicketTimer } from './ticket-timer.ts';
