import type { Chat } from '@parley/contract';
import type { ComponentPropsWithRef } from 'react';
import { Link } from 'wouter';
import { AlertIcon, FlagIcon } from '../../../ui/icons.tsx';
import { absoluteTime, relativeTime, relativeTimeInWords } from '../../../ui/time.ts';
import {
  channelLabels,
  closureText,
  customerLabel,
  previewText,
  statusLabels,
  transferTarget,
} from '../format.ts';
import type { ChatMarker } from '../seen.ts';
import { ChannelBadge } from './ChannelBadge.tsx';

type ChatRowProps = {
  chat: Chat;
  href: string;
  open: boolean;
  marker: ChatMarker;
  meId: string;
  now: number;
  /** Lists of several people's chats show whose each one is. */
  showOwner: boolean;
  /** Lists that mix statuses show each chat's status as a word. */
  showStatus: boolean;
  /** The queue shows how long each customer has waited, from this moment, instead of activity. */
  waitingFrom?: string | null;
  /** Set by a virtual list: the row's place in it and the ref that measures it. */
  itemProps?: ComponentPropsWithRef<'li'> & { 'data-index'?: number };
};

export function ChatRow({
  chat,
  href,
  open,
  marker,
  meId,
  now,
  showOwner,
  showStatus,
  waitingFrom = null,
  itemProps,
}: ChatRowProps) {
  const name = customerLabel(chat.customer);
  const channel = channelLabels[chat.channel.kind];
  const preview = previewText(chat, meId);
  const statusShown = showStatus && chat.status !== 'live' ? statusLabels[chat.status] : null;
  const waiting =
    showOwner &&
    chat.status !== 'closed' &&
    chat.lastMessage?.direction === 'in' &&
    chat.lastCustomerActivityAt
      ? chat.lastCustomerActivityAt
      : null;
  const owner = chat.assignee?.name ?? 'Unassigned';

  const closure = closureText(chat);
  const transferring = chat.transfer ? `Transferring to ${transferTarget(chat.transfer)}` : null;

  // The name comes first, so moving through the list reads "Thandi Nkosi, unread, …".
  const label = [
    name,
    marker,
    chat.flagged ? 'flagged' : null,
    transferring?.toLowerCase(),
    statusShown?.toLowerCase(),
    showOwner ? owner : null,
    channel.long,
    chat.unverified ? 'unverified number' : null,
    waitingFrom
      ? `waiting ${waitedInWords(waitingFrom, now)}`
      : relativeTimeInWords(chat.lastActivityAt, now),
    closure,
    preview,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <li className="chat-list__item" {...itemProps}>
      <Link
        href={href}
        className="chat-row"
        data-chat-row=""
        data-marker={marker ?? undefined}
        aria-current={open ? 'page' : undefined}
        aria-label={label}
      >
        <span className="chat-row__marker" aria-hidden="true">
          {marker === 'unread' ? <span className="chat-row__dot" /> : null}
        </span>
        <span className="chat-row__body">
          <span className="chat-row__top">
            <span className="chat-row__name">{name}</span>
            {marker === 'new' ? <span className="pill pill--accent">New</span> : null}
            {marker === 'unread' ? <span className="visually-hidden">unread</span> : null}
            {waitingFrom ? (
              <time
                className="chat-row__time chat-row__time--waiting"
                dateTime={waitingFrom}
                title={`Waiting since ${absoluteTime(waitingFrom)}`}
              >
                {waitedFor(waitingFrom, now)}
              </time>
            ) : (
              <time
                className="chat-row__time"
                dateTime={chat.lastActivityAt}
                title={absoluteTime(chat.lastActivityAt)}
              >
                {relativeTime(chat.lastActivityAt, now)}
              </time>
            )}
          </span>
          <span className="chat-row__bottom">
            <span className="chat-row__preview">{preview}</span>
            {chat.flagged ? (
              <span className="chat-row__flag" title="Flagged">
                <FlagIcon size={13} />
              </span>
            ) : null}
            {transferring ? (
              <span className="pill pill--transferring" title={transferring}>
                {transferring}
              </span>
            ) : null}
            {statusShown ? (
              <span className={`pill pill--${chat.status}`}>{statusShown}</span>
            ) : null}
            {chat.unverified ? (
              <span className="pill pill--unverified" title="Unverified number">
                <AlertIcon size={11} />
                Unverified
              </span>
            ) : null}
            <ChannelBadge channel={chat.channel} />
          </span>
          {closure ? (
            <span className="chat-row__meta chat-row__closure" title={closure}>
              {closure}
            </span>
          ) : null}
          {showOwner ? (
            <span className="chat-row__meta">
              <span className="chat-row__owner">{owner}</span>
              {waiting ? (
                <span className="chat-row__waiting" title={absoluteTime(waiting)}>
                  waiting {relativeTime(waiting, now)}
                </span>
              ) : null}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

/** "0:42", "4:05", "1:02:10": a waiting customer's clock, to the second. */
export function waitedFor(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The same wait for screen readers, in whole minutes ("4 minutes", "under a minute"). */
function waitedInWords(since: string, now: number): string {
  const minutes = Math.floor(Math.max(0, now - Date.parse(since)) / 60_000);
  if (minutes < 1) return 'under a minute';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
