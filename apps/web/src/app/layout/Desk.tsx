import type { Me } from '@parley/contract';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, Redirect, useLocation, useRoute } from 'wouter';
import { AdminArea, canOpenAdmin } from '../../features/admin/index.ts';
import { titleWithCount, useAlerts } from '../../features/alerts/index.ts';
import { CannedRepliesPage } from '../../features/canned-replies/index.ts';
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
import { ArrowLeftIcon } from '../../ui/icons.tsx';
import { ListSkeleton } from '../../ui/ListSkeleton.tsx';
import { PanelButton, PanelDrawer, usePanelShortcut } from './PanelDrawer.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useDeskLayout } from './useDeskLayout.ts';

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
  const [paletteOpen, setPaletteOpen] = usePaletteShortcut();
  useStaffPresenceSync();
  useOwnPresenceSync();
  useChatSync(me);
  useTicketSync();
  const ticketCounts = useTicketCounts();
  const counts = { ...useViewCounts(), tickets: ticketCounts.data?.unassigned ?? 0 };
  const alertCount = useAlerts(me, openChatId);
  const layout = useDeskLayout();
  const [panelOpen, setPanelOpen] = useState(false);
  const openItemId = ticketTab ? openTicketId : openChatId;
  const panelIsDrawer = layout !== 'wide';
  const drawerOpen = panelIsDrawer && panelOpen && openItemId !== null && !inAdmin;
  const togglePanel = useCallback(() => setPanelOpen((open) => !open), []);
  const focusPanel = useCallback(() => {
    // Beside the conversation the panel is always there: the key moves focus into it.
    document
      .querySelector<HTMLElement>('.context-panel [role="tab"][aria-selected="true"]')
      ?.focus();
  }, []);
  usePanelShortcut(
    inAdmin || onSupervisorDesk || openItemId === null
      ? null
      : panelIsDrawer
        ? togglePanel
        : focusPanel,
  );

  useEffect(() => {
    // The Admin area and the canned replies page name their own pages; the count of chats
    // needing me leads either way.
    if (!inAdmin && !inCanned) document.title = view ? `${view.label} · Parley` : 'Parley';
    document.title = titleWithCount(document.title, alertCount);
  }, [view, inAdmin, inCanned, alertCount]);

  // `/`, unknown views, and views the role may not open all land on Live.
  if ((!view && !inAdmin && !inCanned) || (inAdmin && !canOpenAdmin(me.role)))
    return <Redirect to="/live" replace />;
  if (onTickets && !ticketTab) return <Redirect to="/tickets" replace />;

  // One pane at a time: the open chat's header leads back to its list.
  const backTo = (path: string, label: string) =>
    layout === 'narrow' ? (
      <Link
        href={path}
        className="button button--ghost button--sm icon-button"
        aria-label={`Back to ${label}`}
      >
        <ArrowLeftIcon />
      </Link>
    ) : null;
  const panelButton = panelIsDrawer ? (
    <PanelButton open={drawerOpen} onToggle={togglePanel} />
  ) : null;

  return (
    <div
      className={
        inAdmin || inCanned || onSupervisorDesk
          ? 'desk desk--admin'
          : ticketTab
            ? 'desk desk--tickets'
            : 'desk'
      }
      data-layout={layout}
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
        collapsed={layout !== 'wide'}
        onShowShortcuts={() => setShortcutsOpen(true)}
      />
      {inCanned ? (
        <main id="main" ref={mainRef} tabIndex={-1} className="desk__admin">
          <CannedRepliesPage me={me} />
        </main>
      ) : inAdmin || !view ? (
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
            {layout !== 'narrow' || openTicketId === null ? (
              <TicketListPane tab={ticketTab} me={me} openTicketId={openTicketId} />
            ) : null}
            <TicketPane
              ticketId={openTicketId}
              me={me}
              headerStart={backTo(`/tickets/${ticketTab.view}`, `${ticketTab.label} tickets`)}
              headerEnd={panelButton}
            />
          </main>
          {panelIsDrawer ? (
            <PanelDrawer open={drawerOpen} onOpenChange={setPanelOpen}>
              <ContextPanel chatId={openTicketId} me={me} kind="ticket" />
            </PanelDrawer>
          ) : (
            <ContextPanel chatId={openTicketId} me={me} kind="ticket" />
          )}
        </>
      ) : (
        <>
          <main id="main" ref={mainRef} tabIndex={-1} className="desk__main">
            {layout === 'narrow' && openChatId !== null ? null : view.id === 'supervisor' &&
              openChatId ? (
              <SupervisorChatsPane openChatId={openChatId} />
            ) : (
              <ChatListPane key={view.id} view={view} me={me} openChatId={openChatId} />
            )}
            {layout === 'narrow' && openChatId === null ? null : (
              <ConversationPane
                chatId={openChatId}
                me={me}
                headerStart={backTo(view.path, view.label)}
                headerEnd={panelButton}
              />
            )}
          </main>
          {panelIsDrawer ? (
            <PanelDrawer open={drawerOpen} onOpenChange={setPanelOpen}>
              <ContextPanel chatId={openChatId} me={me} />
            </PanelDrawer>
          ) : (
            <ContextPanel chatId={openChatId} me={me} />
          )}
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
