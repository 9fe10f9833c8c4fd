import type { Me } from '@parley/contract';
import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { HistoryIcon, LockIcon, NoteIcon, UserIcon } from '../../../ui/icons.tsx';
import { useChat } from '../../chats/index.ts';
import { CommentsTab } from '../../comments/index.ts';
import { HistoryTab } from '../../history/index.ts';
import { useTicket } from '../../tickets/index.ts';
import { useCustomerRoom } from '../hooks/useCustomerRoom.ts';
import { useDigitTabShortcuts } from '../hooks/useDigitTabShortcuts.ts';
import { NotesTab } from './NotesTab.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../../../ui/Tabs.tsx';
import { UnverifiedNotice } from '../../../ui/UnverifiedNotice.tsx';
import { useSearch } from 'wouter';
import '../customers.css';

export const panelTabs = ['profile', 'notes', 'history', 'comments'] as const;
export type PanelTab = (typeof panelTabs)[number];
/** A closed chat's tabs: its comments were deleted when it closed, so the tab is not offered. */
const closedChatTabs: readonly PanelTab[] = panelTabs.filter((id) => id !== 'comments');

const tabContent: Record<
  PanelTab,
  { label: string; icon: ReactNode; empty: string; description: string }
> = {
  profile: {
    label: 'Profile',
    icon: <UserIcon size={20} />,
    empty: "Select a chat to see the customer's profile.",
    description: 'Name, number, email, language and custom fields, shared with every colleague.',
  },
  notes: {
    label: 'Notes',
    icon: <NoteIcon size={20} />,
    empty: 'Select a chat to see notes about its customer.',
    description: 'Notes stay with the customer, newest first, with Jira links and ticket numbers.',
  },
  history: {
    label: 'History',
    icon: <HistoryIcon size={20} />,
    empty: "Select a chat to see the customer's history.",
    description: 'Every earlier chat and ticket, newest first, with its agents and outcome.',
  },
  comments: {
    label: 'Comments',
    icon: <LockIcon size={20} />,
    empty: 'Select a live chat to see its comments.',
    description: 'Comments are internal: only staff can see them, and they end with the chat.',
  },
};

const emptyTab = (id: PanelTab) => (
  <EmptyState
    icon={tabContent[id].icon}
    title={tabContent[id].empty}
    description={tabContent[id].description}
  />
);

type ContextPanelProps = {
  /** The chat open in the conversation; the panel is about its customer. */
  chatId: string | null;
  me: Me;
  /** A ticket (its id is its conversation's) is read through `/api/tickets`; it has no comments. */
  kind?: 'chat' | 'ticket';
};

/** The customer context beside the conversation: Profile, Notes, History, Comments. */
export function ContextPanel({ chatId, me, kind = 'chat' }: ContextPanelProps) {
  const [tab, setTab] = useState<PanelTab>('profile');
  const chat = useChat(kind === 'chat' ? chatId : null);
  const closed = kind === 'chat' && chatId !== null && chat.data?.status === 'closed';
  const tabs: readonly PanelTab[] = closed ? closedChatTabs : panelTabs;
  // A tab that is not offered (key 4, a link to a comment) falls back to Profile.
  const shown = tabs.includes(tab) ? tab : 'profile';
  const select = useCallback(
    (next: PanelTab) => setTab(closed && next === 'comments' ? 'profile' : next),
    [closed],
  );
  useDigitTabShortcuts(panelTabs, select);
  // `?comment=<id>` (a mention from the bell) opens the Comments tab on that comment.
  const linkedComment = useLinkedComment(kind === 'chat' ? chatId : null);
  // Each new link selects Comments once; the reader may move to another tab after.
  const link = linkedComment ? `${chatId}|${linkedComment}` : null;
  const [followedLink, setFollowedLink] = useState<string | null>(null);
  if (link !== followedLink) {
    setFollowedLink(link);
    if (link) setTab('comments');
  }

  return (
    <aside className="pane context-panel" aria-label="Customer context">
      <Tabs
        className="context-panel__tabs"
        value={shown}
        onValueChange={(value) => select(value as PanelTab)}
      >
        <TabList aria-label="Customer context">
          {tabs.map((id, index) => (
            <Tab key={id} value={id} title={`${tabContent[id].label} (${index + 1})`}>
              {tabContent[id].label}
            </Tab>
          ))}
        </TabList>
        {closed ? <CommentsEnded linked={linkedComment !== null} /> : null}
        {chatId === null ? (
          panelTabs.map((id) => (
            <TabPanel key={id} value={id}>
              {emptyTab(id)}
            </TabPanel>
          ))
        ) : kind === 'ticket' ? (
          <TicketCustomer key={chatId} ticketId={chatId} me={me} />
        ) : (
          <ChatCustomer
            key={chatId}
            chatId={chatId}
            me={me}
            closed={closed}
            linkedComment={linkedComment}
          />
        )}
      </Tabs>
    </aside>
  );
}

