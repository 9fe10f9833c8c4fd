import type { Chat, Me } from '@parley/contract';
import { useCallback, useMemo, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { DisabledWithReason } from '../../../ui/DisabledWithReason.tsx';
import { customerLabel, useChatAction, useChatCounts } from '../../chats/index.ts';
import type { ChatAction } from '../../chats/index.ts';
import { useCommands } from '../../shortcuts/index.ts';
import { AssignDialog } from '../../supervisor/index.ts';
import { TransferDialog } from '../../transfers/index.ts';
import { chatCommands, mayAssign } from '../chatCommands.ts';
import {
  availableActions,
  capacityReason,
  flaggedCloseReason,
  transferBlocked,
} from '../chatRules.ts';
import { WrapUpDialog } from './WrapUpDialog.tsx';

const labels: Record<ChatAction, { idle: string; busy: string }> = {
  accept: { idle: 'Accept', busy: 'Accepting…' },
  pending: { idle: 'Mark pending', busy: 'Marking…' },
  resume: { idle: 'Resume', busy: 'Resuming…' },
  flag: { idle: 'Flag', busy: 'Flagging…' },
  unflag: { idle: 'Unflag', busy: 'Unflagging…' },
  reopen: { idle: 'Reopen', busy: 'Reopening…' },
};

export function ChatActions({ chat, me }: { chat: Chat; me: Me }) {
  const action = useChatAction(chat.id, me);
  const [wrapUpOpen, setWrapUpOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const { actions, canClose, canTransfer } = availableActions(chat, me);
  const busy = action.isPending ? action.variables : null;
  const transferReason = transferBlocked(chat);
  const live = useChatCounts().data?.live;
  const acceptReason = live !== undefined ? capacityReason(live, me.capacity) : null;
  const [assignOpen, setAssignOpen] = useState(false);
  // A key that may not act now says why here, until the next move.
  const [refusal, setRefusal] = useState<string | null>(null);
  const { mutate, reset } = action;
  const commands = useMemo(
    () =>
      chatCommands(
        chat,
        me,
        { acceptReason, busy },
        {
          act: (name) => {
            setRefusal(null);
            mutate(name);
          },
          openWrapUp: () => {
            setRefusal(null);
            setWrapUpOpen(true);
          },
          openTransfer: () => {
            setRefusal(null);
            setTransferOpen(true);
          },
          openAssign: () => {
            setRefusal(null);
            setAssignOpen(true);
          },
        },
      ),
    [
      chat,
      me,
      acceptReason,
      busy,
      mutate,
      setRefusal,
      setWrapUpOpen,
      setTransferOpen,
      setAssignOpen,
    ],
  );
  const refuse = useCallback(
    (reason: string) => {
      reset();
      setRefusal(reason);
    },
    [reset],
  );
  useCommands(commands, refuse);

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
              onClick={() => {
                setRefusal(null);
                action.mutate(name);
              }}
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
      {refusal ? (
        <p className="chat-actions__error" role="alert">
          {refusal}
        </p>
      ) : action.isError ? (
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
      {mayAssign(chat, me) ? (
        <AssignDialog
          chat={chat}
          me={me}
          open={assignOpen}
          onOpenChange={setAssignOpen}
          showTrigger={false}
        />
      ) : null}
      {canTransfer ? (
        <TransferDialog chat={chat} me={me} open={transferOpen} onOpenChange={setTransferOpen} />
      ) : null}
    </div>
  );
}
