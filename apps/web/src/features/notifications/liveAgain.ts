import type { Chat, ChatStatus } from '@parley/contract';

/**
 * Whether a chat frame means "my pending chat is live again because the customer wrote": it was
 * pending, it is now live with me, and the customer's message is what is waiting (a resume
 * after my own reply leaves nothing waiting).
 */
export function cameBackLive(before: ChatStatus | undefined, chat: Chat, meId: string): boolean {
  return (
    before === 'pending' &&
    chat.status === 'live' &&
    chat.assignee?.id === meId &&
    chat.waitingSince !== null &&
    chat.lastMessage?.direction === 'in'
  );
}
