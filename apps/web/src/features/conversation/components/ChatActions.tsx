import { canSupervise } from '@parley/contract';
import type { Chat, Me } from '@parley/contract';
import { useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { DisabledWithReason } from '../../../ui/DisabledWithReason.tsx';
import {
  customerLabel,
  statusLabels,
  transferTarget,
  useChatAction,
  useChatCounts,
} from '../../chats/index.ts';
import type { ChatAction } from '../../chats/index.ts';
import { TransferDialog } from '../../transfers/index.ts';
import { WrapUpDialog } from './WrapUpDialog.tsx';

const labels: Record<ChatAction, { idle: string; busy: string }> = {
  accept: { idle: 'Accept', busy: 'Accepting…' },
  pending: { idle: 'Mark pending', busy: 'Marking…' },
  resume: { idle: 'Resume', busy: 'Resuming…' },
  flag: { idle: 'Flag', busy: 'Flagging…' },
  unflag: { idle: 'Unflag', busy: 'Unflagging…' },
  reopen: { idle: 'Reopen', busy: 'Reopening…' },
};

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

export function ChatActions({ chat, me }: { chat: Chat; me: Me }) {
  const action = useChatAction(chat.id, me);
  const [wrapUpOpen, setWrapUpOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const { actions, canClose, canTransfer } = availableActions(chat, me);
  const busy = action.isPending ? action.variables : null;
  const transferReason = transferBlocked(chat);
  const live = useChatCounts().data?.live;
  const acceptReason = live !== undefined ? capacityReason(live, me.capacity) : null;

  return (
    <div className="chat-actions">
      <div className="chat-actions__buttons">
        {actions.map((name) =>
          name === 'accept' && acceptReason ? (
            <DisabledWithReason key={name} reason={acceptReason}>
              <Button size="sm" variant="primary" disabled>
                {labels.accept.idle}
              </Button>
            </DisabledWithReason>
          ) : (
            <Button
              key={name}
              size="sm"
              variant={name === 'accept' || name === 'reopen' ? 'primary' : 'secondary'}
              pending={busy === name}
              disabled={busy !== null && busy !== name}
              onClick={() => action.mutate(name)}
            >
              {busy === name ? labels[name].busy : labels[name].idle}
            </Button>
          ),
        )}
        {canTransfer ? (
          transferReason ? (
            <DisabledWithReason reason={transferReason}>
              <Button size="sm" variant="secondary" disabled>
                Transfer…
              </Button>
            </DisabledWithReason>
          ) : (
            <Button
              size="sm"
              variant="secondary"
              disabled={busy !== null}
              onClick={() => setTransferOpen(true)}
            >
              Transfer…
            </Button>
          )
        ) : null}
        {canClose && chat.flagged ? (
          <>
            <DisabledWithReason reason={flaggedCloseReason}>
              <Button size="sm" variant="secondary" disabled>
                Close…
              </Button>
            </DisabledWithReason>
            <Button
              size="sm"
              variant="secondary"
              pending={busy === 'unflag'}
              disabled={busy !== null && busy !== 'unflag'}
              onClick={() => action.mutate('unflag', { onSuccess: () => setWrapUpOpen(true) })}
            >
              Un-flag and close…
            </Button>
          </>
        ) : canClose ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={busy !== null}
            onClick={() => setWrapUpOpen(true)}
          >
            Close…
          </Button>
        ) : null}
      </div>
      {action.isError ? (
        <p className="chat-actions__error" role="alert">
          {describeError(action.error)}
        </p>
      ) : null}
      {canClose ? (
        <WrapUpDialog
          chatId={chat.id}
          customer={customerLabel(chat.customer)}
          me={me}
          open={wrapUpOpen}
          onOpenChange={setWrapUpOpen}
        />
      ) : null}
      {canTransfer ? (
        <TransferDialog chat={chat} me={me} open={transferOpen} onOpenChange={setTransferOpen} />
      ) : null}
    </div>
  );
}
