import { AppearanceButton } from './AppearanceButton.tsx';
import type { Me } from '@parley/contract';
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'wouter';
import { viewsFor } from '../../features/chats/index.ts';
import type { DeskViewId } from '../../features/chats/index.ts';
import { canOpenAdmin } from '../../features/admin/index.ts';
import { AlertSettingsButton, NotificationPrompt } from '../../features/alerts/index.ts';
import { NotificationBell } from '../../features/notifications/index.ts';
import { AvailabilitySwitch, CurrentUser, SignOutButton } from '../../features/auth/index.ts';
import { TeamList } from '../../features/staff/index.ts';
import { Button } from '../../ui/Button.tsx';
import {
  AtIcon,
  ChatIcon,
  CheckCircleIcon,
  ClockIcon,
  EyeIcon,
  KeyboardIcon,
  QuoteIcon,
  QueueIcon,
  SettingsIcon,
  TicketIcon,
} from '../../ui/icons.tsx';
import { Logo } from '../../ui/Logo.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { ConnectionIndicator } from '../realtime/index.ts';

const viewIcons: Record<DeskViewId, ReactNode> = {
  live: <ChatIcon />,
  queue: <QueueIcon />,
  pending: <ClockIcon />,
  tagged: <AtIcon />,
  closed: <CheckCircleIcon />,
  tickets: <TicketIcon />,
  supervisor: <EyeIcon />,
};

type SidebarProps = {
  me: Me;
  /** The chat view on screen, 'admin' in the Admin area. */
  currentView: DeskViewId | 'admin' | 'canned-replies' | null;
  /** Unread or waiting counts per view; a view without a count shows none. */
  counts?: Partial<Record<DeskViewId, number>>;
  /** Folded to a rail of icons: each view's name is then its tooltip and accessible name. */
  collapsed?: boolean;
  onShowShortcuts: () => void;
};

/** In the rail a view's name shows on hover and focus; in the full sidebar it is already there. */
function RailTooltip({
  collapsed,
  label,
  children,
}: {
  collapsed: boolean;
  label: string;
  children: ReactElement;
}) {
  return collapsed ? (
    <Tooltip content={label} side="right">
      {children}
    </Tooltip>
  ) : (
    children
  );
}

export function Sidebar({
  me,
  currentView,
  counts = {},
  collapsed = false,
  onShowShortcuts,
}: SidebarProps) {
  return (
    <div className={collapsed ? 'sidebar sidebar--rail' : 'sidebar'}>
      <header className="sidebar__brand">
        <Logo size={22} />
        <span className="sidebar__product">Parley</span>
        <ConnectionIndicator />
        <NotificationBell />
      </header>

      <nav className="sidebar__nav" aria-label="Views">
        <ul className="nav">
          {viewsFor(me.role).map((view) => {
            const count = counts[view.id] ?? 0;
            const active = view.id === currentView;
            return (
              <li key={view.id}>
                <RailTooltip collapsed={collapsed} label={view.label}>
                  <Link
                    href={view.path}
                    className={active ? 'nav__link nav__link--active' : 'nav__link'}
                    aria-current={active ? 'page' : undefined}
                  >
                    <span className="nav__icon">{viewIcons[view.id]}</span>
                    <span className="nav__label">{view.label}</span>
                    {count > 0 ? (
                      <span className="nav__count">
                        {count}
                        <span className="visually-hidden">
                          {view.id === 'tickets' ? ' tickets waiting' : ' chats'}
                        </span>
                      </span>
                    ) : null}
                  </Link>
                </RailTooltip>
              </li>
            );
          })}
          <li className="nav__separated">
            <RailTooltip collapsed={collapsed} label="Canned replies">
              <Link
                href="/canned-replies"
                className={
                  currentView === 'canned-replies' ? 'nav__link nav__link--active' : 'nav__link'
                }
                aria-current={currentView === 'canned-replies' ? 'page' : undefined}
              >
                <span className="nav__icon">
                  <QuoteIcon />
                </span>
                <span className="nav__label">Canned replies</span>
              </Link>
            </RailTooltip>
          </li>
          {canOpenAdmin(me.role) ? (
            <li>
              <RailTooltip collapsed={collapsed} label="Admin">
                <Link
                  href="/admin"
                  className={currentView === 'admin' ? 'nav__link nav__link--active' : 'nav__link'}
                  aria-current={currentView === 'admin' ? 'page' : undefined}
                >
                  <span className="nav__icon">
                    <SettingsIcon />
                  </span>
                  <span className="nav__label">Admin</span>
                </Link>
              </RailTooltip>
            </li>
          ) : null}
        </ul>
      </nav>

      <TeamList meId={me.id} />
      <NotificationPrompt me={me} />

      <section className="sidebar__footer" aria-label="You">
        <CurrentUser me={me} />
        <AvailabilitySwitch me={me} />
        <div className="sidebar__actions">
          <SignOutButton />
          <AppearanceButton />
          <AlertSettingsButton />
          <Tooltip
            content={
              <>
                Keyboard shortcuts <kbd className="kbd kbd--on-dark">?</kbd>
              </>
            }
          >
            <Button
              variant="ghost"
              size="sm"
              className="icon-button"
              aria-label="Keyboard shortcuts"
              aria-keyshortcuts="Shift+?"
              onClick={onShowShortcuts}
            >
              <KeyboardIcon />
            </Button>
          </Tooltip>
        </div>
      </section>
    </div>
  );
}
