import { canSupervise } from '@parley/contract';
import type { Chat, Me } from '@parley/contract';
import type { ChatAction } from '../chats/index.ts';
import { chatActionKeys } from '../shortcuts/index.ts';
import type { Command } from '../shortcuts/index.ts';
import { availableActions, flaggedCloseReason, transferBlocked } from './chatRules.ts';

export type ChatCommandState = {
  /** Why Accept is off (capacity), or null. */
  acceptReason: string | null;
  /** The action on its way, if any: nothing else starts meanwhile. */
  busy: ChatAction | null;
};

export type ChatCommandHandlers = {
  act: (action: ChatAction) => void;
  openWrapUp: () => void;
  openTransfer: () => void;
  openAssign: () => void;
};

const busyReason = 'Wait for the last change to finish.';

/** Whether the supervisor's Assign… is offered: a queued chat, or a colleague's open one. */
export function mayAssign(chat: Chat, me: Me): boolean {
  if (!canSupervise(me.role)) return false;
  if (chat.status === 'queued') return true;
  return (
    (chat.status === 'live' || chat.status === 'pending') &&
    chat.assignee !== null &&
    chat.assignee.id !== me.id
  );
}

/**
 * The open chat's moves as commands, each with its key and, when it may not run now, why: the
 * same rules the header's buttons follow, so a key never does what a button would refuse.
 */
export function chatCommands(
  chat: Chat,
  me: Me,
  { acceptReason, busy }: ChatCommandState,
  handlers: ChatCommandHandlers,
): Command[] {
  const { actions, canClose, canTransfer } = availableActions(chat, me);
  const waiting = busy !== null ? busyReason : null;
  const commands: Command[] = [];
  const act = (action: ChatAction) => () => handlers.act(action);

  for (const action of actions) {
    switch (action) {
      case 'accept':
        commands.push({
          id: 'accept',
          label: 'Accept',
          key: chatActionKeys.accept,
          disabledReason: acceptReason ?? waiting,
          run: act('accept'),
        });
        break;
      case 'pending':
      case 'resume':
        commands.push({
          id: 'pending',
          label: action === 'pending' ? 'Mark pending' : 'Resume',
          key: chatActionKeys.pending,
          disabledReason: waiting,
          run: act(action),
        });
        break;
      case 'flag':
      case 'unflag':
        commands.push({
          id: 'flag',
          label: action === 'flag' ? 'Flag' : 'Unflag',
          key: chatActionKeys.flag,
          disabledReason: waiting,
          run: act(action),
        });
        break;
      case 'reopen':
        commands.push({
          id: 'reopen',
          label: 'Reopen',
          key: chatActionKeys.reopen,
          disabledReason: waiting,
          run: act('reopen'),
        });
        break;
    }
  }
  if (canTransfer)
    commands.push({
      id: 'transfer',
      label: 'Transfer…',
      key: chatActionKeys.transfer,
      disabledReason: transferBlocked(chat) ?? waiting,
      run: handlers.openTransfer,
    });
  if (canClose)
    commands.push({
      id: 'close',
      label: 'Close…',
      key: chatActionKeys.close,
      disabledReason: chat.flagged ? flaggedCloseReason : waiting,
      run: handlers.openWrapUp,
    });
  if (mayAssign(chat, me))
    commands.push({
      id: 'assign',
      label: 'Assign…',
      key: chatActionKeys.assign,
      disabledReason: null,
      run: handlers.openAssign,
    });
  return commands;
}
