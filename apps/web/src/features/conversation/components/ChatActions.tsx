import { canSupervise } from '@parley/contract';
import type { Chat, Me } from '@parley/contract';
import { useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { customerLabel, useChatAction } from '../../chats/index.ts';
import type { ChatAction } from '../../chats/index.ts';
import { WrapUpDialog } from './WrapUpDialog.tsx';

const labels: Record<ChatAction, { idle: string; busy: string }> = {
  accept: { idle: 'Accept', busy: 'Accepting…' },
  pending: { idle: 'Mark pending', busy: 'Marking…' },
  resume: { idle: 'Resume', busy: 'Resuming…' },
  flag: { idle: 'Flag', busy: 'Flagging…' },
  unflag: { idle: 'Unflag', busy: 'Unflagging…' },
  reopen: { idle: 'Reopen', busy: 'Reopening…' },
};

/** The moves this person can make on the chat now; the server has the last word on each. */
export function availableActions(chat: Chat, me: Me): { actions: ChatAction[]; canClose: boolean } {
  const manager = chat.assignee?.id === me.id || canSupervise(me.role);
  switch (chat.status) {
    case 'queued': {
      const mayTake =
        canSupervise(me.role) ||
        me.departments.some((department) => department.id === chat.department.id);
      return { actions: mayTake ? ['accept'] : [], canClose: false };
    }
    case 'live':
    case 'pending':
      if (!manager) return { actions: [], canClose: false };
      return {
        actions: [chat.status === 'live' ? 'pending' : 'resume', chat.flagged ? 'unflag' : 'flag'],
        canClose: true,
      };
    case 'closed':
      return { actions: ['reopen'], canClose: false };
  }
}

export function ChatActions({ chat, me }: { chat: Chat; me: Me }) {
  const action = useChatAction(chat.id, me);
  const [wrapUpOpen, setWrapUpOpen] = useState(false);
  const { actions, canClose } = availableActions(chat, me);
  const busy = action.isPending ? action.variables : null;

  return (
    <div className="chat-actions">
      <div className="chat-actions__buttons">
        {actions.map((name) => (
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
        ))}
        {canClose ? (
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
    </div>
  );
}
