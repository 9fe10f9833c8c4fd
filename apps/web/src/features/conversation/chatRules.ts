import { canSupervise } from '@parley/contract';
import type { Chat, Me } from '@parley/contract';
import { statusLabels, transferTarget } from '../chats/index.ts';
import type { ChatAction } from '../chats/index.ts';

type AvailableActions = {
  actions: ChatAction[];
  canClose: boolean;
  /** Transfer… is shown; `transferBlocked` says why it is off, when it is. */
  canTransfer: boolean;
};

/** The moves this person can make on the chat now; the server has the last word on each. */
export function availableActions(chat: Chat, me: Me): AvailableActions {
  const manager = chat.assignee?.id === me.id || canSupervise(me.role);
  switch (chat.status) {
    case 'queued': {
      const mayTake =
        canSupervise(me.role) ||
        me.departments.some((department) => department.id === chat.department.id);
      return { actions: mayTake ? ['accept'] : [], canClose: false, canTransfer: false };
    }
    case 'live':
    case 'pending':
      if (!manager) return { actions: [], canClose: false, canTransfer: false };
      return {
        actions: [chat.status === 'live' ? 'pending' : 'resume', chat.flagged ? 'unflag' : 'flag'],
        canClose: true,
        canTransfer: true,
      };
    case 'closed':
      return { actions: ['reopen'], canClose: false, canTransfer: false };
  }
}

/** Why Accept is off: the server refuses a chat past one's capacity (live chats). */
export function capacityReason(live: number, capacity: number): string | null {
  if (live < capacity) return null;
  return `You have ${live} live ${live === 1 ? 'chat' : 'chats'}, your capacity of ${capacity}. Close or hand one over first.`;
}

export const flaggedCloseReason = 'A flagged chat cannot be closed. Un-flag it first.';
export const flaggedTransferReason = 'A flagged chat cannot be transferred. Un-flag it first.';

/** Why Transfer… is off for this chat now, or null when it may be offered. */
export function transferBlocked(chat: Chat): string | null {
  if (chat.flagged) return flaggedTransferReason;
  if (chat.status !== 'live')
    return `Only a live chat can be transferred (this one is ${statusLabels[chat.status].toLowerCase()}).`;
  if (chat.transfer)
    return `An offer is already open: transferring to ${transferTarget(chat.transfer)}.`;
  return null;
}
