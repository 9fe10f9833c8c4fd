import type { Chat, Me } from '@parley/contract';
import type { ReactNode } from 'react';
import { FlagIcon } from '../../../ui/icons.tsx';
import { UnverifiedNotice } from '../../../ui/UnverifiedNotice.tsx';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import {
  channelLabels,
  customerLabel,
  formatPhone,
  statusLabels,
  statusTones,
  transferTarget,
} from '../../chats/index.ts';
import { ChatActions } from './ChatActions.tsx';

/** Who the customer is, where the chat stands, and what can be done with it. */
export function ConversationHeader({
  chat,
  me,
  start,
  end,
}: {
  chat: Chat;
  me: Me;
  start?: ReactNode;
  end?: ReactNode;
}) {
  const name = customerLabel(chat.customer);
  const phone = formatPhone(chat.customer.phone);
  const channel = channelLabels[chat.channel.kind];
  const owner =
    chat.assignee === null
      ? 'No agent yet'
      : chat.assignee.id === me.id
        ? 'With you'
        : `With ${chat.assignee.name}`;

  return (
    <>
      <header className="conversation__header">
        {start}
        <div className="conversation__who">
          <h2 className="conversation__name">
            {name}
            {chat.customer.name ? <span className="conversation__phone">{phone}</span> : null}
          </h2>
          <p className="conversation__facts">
            <span className={`chat-status chat-status--${chat.status}`}>
              <StatusDot tone={statusTones[chat.status]} />
              {statusLabels[chat.status]}
            </span>
            {chat.flagged ? (
              <span className="chat-status chat-status--flagged">
                <FlagIcon size={12} />
                Flagged
              </span>
            ) : null}
            <span>{owner}</span>
            {chat.transfer ? (
              <span className="chat-status chat-status--transferring">
                Transferring to {transferTarget(chat.transfer)}
              </span>
            ) : null}
            <span title={chat.channel.name}>{channel.long}</span>
            <span>{chat.department.name}</span>
          </p>
        </div>
        {/* The actions and the panel button wrap below the name together. */}
        {/* One wrapper whatever the width, so a change of layout never remounts the actions (and
            closes a dialog they hold open); without `end` it takes no room of its own. */}
        <div className={end ? 'conversation__end' : 'conversation__end conversation__end--bare'}>
          <ChatActions chat={chat} me={me} />
          {end}
        </div>
      </header>
      {chat.unverified ? <UnverifiedNotice /> : null}
    </>
  );
}
