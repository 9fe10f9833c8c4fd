import type { Me } from '@parley/contract';
import { useEffect, useRef } from 'react';
import { Redirect, useLocation, useRoute } from 'wouter';
import { AdminArea } from '../../features/admin/index.ts';
import { CannedRepliesPage } from '../../features/canned-replies/index.ts';
import { ChatListPane, findView, useChatSync, useViewCounts } from '../../features/chats/index.ts';
import { ConversationPane } from '../../features/conversation/index.ts';
import { ContextPanel } from '../../features/customers/index.ts';
import { useOwnPresenceSync } from '../../features/auth/index.ts';
import { DeskNotices } from '../../features/notifications/index.ts';
import { SearchDialog, useSearchShortcut } from '../../features/search/index.ts';
import { ShortcutsDialog, useShortcutsSheet } from '../../features/shortcuts/index.ts';
import { useStaffPresenceSync } from '../../features/staff/index.ts';
import { SupervisorChatsPane, SupervisorDeskPage } from '../../features/supervisor/index.ts';
import {
  findTicketTab,
  TicketListPane,
  TicketPane,
  ticketTabs,
  useTicketCounts,
  useTicketSync,
} from '../../features/tickets/index.ts';
import { TransferCards } from '../../features/transfers/index.ts';
import { Sidebar } from './Sidebar.tsx';

/** The signed-in desk: nav | chat list | conversation | context panel. */
export function Desk({ me }: { me: Me }) {
  const [, params] = useRoute('/:view/:chatId?');
  // Tickets have a tab in their path: `/tickets/<tab>/<ticketId>`.
  const [onTickets, ticketParams] = useRoute('/tickets/:tab?/:ticketId?');
  const view = findView(onTickets ? 'tickets' : params?.view, me.role);
  const ticketTab = onTickets ? findTicketTab(ticketParams.tab ?? ticketTabs[0]!.view) : undefined;
  const openTicketId = onTickets ? (ticketParams.ticketId ?? null) : null;
  const openChatId = onTickets ? null : (params?.chatId ?? null);
  const [location] = useLocation();
  const inAdmin = location === '/admin' || location.startsWith('/admin/');
  const inCanned = location === '/canned-replies';
  // The Supervisor desk takes the whole width until a chat is opened from it.
  const onSupervisorDesk = view?.id === 'supervisor' && openChatId === null;
  const mainRef = useRef<HTMLElement>(null);
  const [shortcutsOpen, setShortcutsOpen] = useShortcutsSheet();
  const [searchOpen, setSearchOpen] = useSearchShortcut();
  useStaffPresenceSync();
  useOwnPresenceSync();
  useChatSync(me);
  useTicketSync();
  const ticketCounts = useTicketCounts();
  const counts = { ...useViewCounts(), tickets: ticketCounts.data?.unassigned ?? 0 };

  useEffect(() => {
    // The Admin area names its own pages.
    if (inAdmin || inCanned) return;
    document.title = view ? `${view.label} · Parley` : 'Parley';
  }, [view, inAdmin, inCanned]);

  // `/`, unknown views, and views the role may not open all land on Live.
  if (!view && !inAdmin && !inCanned) return <Redirect to="/live" replace />;
  if (onTickets && !ticketTab) return <Redirect to="/tickets" replace />;

  return (
    <div
      className={
        inAdmin || inCanned || onSupervisorDesk
          ? 'desk desk--admin'
          : ticketTab
            ? 'desk desk--tickets'
            : 'desk'
      }
    >
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          // Focus moves without writing `#main` into the router's URL.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <Sidebar
        me={me}
        currentView={inAdmin ? 'admin' : inCanned ? 'canned-replies' : (view?.id ?? null)}
        counts={counts}
        onShowShortcuts={() => setShortcutsOpen(true)}
      />
      {inCanned ? (
        <main id="main" ref={mainRef} tabIndex={-1} className="desk__admin">
          <CannedRepliesPage me={me} />
        </main>
      ) : inAdmin || !view ? (
        <main id="main" ref={mainRef} tabIndex={-1} className="desk__admin">
          <AdminArea me={me} />
        </main>
      ) : onSupervisorDesk ? (
        <main id="main" ref={mainRef} tabIndex={-1} className="desk__admin">
          <SupervisorDeskPage />
        </main>
      ) : ticketTab ? (
        <>
          <main id="main" ref={mainRef} tabIndex={-1} className="desk__main">
            <TicketListPane tab={ticketTab} me={me} openTicketId={openTicketId} />
            <TicketPane ticketId={openTicketId} me={me} />
          </main>
          <ContextPanel chatId={openTicketId} me={me} kind="ticket" />
        </>
      ) : (
        <>
          <main id="main" ref={mainRef} tabIndex={-1} className="desk__main">
            {view.id === 'supervisor' && openChatId ? (
              <SupervisorChatsPane openChatId={openChatId} />
            ) : (
              <ChatListPane key={view.id} view={view} me={me} openChatId={openChatId} />
            )}
            <ConversationPane chatId={openChatId} me={me} />
          </main>
          <ContextPanel chatId={openChatId} me={me} />
        </>
      )}
      <TransferCards me={me} />
      <DeskNotices me={me} />
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <SearchDialog open={searchOpen} onOpenChange={setSearchOpen} />
    </div>
  );
}
