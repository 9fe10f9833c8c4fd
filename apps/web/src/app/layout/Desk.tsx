import type { Me } from '@parley/contract';
import { Suspense, useEffect, useRef } from 'react';
import { Redirect, useLocation, useRoute } from 'wouter';
import { AdminArea, canOpenAdmin } from '../../features/admin/index.ts';
import { titleWithCount, useAlerts } from '../../features/alerts/index.ts';
import { ChatListPane, findView, useChatSync, useViewCounts } from '../../features/chats/index.ts';
import { ConversationPane } from '../../features/conversation/index.ts';
import { ContextPanel } from '../../features/customers/index.ts';
import { useOwnPresenceSync } from '../../features/auth/index.ts';
import { DeskNotices } from '../../features/notifications/index.ts';
import { LazyCommandPalette, usePaletteShortcut } from '../../features/palette/index.ts';
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
import { ListSkeleton } from '../../ui/ListSkeleton.tsx';
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
  // The Supervisor desk takes the whole width until a chat is opened from it.
  const onSupervisorDesk = view?.id === 'supervisor' && openChatId === null;
  const mainRef = useRef<HTMLElement>(null);
  const [shortcutsOpen, setShortcutsOpen] = useShortcutsSheet();
  const [searchOpen, setSearchOpen] = useSearchShortcut();
  const [paletteOpen, setPaletteOpen] = usePaletteShortcut();
  useStaffPresenceSync();
  useOwnPresenceSync();
  useChatSync(me);
  useTicketSync();
  const ticketCounts = useTicketCounts();
  const counts = { ...useViewCounts(), tickets: ticketCounts.data?.unassigned ?? 0 };
  const alertCount = useAlerts(me, openChatId);

  useEffect(() => {
    // The Admin area names its own pages; the count of chats needing me leads either way.
    if (!inAdmin) document.title = view ? `${view.label} · Parley` : 'Parley';
    document.title = titleWithCount(document.title, alertCount);
  }, [view, inAdmin, alertCount]);

  // `/`, unknown views, and views the role may not open all land on Live.
  if ((!view && !inAdmin) || (inAdmin && !canOpenAdmin(me.role)))
    return <Redirect to="/live" replace />;
  if (onTickets && !ticketTab) return <Redirect to="/tickets" replace />;

  return (
    <div
      className={
        inAdmin || onSupervisorDesk ? 'desk desk--admin' : ticketTab ? 'desk desk--tickets' : 'desk'
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
        currentView={inAdmin ? 'admin' : (view?.id ?? null)}
        counts={counts}
        onShowShortcuts={() => setShortcutsOpen(true)}
      />
      {inAdmin || !view ? (
        <main id="main" ref={mainRef} tabIndex={-1} className="desk__admin">
          <Suspense fallback={<PageLoading />}>
            <AdminArea me={me} />
          </Suspense>
        </main>
      ) : onSupervisorDesk ? (
        <main id="main" ref={mainRef} tabIndex={-1} className="desk__admin">
          <Suspense fallback={<PageLoading />}>
            <SupervisorDeskPage />
          </Suspense>
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
      <LazyCommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} me={me} />
    </div>
  );
}

/** While a page's code arrives (the Admin area and the Supervisor desk load when first opened). */
function PageLoading() {
  return (
    <div className="desk__page-loading">
      <ListSkeleton rows={6} label="Loading the page" />
    </div>
  );
}
