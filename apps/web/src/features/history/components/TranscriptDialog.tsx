import type { HistoryItem } from '@parley/contract';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { LockIcon } from '../../../ui/icons.tsx';
import { ConversationTimeline } from '../../conversation/components/ConversationTimeline.tsx';
import '../../conversation/conversation.css';
import {
  agentNames,
  messageCount,
  outcomeText,
  ticketOutcomeText,
  ticketReasonText,
} from '../format.ts';
import { chatName } from './HistoryRow.tsx';

type TranscriptDialogProps = {
  /** The chat or ticket to show; null keeps the dialog closed. */
  item: HistoryItem | null;
  onClose: () => void;
};

const noPending: never[] = [];
const ignore = () => undefined;

/**
 * An earlier chat as it happened, read-only: its messages with the events inline (assigned,
 * transferred, flagged, ended, closed…), older pages on scrolling up, and no composer. Esc closes.
 */
export function TranscriptDialog({ item: chat, onClose }: TranscriptDialogProps) {
  return (
    <Dialog
      open={chat !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      {chat ? (
        <DialogContent className="transcript">
          <header className="transcript__header">
            <div className="transcript__heading">
              <DialogTitle>The {chatName(chat)}</DialogTitle>
              <DialogDescription>{summary(chat)}</DialogDescription>
            </div>
            <DialogClose asChild>
              <Button size="sm" variant="ghost">
                Close
              </Button>
            </DialogClose>
          </header>
          <ConversationTimeline
            chatId={chat.id}
            source={chat.kind === 'ticket' ? 'tickets' : 'chats'}
            label={`Transcript of the ${chatName(chat)}`}
            // Nobody is "me" in a record: every staff message is signed with its author.
            meId=""
            pending={noPending}
            onRetry={ignore}
            onDiscard={ignore}
          />
          <p className="transcript__readonly">
            <LockIcon size={14} /> Read-only: the conversation as it happened. Nothing can be sent
            from here.
          </p>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

/** The line under the title: outcome, people and size. */
function summary(item: HistoryItem): string {
  if (item.kind === 'ticket')
    return [
      ticketOutcomeText(item),
      ticketReasonText(item.reason),
      messageCount(item.messageCount),
    ].join(' · ');
  return [
    outcomeText(item),
    ...(item.flagged ? ['Flagged'] : []),
    agentNames(item.agents),
    messageCount(item.messageCount),
  ].join(' · ');
}
