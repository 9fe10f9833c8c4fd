import type { Chat } from '@parley/contract';
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { FlagIcon } from '../../../ui/icons.tsx';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import { absoluteTime, clockTime } from '../../../ui/time.ts';
import {
  channelLabels,
  customerLabel,
  statusLabels,
  statusTones,
  useListKeyboard,
} from '../../chats/index.ts';
import { customerWaitingSince, waitDuration } from '../waiting.ts';

type DeskChatsTableProps = {
  chats: Chat[];
  now: number;
  /** Where a row leads: the chat, with the desk's filters kept for the way back. */
  hrefFor: (chat: Chat) => string;
  onOpen: (chat: Chat) => void;
};

/** Who an open transfer offer goes to, in words. */
export function transferTarget(chat: Chat): string | null {
  if (!chat.transfer) return null;
  return chat.transfer.toAgent?.name ?? chat.transfer.toDepartment?.name ?? 'another agent';
}

/**
 * The desk's chats, longest waiting first as the server sends them. Rows take focus (Tab, or
 * `j`/`k`) and open with Enter or a click.
 */
export function DeskChatsTable({ chats, now, hrefFor, onOpen }: DeskChatsTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useListKeyboard(bodyRef);

  return (
    <table className="sup-table">
      <caption className="visually-hidden">Open chats, longest waiting first</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col" className="sup-table__agent">
            Agent
          </th>
          <th scope="col" className="sup-table__wide sup-table__department">
            Department
          </th>
          <th scope="col" className="sup-table__status-col">
            Status
          </th>
          <th scope="col" className="sup-table__waiting">
            Waiting
          </th>
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {chats.map((chat) => (
          <DeskChatRow
            key={chat.id}
            chat={chat}
            now={now}
            href={hrefFor(chat)}
            onOpen={() => onOpen(chat)}
          />
        ))}
      </tbody>
    </table>
  );
}

function DeskChatRow({
  chat,
  now,
  href,
  onOpen,
}: {
  chat: Chat;
  now: number;
  href: string;
  onOpen: () => void;
}) {
  const name = customerLabel(chat.customer);
  const channel = channelLabels[chat.channel.kind];
  const waitingSince = customerWaitingSince(chat);
  const transferringTo = transferTarget(chat);
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
    event.preventDefault();
    onOpen();
  };

  return (
    <tr
      className="sup-table__row"
      tabIndex={0}
      data-chat-row=""
      data-chat-id={chat.id}
      onClick={(event) => {
        // The name's own link opens the chat (and a middle click, a new tab) by itself.
        if (event.target instanceof Element && event.target.closest('a')) return;
        onOpen();
      }}
      onKeyDown={onKeyDown}
    >
      <td className="sup-table__customer">
        <span className="sup-table__customer-inner">
          <Link href={href} className="sup-table__name" tabIndex={-1} title={name}>
            {name}
          </Link>
          {chat.flagged ? (
            <span className="sup-table__flag" title="Flagged">
              <FlagIcon size={13} />
              <span className="visually-hidden">Flagged</span>
            </span>
          ) : null}
          <span
            className="channel-badge"
            data-kind={chat.channel.kind}
            title={`${channel.long} · ${chat.channel.name}`}
          >
            <span aria-hidden="true">{channel.short}</span>
            <span className="visually-hidden">{channel.long}</span>
          </span>
        </span>
      </td>
      <td className={chat.assignee ? 'sup-table__agent' : 'sup-table__agent sup-table__meta'}>
        {chat.assignee?.name ?? 'Queue'}
      </td>
      <td
        className="sup-table__wide sup-table__meta sup-table__department"
        title={chat.department.name}
      >
        {chat.department.name}
      </td>
      <td>
        <span className="sup-table__status">
          <StatusDot tone={statusTones[chat.status]} />
          {statusLabels[chat.status]}
        </span>
        {transferringTo ? (
          <span className="sup-table__transfer">Transferring to {transferringTo}</span>
        ) : null}
      </td>
      <td className="sup-table__waiting">
        {waitingSince ? (
          <time dateTime={waitingSince} title={`Waiting since ${absoluteTime(waitingSince)}`}>
            {waitDuration(waitingSince, now)}
          </time>
        ) : chat.status === 'pending' && chat.pendingSince ? (
          // Staff wait on the customer here: a plain since-time, not a running clock.
          <span
            className="sup-table__meta sup-table__since"
            title="Pending: waiting on the customer, not on staff"
          >
            since{' '}
            <time dateTime={chat.pendingSince} title={absoluteTime(chat.pendingSince)}>
              {clockTime(chat.pendingSince)}
            </time>
          </span>
        ) : (
          <span className="sup-table__meta" title="Nobody is waiting for a reply">
            —
          </span>
        )}
      </td>
    </tr>
  );
}