/** The tabs for the open chat's customer; unknown until the chat has loaded. */
function ChatCustomer({
  chatId,
  me,
  closed,
  linkedComment,
}: {
  chatId: string;
  me: Me;
  closed: boolean;
  linkedComment: string | null;
}) {
  const chat = useChat(chatId);
  const customerId = chat.data?.customer.id;

  const pending = () =>
    chat.isPending ? (
      <div className="profile" role="status" aria-label="Loading the customer" aria-busy="true">
        <span className="skeleton skeleton--line" style={{ width: '60%' }} />
      </div>
    ) : (
      <ErrorState
        title="Couldn't load this chat's customer."
        error={chat.error}
        onRetry={() => void chat.refetch()}
        retrying={chat.isFetching}
      />
    );

  return (
    <>
      <TabPanel value="profile">
        {chat.data?.unverified ? <UnverifiedNotice /> : null}
        {customerId ? <ProfileTab key={customerId} customerId={customerId} /> : pending()}
      </TabPanel>
      <TabPanel value="notes">
        {customerId ? (
          <NotesTab key={customerId} customerId={customerId} chatId={chatId} />
        ) : (
          pending()
        )}
      </TabPanel>
      <TabPanel value="history">
        {customerId ? (
          <HistoryTab key={customerId} customerId={customerId} currentChatId={chatId} />
        ) : (
          pending()
        )}
      </TabPanel>
      {closed ? null : (
        <TabPanel value="comments">
          {chat.data ? (
            <CommentsTab
              key={chatId}
              chatId={chatId}
              chatStatus={chat.data.status}
              meId={me.id}
              highlightId={linkedComment}
            />
          ) : (
            pending()
          )}
        </TabPanel>
      )}
      {customerId ? <CustomerRoom customerId={customerId} me={me} /> : null}
    </>
  );
}

/** The comment a link asks for (`?comment=<id>`), for the open chat only. */
function useLinkedComment(chatId: string | null): string | null {
  const search = useSearch();
  return useMemo(() => {
    if (chatId === null) return null;
    const id = new URLSearchParams(search).get('comment');
    return id && id.length <= 100 ? id : null;
  }, [search, chatId]);
}

/**
 * Why a closed chat has no Comments tab, so nobody thinks something went missing; a link to one
 * of its comments is told calmly that the comment ended with the chat.
 */
function CommentsEnded({ linked }: { linked: boolean }) {
  return (
    <p className="context-panel__ended" role={linked ? 'status' : undefined}>
      <LockIcon size={12} />
      {linked
        ? 'The comment you were tagged in ended with the chat. Notes and history stay.'
        : 'Comments end with the chat. Notes and history stay.'}
    </p>
  );
}

/** The tabs for the open ticket's customer: as for a chat, but a ticket has no comments. */
function TicketCustomer({ ticketId, me }: { ticketId: string; me: Me }) {
  const ticket = useTicket(ticketId);
  const customerId = ticket.data?.customer.id;

  const pending = () =>
    ticket.isPending ? (
      <div className="profile" role="status" aria-label="Loading the customer" aria-busy="true">
        <span className="skeleton skeleton--line" style={{ width: '60%' }} />
      </div>
    ) : (
      <ErrorState
        title="Couldn't load this ticket's customer."
        error={ticket.error}
        onRetry={() => void ticket.refetch()}
        retrying={ticket.isFetching}
      />
    );

  return (
    <>
      <TabPanel value="profile">
        {customerId ? <ProfileTab key={customerId} customerId={customerId} /> : pending()}
      </TabPanel>
      <TabPanel value="notes">
        {customerId ? (
          <NotesTab key={customerId} customerId={customerId} chatId={ticketId} />
        ) : (
          pending()
        )}
      </TabPanel>
      <TabPanel value="history">
        {customerId ? (
          <HistoryTab key={customerId} customerId={customerId} currentChatId={ticketId} />
        ) : (
          pending()
        )}
      </TabPanel>
      <TabPanel value="comments">
        <EmptyState
          icon={tabContent.comments.icon}
          title="Tickets have no comments."
          description="Write a note on the customer instead: notes stay with them for every colleague."
        />
      </TabPanel>
      {customerId ? <CustomerRoom customerId={customerId} me={me} /> : null}
    </>
  );
}

/** Keeps the customer's cached profile and notes live while the panel shows them. */
function CustomerRoom({ customerId, me }: { customerId: string; me: Me }) {
  useCustomerRoom(customerId, me);
  return null;
}
