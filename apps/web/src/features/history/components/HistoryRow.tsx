import type { ChatHistoryItem, HistoryItem, TicketHistoryItem } from '@parley/contract';
import type { ReactNode } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { FlagIcon, TicketIcon } from '../../../ui/icons.tsx';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import { absoluteTime, relativeTime, relativeTimeInWords } from '../../../ui/time.ts';
import { channelLabels } from '../../chats/index.ts';
import { describeEvent } from '../../conversation/eventText.ts';
import {
  agentNames,
  messageCount,
  outcomeText,
  outcomeTone,
  ticketOutcomeText,
  ticketOutcomeTone,
  ticketReasonText,
} from '../format.ts';

type HistoryRowProps = {
  item: ChatHistoryItem;
  now: number;
  /** The chat open beside the panel: marked, and not opened again in a dialog. */
  current: boolean;
  onOpen: (item: ChatHistoryItem) => void;
};

/** The channel and day, the words that name a chat (or ticket) in buttons and dialog titles. */
export function chatName(item: HistoryItem): string {
  const what = item.kind === 'ticket' ? 'ticket' : 'chat';
  return `${channelLabels[item.channel.kind].long} ${what} of ${absoluteTime(item.createdAt)}`;
}

/**
 * A history row's first line: the kind (tickets say so), channel and when; then "This chat" for the
 * conversation open beside the panel, Open for one the viewer may read, or why they may not.
 */
function HistoryRowHead({
  item,
  now,
  current,
  kind,
  onOpen,
}: {
  item: HistoryItem;
  now: number;
  current: string | null;
  kind?: ReactNode;
  onOpen: () => void;
}) {
  return (
    <div className="history-row__head">
      <span className="history-row__when">
        {kind ? (
          <>
            {kind}
            {' · '}
          </>
        ) : null}
        <span className="history-row__channel">{channelLabels[item.channel.kind].long}</span>
        {' · '}
        <time dateTime={item.createdAt} title={absoluteTime(item.createdAt)}>
          {relativeTimeInWords(item.createdAt, now)}
        </time>
      </span>
      {current ? (
        <span className="pill">{current}</span>
      ) : item.canOpen ? (
        <Button
          size="sm"
          variant="ghost"
          className="history-row__open"
          aria-label={`Open the ${chatName(item)}`}
          onClick={onOpen}
        >
          Open
        </Button>
      ) : (
        <span className="history-row__locked">Only its agent can open it</span>
      )}
    </div>
  );
}

/** One earlier chat: when, channel, agents, outcome, flag, size, what happened last. */
export function HistoryRow({ item, now, current, onOpen }: HistoryRowProps) {
  const last = item.lastEvent;
  return (
    <li className="history-row" data-status={item.status}>
      <HistoryRowHead
        item={item}
        now={now}
        current={current ? 'This chat' : null}
        onOpen={() => onOpen(item)}
      />
      <div className="history-row__status">
        <StatusDot tone={outcomeTone(item.status)} />
        <span>{outcomeText(item)}</span>
        {item.flagged ? (
          <span className="pill pill--flagged history-row__flag">
            <FlagIcon size={11} /> Flagged
          </span>
        ) : null}
      </div>
      <div className="history-row__meta">
        {agentNames(item.agents)} · {messageCount(item.messageCount)}
      </div>
      {last ? (
        <div className="history-row__last">
          Last: {describeEvent({ ...last, id: '', chatId: item.id, customerId: '', seq: 0 })} ·{' '}
          <time dateTime={last.at} title={absoluteTime(last.at)}>
            {relativeTime(last.at, now)}
          </time>
        </div>
      ) : null}
    </li>
  );
}

type TicketHistoryRowProps = {
  item: TicketHistoryItem;
  now: number;
  /** The ticket open beside the panel: marked, and not opened again in a dialog. */
  current?: boolean;
  onOpen: (item: TicketHistoryItem) => void;
};

/** One of the customer's tickets: when, channel, why it became a ticket, status, assignee, size. */
export function TicketHistoryRow({ item, now, current = false, onOpen }: TicketHistoryRowProps) {
  return (
    <li className="history-row history-row--ticket" data-status={item.status}>
      <HistoryRowHead
        item={item}
        now={now}
        current={current ? 'This ticket' : null}
        kind={
          <span className="history-row__kind">
            <TicketIcon size={12} /> Ticket
          </span>
        }
        onOpen={() => onOpen(item)}
      />
      <div className="history-row__status">
        <StatusDot tone={ticketOutcomeTone(item.status)} />
        <span>{ticketOutcomeText(item)}</span>
      </div>
      <div className="history-row__meta">
        {ticketReasonText(item.reason)} · {item.assignee?.name ?? 'No agent'} ·{' '}
        {messageCount(item.messageCount)}
      </div>
    </li>
  );
}
